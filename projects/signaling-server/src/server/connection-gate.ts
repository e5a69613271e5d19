import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import type { ConnectionsPerIp } from './connections-per-ip';
import type { SignalingCounters } from './metrics';
import type { Logger } from 'pino';

/** A socket answered with an HTTP error is cut this long after, if its peer has not closed it by then. */
const REFUSED_GRACE_MS = 1000;

const TOO_MANY = 'Too many connections from this address.\n';
const TOO_MANY_RESPONSE = `HTTP/1.1 429 Too Many Requests\r\nConnection: close\r\nContent-Type: text/plain\r\nContent-Length: ${TOO_MANY.length}\r\n\r\n${TOO_MANY}`;

/**
 * Admission at the TCP level, before any request is parsed: the per-IP limit counts every accepted
 * socket (a half-sent upgrade holds a file descriptor just like a WebSocket does), and a socket must
 * deliver complete request headers within `headersTimeoutMs`. Node's own `headersTimeout` only
 * covers sockets whose request has begun; this also covers sockets that send nothing at all. The
 * deadlines are enforced by {@link sweep}, called from the server's single sweep interval, not by a
 * timer per socket.
 */
export class ConnectionGate {
  /** Sockets still waiting for complete headers, by accept time; insertion order is accept order. */
  private readonly awaitingHeaders = new Map<Duplex, number>();
  /** Sockets answered with an HTTP error (429 at accept, or a refused upgrade), by the time they were answered. */
  private readonly refused = new Map<Duplex, number>();

  constructor(
    private readonly connectionsPerIp: ConnectionsPerIp,
    private readonly counters: SignalingCounters,
    private readonly logger: Logger,
    private readonly headersTimeoutMs: number,
  ) {}

  /** The http server's `connection` event: counts the socket against its address, or answers 429 and closes it. */
  accept(socket: Socket, now = Date.now()): void {
    const ip = socket.remoteAddress;
    // The peer may already have reset the connection: nothing to count, nothing to answer.
    if (ip === undefined) {
      socket.destroy();
      return;
    }
    if (!this.connectionsPerIp.allows(ip)) {
      this.counters.refusedConnections['ip-limit']++;
      this.logger.info({ ip, reason: 'ip-limit' }, 'connection refused');
      this.refused.set(socket, now);
      socket.once('close', () => this.refused.delete(socket));
      socket.end(TOO_MANY_RESPONSE);
      return;
    }
    this.connectionsPerIp.acquire(ip);
    this.awaitingHeaders.set(socket, now);
    socket.once('close', () => {
      this.connectionsPerIp.release(ip);
      this.awaitingHeaders.delete(socket);
    });
  }

  /**
   * A complete request (plain or upgrade) arrived on `socket`: its header deadline no longer applies.
   * Returns false for a socket already answered 429, which the caller must not serve.
   */
  headersArrived(socket: Duplex): boolean {
    if (this.refused.has(socket)) {
      socket.destroy();
      return false;
    }
    this.awaitingHeaders.delete(socket);
    return true;
  }

  /**
   * `socket` was answered with an HTTP error and ended: the HTTP server keeps half-open sockets, so
   * one whose client never closes is cut after the grace instead of being held forever.
   */
  answered(socket: Duplex, now = Date.now()): void {
    if (socket.destroyed || this.refused.has(socket)) return;
    this.refused.set(socket, now);
    socket.once('close', () => this.refused.delete(socket));
  }

  /**
   * Node's `clientError`: a request its parser refused, or one past `headersTimeout`/`requestTimeout`.
   * Answers as Node would (400, 431 or 408) when nothing was written yet, counts it, and closes.
   */
  clientError(error: NodeJS.ErrnoException, socket: Duplex): void {
    // Answered here: the sweep must not count it a second time before its `close` event.
    this.awaitingHeaders.delete(socket);
    if (error.code === 'ECONNRESET' || error.code === 'EPIPE') {
      socket.destroy();
      return;
    }
    const timeout = error.code === 'ERR_HTTP_REQUEST_TIMEOUT';
    this.counters.refusedConnections[timeout ? 'header-timeout' : 'bad-request']++;
    const status = timeout ? '408 Request Timeout' : error.code === 'HPE_HEADER_OVERFLOW' ? '431 Request Header Fields Too Large' : '400 Bad Request';
    if (socket.writable && (socket as Socket).bytesWritten === 0) socket.write(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    socket.destroy();
  }

  /** Closes sockets past their header deadline, and refused ones past their grace. */
  sweep(now = Date.now()): void {
    const acceptedBefore = now - this.headersTimeoutMs;
    const late: Duplex[] = [];
    for (const [socket, acceptedAt] of this.awaitingHeaders) {
      if (acceptedAt > acceptedBefore) break;
      late.push(socket);
    }
    for (const socket of late) {
      this.awaitingHeaders.delete(socket);
      this.counters.refusedConnections['header-timeout']++;
      socket.destroy();
    }
    const refusedBefore = now - REFUSED_GRACE_MS;
    const lingering: Duplex[] = [];
    for (const [socket, refusedAt] of this.refused) {
      if (refusedAt > refusedBefore) break;
      lingering.push(socket);
    }
    for (const socket of lingering) {
      this.refused.delete(socket);
      socket.destroy();
    }
  }

  /** Sockets waiting for their headers, and refused ones not yet gone (tests check nothing lingers). */
  get pending(): number {
    return this.awaitingHeaders.size + this.refused.size;
  }
}
