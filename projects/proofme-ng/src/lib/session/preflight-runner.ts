import { InjectionToken } from '@angular/core';
import type { Observable } from 'rxjs';
import type { ProofmeTarget } from 'proofme-ng/protocol';
import type { ProofmePreflightReport } from './preflight-report';

/** Runs a preflight; `withPreflight()` provides one. */
export interface ProofmePreflightRunner {
  run(target: ProofmeTarget): Observable<ProofmePreflightReport>;
}

/**
 * The preflight, when `withPreflight()` is among the features; `null` otherwise. A token rather
 * than a direct reference, so an app without preflight ships neither it nor HttpClient.
 */
export const PROOFME_PREFLIGHT = new InjectionToken<ProofmePreflightRunner | null>(ngDevMode ? 'PROOFME_PREFLIGHT' : '', {
  providedIn: 'root',
  factory: () => null,
});

/** The error `ProofmeService.preflight()` gives without `withPreflight()`; internal (`ɵpreflightNotProvided`). */
export function preflightNotProvided(): Error {
  return new Error(
    '[proofme-ng] PROOFME_PREFLIGHT_NOT_PROVIDED: add withPreflight() to provideProofme() to run preflight checks.',
  );
}
