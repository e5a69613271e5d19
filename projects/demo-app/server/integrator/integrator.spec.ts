import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RunningSignalingServer, signWebhookBody, startSignalingServer } from '../../../signaling-server/src';
import { playOutcome } from '../../../signaling-server/test/rest-helpers';
import { RunningDemoServer, startDemoServer } from '../demo-server';
import { emulationFor } from './emulation-config';
import { DEV_KEYS_DIR, IntegratorKeys, generateIntegratorKeys, loadOrCreateIntegratorKeys } from './integrator-keys';
import { summariseSuccess } from './page-summary';

interface Exchange {
  readonly status: number;
  readonly text: string;
  readonly headers: string;
}

async function call(url: string, init: RequestInit = {}): Promise<Exchange> {
  const response = await fetch(url, init);
  return { status: response.status, text: await response.text(), headers: JSON.stringify([...response.headers]) };
}

/** Polls the page's result endpoint until it stops answering 202. */
async function settledResult(demoUrl: string, id: string): Promise<Exchange> {
  for (let polls = 0; polls < 200; polls++) {
    const result = await call(`${demoUrl}/api/identifications/${id}/result`);
    if (result.status !== 202) return result;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error('The summary never arrived.');
}

describe('demo integrator backend over real HTTP and WebSocket', () => {
  let keys: IntegratorKeys;
  let signaling: RunningSignalingServer;
  let demo: RunningDemoServer;
  let root: string;
  /** Everything the page-facing routes answered: none of it may contain a secret. */
  const pageFacing: Exchange[] = [];

  beforeAll(async () => {
    keys = await generateIntegratorKeys();
    root = await mkdtemp(join(tmpdir(), 'demo-root-'));
    await writeFile(join(root, 'index.html'), '<!doctype html><title>demo</title>');
    signaling = await startSignalingServer({ host: '127.0.0.1', port: 0, logger: 'silent', simulator: true, rest: emulationFor(keys, { webhooks: { initialDelayMs: 10, maxDelayMs: 50 } }) });
    demo = await startDemoServer({ host: '127.0.0.1', port: 0, root, signalingUrl: signaling.url, development: true, integrator: { proofmeApiUrl: signaling.httpUrl, keys } });
  });

  afterAll(async () => {
    await demo.close();
    await signaling.close();
    await rm(root, { recursive: true, force: true });
    for (const exchange of pageFacing) {
      for (const secret of [keys.apiKey, keys.webhookSecret, keys.privateKeyArmored, 'BEGIN PGP PRIVATE KEY']) {
        expect(exchange.text + exchange.headers).not.toContain(secret);
      }
    }
  });

  async function create(): Promise<string> {
    const created = await call(`${demo.url}/api/identifications`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    pageFacing.push(created);
    expect(created.status).toBe(201);
    const { identificationId } = JSON.parse(created.text) as { identificationId: string };
    return identificationId;
  }

  const play = (id: string, outcome: 'succeed' | 'fail'): Promise<void> => playOutcome(signaling.url, id, outcome);

  it('creates a real identification through the emulation, with its webhook pointing back at the demo', async () => {
    const id = await create();
    const identification = signaling.rest?.store.get(id);
    expect(identification).toMatchObject({ organisationId: keys.organisationId, proofmeId: keys.proofmeId, status: 'PENDING', webhookUrl: `${demo.url}/api/webhooks/proofme` });
    const pending = await call(`${demo.url}/api/identifications/${id}/result`);
    pageFacing.push(pending);
    expect(pending).toMatchObject({ status: 202, text: JSON.stringify({ status: 'PENDING' }) });
  });

  it('success: webhook → fetch → decrypt → only the page-safe summary', async () => {
    const id = await create();
    await play(id, 'succeed');
    const result = await settledResult(demo.url, id);
    pageFacing.push(result);
    expect(result.status).toBe(200);
    const summary = JSON.parse(result.text) as Record<string, unknown>;
    expect(Object.keys(summary).sort()).toEqual(['firstName', 'lastNameInitial', 'over18', 'status']);
    expect(summary).toMatchObject({ status: 'SUCCESS', over18: true });
    expect(summary['firstName']).toMatch(/^\p{L}+$/u);
    expect(summary['lastNameInitial']).toMatch(/^[A-Z]$/);
    expect(result.text).not.toMatch(/BIRTH|\d{4}-\d{2}-\d{2}|PASSPORT|NLD/);
    expect(signaling.rest?.store.get(id)?.status).toBe('SUCCESS');
  });

  it('failure: the summary is just the status', async () => {
    const id = await create();
    await play(id, 'fail');
    const result = await settledResult(demo.url, id);
    pageFacing.push(result);
    expect(result).toMatchObject({ status: 200, text: JSON.stringify({ status: 'FAILED' }) });
  });

  it('answers 404 for identifications it did not create', async () => {
    const result = await call(`${demo.url}/api/identifications/0b3a7c33-4c5c-4f5e-9a54-1d1c0e2f3a4b/result`);
    pageFacing.push(result);
    expect(result.status).toBe(404);
  });

  describe('the webhook route verifies X-Body-Signature over the raw body', () => {
    const post = (body: string, signature?: string): Promise<Exchange> =>
      call(`${demo.url}/api/webhooks/proofme`, { method: 'POST', headers: { 'content-type': 'application/json', ...(signature ? { 'x-body-signature': signature } : {}) }, body });

    it('refuses a missing or wrong signature with 401, and changes nothing', async () => {
      const id = await create();
      const body = JSON.stringify({ id });
      expect((await post(body)).status).toBe(401);
      expect((await post(body, signWebhookBody(body, 'not the secret'))).status).toBe(401);
      expect((await post(`${body} `, signWebhookBody(body, keys.webhookSecret))).status).toBe(401);
      expect(demo.integrator.summary(id)).toBe('pending');
    });

    it('accepts a valid signature: 200 for an unknown id (leaks nothing), 400 for a body without an id', async () => {
      const unknown = JSON.stringify({ id: '0b3a7c33-4c5c-4f5e-9a54-1d1c0e2f3a4b' });
      expect((await post(unknown, signWebhookBody(unknown, keys.webhookSecret))).status).toBe(200);
      const bad = JSON.stringify({ nope: 1 });
      expect((await post(bad, signWebhookBody(bad, keys.webhookSecret))).status).toBe(400);
    });

    it('answers 502 when Proofme cannot be reached, so the webhook is retried', async () => {
      const gone = await startSignalingServer({ host: '127.0.0.1', port: 0, logger: 'silent', simulator: true, rest: emulationFor(keys) });
      const cut = await startDemoServer({ host: '127.0.0.1', port: 0, root, signalingUrl: gone.url, development: false, integrator: { proofmeApiUrl: gone.httpUrl, keys } });
      try {
        const created = await call(`${cut.url}/api/identifications`, { method: 'POST', body: '{}' });
        const { identificationId } = JSON.parse(created.text) as { identificationId: string };
        await gone.close();
        const body = JSON.stringify({ id: identificationId });
        const response = await call(`${cut.url}/api/webhooks/proofme`, { method: 'POST', headers: { 'x-body-signature': signWebhookBody(body, keys.webhookSecret) }, body });
        expect(response.status).toBe(502);
        expect(cut.integrator.summary(identificationId)).toBe('pending');
      } finally {
        await cut.close();
        await gone.close();
      }
    });
  });
});

describe('integrator keys', () => {
  it('are generated on first start into a 0600 file, then read back unchanged', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'dev-keys-'));
    try {
      const first = await loadOrCreateIntegratorKeys(dir);
      expect(first.privateKeyArmored).toContain('BEGIN PGP PRIVATE KEY BLOCK');
      expect(first.publicKeyArmored).toContain('BEGIN PGP PUBLIC KEY BLOCK');
      expect(first.apiKey.length).toBeGreaterThanOrEqual(32);
      expect((await stat(join(dir, 'integrator.json'))).mode & 0o777).toBe(0o600);
      expect(await loadOrCreateIntegratorKeys(dir)).toEqual(first);
      await writeFile(join(dir, 'integrator.json'), '{broken');
      await expect(loadOrCreateIntegratorKeys(dir)).rejects.toThrow(/Delete it to generate new development keys/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('live in a git-ignored folder, so they are never committed', () => {
    const file = join(DEV_KEYS_DIR, 'integrator.json');
    expect(execFileSync('git', ['check-ignore', file], { encoding: 'utf8' }).trim()).toBe(file);
    const gitignore = readFile(join(__dirname, '..', '..', '..', '..', '.gitignore'), 'utf8');
    return expect(gitignore).resolves.toContain('/projects/demo-app/.dev-keys/');
  });
});

describe('page summary', () => {
  const credentials = (values: Record<string, unknown>): unknown => ({
    credentials: { EPASS: { credentials: Object.fromEntries(Object.entries(values).map(([key, value]) => [key, { credentialSubject: { credential: { value } } }])) } },
  });

  it('keeps a first name, the last name\'s initial and the adult flag', () => {
    expect(summariseSuccess(credentials({ FIRST_NAME: 'Anna', LAST_NAME: 'de Vries', OLDER_THAN_18: true, BIRTH_DATE: '1990-01-01' }))).toEqual({
      status: 'SUCCESS',
      firstName: 'Anna',
      lastNameInitial: 'V',
      over18: true,
    });
  });

  it('never throws on missing or odd values', () => {
    expect(summariseSuccess({})).toEqual({ status: 'SUCCESS', firstName: '', lastNameInitial: '', over18: false });
    expect(summariseSuccess(credentials({ FIRST_NAME: 42, OLDER_THAN_18: 'yes' }))).toEqual({ status: 'SUCCESS', firstName: '', lastNameInitial: '', over18: false });
  });
});
