import type { Socket } from 'node:net';
import { PROOFME_CLOSE_CODES } from 'proofme-ng/protocol';
import { PhoneSimulator } from '../src/phone/phone-simulator';
import { connectTestHost } from '../src/testing/test-host';
import { openPair, refusedUpgrade, startTestServer } from './helpers';

describe('channel TTL', () => {
  it('closes the host of a channel left unused with 4408, after which no phone can join', async () => {
    const server = await startTestServer({ channelTtlMs: 150 });
    try {
      const started = Date.now();
      const host = await connectTestHost(server.url);
      const { host: pairedHost, phone } = await openPair(server);
      const closed = await host.closed;
      expect(closed).toEqual({ code: PROOFME_CLOSE_CODES.channelExpired, reason: 'Channel expired unused' });
      // The host frame announced it: expiresAt is creation + channelTtlMs, and the close came at or after it.
      expect(host.host.expiresAt).toBeGreaterThanOrEqual(started + 150);
      expect(Date.now()).toBeGreaterThanOrEqual(host.host.expiresAt!);
      expect(Date.now() - started).toBeGreaterThanOrEqual(140);
      expect(server.metrics()).toMatchObject({ channelsExpired: 1, waitingChannels: 0 });
      await expect(new PhoneSimulator(server.url, host.host.channelId).join()).rejects.toMatchObject({ closeCode: 1000 });
      // A channel in use is not "unused": the paired host stays.
      expect(pairedHost.socket.readyState).toBe(pairedHost.socket.OPEN);
      await phone.close();
      await pairedHost.close();
    } finally {
      await server.close();
    }
  });
});

describe('heartbeat', () => {
  it('drops a socket that stops answering protocol pings, and its host hears disconnect', async () => {
    const server = await startTestServer({ heartbeatIntervalMs: 40 });
    try {
      const { host, phone } = await openPair(server);
      // A phone that lost its network: its TCP socket stays open but nothing is read or answered.
      const phoneSocket = (phone as unknown as { socket: { _socket: Socket } }).socket._socket;
      phoneSocket.pause();
      expect(await host.next(2000)).toEqual({ type: 'disconnect' });
      expect(server.metrics().deadSocketsTerminated).toBe(1);
      // The host answered every ping (ws clients do) and is still there.
      expect(host.socket.readyState).toBe(host.socket.OPEN);
      phoneSocket.destroy();
      await host.close();
    } finally {
      await server.close();
    }
  });
});

describe('close()', () => {
  it('closes every socket with 1001, refuses new ones, and leaves nothing behind', async () => {
    const server = await startTestServer();
    const waiting = await connectTestHost(server.url);
    const { host, phone } = await openPair(server);
    const closing = server.close();
    expect(await waiting.closed).toEqual({ code: 1001, reason: 'Server shutting down' });
    expect((await host.closed).code).toBe(1001);
    expect((await phone.closed)?.code).toBe(1001);
    await closing;
    expect(await refusedUpgrade(server.url)).toEqual({ status: 0, body: 'ECONNREFUSED' });
    expect(server.metrics()).toMatchObject({ openHosts: 0, openPhones: 0, waitingChannels: 0 });
    await server.close(); // idempotent
  });
});
