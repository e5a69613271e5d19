// Item 2 of issue 12: a connection counts against its address from TCP accept, upgraded or not, and
// must deliver its headers within headersTimeoutMs, so half-sent requests cannot hold file descriptors.
import { connect, Socket } from 'node:net';
import { runHonestFlows } from '../src/testing/honest-flows';
import { connectTestHost } from '../src/testing/test-host';
import { eventually, openFiles, rawRequest, startTestServer } from './helpers';

const ATTACKER = '127.0.0.2';
const UNFINISHED_UPGRADE = 'GET /?channel=x HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n';
const COMPLETE_UPGRADE = `${UNFINISHED_UPGRADE}Sec-WebSocket-Version: 13\r\n\r\n`;

/** Opens a TCP connection from `localAddress` and writes `bytes` (possibly nothing); resolves once connected. */
function openRaw(port: number, localAddress: string, bytes = ''): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port, localAddress });
    socket.on('error', () => undefined);
    // Read (and drop) what the server answers, or its close would wait behind the unread 429/408.
    socket.resume();
    socket.once('connect', () => {
      if (bytes) socket.write(bytes);
      resolve(socket);
    });
    socket.once('close', () => reject(new Error('closed before connecting')));
  });
}

const closedSockets = (sockets: readonly Socket[]): number => sockets.filter((s) => s.destroyed).length;

describe('slow and idle clients', () => {
  it('counts sockets that never upgrade against the per-IP limit: 429 over it, other addresses unaffected', async () => {
    const server = await startTestServer({ maxConnectionsPerIp: 2 });
    const idle = [await openRaw(server.port, ATTACKER), await openRaw(server.port, ATTACKER, UNFINISHED_UPGRADE)];
    try {
      const refused = await rawRequest(server.port, COMPLETE_UPGRADE, { localAddress: ATTACKER });
      expect(refused.statusLine).toBe('HTTP/1.1 429 Too Many Requests');
      expect(server.metrics().refusedConnections['ip-limit']).toBe(1);
      const host = await connectTestHost(server.url);
      await host.close();
    } finally {
      idle.forEach((socket) => socket.destroy());
      await server.close();
    }
  });

  it('closes a connection that sends nothing, or only part of its headers, after headersTimeoutMs', async () => {
    const server = await startTestServer({ headersTimeoutMs: 300 });
    try {
      const started = Date.now();
      const sockets = [await openRaw(server.port, ATTACKER), await openRaw(server.port, ATTACKER, UNFINISHED_UPGRADE)];
      await eventually(() => closedSockets(sockets) === 2, 3000);
      expect(Date.now() - started).toBeGreaterThanOrEqual(250);
      expect(server.metrics().refusedConnections['header-timeout']).toBe(2);
      expect(server.pendingConnections()).toBe(0);
    } finally {
      await server.close();
    }
  });

  it('cuts a refused upgrade whose client never closes its side, so it stops counting against the address', async () => {
    const server = await startTestServer({ maxConnectionsPerIp: 1 });
    // allowHalfOpen: after the server's 400 and FIN, this client keeps its own side open.
    const socket = connect({ host: '127.0.0.1', port: server.port, localAddress: ATTACKER, allowHalfOpen: true });
    try {
      socket.on('error', () => undefined);
      socket.resume();
      socket.write(`GET http://[/?channel=x HTTP/1.1\r\n${COMPLETE_UPGRADE.slice(COMPLETE_UPGRADE.indexOf('\r\n') + 2)}`);
      await eventually(() => server.metrics().refusedUpgrades['bad-request'] === 1, 2000);
      const deadline = Date.now() + 4000;
      let status = '';
      while (Date.now() < deadline && !status.includes(' 200 ')) {
        status = (await rawRequest(server.port, 'GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n', { localAddress: ATTACKER })).statusLine;
        if (!status.includes(' 200 ')) await new Promise((resolve) => setTimeout(resolve, 200));
      }
      expect(status).toBe('HTTP/1.1 200 OK');
    } finally {
      socket.destroy();
      await server.close();
    }
  });

  it('holds 2,000 unfinished upgrades from one address to the limit and the deadline: the honest pair completes every flow and open files return to baseline', async () => {
    const server = await startTestServer({ headersTimeoutMs: 1000 });
    const baseline = openFiles();
    const honest = new AbortController();
    const flows = runHonestFlows(server.url, { signal: honest.signal, stepTimeoutMs: 5000 });
    const attackers: Socket[] = [];
    let peakFiles = baseline;
    const sampler = setInterval(() => (peakFiles = Math.max(peakFiles, openFiles())), 50);
    try {
      for (let batch = 0; batch < 10; batch++) {
        const opened = await Promise.allSettled(Array.from({ length: 200 }, () => openRaw(server.port, ATTACKER, UNFINISHED_UPGRADE)));
        for (const result of opened) if (result.status === 'fulfilled') attackers.push(result.value);
      }
      // Every one of them is closed by the server: 429 at once over the limit, the rest at the deadline.
      await eventually(() => closedSockets(attackers) === attackers.length, 5000);
      honest.abort();
      const tally = await flows;
      expect(tally.errors).toEqual([]);
      expect(tally.completed).toBeGreaterThan(0);
      const { refusedConnections } = server.metrics();
      expect(refusedConnections['ip-limit'] + refusedConnections['header-timeout']).toBeGreaterThanOrEqual(attackers.length);
      // Both ends of a socket live in this process; the limit kept the peak near 2 × 256 plus the refused ones in flight.
      await eventually(() => openFiles() <= baseline + 2, 5000);
      expect(server.pendingConnections()).toBe(0);
    } finally {
      clearInterval(sampler);
      honest.abort();
      await flows;
      attackers.forEach((socket) => socket.destroy());
      await server.close();
    }
  }, 30_000);
});
