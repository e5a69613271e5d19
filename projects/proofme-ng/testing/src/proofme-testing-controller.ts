import { Injectable } from '@angular/core';
import { WebSocketConstructor } from 'proofme-ng';
import { ProofmeError, type ProofmeTarget } from 'proofme-ng/protocol';
import { FakeWebSocket } from './fake-websocket';

/** A fixed channel, so tests can write the expected deeplink out. */
export const TEST_CHANNEL_ID = '2ab76357-bc82-4ec7-bc05-f0a2ee809e27';

/**
 * One signaling connection the page opened, seen from the server's side. Script it:
 * `host()`, `phoneConnected()`, `succeed()`, `fail()`, `phoneLeft()`, `drop()`…
 */
export class TestProofmeConnection {
  // Private: a connection wraps the kit's internal fake socket; tests get one from the controller.
  private constructor(private readonly socket: FakeWebSocket) {}

  /** @internal How the controller wraps the sockets the page opened. */
  static ɵwrap(socket: FakeWebSocket): TestProofmeConnection {
    return new TestProofmeConnection(socket);
  }

  /** The URL the page connected to. */
  get url(): string {
    return this.socket.url;
  }

  /** The `data` query value: `id:<uuid>` or `proofme:<uuid>`. */
  get data(): string | null {
    return new URL(this.url).searchParams.get('data');
  }

  /** True until the page or the server closes the connection. */
  get isOpen(): boolean {
    return this.socket.readyState !== FakeWebSocket.CLOSED;
  }

  /** The messages the page sent, parsed. */
  get sent(): unknown[] {
    return this.socket.sent.map((frame) => JSON.parse(frame));
  }

  /** Accepts the connection and sends `host`: the page can show its QR code. */
  host(channelId: string = TEST_CHANNEL_ID, signalServer: string | null = 'wss://api.proofme.id:443'): this {
    if (this.socket.readyState === FakeWebSocket.CONNECTING) this.socket.serverOpen();
    return this.send({
      type: 'host',
      success: true,
      channelId,
      ...(signalServer !== null && { signalServer }),
      message: `Host initialised ${channelId}`,
    });
  }

  /** Accepts the connection without sending anything (a server that never answers). */
  open(): this {
    this.socket.serverOpen();
    return this;
  }

  phoneConnected(): this {
    return this.send({ type: 'clientconnected', success: true });
  }

  succeed(message = 'IDENTIFICATION_SUCCESS'): this {
    return this.send({ type: 'result', success: true, message });
  }

  fail(message = 'IDENTIFICATION'): this {
    return this.send({ type: 'result', success: false, message });
  }

  phoneLeft(): this {
    return this.send({ type: 'disconnect' });
  }

  pong(): this {
    return this.send({ type: 'pong' });
  }

  /** Sends any frame: a string or binary data as it is (for malformed frames), anything else as JSON. */
  send(frame: unknown): this {
    const raw = typeof frame === 'string' || frame instanceof ArrayBuffer || ArrayBuffer.isView(frame);
    this.socket.serverSend(raw ? frame : JSON.stringify(frame));
    return this;
  }

  /** The connection dies without a close handshake (close code 1006). */
  drop(): this {
    this.socket.drop();
    return this;
  }

  /** The server closes the connection cleanly. */
  close(code = 1000, reason = ''): this {
    this.socket.serverClose(code, reason);
    return this;
  }
}

/**
 * Scripts the signaling server for tests, in the manner of `HttpTestingController`:
 * `expectHost()` takes the connection the page opened, `verify()` checks none was left unhandled.
 * Provided by `provideProofmeTesting()`.
 */
@Injectable()
export class ProofmeTestingController {
  private readonly sockets: FakeWebSocket[] = [];
  private readonly claimed = new WeakSet<FakeWebSocket>();
  private latest: TestProofmeConnection | null = null;

  /** The WebSocket constructor the library is given. */
  readonly webSocket: WebSocketConstructor = ((controller) =>
    class extends FakeWebSocket {
      constructor(url: string) {
        super(url, (socket) => controller.sockets.push(socket));
      }
    })(this) as unknown as WebSocketConstructor;

  /** Every connection the page opened, in order. */
  get connections(): readonly TestProofmeConnection[] {
    return this.sockets.map((socket) => TestProofmeConnection.ɵwrap(socket));
  }

  /** How many connections are still open (not closed by either side). */
  get openConnectionCount(): number {
    return this.sockets.filter((socket) => socket.readyState !== FakeWebSocket.CLOSED).length;
  }

  /**
   * Expects exactly one new connection the page opened (optionally for `target`) and returns it,
   * not yet accepted. "New": open, and not yet taken by an `expect…()` or `match()`.
   * @throws {ProofmeError} PROOFME_TESTING_EXPECTATION_FAILED when there are none or several, naming the open ones.
   */
  expectConnection(target?: ProofmeTarget): TestProofmeConnection {
    const matching = this.pendingMatching(target);
    if (matching.length !== 1) {
      throw new ProofmeError(
        'PROOFME_TESTING_EXPECTATION_FAILED',
        `Expected one open Proofme connection${describeTarget(target)}, found ${matching.length}. Open connections: ${this.describePending()}.`,
      );
    }
    this.claimed.add(matching[0]);
    this.latest = TestProofmeConnection.ɵwrap(matching[0]);
    return this.latest;
  }

  /** `expectConnection()` then `host()`: the page gets its channel. */
  expectHost(target?: ProofmeTarget, channelId?: string): TestProofmeConnection {
    return this.expectConnection(target).host(channelId);
  }

  /**
   * Expects that the page has no new connection (optionally for `target`): e.g. that a component
   * waits for a preflight, or does not reconnect after `close()`. Takes nothing.
   * @throws {ProofmeError} PROOFME_TESTING_EXPECTATION_FAILED when there is one, naming it.
   */
  expectNone(target?: ProofmeTarget): void {
    const matching = this.pendingMatching(target);
    if (matching.length > 0) {
      throw new ProofmeError(
        'PROOFME_TESTING_EXPECTATION_FAILED',
        `Expected no open Proofme connection${describeTarget(target)}, found ${matching.length}: ${matching.map((socket) => socket.url).join(', ')}.`,
      );
    }
  }

  /**
   * Every new connection (optionally for `target`), oldest first, possibly none; like
   * `HttpTestingController.match()`, it takes them, so `verify()` no longer reports them. Never throws.
   * `current` becomes the last one returned.
   */
  match(target?: ProofmeTarget): TestProofmeConnection[] {
    const connections = this.pendingMatching(target).map((socket) => {
      this.claimed.add(socket);
      return TestProofmeConnection.ɵwrap(socket);
    });
    if (connections.length > 0) this.latest = connections[connections.length - 1];
    return connections;
  }

  /**
   * The connection `expectConnection()`, `expectHost()` or `match()` returned last.
   * @throws {ProofmeError} PROOFME_TESTING_EXPECTATION_FAILED before any was.
   */
  get current(): TestProofmeConnection {
    if (!this.latest) {
      throw new ProofmeError('PROOFME_TESTING_EXPECTATION_FAILED', 'No Proofme connection was expected yet: call expectHost() first.');
    }
    return this.latest;
  }

  host(channelId?: string): TestProofmeConnection {
    return this.current.host(channelId);
  }
  phoneConnected(): TestProofmeConnection {
    return this.current.phoneConnected();
  }
  succeed(message?: string): TestProofmeConnection {
    return this.current.succeed(message);
  }
  fail(message?: string): TestProofmeConnection {
    return this.current.fail(message);
  }
  phoneLeft(): TestProofmeConnection {
    return this.current.phoneLeft();
  }
  drop(): TestProofmeConnection {
    return this.current.drop();
  }

  /**
   * Checks that every connection the page opened was taken by an `expect…()` or `match()`, including
   * one it has closed again since (a session opened by mistake and closed at once is still a bug).
   * @throws {ProofmeError} PROOFME_TESTING_EXPECTATION_FAILED naming the connections nobody took.
   */
  verify(): void {
    const unclaimed = this.sockets.filter((socket) => !this.claimed.has(socket));
    if (unclaimed.length > 0) {
      throw new ProofmeError(
        'PROOFME_TESTING_EXPECTATION_FAILED',
        `Unexpected Proofme connections: ${unclaimed.map((socket) => socket.url).join(', ')}.`,
      );
    }
  }

  /** Open connections no `expect…()` or `match()` took yet, for `target` (or any), oldest first. */
  private pendingMatching(target: ProofmeTarget | undefined): FakeWebSocket[] {
    const data = targetData(target);
    return this.pending().filter((socket) => !data || new URL(socket.url).searchParams.get('data') === data);
  }

  private pending(): FakeWebSocket[] {
    return this.sockets.filter((socket) => !this.claimed.has(socket) && socket.readyState !== FakeWebSocket.CLOSED);
  }

  private describePending(): string {
    return this.pending().map((socket) => socket.url).join(', ') || 'none';
  }
}

/** The `data` query value a target's connections carry: `id:<uuid>` or `proofme:<uuid>`. */
function targetData(target: ProofmeTarget | undefined): string | undefined {
  return target && ('identificationId' in target ? `id:${target.identificationId}` : `proofme:${target.proofmeId}`);
}

function describeTarget(target: ProofmeTarget | undefined): string {
  return target ? ` for data=${targetData(target)}` : '';
}
