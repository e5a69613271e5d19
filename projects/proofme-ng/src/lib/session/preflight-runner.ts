import { InjectionToken } from '@angular/core';
import type { Observable } from 'rxjs';
import { ProofmeError, type ProofmeTarget } from 'proofme-ng/protocol';
import type { HandedSignalingConnection } from './signaling-socket';
import type { ProofmePreflightReport } from './preflight-report';

/** Runs a preflight; `withPreflight()` provides one. */
export interface ProofmePreflightRunner {
  run(target: ProofmeTarget): Observable<ProofmePreflightReport>;
  /**
   * @internal The open connection to `url` kept by a preflight that passed, once: `connect()` starts
   * its session from it instead of opening a second one.
   */
  claim?(url: string): HandedSignalingConnection | null;
}

/**
 * The preflight, when `withPreflight()` is among the features; `null` otherwise. A token rather
 * than a direct reference, so an app without preflight ships neither it nor HttpClient.
 */
export const PROOFME_PREFLIGHT = new InjectionToken<ProofmePreflightRunner | null>(ngDevMode ? 'PROOFME_PREFLIGHT' : '', {
  providedIn: 'root',
  factory: () => null,
});

/** The error (PROOFME_PREFLIGHT_NOT_PROVIDED) `ProofmeService.preflight()` and `<proofme-identification [preflight]>` give without `withPreflight()`; internal (`ɵpreflightNotProvided`). */
export function preflightNotProvided(): ProofmeError {
  return new ProofmeError('PROOFME_PREFLIGHT_NOT_PROVIDED', 'add withPreflight() to provideProofme() to run preflight checks.');
}
