import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { playOutcome } from '../../signaling-server/test/rest-helpers';
import { startDemoServer } from './demo-server';
import { IntegratorKeys, generateIntegratorKeys } from './integrator/integrator-keys';
import { LocalStack, startLocalStack } from './local-stack';

/** Polls the page's result route until the webhook has been handled. */
async function settledStatus(demoUrl: string, id: string): Promise<number> {
  for (let polls = 0; polls < 200; polls++) {
    const response = await fetch(`${demoUrl}/api/identifications/${id}/result`);
    await response.arrayBuffer();
    if (response.status !== 202) return response.status;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error('The summary never arrived.');
}

describe('the phone panel restarts the signaling server (POST /api/signaling/restart)', () => {
  let keys: IntegratorKeys;
  let root: string;
  let stack: LocalStack;

  beforeAll(async () => {
    keys = await generateIntegratorKeys();
    root = await mkdtemp(join(tmpdir(), 'demo-root-'));
    await writeFile(join(root, 'index.html'), '<!doctype html><title>demo</title>');
    stack = await startLocalStack({ root, keys });
  });

  afterAll(async () => {
    await stack.close();
    await rm(root, { recursive: true, force: true });
  });

  it('is down while restarting, back on the same port after, and keeps the identifications', async () => {
    const created = await fetch(`${stack.demo.url}/api/identifications`, { method: 'POST', body: '{}' });
    const { identificationId } = (await created.json()) as { identificationId: string };
    const before = stack.signaling;

    const restart = fetch(`${stack.demo.url}/api/signaling/restart`, { method: 'POST', body: '{}' });
    await new Promise((resolve) => setTimeout(resolve, 500));
    await expect(fetch(`${before.httpUrl}/v1/identification/${identificationId}`)).rejects.toThrow();
    const answer = await restart;
    expect(answer.status).toBe(200);
    await answer.arrayBuffer();

    expect(stack.signaling).not.toBe(before);
    expect(stack.signaling.url).toBe(before.url);
    // The identification made before the restart completes after it, webhook and all.
    await playOutcome(stack.signaling.url, identificationId, 'succeed');
    expect(await settledStatus(stack.demo.url, identificationId)).toBe(200);
  }, 20_000);

  it('does not exist without development mode or without a server to restart', async () => {
    const other = await startDemoServer({
      host: '127.0.0.1',
      port: 0,
      root,
      signalingUrl: stack.signaling.url,
      development: false,
      integrator: { proofmeApiUrl: stack.signaling.httpUrl, keys },
      signalingControl: { restart: () => Promise.reject(new Error('must not be called')) },
    });
    const refused = await fetch(`${other.url}/api/signaling/restart`, { method: 'POST', body: '{}' });
    expect(refused.status).toBe(404);
    await other.close();
  });
});
