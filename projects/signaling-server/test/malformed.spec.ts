import { CLOSE } from '../src/server/close-codes';
import type { RunningSignalingServer } from '../src/server/signaling-server';
import { connectTestHost } from '../src/testing/test-host';
import { openPair, rawSocket, startTestServer } from './helpers';

describe('malformed and oversized frames', () => {
  let server: RunningSignalingServer;

  beforeEach(async () => {
    server = await startTestServer({ maxPayload: 64 * 1024 });
  });
  afterEach(() => server.close());

  it('closes a socket that sends a frame over maxPayload with 1009, and only that one', async () => {
    const { host, phone } = await openPair(server);
    const other = await connectTestHost(server.url);
    other.socket.send(JSON.stringify({ type: 'ping', pad: 'x'.repeat(64 * 1024) }));
    expect((await other.closed).code).toBe(1009);
    expect(server.metrics().rejectedFrames['too-large']).toBe(1);
    await phone.succeed();
    expect(await host.next()).toMatchObject({ type: 'result', success: true });
    await phone.close();
    await host.close();
  });

  it.each([
    ['binary', Buffer.from([1, 2, 3]), CLOSE.unsupportedData],
    ['not-json', '{"type":', CLOSE.policyViolation],
    ['not-object', '[1,2]', CLOSE.policyViolation],
    ['unknown-type', '{"type":"hello"}', CLOSE.policyViolation],
    ['unexpected', '{"type":"result","success":true,"message":"from a host"}', CLOSE.policyViolation],
  ] as const)('closes a host that sends %s with %i', async (reason, frame, code) => {
    const host = await connectTestHost(server.url);
    host.socket.send(frame);
    expect((await host.closed).code).toBe(code);
    expect(server.metrics().rejectedFrames[reason]).toBe(1);
  });

  it.each([
    ['a non-boolean success', { type: 'result', success: 'yes', message: 'IDENTIFICATION_SUCCESS' }],
    ['a message over 256 characters', { type: 'result', success: true, message: 'x'.repeat(257) }],
    ['no message', { type: 'result', success: true }],
  ])('closes a phone whose result has %s with 1008, and the host hears disconnect but no result', async (_case, frame) => {
    const host = await connectTestHost(server.url);
    const phone = await rawSocket(`${server.url}/?channel=${host.host.channelId}`);
    expect(JSON.parse(await phone.firstMessage)).toMatchObject({ type: 'client' });
    expect(await host.next()).toEqual({ type: 'clientconnected', success: true });
    phone.socket.send(JSON.stringify(frame));
    expect(await phone.closed).toMatchObject({ code: 1008 });
    expect(await host.next()).toEqual({ type: 'disconnect' });
    expect(server.metrics().rejectedFrames['invalid-field']).toBe(1);
    await host.close();
  });

  it('closes a phone that sends a second result with 1008', async () => {
    const { host, phone } = await openPair(server);
    await phone.succeed();
    await phone.fail();
    expect(await phone.closed).toMatchObject({ code: 1008 });
    expect(await host.next()).toMatchObject({ type: 'result', success: true });
    expect(await host.next()).toEqual({ type: 'disconnect' });
    expect(server.metrics().results).toEqual({ success: 1, failure: 0 });
    await host.close();
  });

  it('survives 10,000 malformed frames fired at one socket while another pair completes normally', async () => {
    const { host, phone } = await openPair(server);
    const attacker = await connectTestHost(server.url);
    // The whole burst is written before the server reads the first frame. The first bad frame closes
    // the socket (1003 or 1008); the server must drop the rest unread, without crashing, without
    // counting or logging each one, and without disturbing the other channel.
    const frames = ['{"type":', Buffer.from([0xff]), '{"type":"nope"}', '[]', '"text"', 'null'];
    for (let i = 0; i < 10_000; i++) attacker.socket.send(frames[i % frames.length]);
    await phone.succeed('IDENTIFICATION_SUCCESS');
    expect(await host.next()).toEqual({ type: 'result', success: true, message: 'IDENTIFICATION_SUCCESS' });
    expect((await attacker.closed).code).toBe(CLOSE.policyViolation);
    const rejected = Object.values(server.metrics().rejectedFrames).reduce((sum, n) => sum + n, 0);
    expect(rejected).toBe(1);
    await phone.close();
    expect(await host.next()).toEqual({ type: 'disconnect' });
    // …and the server still takes new channels.
    const fresh = await connectTestHost(server.url);
    await Promise.all([fresh.close(), host.close()]);
  });

  it('survives malformed frames from 200 reconnecting sockets while another pair completes', async () => {
    const { host, phone } = await openPair(server);
    const attackers = await Promise.all(Array.from({ length: 200 }, () => connectTestHost(server.url)));
    attackers.forEach((attacker, i) => attacker.socket.send(i % 2 ? Buffer.from([i]) : `{"type":"x${i}"}`));
    await Promise.all(attackers.map((attacker) => attacker.closed));
    await phone.succeed();
    expect(await host.next()).toMatchObject({ type: 'result', success: true });
    expect(server.metrics().rejectedFrames).toMatchObject({ binary: 100, 'unknown-type': 100 });
    expect(server.metrics()).toMatchObject({ openHosts: 1, waitingChannels: 0 });
    await phone.close();
    await host.close();
  });
});
