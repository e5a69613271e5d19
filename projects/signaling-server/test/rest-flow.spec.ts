import { randomUUID } from 'node:crypto';
import type { RunningSignalingServer } from '../src/server/signaling-server';
import { decryptIdentificationData } from '../src/rest/identification-data';
import { connectTestHost } from '../src/testing/test-host';
import { eventually } from './helpers';
import { api, API_KEY, createIdentification, linkedPair, playOutcome, startRestServer, testKeyPair, WebhookReceiver } from './rest-helpers';

/** Polls the identification until `predicate` holds (the status is set after the data is encrypted). */
async function identificationWhen(server: RunningSignalingServer, id: string, predicate: (identification: { status: string }) => boolean): Promise<any> { // eslint-disable-line @typescript-eslint/no-explicit-any
  let latest: any; // eslint-disable-line @typescript-eslint/no-explicit-any
  await eventually(() => {
    void api(server, 'GET', `/v1/identification/data/${id}`, { authorization: API_KEY }).then((response) => (latest = response.body.identification));
    return latest !== undefined && predicate(latest);
  }, 5000);
  return latest;
}

describe('REST emulation: statuses driven by a real host and phone', () => {
  let keys: { publicKey: string; privateKey: string };
  let server: RunningSignalingServer;

  beforeAll(async () => {
    keys = await testKeyPair();
    server = await startRestServer(keys.publicKey);
  });
  afterAll(() => server.close());

  it('PENDING → scanned (scannedAt) → SUCCESS, and data/:id decrypts to the simulated identity', async () => {
    const id = await createIdentification(server);
    const { host, phone } = await linkedPair(server.url, id);
    expect(await host.next()).toEqual({ type: 'clientconnected', success: true });
    const scanned = (await api(server, 'GET', `/v1/identification/${id}`, { authorization: API_KEY })).body.identification;
    expect(scanned.status).toBe('PENDING');
    expect(Date.parse(scanned.scannedAt)).not.toBeNaN();

    await phone.succeed();
    expect(await host.next()).toEqual({ type: 'result', success: true, message: 'IDENTIFICATION_SUCCESS' });
    const done = await identificationWhen(server, id, (identification) => identification.status !== 'PENDING');
    expect(done.status).toBe('SUCCESS');
    const data = done.identificationData;
    expect(data).toMatchObject({ identificationId: id, encryptionMode: 'GCM', storage: 'DATABASE' });
    expect(data.encryptedEncryptionSecret).toMatch(/^-----BEGIN PGP MESSAGE-----/);
    // base64(12-byte IV ‖ ciphertext ‖ 16-byte tag)
    expect(Buffer.from(data.encryptedData, 'base64').length).toBeGreaterThan(28);

    const identity = (await decryptIdentificationData(data, keys.privateKey)) as any; // eslint-disable-line @typescript-eslint/no-explicit-any
    const credentials = identity.credentials.EPASS.credentials;
    expect(typeof credentials.FIRST_NAME.credentialSubject.credential.value).toBe('string');
    expect(typeof credentials.LAST_NAME.credentialSubject.credential.value).toBe('string');
    expect(credentials.BIRTH_DATE.credentialSubject.credential.value).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(credentials.OLDER_THAN_18.credentialSubject.credential.value).toBe(true);
    await phone.close();
    await host.close();
  });

  it('a tampered ciphertext or a different private key does not decrypt', async () => {
    const id = await createIdentification(server);
    const { host, phone } = await linkedPair(server.url, id);
    await phone.succeed();
    const { identificationData } = await identificationWhen(server, id, (identification) => identification.status === 'SUCCESS');
    const sealed = Buffer.from(identificationData.encryptedData, 'base64');
    sealed[20] ^= 0xff;
    await expect(decryptIdentificationData({ ...identificationData, encryptedData: sealed.toString('base64') }, keys.privateKey)).rejects.toThrow();
    await expect(decryptIdentificationData(identificationData, (await testKeyPair()).privateKey)).rejects.toThrow();
    await phone.close();
    await host.close();
  });

  it('PENDING → FAILED on a failed result, with no data', async () => {
    const id = await createIdentification(server);
    const { host, phone } = await linkedPair(server.url, id);
    await phone.fail();
    const done = await identificationWhen(server, id, (identification) => identification.status !== 'PENDING');
    expect(done).toMatchObject({ status: 'FAILED', identificationData: null });
    await phone.close();
    await host.close();
  });

  it('refuses a host for a finished identification: close 1000 right after the upgrade, no host message', async () => {
    const id = await createIdentification(server);
    const { host, phone } = await linkedPair(server.url, id);
    await phone.succeed();
    await identificationWhen(server, id, (identification) => identification.status === 'SUCCESS');
    await expect(connectTestHost(server.url, { data: `id:${id}` })).rejects.toThrow(/\(1000 Identification already finished\)/);
    // A second phone result on another channel of the same identification changes nothing.
    expect((await api(server, 'GET', `/v1/identification/${id}`, { authorization: API_KEY })).body.identification.status).toBe('SUCCESS');
    expect(server.metrics().openHosts).toBe(1);
    await phone.close();
    await host.close();
  });

  it('keeps the page\'s reload working: a second host for a pending identification gets a channel', async () => {
    const id = await createIdentification(server);
    const first = await connectTestHost(server.url, { data: `id:${id}` });
    const second = await connectTestHost(server.url, { data: `id:${id}` });
    expect(second.host.channelId).not.toBe(first.host.channelId);
    await first.close();
    await second.close();
  });

  it('still serves unknown (not created) identification ids by default, and never changes the store for them', async () => {
    const { host, phone } = await linkedPair(server.url, randomUUID());
    await phone.succeed();
    expect(await host.next()).toMatchObject({ type: 'clientconnected' });
    expect(await host.next()).toMatchObject({ type: 'result', success: true });
    await phone.close();
    await host.close();
  });
});

describe('REST emulation: requireKnownIdentifications', () => {
  it('refuses hosts for ids the store does not know, with close 1000, and serves known ones', async () => {
    const server = await startRestServer((await testKeyPair()).publicKey, { requireKnownIdentifications: true });
    try {
      await expect(connectTestHost(server.url, { data: `id:${randomUUID()}` })).rejects.toThrow(/\(1000 Unknown identification\)/);
      const known = await connectTestHost(server.url, { data: `id:${await createIdentification(server)}` });
      expect(known.host.type).toBe('host');
      await known.close();
      expect(server.metrics().openHosts).toBe(0);
    } finally {
      await server.close();
    }
  });
});

describe('REST emulation: the webhook fires after the data is stored', () => {
  it('on SUCCESS the backend can fetch the data as soon as the webhook arrives', async () => {
    const keys = await testKeyPair();
    const server = await startRestServer(keys.publicKey);
    const receiver = await new WebhookReceiver().start();
    try {
      const id = await createIdentification(server, { webhookUrl: receiver.url });
      await playOutcome(server.url, id);
      await receiver.received(1);
      expect(JSON.parse(receiver.calls[0].body)).toEqual({ id });
      const data = await api(server, 'GET', `/v1/identification/data/${id}`, { authorization: API_KEY });
      expect(data.body.identification.status).toBe('SUCCESS');
      expect(await decryptIdentificationData(data.body.identification.identificationData, keys.privateKey)).toHaveProperty('credentials');
    } finally {
      await server.close();
      await receiver.stop();
    }
  });
});
