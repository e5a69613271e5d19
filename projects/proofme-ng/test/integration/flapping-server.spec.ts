// Issue 14: a real `ws` server on loopback that sends a valid `host` frame and then terminates the
// socket, every time. Real sockets, Jest's fake clock for the session's timers: the backoff must
// run out to PROOFME_UNREACHABLE, with the delays the policy gives.
import { EnvironmentInjector } from '@angular/core';
import { AddressInfo } from 'node:net';
import { filter, firstValueFrom, skip } from 'rxjs';
import { WebSocketServer } from 'ws';
import { ProofmeService, ProofmeState } from 'proofme-ng';
import { nodeInjector } from './node-injector';

const ID = '505c0af1-4807-41ed-83ba-d0f0c2571815';

describe('a flapping server (host, then terminate, repeatedly)', () => {
  let server: WebSocketServer;
  let injector: EnvironmentInjector | null = null;
  let connections = 0;

  beforeEach(async () => {
    // Only the session's timers are fake: sockets and the event loop stay real.
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask', 'hrtime', 'performance'] });
    connections = 0;
    server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await new Promise<void>((resolve) => server.once('listening', resolve));
    const url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}`;
    server.on('connection', (socket) => {
      connections++;
      const channelId = crypto.randomUUID();
      socket.send(JSON.stringify({ type: 'host', success: true, channelId, signalServer: url }), () => socket.terminate());
    });
  });

  afterEach(async () => {
    injector?.destroy();
    injector = null;
    jest.useRealTimers();
    server.clients.forEach((client) => client.terminate());
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('ends in PROOFME_UNREACHABLE after maxAttempts, the delays doubling (default policy without jitter)', async () => {
    const url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}`;
    injector = nodeInjector({ signalingUrl: url, pingIntervalMs: 0, reconnect: { jitter: 0 } });
    const session = injector.get(ProofmeService).connect({ identificationId: ID });
    const delays: number[] = [];
    let elapsedMs = 0;
    // The next state after the current one (state$ replays the current one, still `reconnecting`
    // while the retry's socket opens).
    const next = () =>
      firstValueFrom(session.state$.pipe(skip(1), filter((state): state is ProofmeState => state.status === 'reconnecting' || state.status === 'error')));
    const first = session.state().status === 'connecting' || session.state().status === 'ready' ? await next() : session.state();
    for (let state = first; state.status === 'reconnecting'; state = await next()) {
      // Each `ready` in between is real (a channel came); the next state is the drop that follows it.
      delays.push(state.delayMs);
      elapsedMs += state.delayMs;
      jest.advanceTimersByTime(state.delayMs);
    }
    expect(session.state()).toEqual(expect.objectContaining({ status: 'error', code: 'PROOFME_UNREACHABLE' }));
    expect(delays).toEqual([1000, 2000, 4000, 8000, 16_000]);
    expect(connections).toBe(6);
    // Sixty seconds of the fake clock later, nothing more was opened.
    jest.advanceTimersByTime(60_000 - elapsedMs);
    await new Promise((resolve) => setImmediate(resolve));
    expect(connections).toBe(6);
    process.stdout.write(`flapping server: ${connections} connections in 60 s of simulated time, delays ${delays.join(', ')} ms\n`);
  });
});
