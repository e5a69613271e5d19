import { CLOSE } from '../src/server/close-codes';
import { PhoneSimulatorError } from '../src/phone/phone-errors';
import { simulatePhone } from '../src/phone/simulate-phone';
import type { RunningSignalingServer } from '../src/server/signaling-server';
import { connectTestHost } from '../src/testing/test-host';
import { openPair, startTestServer } from './helpers';
import { api, API_KEY, createIdentification, linkedPair, startRestServer, testKeyPair } from './rest-helpers';

describe('simulator mode', () => {
  const servers: RunningSignalingServer[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((server) => server.close()));
  });
  const production = async (options: Parameters<typeof startTestServer>[0] = {}): Promise<RunningSignalingServer> => {
    const server = await startTestServer({ simulator: false, ...options });
    servers.push(server);
    return server;
  };

  it('is off unless asked for', async () => {
    const { startSignalingServer } = await import('../src/server/signaling-server');
    const server = await startSignalingServer({ host: '127.0.0.1', port: 0, logger: 'silent' });
    servers.push(server);
    expect(server.simulator).toBe(false);
  });

  it.each([
    ['result', (phone: Awaited<ReturnType<typeof openPair>>['phone']) => phone.succeed()],
    ['leave', (phone: Awaited<ReturnType<typeof openPair>>['phone']) => phone.leave().then(() => undefined)],
  ])('outside simulator mode, a phone\'s %s is refused with 4405 naming --simulator, and the host hears no result', async (_frame, act) => {
    const server = await production();
    const { host, phone } = await openPair(server);
    await act(phone);
    const closed = await phone.closed;
    expect(closed).toEqual({ code: CLOSE.simulatorModeOff, reason: expect.stringContaining('--simulator') });
    // The phone's socket is gone, so the page hears that, never a result.
    expect(await host.next()).toEqual({ type: 'disconnect' });
    expect(server.metrics().results).toEqual({ success: 0, failure: 0 });
    await host.close();
  });

  it('simulatePhone against a production server rejects with PROOFME_PHONE_SIMULATOR_MODE_OFF', async () => {
    const server = await production();
    const host = await connectTestHost(server.url);
    const run = simulatePhone(host.deeplink, { result: 'success' });
    await expect(run).rejects.toBeInstanceOf(PhoneSimulatorError);
    await expect(run).rejects.toMatchObject({ code: 'PROOFME_PHONE_SIMULATOR_MODE_OFF', closeCode: 4405, message: expect.stringContaining('--simulator') });
    await host.close();
  });

  it('in production mode nobody can finish an identification through the signaling flow: it stays PENDING', async () => {
    const { publicKey } = await testKeyPair();
    const restProduction = await startRestServer(publicKey, {}, {}, { simulator: false });
    servers.push(restProduction);
    const id = await createIdentification(restProduction);
    const { host, phone } = await linkedPair(restProduction.url, id);
    await phone.succeed();
    expect(await phone.closed).toMatchObject({ code: CLOSE.simulatorModeOff });
    await host.close();
    const read = await api(restProduction, 'GET', `/v1/identification/${id}`, { authorization: API_KEY });
    expect(read.body.identification.status).toBe('PENDING');
    expect(restProduction.rest?.pendingWebhooks).toBe(0);
  });

  it('in simulator mode the result is relayed as before', async () => {
    const server = await startTestServer({ simulator: true });
    servers.push(server);
    const { host, phone } = await openPair(server);
    await phone.succeed();
    expect(await host.next()).toEqual({ type: 'result', success: true, message: 'IDENTIFICATION_SUCCESS' });
    await phone.close();
    await host.close();
  });
});
