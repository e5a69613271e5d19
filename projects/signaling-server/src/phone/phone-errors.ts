/** Why the phone simulator could not do what it was asked. */
export type PhoneSimulatorErrorCode =
  /** The deeplink is not a Proofme link, or names no server and no default was given. */
  | 'PROOFME_PHONE_INVALID_DEEPLINK'
  /** The server closed the socket before the `client` message: unknown, expired or taken channel. */
  | 'PROOFME_PHONE_REFUSED'
  /** No WebSocket: connection refused, or an HTTP error at the upgrade (e.g. 403, 429). */
  | 'PROOFME_PHONE_CONNECT_FAILED'
  /** No `client` message within the join timeout. */
  | 'PROOFME_PHONE_TIMEOUT'
  /** The server's first message was not a V2 `client` message for this channel. */
  | 'PROOFME_PHONE_PROTOCOL'
  /**
   * The server closed the phone with 4405 after its `result` or `leave` frame: it does not run in
   * simulator mode (start it with `--simulator`, or `simulator: true`).
   */
  | 'PROOFME_PHONE_SIMULATOR_MODE_OFF'
  /** A step that needs a joined, open phone was called before `join()` or after the socket closed. */
  | 'PROOFME_PHONE_NOT_JOINED';

/** An error from the phone simulator, with a stable code and, for refusals, the server's close code. */
export class PhoneSimulatorError extends Error {
  override readonly name = 'PhoneSimulatorError';

  constructor(
    readonly code: PhoneSimulatorErrorCode,
    message: string,
    /** For `PROOFME_PHONE_REFUSED`: the server's close code (1000 for an unknown channel). */
    readonly closeCode?: number,
  ) {
    super(message);
  }
}
