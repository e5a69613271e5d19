import { Directive, TemplateRef, inject } from '@angular/core';
import { ProofmeState } from 'proofme-ng';

/** What a custom status template gets: the state, its text, and the retry action. */
export interface ProofmeStatusContext {
  readonly $implicit: ProofmeState;
  /** The label for the state, from `PROOFME_LABELS`. */
  readonly text: string;
  /** True where `retry()` does something: phone left, expired, error. */
  readonly recoverable: boolean;
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
