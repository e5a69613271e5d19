import { InjectionToken } from '@angular/core';

/** What a component that can open sessions offers the components inside it. */
export interface ProofmeRestarter {
  /** Opens a new session (a new channel) for the same identification. */
  restart(): void;
}

/**
 * Provided by `<proofme-identification>`: lets its `<proofme-status>` offer "Try again" after a
 * failure. A failed session has ended (`refresh()` is a no-op), so only a component that can open
 * a new session can offer it; a status on its own cannot, and shows no button then.
 */
export const PROOFME_RESTARTER = new InjectionToken<ProofmeRestarter>(ngDevMode ? 'PROOFME_RESTARTER' : '');
