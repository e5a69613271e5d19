// Item 3 of issue 12: a socket that floods frames is cut by the rate limit, and one that does not
// read what it is sent is cut when its unsent bytes pass maxBufferedBytes, while an honest pair runs.
import type { Socket } from 'node:net';
import WebSocket from 'ws';
import { runHonestFlows } from '../src/testing/honest-flows';
import { eventually, rawSocket, startTestServer } from './helpers';

const ATTACKER = '127.0.0.2';
const HOST_QUERY = '/?channel=undefined&data=proofme:b7264dd0-b9f4-479f-adc3-db7c3d0cdcf3';
const PING = Buffer.from('{"type":"ping"}');
/** One masked client text frame `{"type":"ping"}` (a zero mask key is valid and leaves the payload as is). */
const PING_FRAME = Buffer.concat([Buffer.from([0x81, 0x80 | PING.length, 0, 0, 0, 0]), PING]);

/** A host connection from the attacker's address whose TCP socket no longer reads anything. */
async function nonReadingHost(url: string): Promise<{ ws: WebSocket; tcp: Socket }> {
  const ws = new WebSocket(url + HOST_QUERY, { localAddress: ATTACKER, perMessageDeflate: false });
  ws.on('error', () => undefined);
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('unexpected-response', () => reject(new Error('upgrade refused')));
  });
  const tcp = (ws as unknown as { _socket: Socket })._socket;
  tcp.pause();
  tcp.on('error', () => undefined);
  return { ws, tcp };
}

describe('flooding clients', () => {
  it('closes a socket over messageBurst with 1008 "Too many messages", and one within it stays', async () => {
    const server = await startTestServer({ messagesPerSecond: 20, messageBurst: 5 });
    try {
      const flooder = await rawSocket(server.url + HOST_QUERY);
      const polite = await rawSocket(server.url + HOST_QUERY);
      for (let i = 0; i < 6; i++) flooder.socket.send('{"type":"ping"}');
      expect(await flooder.closed).toEqual({ code: 1008, reason: 'Too many messages' });
      // A whole burst at once is fine (the server may receive them together, however they were sent).
      for (let i = 0; i < 5; i++) polite.socket.send('{"type":"ping"}');
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(polite.socket.readyState).toBe(WebSocket.OPEN);
      expect(server.metrics().rejectedFrames['rate-limit']).toBe(1);
      polite.socket.close();
      await polite.closed;
    } finally {
      await server.close();
    }
  });

  it('cuts 32 sockets that flood pings past the rate limit (1008); the honest pair keeps completing flows', async () => {
    const server = await startTestServer();
    const honest = new AbortController();
    const flows = runHonestFlows(server.url, { signal: honest.signal });
    const flooders = await Promise.all(Array.from({ length: 32 }, () => nonReadingHost(server.url)));
    try {
      for (const { ws } of flooders) for (let i = 0; i < 1000; i++) ws.send(PING.toString());
      await eventually(() => server.metrics().rejectedFrames['rate-limit'] === 32, 5000);
      // Cut even though they never read the close frame.
      await eventually(() => server.metrics().openHosts <= 1, 5000);
      honest.abort();
      const tally = await flows;
      expect(tally.errors).toEqual([]);
      expect(tally.completed).toBeGreaterThan(0);
    } finally {
      honest.abort();
      await flows;
      flooders.forEach(({ ws }) => ws.terminate());
      await server.close();
    }
  }, 20_000);

  it('cuts a socket that never reads once its unsent bytes pass maxBufferedBytes (1013), and the honest pair is unaffected', async () => {
    const server = await startTestServer({ messagesPerSecond: 0, maxBufferedBytes: 64 * 1024 });
    const honest = new AbortController();
    const flows = runHonestFlows(server.url, { signal: honest.signal });
    const { ws, tcp } = await nonReadingHost(server.url);
    const rssBefore = process.memoryUsage.rss();
    let rssPeak = rssBefore;
    const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, process.memoryUsage.rss())), 20);
    try {
      // Pongs pile up in the kernel's buffers first (about 4 MB on loopback here: a few seconds of
      // flooding), and only then in the server's own queue, which is what the bound limits.
      const chunk = Buffer.concat(Array.from({ length: 10_000 }, () => PING_FRAME));
      for (let sent = 0; sent < 400 && server.metrics().backpressureClosed === 0 && !tcp.destroyed; sent++) {
        if (!tcp.write(chunk)) await new Promise((resolve) => tcp.once('drain', resolve).once('close', resolve));
      }
      await eventually(() => server.metrics().backpressureClosed === 1, 5000);
      await eventually(() => server.metrics().openHosts <= 1, 5000);
      // Server and attacker share this process: together under 32 MiB more (before the bound, the
      // server's queue for this one socket grew by tens of MB).
      expect(rssPeak - rssBefore).toBeLessThan(32 * 2 ** 20);
      honest.abort();
      const tally = await flows;
      expect(tally.errors).toEqual([]);
      expect(tally.completed).toBeGreaterThan(0);
    } finally {
      clearInterval(sampler);
      honest.abort();
      await flows;
      ws.terminate();
      await server.close();
    }
  }, 30_000);
});
