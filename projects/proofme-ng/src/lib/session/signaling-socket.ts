import { webSocket } from 'rxjs/webSocket';
import type { WebSocketConstructor } from '../config/tokens';
import type { HostMessage, HostToServerMessage } from 'proofme-ng/protocol';

/** What a signaling socket reports to whoever holds it. */
export interface SignalingSocketListener {
  opened(): void;
  /** A frame's data, unparsed: parsing happens at the edge, where a bad frame is an event, not an exception. */
  frame(data: unknown): void;
  /** The socket closed (with the close frame's code) or failed (no code). Reported once. */
  closed(code?: number): void;
}

/**
 * @internal One signaling WebSocket whose events go to one listener at a time, so that it can
 * change hands: the preflight's probe becomes a session's connection (one handshake, not two).
 * The socket is rxjs's `webSocket()`; only where its events go can change.
 */
export interface SignalingSocket {
  /** Routes the socket's events to `listener` from now on. */
  listen(listener: SignalingSocketListener): void;
  /** Sends `message` as JSON (rxjs's `webSocket()` holds it until the socket is open). */
  send(message: HostToServerMessage): void;
  /** Closes the socket, also while it is still opening. Idempotent; nothing is reported after it. */
  close(): void;
}

/** @internal An open socket that has its channel, handed to a new session with the `host` frame it received. */
export interface HandedSignalingConnection {
  readonly socket: SignalingSocket;
  readonly host: HostMessage;
}

/** @internal Opens `url`. Call outside the Angular zone: the socket's listeners are registered where it is made. */
export function openSignalingSocket(url: string, WebSocketCtor: WebSocketConstructor, listener: SignalingSocketListener): SignalingSocket {
  let current: SignalingSocketListener | null = listener;
  let lost: { code?: number } | null = null;
  const closed = (code?: number): void => {
    const to = current;
    current = null;
    lost ??= { code };
    to?.closed(code);
  };
  const subject = webSocket<unknown>({
    url,
    WebSocketCtor,
    // Raw text in, parsed at the edge: rxjs's default JSON.parse would error the stream on a bad frame.
    deserializer: (event) => event.data,
    openObserver: { next: () => current?.opened() },
    // The close event carries the code; the error or completion rxjs sends after it adds nothing.
    closeObserver: { next: (event) => closed(event.code) },
  });
  // A constructor that throws (a URL the browser rejects) errors this subscription: a refused handshake.
  const subscription = subject.subscribe({
    next: (data) => current?.frame(data),
    error: () => closed(),
    complete: () => closed(),
  });
  return {
    listen(next) {
      // A socket that died before it changed hands tells its new holder at once.
      if (lost) next.closed(lost.code);
      else current = next;
    },
    send(message) {
      if (!lost) subject.next(message);
    },
    close() {
      current = null;
      lost ??= {};
      // Unsubscribing closes the socket, even while it is still connecting.
      subscription.unsubscribe();
    },
  };
}
