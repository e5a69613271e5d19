// The servers around a fresh app: our signaling server behind a connection-counting TCP proxy, a
// static host for client-only builds, and the waits and ports they need. All on 127.0.0.1.
import { ChildProcess } from 'node:child_process';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { IncomingMessage, Server, ServerResponse, createServer } from 'node:http';
import { AddressInfo, Socket, connect, createServer as createTcpServer } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import { RunningSignalingServer, startSignalingServer } from '../../projects/signaling-server/src';

export interface Signaling {
  /** What the apps are given (`ng add --signaling-url`) and the server advertises: the proxy. */
  readonly url: string;
  readonly server: RunningSignalingServer;
  /** TCP connections to the signaling port so far, upgrades or not. */
  connections(): number;
  close(): Promise<void>;
}

/**
 * Our signaling server behind a TCP proxy that counts connections: the SSR check needs to know
 * that nothing at all reached the port, not only that no WebSocket upgrade succeeded.
 */
export async function startSignaling(): Promise<Signaling> {
  let target = 0;
  let count = 0;
  const sockets = new Set<Socket>();
  const proxy = createTcpServer((client) => {
    count++;
    const upstream = connect(target, '127.0.0.1');
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.once('close', () => sockets.delete(socket));
      socket.on('error', () => {
        client.destroy();
        upstream.destroy();
      });
    }
    client.pipe(upstream).pipe(client);
  });
  const port = await listen(proxy);
  const url = `ws://127.0.0.1:${port}`;
  const server = await startSignalingServer({ port: 0, logger: 'silent', publicUrl: url });
  target = server.port;
  return {
    url,
    server,
    connections: () => count,
    close: async () => {
      await server.close();
      sockets.forEach((socket) => socket.destroy());
      await new Promise<void>((done) => proxy.close(() => done()));
    },
  };
}

export function listen(server: Server | ReturnType<typeof createTcpServer>, port = 0): Promise<number> {
  return new Promise((done, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => done((server.address() as AddressInfo).port));
  });
}

export async function freePort(): Promise<number> {
  const probe = createTcpServer();
  const port = await listen(probe);
  await new Promise<void>((done) => probe.close(() => done()));
  return port;
}

/** What an Angular browser build holds; anything else is served as bytes. */
const CONTENT_TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.ico': 'image/x-icon' };

/** Serves a browser build on 127.0.0.1; unknown paths get index.html, as a SPA host does. */
export async function serveStatic(root: string): Promise<{ url: string; server: Server }> {
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    let path = '/';
    try {
      path = decodeURIComponent(new URL(request.url ?? '/', 'http://127.0.0.1').pathname);
    } catch {
      // a malformed path gets the app, as unknown paths do
    }
    let file = normalize(join(root, path));
    if (!file.startsWith(root + sep) || !existsSync(file) || !statSync(file).isFile()) file = join(root, 'index.html');
    response.writeHead(200, { 'Content-Type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(response);
  });
  const port = await listen(server);
  return { url: `http://127.0.0.1:${port}/`, server };
}

export async function waitForHttp(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode} before it listened`);
    try {
      await fetch(url, { method: 'HEAD', signal: AbortSignal.timeout(2000) });
      return;
    } catch {
      if (Date.now() > deadline) throw new Error(`nothing answered at ${url} within ${timeoutMs} ms`);
      await new Promise((done) => setTimeout(done, 200));
    }
  }
}
