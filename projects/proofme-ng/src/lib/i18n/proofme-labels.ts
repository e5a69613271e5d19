import type { ProofmePreflightFailure } from '../session/preflight-report';
import { ProofmeErrorCode, ProofmeStateStatus } from '../session/proofme-state';

/** Every text the components show or announce. Plain text only: never HTML. */
export interface ProofmeLabels {
  /** One line per session state, shown by `<proofme-status>` and announced on change. */
  readonly status: Readonly<Record<ProofmeStateStatus, string>>;
  /**
   * For the `error` state: a line per error code that `<proofme-status>` shows instead of
   * `status.error` (which says the service is unreachable). Codes without one use `status.error`.
   */
  readonly errors: Readonly<Partial<Record<ProofmeErrorCode, string>>>;
  /** The accessible name of the QR code while it can be scanned. */
  readonly qrCode: string;
  /** The accessible name of the QR area while there is no code to scan. */
  readonly qrPlaceholder: string;
  /** Drawn over a scanned QR code. */
  readonly continueOnPhone: string;
  /** The button that asks for a new QR code. */
  readonly refresh: string;
  /** The button that retries after an error. */
  readonly retry: string;
  /** The mobile button. */
  readonly openInApp: string;
  /** What `<proofme-identification>` shows while its preflight runs, and when a check fails. */
  readonly preflight: {
    readonly checking: string;
    readonly title: string;
    readonly retry: string;
    /** Per failure: what is wrong, and what to do about it. */
    readonly failures: Readonly<Record<ProofmePreflightFailure, { readonly message: string; readonly instructions: string }>>;
  };
}

/** A partial set of labels: what `withLabels()` takes to override some texts. */
export type ProofmeLabelOverrides = Partial<Omit<ProofmeLabels, 'status' | 'errors' | 'preflight'>> & {
  readonly status?: Partial<ProofmeLabels['status']>;
  readonly errors?: ProofmeLabels['errors'];
  readonly preflight?: Partial<Omit<ProofmeLabels['preflight'], 'failures'>> & {
    readonly failures?: Partial<ProofmeLabels['preflight']['failures']>;
  };
};

/** Not exported from the entry point: lays `overrides` over `base`, state texts one by one. */
export function mergeLabels(base: ProofmeLabels, overrides: ProofmeLabelOverrides): ProofmeLabels {
  return {
    ...base,
    ...overrides,
    status: { ...base.status, ...overrides.status },
    errors: { ...base.errors, ...overrides.errors },
    preflight: {
      ...base.preflight,
      ...overrides.preflight,
      failures: { ...base.preflight.failures, ...overrides.preflight?.failures },
    },
  };
}
