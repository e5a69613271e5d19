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
  /**
   * Phone wording: replaces a `status` line on phones and tablets, where the page is on the very
   * device that would scan, so "scan the QR code" is wrong. States without one use `status`.
   * `withLabels()` drops a bundled phone line when the same layer translates that state's `status`
   * line without giving a phone line: the translation is shown on phones too.
   */
  readonly handheld: Readonly<Partial<Record<ProofmeStateStatus, string>>>;
  /** The short title `<proofme-qr>` draws under its icon; `<proofme-status>` says the sentence. */
  readonly titles: Readonly<Partial<Record<ProofmeStateStatus, string>>>;
  /** The expiry countdown while a code is shown; `{time}` becomes whole minutes ("10 min"), then m:ss in the last minute. Calm: it renews by itself. */
  readonly validFor: string;
  /** The countdown to the next reconnect attempt; `{time}` becomes m:ss. */
  readonly retryIn: string;
  /** The button that starts the pending reconnect attempt at once. */
  readonly retryNow: string;
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
export type ProofmeLabelOverrides = Partial<Omit<ProofmeLabels, 'status' | 'errors' | 'preflight' | 'handheld' | 'titles'>> & {
  readonly status?: Partial<ProofmeLabels['status']>;
  readonly handheld?: ProofmeLabels['handheld'];
  readonly titles?: ProofmeLabels['titles'];
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
    handheld: handheldLayer(base, overrides),
    titles: { ...base.titles, ...overrides.titles },
    preflight: {
      ...base.preflight,
      ...overrides.preflight,
      failures: { ...base.preflight.failures, ...overrides.preflight?.failures },
    },
  };
}

/**
 * A layer that translates a state's `status` line but not its `handheld` line drops the phone line
 * below it: otherwise a German app would show its German sentence on desktops and the bundled
 * English phone sentence on phones.
 */
function handheldLayer(base: ProofmeLabels, overrides: ProofmeLabelOverrides): ProofmeLabels['handheld'] {
  const handheld: Partial<Record<ProofmeStateStatus, string>> = { ...base.handheld };
  for (const status of Object.keys(overrides.status ?? {}) as ProofmeStateStatus[]) {
    if (overrides.handheld?.[status] === undefined) delete handheld[status];
  }
  return { ...handheld, ...overrides.handheld };
}
