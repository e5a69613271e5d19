import { ProofmeError } from 'proofme-ng/protocol';

/** An identification's lifecycle on Proofme's side. */
export type ProofmeIdentificationStatus = 'PENDING' | 'SUCCESS' | 'FAILED' | 'REVOKED';

/** What the browser may read of an identification (no personal data, ever). */
export interface ProofmeIdentificationSummary {
  readonly id: string;
  readonly organisationId: string;
  readonly proofmeId: string;
  readonly status: ProofmeIdentificationStatus;
}

/** The parts of a My Page configuration the library uses; the rest of the response is ignored. */
export interface ProofmeMyPageConfig {
  readonly organisationId: string;
  readonly title?: string;
  readonly url?: string;
  readonly color?: string;
  /** The public Proofme template the page offers, if any. */
  readonly proofme?: { readonly id: string; readonly name?: string; readonly organisationId?: string };
  /** The origin the configuration is registered for, as Proofme echoes it. */
  readonly domain: string;
}

/** Why an API call failed, as a stable code. */
export type ProofmeApiErrorCode =
  /** The network failed or the API did not answer. */
  | 'PROOFME_API_UNREACHABLE'
  /** Proofme answered 404 (`MY_PAGE_NOT_FOUND`, `IDENTIFICATION_NOT_FOUND`). */
  | 'PROOFME_API_NOT_FOUND'
  /** Proofme answered, but not in the documented shape. */
  | 'PROOFME_API_INVALID_RESPONSE'
  /** The id given is not a UUID, so it was never sent. */
  | 'PROOFME_API_INVALID_ID'
  /** Any other HTTP error. */
  | 'PROOFME_API_ERROR';

/**
 * A failed Proofme REST call: what `ProofmeApi`'s Observables error with. A `ProofmeError`, so one
 * `instanceof ProofmeError` catches everything the library throws; `code` narrows to the API codes.
 */
export class ProofmeApiError extends ProofmeError {
  declare readonly code: ProofmeApiErrorCode;

  constructor(
    code: ProofmeApiErrorCode,
    message: string,
    /** The HTTP status, when there was a response. */
    readonly status?: number,
    /** Proofme's own error code from the body (e.g. `IDENTIFICATION_NOT_FOUND`), cut to 64 characters. */
    readonly serverCode?: string,
  ) {
    super(code, message);
    // Unprefixed, as before ProofmeError: preflight reports quote it to the user as the reason.
    this.message = message;
    this.name = 'ProofmeApiError';
  }
}
