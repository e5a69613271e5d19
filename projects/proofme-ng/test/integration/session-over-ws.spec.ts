// The session against a real `ws` server on loopback: real sockets, real close codes, real timing.
import { EnvironmentInjector } from '@angular/core';
import { AddressInfo } from 'node:net';
import { firstValueFrom, filter } from 'rxjs';
import WebSocket, { WebSocketServer } from 'ws';
import { ProofmeOptions, ProofmeService, ProofmeSession, ProofmeState } from 'proofme-ng';
import { nodeInjector } from './node-injector';

const ID = '505c0af1-4807-41ed-83ba-d0f0c2571815';

type Script = (socket: WebSocket, channelId: string) => void;

/** A tiny scripted host endpoint: sends `host` with a fresh channel, then runs `script`. */
async function startServer(script: Script = () => undefined, port = 0, sendHost = true) {
  const server = new WebSocketServer({ host: '127.0.0.1', port });
  await new Promise<void>((resolve) => server.once('listening', resolve));
  const address = server.address() as AddressInfo;
  const url = `ws://127.0.0.1:${address.port}`;
  server.on('connection', (socket) => {
    const channelId = crypto.randomUUID();
    if (sendHost) socket.send(JSON.stringify({ type: 'host', success: true, channelId, signalServer: url, message: `Host initialised ${channelId}` }));
    script(socket, channelId);
  });
  let stopped: Promise<void> | null = null;
  const stop = () =>
    (stopped ??= new Promise<void>((resolve) => {
      server.clients.forEach((client) => client.terminate());
      server.close(() => resolve());
    }));
  return { server, url, port: address.port, stop };
}

let injector: EnvironmentInjector | null = null;

function connect(url: string, options: ProofmeOptions = {}): ProofmeSession {
  injector = nodeInjector({ signalingUrl: url, reconnect: { initialDelayMs: 50, jitter: 0, maxAttempts: 20 }, ...options });
  return injector.get(ProofmeService).connect({ identificationId: ID });
}

const reach = (session: ProofmeSession, status: ProofmeState['status']) =>
  firstValueFrom(session.state$.pipe(filter((state) => state.status === status)));

describe('ProofmeSession over a real WebSocket server', () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    injector?.destroy();
    injector = null;
    for (const cleanup of cleanups.splice(0)) await cleanup();
  });

  it('goes host → clientconnected → result and sends the documented host URL', async () => {
    let requested = '';
    const server = await startServer((socket) => {
      setTimeout(() => socket.send('{"type":"clientconnected","success":true}'), 20);
      setTimeout(() => socket.send('{"type":"result","success":true,"message":"IDENTIFICATION_SUCCESS"}'), 40);
    });
    server.server.on('connection', (_socket, request) => (requested = request.url ?? ''));
    cleanups.push(server.stop);

    const session = connect(server.url);
    const ready = await reach(session, 'ready');
    expect(ready).toEqual(expect.objectContaining({ signalServer: server.url }));
    expect(requested).toBe(`/?channel=undefined&data=id:${ID}`);
    await reach(session, 'scanned');
    expect(await firstValueFrom(session.result$)).toEqual({ status: 'succeeded', message: 'IDENTIFICATION_SUCCESS' });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(server.server.clients.size).toBe(0);
  });

  it('goes to phone-left on disconnect and refreshes to a new channel', async () => {
    const server = await startServer((socket) => setTimeout(() => socket.send('{"type":"disconnect"}'), 20));
    cleanups.push(server.stop);
    const session = connect(server.url, { autoRefresh: false });
    const first = await reach(session, 'ready');
    await reach(session, 'phone-left');
    session.refresh();
    const second = await reach(session, 'ready');
    expect(second).not.toEqual(first);
    session.close();
  });

  it('reconnects to a new channel when the server restarts mid-session', async () => {
    const first = await startServer();
    cleanups.push(first.stop);
    const session = connect(first.url);
    const before = await reach(session, 'ready');
    await first.stop();
    await reach(session, 'reconnecting');
    const second = await startServer(undefined, first.port);
    cleanups.push(second.stop);
    const after = await reach(session, 'ready');
    expect(after.status === 'ready' && before.status === 'ready' && after.channelId !== before.channelId).toBe(true);
    session.close();
  });

  it('times out a server that accepts but never sends host, and leaves no socket open', async () => {
    const server = await startServer(undefined, 0, false);
    cleanups.push(server.stop);
    const session = connect(server.url, { connectTimeoutMs: 150, reconnect: { maxAttempts: 1, initialDelayMs: 20, jitter: 0 } });
    const error = await reach(session, 'error');
    expect(error).toEqual(expect.objectContaining({ code: 'PROOFME_CONNECT_TIMEOUT' }));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(server.server.clients.size).toBe(0);
  });

  it('reports a refused handshake (403) on the first connection', async () => {
    const server = new WebSocketServer({ host: '127.0.0.1', port: 0, verifyClient: () => false });
    await new Promise<void>((resolve) => server.once('listening', resolve));
    cleanups.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
    const session = connect(`ws://127.0.0.1:${(server.address() as AddressInfo).port}`);
    expect(await reach(session, 'error')).toEqual(expect.objectContaining({ code: 'PROOFME_HANDSHAKE_REFUSED' }));
  });
});
