import { InjectionToken } from '@angular/core';

/** What a component that can open sessions offers the components inside it. */
export interface ProofmeRestarter {
  /** Whether `restart()` can lead anywhere now; the status shows no "Try again" when it cannot. */
  canRestart(): boolean;
  /** Starts over after a failure: a new session, or a new identification asked of the app. */
  restart(): void;
}

/**
 * Provided by `<proofme-identification>`: lets its `<proofme-status>` offer "Try again" after a
 * failure. A failed session has ended (`refresh()` is a no-op), so only a component that can open
 * a new session can offer it; a status on its own cannot, and shows no button then.
 */
export const PROOFME_RESTARTER = new InjectionToken<ProofmeRestarter>(ngDevMode ? 'PROOFME_RESTARTER' : '');
