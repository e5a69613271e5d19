import { ProofmeError } from 'proofme-ng/protocol';
/**
 * A WebSocket stand-in that the testing controller drives. It behaves like the browser's for the
 * parts rxjs's `webSocket` uses: the `on…` handlers, `readyState`, `send` and `close`.
 */
export class FakeWebSocket {
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSING = 2;
  static readonly CLOSED = 3;

  readyState = FakeWebSocket.CONNECTING;
  binaryType: 'blob' | 'arraybuffer' = 'blob';
  onopen: ((event: unknown) => void) | null = null;
  onmessage: ((event: { data: unknown }) => void) | null = null;
  onerror: ((event: unknown) => void) | null = null;
  onclose: ((event: { code: number; reason: string; wasClean: boolean }) => void) | null = null;
  /** Every frame the page sent, as text. */
  readonly sent: string[] = [];
  /** The close code the page used, when the page closed the socket. */
  closedByPageWith: number | undefined;

  constructor(
    readonly url: string,
    private readonly onCreate: (socket: FakeWebSocket) => void = () => undefined,
  ) {
    this.onCreate(this);
  }

  /** @throws {ProofmeError} PROOFME_TESTING_INVALID_SOCKET_STATE before open (a browser throws then too). */
  send(data: string): void {
    if (this.readyState !== FakeWebSocket.OPEN) throw new ProofmeError('PROOFME_TESTING_INVALID_SOCKET_STATE', 'FakeWebSocket: send() before open.');
    this.sent.push(data);
  }

  close(code = 1005, reason = ''): void {
    if (this.readyState === FakeWebSocket.CLOSED) return;
    this.closedByPageWith = code;
    this.finish(code, reason, true);
  }

  /** The server accepts the upgrade. */
  serverOpen(): void {
    this.assertState(FakeWebSocket.CONNECTING, 'open');
    this.readyState = FakeWebSocket.OPEN;
    this.onopen?.({ type: 'open' });
  }

  /** The server sends a text frame. */
  serverSend(data: unknown): void {
    this.assertState(FakeWebSocket.OPEN, 'send a frame on');
    this.onmessage?.({ data });
  }

  /** The server closes the connection cleanly with `code`. */
  serverClose(code = 1000, reason = ''): void {
    this.finish(code, reason, true);
  }

  /** The connection dies (network loss, server killed, or a refused handshake): `error`, then close 1006. */
  drop(): void {
    if (this.readyState === FakeWebSocket.CLOSED) return;
    this.onerror?.({ type: 'error' });
    this.finish(1006, '', false);
  }

  private finish(code: number, reason: string, wasClean: boolean): void {
    this.readyState = FakeWebSocket.CLOSED;
    this.onclose?.({ code, reason, wasClean });
  }

  /** @throws {ProofmeError} PROOFME_TESTING_INVALID_SOCKET_STATE: a test scripted what a real server could not do. */
  private assertState(expected: number, action: string): void {
    if (this.readyState !== expected) {
      throw new ProofmeError('PROOFME_TESTING_INVALID_SOCKET_STATE', `FakeWebSocket: cannot ${action} a socket in readyState ${this.readyState}.`);
    }
  }
}
