import { isUuid } from 'proofme-ng/protocol';
import { PhoneSimulator } from '../src/phone/phone-simulator';
import { PhoneSimulatorError } from '../src/phone/phone-errors';
import { simulatePhone } from '../src/phone/simulate-phone';
import type { RunningSignalingServer } from '../src/server/signaling-server';
import { turnCredential } from '../src/turn-credentials';
import { connectTestHost } from '../src/testing/test-host';
import { eventually, openPair, rawSocket, startTestServer } from './helpers';

describe('signaling flow over real sockets', () => {
  let server: RunningSignalingServer;

  beforeEach(async () => {
    server = await startTestServer({ turnSecret: 'testsecret', turnUrls: ['turn:127.0.0.1:3478'] });
  });
  afterEach(() => server.close());

  it('runs the full flow: host, ping/pong, phone joins with TURN credentials, result, disconnect', async () => {
    const before = Date.now();
    const host = await connectTestHost(server.url);
    const after = Date.now();
    expect(isUuid(host.host.channelId)).toBe(true);
    expect(host.host.channelId[14]).toBe('4'); // UUID v4
    expect(host.host).toEqual({
      type: 'host',
      success: true,
      channelId: host.host.channelId,
      signalServer: server.url,
      message: `Host initialised ${host.host.channelId}`,
      expiresAt: expect.any(Number),
    });
    // Our extension: the channel's creation plus the default TTL (10 minutes).
    expect(host.host.expiresAt).toBeGreaterThanOrEqual(before + 600_000);
    expect(host.host.expiresAt).toBeLessThanOrEqual(after + 600_000);

    host.socket.send(JSON.stringify({ type: 'ping' }));
    expect(await host.next()).toEqual({ type: 'pong' });

    const run = await simulatePhone(host.deeplink, { result: 'success' });
    expect(run.client).toMatchObject({ type: 'client', success: true, channelId: host.host.channelId });
    const [ice] = run.client.webRtcConnectionConfig.iceServers;
    expect(ice.urls).toBe('turn:127.0.0.1:3478');
    expect(ice.username).toMatch(/^\d+:client$/);
    expect(ice.credential).toBe(turnCredential('testsecret', ice.username ?? ''));

    expect(await host.next()).toEqual({ type: 'clientconnected', success: true });
    expect(await host.next()).toEqual({ type: 'result', success: true, message: 'IDENTIFICATION_SUCCESS' });
    expect(await host.next()).toEqual({ type: 'disconnect' });
    // The page decides when to close: the server keeps the host open after the result.
    expect(host.socket.readyState).toBe(host.socket.OPEN);
    await host.close();
    await eventually(() => server.metrics().openHosts === 0);
    expect(server.metrics()).toMatchObject({ openPhones: 0, waitingChannels: 0, channelsCreated: 1, results: { success: 1, failure: 0 } });
  });

  it('relays a failure result and refuses a second phone after the result', async () => {
    const { host, phone } = await openPair(server);
    await phone.fail('IDENTIFICATION');
    expect(await host.next()).toEqual({ type: 'result', success: false, message: 'IDENTIFICATION' });
    await expect(PhoneSimulator.fromDeeplink(host.deeplink).join()).rejects.toMatchObject({ code: 'PROOFME_PHONE_REFUSED', closeCode: 1000 });
    await phone.close();
    await host.close();
  });

  it('tells the host `disconnect` when the phone says leave, and retires the channel', async () => {
    const host = await connectTestHost(server.url);
    const run = await simulatePhone(host.deeplink, { result: 'leave' });
    expect(run.closed?.code).toBe(1000);
    expect(await host.next()).toEqual({ type: 'clientconnected', success: true });
    expect(await host.next()).toEqual({ type: 'disconnect' });
    await expect(simulatePhone(host.deeplink)).rejects.toMatchObject({ code: 'PROOFME_PHONE_REFUSED' });
    await host.close();
  });

  it('tells the host `disconnect` when the phone just closes', async () => {
    const { host, phone } = await openPair(server);
    await phone.close();
    expect(await host.next()).toEqual({ type: 'disconnect' });
    await host.close();
  });

  it('closes a phone with 1000 for an unknown channel, as Proofme V2 does', async () => {
    const unknown = 'da451ba2-fcb3-40b0-8a3f-b3f5b9676709';
    const error = await new PhoneSimulator(server.url, unknown).join().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PhoneSimulatorError);
    expect(error).toMatchObject({ code: 'PROOFME_PHONE_REFUSED', closeCode: 1000 });
    const notAUuid = await rawSocket(`${server.url}/?channel=nope`);
    expect((await notAUuid.closed).code).toBe(1000);
    expect(server.metrics().phonesRefused).toBe(2);
  });

  it('refuses a second phone on a paired channel while the first is unaffected', async () => {
    const { host, phone } = await openPair(server);
    const intruder = await PhoneSimulator.fromDeeplink(host.deeplink).join().catch((e: unknown) => e);
    expect(intruder).toMatchObject({ code: 'PROOFME_PHONE_REFUSED', closeCode: 1000 });
    await phone.succeed();
    expect(await host.next()).toEqual({ type: 'result', success: true, message: 'IDENTIFICATION_SUCCESS' });
    await phone.close();
    expect(await host.next()).toEqual({ type: 'disconnect' });
    await host.close();
  });

  it('sends the phone away with 1000 when its host leaves', async () => {
    const { host, phone } = await openPair(server);
    await host.close();
    expect(await phone.closed).toMatchObject({ code: 1000 });
    await eventually(() => server.metrics().openPhones === 0 && server.metrics().openHosts === 0);
  });

  it('forgets a waiting channel when its host leaves', async () => {
    const host = await connectTestHost(server.url);
    expect(server.metrics().waitingChannels).toBe(1);
    await host.close();
    await eventually(() => server.metrics().waitingChannels === 0);
    await expect(simulatePhone(host.deeplink)).rejects.toMatchObject({ code: 'PROOFME_PHONE_REFUSED' });
  });

  it('rejects a deeplink that is not a Proofme link', async () => {
    await expect(simulatePhone('https://example.com/?q=1')).rejects.toMatchObject({ code: 'PROOFME_PHONE_INVALID_DEEPLINK' });
  });
});

describe('publicUrl', () => {
  it('is the signalServer hosts are told', async () => {
    const server = await startTestServer({ publicUrl: 'wss://signal.example.com' });
    try {
      const host = await connectTestHost(server.url);
      expect(host.host.signalServer).toBe('wss://signal.example.com');
      expect(host.deeplink).toContain(':wss%3A%2F%2Fsignal.example.com');
      await host.close();
    } finally {
      await server.close();
    }
  });
});
