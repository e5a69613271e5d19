import type { WebSocketConstructor } from '../config/tokens';
import type { HostMessage, HostToServerMessage } from '../protocol';

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
 * A plain WebSocket rather than rxjs's `webSocket()`: a listener that can be swapped is all that is
 * needed, and an app then ships no WebSocketSubject.
 */
export interface SignalingSocket {
  /** Routes the socket's events to `listener` from now on. */
  listen(listener: SignalingSocketListener): void;
  /** Sends `message` as JSON; dropped unless the socket is open. */
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
  let socket: WebSocket | null = null;
  let lost: { code?: number } | null = null;
  const closed = (code?: number): void => {
    const to = current;
    current = null;
    lost ??= { code };
    to?.closed(code);
  };
  try {
    socket = new WebSocketCtor(url);
  } catch {
    // A URL the browser rejects: reported like a refused handshake, as rxjs's webSocket() did.
    closed();
  }
  if (socket) {
    socket.onopen = () => current?.opened();
    socket.onmessage = (event: MessageEvent) => current?.frame(event.data);
    // A browser fires `error` and then `close` 1006; the error is the one reported, without a code.
    socket.onerror = () => closed();
    socket.onclose = (event: CloseEvent) => closed(event.code);
  }
  return {
    listen(next) {
      // A socket that died before it changed hands tells its new holder at once.
      if (lost) next.closed(lost.code);
      else current = next;
    },
    send(message) {
      if (socket?.readyState === 1) socket.send(JSON.stringify(message));
    },
    close() {
      current = null;
      lost ??= {};
      // CONNECTING (0) or OPEN (1): close it; a socket that is closing or closed needs nothing.
      if (socket && socket.readyState <= 1) socket.close();
    },
  };
}
