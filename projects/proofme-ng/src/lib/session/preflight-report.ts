import type { ProofmeErrorCode } from './proofme-state';

/** The parts a preflight checks, in order. */
export type ProofmePreflightCheckName = 'websocket' | 'signaling' | 'my-page' | 'identification';

/**
 * Why a preflight check failed; each has a text and instructions in `PROOFME_LABELS`. The
 * connection failures use the session's codes (`ProofmeErrorCode`) for the same conditions; the
 * `IDENTIFICATION_*` ones are Proofme's own.
 */
export type ProofmePreflightFailure =
  | Exclude<ProofmeErrorCode, 'PROOFME_UNREACHABLE'>
  | 'PROOFME_API_UNREACHABLE'
  | 'PROOFME_MY_PAGE_NOT_FOUND'
  | 'IDENTIFICATION_NOT_FOUND'
  | 'IDENTIFICATION_WRONG_ORGANISATION'
  | 'IDENTIFICATION_ALREADY_FINISHED';

/** One check's outcome. `detail` is for developers (English); pages show the labels instead. */
export type ProofmePreflightCheck =
  | { readonly name: ProofmePreflightCheckName; readonly status: 'passed'; readonly detail: string }
  | { readonly name: ProofmePreflightCheckName; readonly status: 'skipped'; readonly detail: string }
  | {
      readonly name: ProofmePreflightCheckName;
      readonly status: 'failed';
      readonly failure: ProofmePreflightFailure;
      readonly detail: string;
    };

/** Every check's outcome; `ok` when none failed. */
export interface ProofmePreflightReport {
  readonly ok: boolean;
  readonly checks: readonly ProofmePreflightCheck[];
  /** The first failed check: the one to tell the user about. */
  readonly failure?: Extract<ProofmePreflightCheck, { status: 'failed' }>;
}

/** Builds a report from its checks. */
export function preflightReport(checks: readonly ProofmePreflightCheck[]): ProofmePreflightReport {
  const failure = checks.find((check): check is Extract<ProofmePreflightCheck, { status: 'failed' }> => check.status === 'failed');
  return { ok: !failure, checks, ...(failure && { failure }) };
}
