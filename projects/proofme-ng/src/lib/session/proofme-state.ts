/** Why a session stopped trying; stable codes to branch on and to search the docs for. */
export type ProofmeErrorCode =
  /** Every reconnect attempt failed. */
  | 'PROOFME_UNREACHABLE'
  /** The server accepted the connection but never sent the channel (`host` frame). */
  | 'PROOFME_CONNECT_TIMEOUT'
  /** The very first connection closed before it opened: the server is down or refused this origin. */
  | 'PROOFME_HANDSHAKE_REFUSED'
  /** The server announced a signal server the policy does not allow into a QR code. */
  | 'PROOFME_SIGNAL_SERVER_REFUSED'
  /**
   * The deeplink for the announced signal server is longer than a QR code holds at the configured
   * `qrErrorCorrectionLevel` (`QR_BYTE_CAPACITY`: 1,273 bytes at H). A new channel would be just
   * as long, so it is not retried: the server's address (or `deeplinkBase`) must get shorter.
   */
  | 'PROOFME_DEEPLINK_TOO_LONG'
  /** The server answered the host request with `success: false`, or closed cleanly before any channel. */
  | 'PROOFME_HOST_REFUSED'
  /** The identification or proofme id is not a UUID. */
  | 'PROOFME_INVALID_TARGET'
  /** This browser has no WebSocket. */
  | 'PROOFME_UNSUPPORTED';

/** Where a channel is: what the QR code shows and the phone joins. */
export interface ProofmeChannel {
  /** The channel the phone joins (a UUID the server chose). */
  readonly channelId: string;
  /** The link for the QR code and the "open in app" button. Built only from a validated server. */
  readonly deeplink: string;
  /** The validated server the phone connects to. */
  readonly signalServer: string;
}

/** The state of a session, as a discriminated union on `status`. */
export type ProofmeState =
  | { readonly status: 'connecting' }
  /**
   * The QR code is shown. `expiresAt` (epoch ms), when known, is when the server retires the
   * channel: from the `host` frame's `expiresAt` or the configured `channelTtlMs`. An unscanned
   * channel is replaced shortly before (`rotateBeforeExpiryMs`) by a new `ready`, with no state between.
   */
  | ({ readonly status: 'ready'; readonly expiresAt?: number } & ProofmeChannel)
  /** The phone joined; the QR code has done its job. */
  | ({ readonly status: 'scanned' } & ProofmeChannel)
  | { readonly status: 'succeeded'; readonly message: string }
  | { readonly status: 'failed'; readonly message: string }
  /** The phone left and the channel died; `refresh()` (or `autoRefresh`) opens a new one. */
  | { readonly status: 'phone-left'; readonly channelId: string }
  /** The server retired the unused channel (our signaling server's TTL); `refresh()` opens a new one. */
  | { readonly status: 'expired' }
  /**
   * The connection dropped; attempt `attempt` starts in `delayMs` ms, at `retryAt` (epoch ms).
   * `retryNow()` starts it at once (the state then repeats with `delayMs: 0`).
   */
  | { readonly status: 'reconnecting'; readonly attempt: number; readonly delayMs: number; readonly retryAt: number }
  /**
   * The browser reported it is offline (`offline` event): the connection was dropped and nothing
   * retries until the `online` event, which reconnects at once. `refresh()`/`retryNow()` try anyway.
   */
  | { readonly status: 'offline' }
  | { readonly status: 'closed' }
  | { readonly status: 'error'; readonly code: ProofmeErrorCode; readonly message: string };

/** A value of `ProofmeState['status']`. */
export type ProofmeStateStatus = ProofmeState['status'];

/** The outcome of an identification: what `result$` emits. */
export type ProofmeResult = Extract<ProofmeState, { status: 'succeeded' | 'failed' }>;

/** A failed outcome: `{ status: 'failed', message }`, the message as the phone's `result` frame gave it. */
export type ProofmeFailedResult = Extract<ProofmeState, { status: 'failed' }>;

/** True for states after which a session never connects again. */
export function isTerminalState(state: ProofmeState): boolean {
  return state.status === 'succeeded' || state.status === 'failed' || state.status === 'closed';
}

// Errors that a new attempt can cure; the others need a fix in the page, its config or the backend.
const RETRYABLE_ERRORS: readonly ProofmeErrorCode[] = ['PROOFME_UNREACHABLE', 'PROOFME_CONNECT_TIMEOUT', 'PROOFME_HANDSHAKE_REFUSED'];

/** True for states a user can leave with `refresh()`: a new channel, a new QR code. */
export function isRecoverableState(state: ProofmeState): boolean {
  return (
    state.status === 'phone-left' ||
    state.status === 'expired' ||
    state.status === 'offline' ||
    (state.status === 'error' && RETRYABLE_ERRORS.includes(state.code))
  );
}
