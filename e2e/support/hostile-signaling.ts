import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import WebSocket, { WebSocketServer } from 'ws';

/**
 * How the server treats each new host connection.
 * - `steady`: a channel, and a `pong` for every `ping` (a healthy server).
 * - `mute`: a channel, then nothing at all, ever (a server that predates ping/pong).
 * - `flap`: a channel, then the socket is cut, every time (a server that crashes after each accept).
 */
export type HostileMode = 'steady' | 'mute' | 'flap';

/** One host connection as this server saw it. */
export interface HostileConnection {
  /** Server time (epoch ms) of the upgrade. */
  readonly at: number;
  readonly channelId: string;
  readonly socket: WebSocket;
  /** The `expiresAt` its `host` frame carried (the page's time), if any. */
  expiresAt: number | undefined;
  /** `ping` frames received. */
  pings: number;
  /** Pongs sent back. */
  pongs: number;
  /** Who ended it: the page (a close frame from the client), the server, or nobody yet. */
  endedBy: 'client' | 'server' | null;
  /** Server time (epoch ms) the connection ended. */
  endedAt: number | null;
}

export interface HostileOptions {
  readonly mode: HostileMode;
  /**
   * The `expiresAt` to put in each `host` frame, asked per connection (the page's clock may be
   * faked ahead of this process's clock, so only the test knows what "20 s from now" is there).
   */
  readonly expiresAt?: () => number | undefined;
}

/**
 * A signaling server on 127.0.0.1 that speaks just enough of the protocol (`host`, `pong`) to put a
 * page into the states a real server reaches only by failing: cut sockets, silent sockets, a
 * restart on the same port. Every connection is recorded for the test to count and time.
 */
export class HostileSignaling {
  readonly connections: HostileConnection[] = [];
  mode: HostileMode;
  /** While set, every socket (open or new) is read but never answered, and stays open. */
  private silent = false;
  private server: WebSocketServer | null = null;
  private readonly waiters = new Set<() => void>();
  private readonly cutByServer = new WeakSet<WebSocket>();

  private constructor(
    private readonly options: HostileOptions,
    private port: number,
  ) {
    this.mode = options.mode;
  }

  /** Starts listening on 127.0.0.1 (a free port). */
  static async start(options: HostileOptions): Promise<HostileSignaling> {
    const server = new HostileSignaling(options, 0);
    await server.listen();
    return server;
  }

  /** What `?signal=` points the demo at; also what `host` frames announce, so the page's policy accepts it. */
  get url(): string {
    return `ws://127.0.0.1:${this.port}`;
  }

  /** From now on nothing is answered on any socket, and no socket is closed: a black hole. */
  blackHole(): void {
    this.silent = true;
  }

  /** Connections whose socket is still open. */
  open(): HostileConnection[] {
    return this.connections.filter((connection) => connection.endedBy === null);
  }

  /** Resolves once `count` connections have been made in all; rejects after `timeoutMs`. */
  async waitForConnections(count: number, timeoutMs = 10_000): Promise<void> {
    await this.waitUntil(() => this.connections.length >= count, timeoutMs, `${count} connection(s), saw ${this.connections.length}`);
  }

  /** Resolves once `predicate` holds after some connection event; rejects after `timeoutMs`. */
  async waitUntil(predicate: () => boolean, timeoutMs: number, what: string): Promise<void> {
    if (predicate()) return;
    await new Promise<void>((resolve, reject) => {
      const check = (): void => {
        if (!predicate()) return;
        clearTimeout(timer);
        this.waiters.delete(check);
        resolve();
      };
      const timer = setTimeout(() => {
        this.waiters.delete(check);
        reject(new Error(`HostileSignaling: timed out waiting for ${what}`));
      }, timeoutMs);
      this.waiters.add(check);
    });
  }

  /** Cuts one connection without a close frame, as a dead network path would end it. */
  cut(connection: HostileConnection): void {
    this.cutByServer.add(connection.socket);
    connection.socket.terminate();
  }

  /** Closes one connection with a close frame carrying `code`, as a server ends a channel on purpose. */
  end(connection: HostileConnection, code: number): void {
    this.cutByServer.add(connection.socket);
    connection.socket.close(code);
  }

  /** Kills the server: every socket is cut (no close frame) and nothing listens on the port. */
  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (!server) return;
    for (const client of server.clients) {
      this.cutByServer.add(client);
      client.terminate();
    }
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Listens again on the same port, as a restarted server would. */
  async restart(): Promise<void> {
    if (!this.server) await this.listen();
  }

  async close(): Promise<void> {
    for (const waiter of this.waiters) waiter();
    this.waiters.clear();
    await this.stop();
  }

  private async listen(): Promise<void> {
    const server = new WebSocketServer({ host: '127.0.0.1', port: this.port, perMessageDeflate: false });
    await new Promise<void>((resolve, reject) => {
      server.once('listening', resolve);
      server.once('error', reject);
    });
    this.port = (server.address() as AddressInfo).port;
    server.on('connection', (socket) => this.accept(socket));
    this.server = server;
  }

  private accept(socket: WebSocket): void {
    const connection: HostileConnection = {
      at: Date.now(),
      channelId: randomUUID(),
      socket,
      expiresAt: undefined,
      pings: 0,
      pongs: 0,
      endedBy: null,
      endedAt: null,
    };
    this.connections.push(connection);
    socket.on('error', () => undefined);
    socket.on('close', () => {
      connection.endedBy = this.cutByServer.has(socket) ? 'server' : 'client';
      connection.endedAt = Date.now();
      this.notify();
    });
    socket.on('message', (data) => {
      if (String(data).includes('"ping"')) connection.pings++;
      if (this.silent || this.mode !== 'steady') return;
      if (String(data).includes('"ping"')) {
        connection.pongs++;
        socket.send(JSON.stringify({ type: 'pong' }));
      }
    });
    this.notify();
    if (this.silent) return;
    const expiresAt = this.options.expiresAt?.();
    connection.expiresAt = expiresAt;
    const host = JSON.stringify({
      type: 'host',
      success: true,
      channelId: connection.channelId,
      signalServer: this.url,
      message: `Host initialised ${connection.channelId}`,
      ...(expiresAt !== undefined && { expiresAt }),
    });
    const flap = this.mode === 'flap';
    // Cut once the frame is flushed: the page must have had its channel, or this would only test refused handshakes.
    socket.send(host, () => {
      if (!flap) return;
      this.cutByServer.add(socket);
      socket.terminate();
    });
  }

  private notify(): void {
    for (const waiter of [...this.waiters]) waiter();
  }
}
