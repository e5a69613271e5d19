/**
 * The code of an error the library throws (or errors an Observable with): stable, to branch on and
 * to search the docs for. Separate from `ProofmeErrorCode`, which names why a session *state* is
 * `error`: a session reports trouble through its state and never throws.
 */
export type ProofmeThrownErrorCode =
  /** `provideProofme()` (or `resolveProofmeConfig()`) was given a value it cannot use. */
  | 'PROOFME_INVALID_CONFIG'
  /** `connect()` was given a `DestroyRef` (or an `injector`) that is already destroyed. */
  | 'PROOFME_DESTROYED'
  /** A component was given more than one of `identificationId`, `proofmeId` and `session` (dev mode). */
  | 'PROOFME_INVALID_INPUTS'
  /** A preflight was asked for without `withPreflight()` in `provideProofme()`. */
  | 'PROOFME_PREFLIGHT_NOT_PROVIDED'
  /** An `identificationId` or `proofmeId` is not a UUID. */
  | 'PROOFME_INVALID_TARGET'
  /** A channel id is not a UUID. */
  | 'PROOFME_INVALID_CHANNEL'
  /** A signaling or signal-server URL is not a `ws:`/`wss:` URL, or has a fragment. */
  | 'PROOFME_INVALID_URL'
  /** A case the types rule out happened anyway: a bug in proofme-ng; please report it. */
  | 'PROOFME_INTERNAL'
  /** `ProofmeApi`: see `ProofmeApiErrorCode`. */
  | 'PROOFME_API_UNREACHABLE'
  | 'PROOFME_API_NOT_FOUND'
  | 'PROOFME_API_INVALID_RESPONSE'
  | 'PROOFME_API_INVALID_ID'
  | 'PROOFME_API_ERROR'
  /** `proofme-ng/testing`: an `expect…()`/`verify()` of `ProofmeTestingController` did not hold. */
  | 'PROOFME_TESTING_EXPECTATION_FAILED'
  /** `proofme-ng/testing`: a harness was asked to use an element its component does not show now. */
  | 'PROOFME_TESTING_NO_ELEMENT'
  /** `proofme-ng/testing`: the fake socket was used in a `readyState` a real one would reject. */
  | 'PROOFME_TESTING_INVALID_SOCKET_STATE';

/**
 * What proofme-ng throws: an `Error` with a stable `code`. The message starts with `[proofme-ng] CODE:`
 * and says how to fix it. Branch on `code` (or `instanceof ProofmeError`), never on the message.
 */
export class ProofmeError extends Error {
  constructor(
    /** Why, as a stable code. */
    readonly code: ProofmeThrownErrorCode,
    /** What went wrong and how to fix it; prefixed with the code. */
    detail: string,
  ) {
    super(`[proofme-ng] ${code}: ${detail}`);
    this.name = 'ProofmeError';
  }
}
