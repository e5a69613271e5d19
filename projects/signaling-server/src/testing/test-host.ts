import WebSocket from 'ws';
import {
  buildDeeplink,
  buildHostConnectUrl,
  HostMessage,
  parseSignalMessage,
  ServerMessage,
} from 'proofme-ng/protocol';
import { SocketClose, whenClosed } from '../client/socket-close';

/** A bare host page for tests and the benchmark: the channel it got and what the server sent since. */
export interface TestHost {
  readonly socket: WebSocket;
  /** The `host` message. */
  readonly host: HostMessage;
  /** The QR content for this channel, built with the library's `buildDeeplink`. */
  readonly deeplink: string;
  /** The next message (parsed with the library's `parseSignalMessage`); rejects on timeout or close. */
  next(timeoutMs?: number): Promise<ServerMessage>;
  /** Resolves with the server's close code. */
  readonly closed: Promise<SocketClose>;
  /** Closes from the page's side and waits for the close. */
  close(): Promise<SocketClose>;
}

/** Options of {@link connectTestHost}. */
export interface TestHostOptions {
  /** The `data` value; default a `proofme:` id. Give a raw string to test refusals. */
  readonly data?: string;
  /** An `Origin` header, as a browser page sends. */
  readonly origin?: string;
  readonly timeoutMs?: number;
}

const TEST_PROOFME_ID = 'b7264dd0-b9f4-479f-adc3-db7c3d0cdcf3';

/** Opens a host connection to `serverUrl` and waits for its `host` message. */
export async function connectTestHost(serverUrl: string, options: TestHostOptions = {}): Promise<TestHost> {
  const url =
    options.data === undefined
      ? buildHostConnectUrl(serverUrl, { proofmeId: TEST_PROOFME_ID })
      : `${serverUrl}/?channel=undefined&data=${encodeURIComponent(options.data)}`;
  const socket = new WebSocket(url, { headers: options.origin ? { origin: options.origin } : {}, perMessageDeflate: false });
  const closed = whenClosed(socket);
  const queue = new MessageQueue(socket, closed);
  socket.on('error', () => undefined); // failures surface as `close` / rejected `next()`
  const first = await queue.next(options.timeoutMs ?? 5000);
  if (first.type !== 'host') throw new Error(`Expected a host message, got ${first.type}.`);
  return {
    socket,
    host: first,
    deeplink: buildDeeplink(first.channelId, first.signalServer ?? serverUrl),
    next: (timeoutMs = 5000) => queue.next(timeoutMs),
    closed,
    close: () => {
      socket.close(1000);
      return closed;
    },
  };
}

// Buffers messages so none is lost between two `next()` calls.
class MessageQueue {
  private readonly buffered: ServerMessage[] = [];
  private waiter: ((message: ServerMessage) => void) | null = null;
  private ended: SocketClose | null = null;
  private failWaiter: ((error: Error) => void) | null = null;

  constructor(socket: WebSocket, closed: Promise<SocketClose>) {
    socket.on('message', (data) => {
      const parsed = parseSignalMessage(data.toString());
      if (!parsed.ok) {
        // A test must see this as a failure, not as a crash of the event loop.
        this.ended = { code: 0, reason: `invalid frame from the server: ${parsed.error.message}` };
        this.failWaiter?.(new Error(this.ended.reason));
        socket.terminate();
      } else if (this.waiter) this.waiter(parsed.message);
      else this.buffered.push(parsed.message);
    });
    void closed.then((close) => {
      this.ended ??= close;
      this.failWaiter?.(new Error(`Socket closed (${close.code} ${close.reason}) while waiting for a message.`));
    });
  }

  next(timeoutMs: number): Promise<ServerMessage> {
    const message = this.buffered.shift();
    if (message) return Promise.resolve(message);
    if (this.ended) return Promise.reject(new Error(`Socket ended (${this.ended.code} ${this.ended.reason}) with no message left.`));
    return new Promise((resolve, reject) => {
      const done = (): void => {
        clearTimeout(timer);
        this.waiter = null;
        this.failWaiter = null;
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`No message within ${timeoutMs} ms.`));
      }, timeoutMs);
      this.waiter = (value) => {
        done();
        resolve(value);
      };
      this.failWaiter = (error) => {
        done();
        reject(error);
      };
    });
  }
}
