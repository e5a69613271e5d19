// ProofmeService against our own signaling server (projects/signaling-server) over real sockets:
// the whole state machine, driven by the phone simulator from the link the session produced.
import { EnvironmentInjector } from '@angular/core';
import { filter, firstValueFrom } from 'rxjs';
import { ProofmeOptions, ProofmeService, ProofmeSession, ProofmeState } from 'proofme-ng';
import { nodeInjector } from './node-injector';
import { PhoneSimulator, RunningSignalingServer, startSignalingServer } from '../../../signaling-server/src';

const ID = '505c0af1-4807-41ed-83ba-d0f0c2571815';

/** Waits (boundedly) for the server's view to catch up: its close events come after the page's. */
async function eventually(check: () => boolean): Promise<boolean> {
  for (let i = 0; i < 100 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
  return check();
}

const reach = <S extends ProofmeState['status']>(session: ProofmeSession, status: S) =>
  firstValueFrom(session.state$.pipe(filter((state): state is Extract<ProofmeState, { status: S }> => state.status === status)));

describe('ProofmeService against the proofme-ng signaling server', () => {
  let server: RunningSignalingServer;
  const phones: PhoneSimulator[] = [];

  let injector: EnvironmentInjector | null = null;

  function connect(options: ProofmeOptions = {}): ProofmeSession {
    injector = nodeInjector({ signalingUrl: server.url, reconnect: { initialDelayMs: 50, jitter: 0, maxAttempts: 40 }, ...options });
    return injector.get(ProofmeService).connect({ identificationId: ID });
  }

  async function phoneFor(session: ProofmeSession): Promise<PhoneSimulator> {
    const ready = await reach(session, 'ready');
    const phone = PhoneSimulator.fromDeeplink(ready.deeplink);
    phones.push(phone);
    await phone.join();
    return phone;
  }

  beforeEach(async () => {
    server = await startSignalingServer({ port: 0, logger: 'silent', simulator: true });
  });
  afterEach(async () => {
    injector?.destroy();
    injector = null;
    await Promise.all(phones.splice(0).map((phone) => phone.close()));
    await server.close();
  });

  it('goes ready → scanned → succeeded, and the server sees the host leave', async () => {
    const session = connect();
    const phone = await phoneFor(session);
    const ready = session.state();
    expect(ready.status === 'scanned' || ready.status === 'ready').toBe(true);
    await reach(session, 'scanned');
    await phone.succeed();
    expect(await firstValueFrom(session.result$)).toEqual({ status: 'succeeded', message: 'IDENTIFICATION_SUCCESS' });
    expect(await eventually(() => server.metrics().openHosts === 0)).toBe(true);
  });

  it('reports a failure', async () => {
    const session = connect();
    const phone = await phoneFor(session);
    await phone.fail('IDENTIFICATION_FAILED');
    expect(await firstValueFrom(session.result$)).toEqual({ status: 'failed', message: 'IDENTIFICATION_FAILED' });
  });

  it('goes to phone-left when the phone leaves, and autoRefresh brings a new channel', async () => {
    const session = connect({ autoRefresh: true });
    const first = await reach(session, 'ready');
    const phone = await phoneFor(session);
    const statuses: string[] = [];
    session.state$.subscribe((state) => statuses.push(state.status));
    await phone.leave();
    const second = await reach(session, 'ready');
    expect(statuses).toEqual(expect.arrayContaining(['phone-left', 'connecting', 'ready']));
    expect(second.channelId).not.toBe(first.channelId);
    // The old channel is retired: a second phone on it is refused.
    await expect(PhoneSimulator.fromDeeplink(first.deeplink).join()).rejects.toMatchObject({ code: 'PROOFME_PHONE_REFUSED' });
  });

  it('refuses a second phone on the channel while the first carries on', async () => {
    const session = connect();
    const ready = await reach(session, 'ready');
    await phoneFor(session);
    await expect(PhoneSimulator.fromDeeplink(ready.deeplink).join()).rejects.toMatchObject({ code: 'PROOFME_PHONE_REFUSED' });
    expect(session.state().status).toBe('scanned');
  });

  it('reconnects to a new channel when the server restarts, and completes there', async () => {
    const session = connect();
    const before = await reach(session, 'ready');
    const port = server.port;
    await server.close();
    await reach(session, 'reconnecting');
    server = await startSignalingServer({ port, logger: 'silent', simulator: true });
    const after = await reach(session, 'ready');
    expect(after.channelId).not.toBe(before.channelId);
    const phone = await phoneFor(session);
    await phone.succeed();
    expect(await firstValueFrom(session.result$)).toEqual(expect.objectContaining({ status: 'succeeded' }));
  });

  it('shows an expired channel when the server TTL retires it', async () => {
    await server.close();
    server = await startSignalingServer({ port: 0, logger: 'silent', simulator: true, channelTtlMs: 150 });
    const session = connect();
    await reach(session, 'ready');
    await reach(session, 'expired');
    expect(await eventually(() => server.metrics().openHosts === 0)).toBe(true);
  });

  it('gets pongs from the server when it pings, so the watchdog stays quiet', async () => {
    const session = connect({ pingIntervalMs: 100, pongTimeoutMs: 60 });
    const ready = await reach(session, 'ready');
    const later: string[] = [];
    session.state$.subscribe((state) => later.push(state.status));
    await new Promise((resolve) => setTimeout(resolve, 500));
    // Four pings went out; without a pong each time the session would have dropped the channel.
    expect(later).toEqual(['ready']);
    expect(session.state()).toEqual(ready);
  });
});
