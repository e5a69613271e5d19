import { readdirSync } from 'node:fs';
import { request } from 'node:http';
import { connect, Socket } from 'node:net';
import WebSocket from 'ws';
import { startSignalingServer, RunningSignalingServer } from '../src/server/signaling-server';
import type { SignalingServerOptions } from '../src/server/options';
import { connectTestHost, TestHost } from '../src/testing/test-host';
import { PhoneSimulator } from '../src/phone/phone-simulator';
import { SocketClose, whenClosed } from '../src/client/socket-close';

/** A server on 127.0.0.1 with an ephemeral port, no log output, in simulator mode (tests play the phone). */
export function startTestServer(options: Partial<SignalingServerOptions> = {}): Promise<RunningSignalingServer> {
  return startSignalingServer({ host: '127.0.0.1', port: 0, logger: 'silent', simulator: true, ...options });
}

/** A host that has a channel, and a phone that joined it (both handshakes done). */
export async function openPair(server: Pick<RunningSignalingServer, 'url'>): Promise<{ host: TestHost; phone: PhoneSimulator }> {
  const host = await connectTestHost(server.url);
  const phone = PhoneSimulator.fromDeeplink(host.deeplink);
  await phone.join();
  expect(await host.next()).toEqual({ type: 'clientconnected', success: true });
  return { host, phone };
}

/** The HTTP status and body an upgrade attempt got instead of a WebSocket; status 0 and the error code when no HTTP answer came. */
export function refusedUpgrade(url: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, { headers });
    socket.on('open', () => reject(new Error('The upgrade was accepted.')));
    socket.on('error', (error: NodeJS.ErrnoException) => resolve({ status: 0, body: error.code ?? error.message }));
    socket.on('unexpected-response', (_request, response) => {
      let body = '';
      response.on('data', (chunk: Buffer) => (body += chunk.toString()));
      response.on('end', () => {
        resolve({ status: response.statusCode ?? 0, body });
        socket.terminate();
      });
    });
  });
}

/** Opens a raw client socket (no protocol helper) and waits for the upgrade. */
export async function rawSocket(url: string): Promise<{ socket: WebSocket; closed: Promise<SocketClose>; firstMessage: Promise<string> }> {
  const socket = new WebSocket(url, { perMessageDeflate: false });
  const closed = whenClosed(socket);
  const firstMessage = new Promise<string>((resolve) => socket.once('message', (data) => resolve(data.toString())));
  socket.on('error', () => undefined);
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('unexpected-response', () => reject(new Error('upgrade refused')));
  });
  return { socket, closed, firstMessage };
}

/** GET on the server's HTTP side. */
export function httpGet(server: RunningSignalingServer, path: string): Promise<{ status: number; type: string; body: string }> {
  return new Promise((resolve, reject) => {
    request({ host: '127.0.0.1', port: server.port, path, agent: false }, (response) => {
      let body = '';
      response.on('data', (chunk: Buffer) => (body += chunk.toString()));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, type: String(response.headers['content-type']), body }));
    })
      .on('error', reject)
      .end();
  });
}

/** Waits until `condition` holds, polling; fails the test after `timeoutMs`. */
export async function eventually(condition: () => boolean, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('Condition not met in time.');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** File descriptors this process holds now (Linux): client and server sockets of a test both count. */
export function openFiles(): number {
  return readdirSync('/proc/self/fd').length;
}

/** What the server wrote back to a raw request before it closed or `waitMs` passed (then the socket is cut). */
export interface RawReply {
  /** The first line, e.g. `HTTP/1.1 400 Bad Request`; empty when nothing came. */
  readonly statusLine: string;
  /** The server ended or reset the connection (rather than us cutting it after `waitMs`). */
  readonly closedByServer: boolean;
  readonly socket: Socket;
}

/**
 * Sends `bytes` as-is over a fresh TCP connection and collects the reply. `keepOpen` leaves the
 * socket to the caller after the first reply bytes (for a 101 followed by frames).
 */
export function rawRequest(port: number, bytes: string | Buffer, options: { localAddress?: string; waitMs?: number; keepOpen?: boolean } = {}): Promise<RawReply> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port, localAddress: options.localAddress });
    let received = '';
    let settled = false;
    const finish = (closedByServer: boolean): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (!options.keepOpen || closedByServer) socket.destroy();
      resolve({ statusLine: received.split('\r\n', 1)[0], closedByServer, socket });
    };
    const timer = setTimeout(() => finish(false), options.waitMs ?? 2000);
    socket.on('error', () => finish(true));
    socket.on('close', () => finish(true));
    socket.on('data', (chunk: Buffer) => {
      received += chunk.toString('latin1');
      if (options.keepOpen && received.includes('\r\n\r\n')) finish(false);
    });
    socket.on('connect', () => socket.write(bytes));
  });
}
