import type { Signal } from '@angular/core';
import type { Observable } from 'rxjs';
import type { ProofmeTarget, ProtocolError, ServerMessage } from 'proofme-ng/protocol';
import type { ProofmeResult, ProofmeState } from './proofme-state';

/**
 * One identification on one page: a signaling connection that yields a channel, a QR code, the
 * phone's progress and the result. Reconnects to a new channel when the connection drops.
 * Made by `ProofmeService.connect()`; ended by `close()`, by the `DestroyRef` it was bound to, or by
 * the injector that made it.
 *
 * Abstract so that it types what `connect()` returns, and `instanceof ProofmeSession` works, while
 * the socket-driven implementation and its constructor stay internal: `new ProofmeSession()` does
 * not compile. Tests script a session through `proofme-ng/testing`, not by constructing one.
 */
export abstract class ProofmeSession {
  /** What this session identifies with: `{ identificationId }` or `{ proofmeId }`, as given to `connect()`. */
  abstract readonly target: ProofmeTarget;
  /** The current state; a late subscriber gets it at once. Completes when the session ends. */
  abstract readonly state$: Observable<ProofmeState>;
  /** The current state as a signal. */
  abstract readonly state: Signal<ProofmeState>;
  /** The outcome: emits once (succeeded or failed), then completes. Completes empty if closed first. */
  abstract readonly result$: Observable<ProofmeResult>;
  /** Every well-formed message from the server. */
  abstract readonly messages$: Observable<ServerMessage>;
  /** Every frame that was rejected, and why. The session carries on regardless. */
  abstract readonly protocolErrors$: Observable<ProtocolError>;

  /**
   * Milliseconds until the shown channel expires while the state is `ready` with an `expiresAt`;
   * `null` otherwise. For a calm countdown next to the QR code: whole minutes (rounded up, so
   * `600_000` for 9 min 30 s) while more than a minute is left, whole seconds in the last minute, and
   * `0` once expired. It changes only when that value does (at most once a minute until the last),
   * from a timer outside the Angular zone, so an app waiting for a phone stays stable.
   */
  abstract readonly expiresInMs: Signal<number | null>;

  /** Drops the current channel and opens a new one: a new QR code. No-op once the session has ended. */
  abstract refresh(): void;

  /**
   * Starts the pending reconnect attempt now instead of at `retryAt`. From `expired`, `phone-left`,
   * `offline` or a retryable error it is `refresh()`, so one "Retry now" button serves them all.
   * Does nothing in other states.
   */
  abstract retryNow(): void;

  /** Ends the session: closes the socket, stops every timer, completes every stream. Idempotent. */
  abstract close(): void;
}
