import { Signal } from '@angular/core';
import { toObservable } from '@angular/core/rxjs-interop';
import { EMPTY, Observable, switchMap } from 'rxjs';
import { ProofmeResult, ProofmeSession, ProofmeState } from 'proofme-ng';

/** The state changes and the result of whichever session `session` holds, for a component's outputs. */
export function sessionStreams(session: Signal<ProofmeSession | null>): {
  readonly states: Observable<ProofmeState>;
  readonly results: Observable<ProofmeResult>;
} {
  const session$ = toObservable(session);
  return {
    states: session$.pipe(switchMap((s) => s?.state$ ?? EMPTY)),
    results: session$.pipe(switchMap((s) => s?.result$ ?? EMPTY)),
  };
}

/** The deeplink to show, while the session has one. */
export function deeplinkOf(state: ProofmeState): string | null {
  return state.status === 'ready' || state.status === 'scanned' ? state.deeplink : null;
}

/** What a component shows before it has a session. */
export const NO_SESSION_STATE: ProofmeState = { status: 'connecting' };
