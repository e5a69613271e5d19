import { Directive, TemplateRef, inject } from '@angular/core';
import { ProofmeState } from 'proofme-ng';

/** The one action a state offers: see `ProofmeStatusContext.action`. */
export type ProofmeStatusAction = 'retry-now' | 'refresh' | 'restart';

/** What a custom status template gets: the state, its text, its countdown and its one action. */
export interface ProofmeStatusContext {
  readonly $implicit: ProofmeState;
  /** The label for the state, from `PROOFME_LABELS` (phone wording on phones and tablets). */
  readonly text: string;
  /** The server's own words for a failure, when it gave a sentence (plain text, bind it as text); else null. */
  readonly reason: string | null;
  /**
   * The countdown line, or null: `validFor` while a code with a known expiry is shown ("Code valid
   * for 10 min", m:ss in the last minute), `retryIn` while reconnecting (m:ss, updated each second).
   */
  readonly countdown: string | null;
  /**
   * What `retry()` does now, or null when it does nothing: `retry-now` (reconnecting: the pending
   * attempt at once), `refresh` (phone left, expired, offline, a retryable error: a new channel),
   * `restart` (a failure, inside `<proofme-identification>` only: see its `tryAgain`).
   */
  readonly action: ProofmeStatusAction | null;
  /** The button text for `action` ("Retry now", "New QR code", "Try again"); null without one. */
  readonly actionLabel: string | null;
  /** True for states a new channel recovers from (phone left, expired, offline, a retryable error). */
  readonly recoverable: boolean;
  /** Runs `action`; a no-op when it is null. Moves focus to the status, as the button is gone with its state. */
  readonly retry: () => void;
}

/**
 * Replaces the look of `<proofme-status>`:
 * `<proofme-status [session]="s"><ng-template proofmeStatus let-state let-text="text">…</ng-template></proofme-status>`.
 */
@Directive({ selector: 'ng-template[proofmeStatus]' })
export class ProofmeStatusTemplate {
  readonly template = inject<TemplateRef<ProofmeStatusContext>>(TemplateRef);

  static ngTemplateContextGuard(_directive: ProofmeStatusTemplate, context: unknown): context is ProofmeStatusContext {
    return true;
  }
}
