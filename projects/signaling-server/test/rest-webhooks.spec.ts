import type { RunningSignalingServer } from '../src/server/signaling-server';
import { DEFAULT_WEBHOOK_RETRY } from '../src/rest/rest-options';
import { signWebhookBody, verifyWebhookSignature, webhookDelay } from '../src/rest/webhooks';
import { eventually } from './helpers';
import { createIdentification, playOutcome, startRestServer, testKeyPair, WebhookReceiver } from './rest-helpers';

const FAST = { initialDelayMs: 5, factor: 2, maxDelayMs: 40, timeoutMs: 2000 };

/** Creates an identification with `webhookUrl`, and plays host + phone to `outcome`. */
async function finish(server: RunningSignalingServer, webhookUrl: string, outcome: 'succeed' | 'fail' = 'succeed'): Promise<string> {
  const id = await createIdentification(server, { webhookUrl });
  await playOutcome(server.url, id, outcome);
  return id;
}

describe('webhooks: signature, retry with backoff, bounds', () => {
  let publicKey: string;
  beforeAll(async () => {
    publicKey = (await testKeyPair()).publicKey;
  });

  it('POSTs {"id"} as JSON with X-Body-Signature = base64 HMAC-SHA256 of the raw body', async () => {
    const receiver = await new WebhookReceiver().start();
    const server = await startRestServer(publicKey, { webhooks: FAST }, { webhookSecret: 'whsec_test' });
    try {
      const id = await finish(server, receiver.url);
      await receiver.received(1);
      const [call] = receiver.calls;
      expect(call.body).toBe(JSON.stringify({ id }));
      expect(call.contentType).toBe('application/json');
      expect(call.signature).toBe(signWebhookBody(call.body, 'whsec_test'));
      expect(verifyWebhookSignature(call.body, call.signature, 'whsec_test')).toBe(true);
      expect(verifyWebhookSignature(call.body, call.signature, 'another secret')).toBe(false);
      expect(verifyWebhookSignature(`${call.body} `, call.signature, 'whsec_test')).toBe(false);
      expect(verifyWebhookSignature(call.body, undefined, 'whsec_test')).toBe(false);
      await eventually(() => server.rest?.pendingWebhooks === 0);
      expect(receiver.calls).toHaveLength(1);
    } finally {
      await server.close();
      await receiver.stop();
    }
  });

  it('sends no signature header without a secret, and fires on FAILED too', async () => {
    const receiver = await new WebhookReceiver().start();
    const server = await startRestServer(publicKey, { webhooks: FAST });
    try {
      const id = await finish(server, receiver.url, 'fail');
      await receiver.received(1);
      expect(receiver.calls[0]).toMatchObject({ body: JSON.stringify({ id }), signature: undefined });
    } finally {
      await server.close();
      await receiver.stop();
    }
  });

  it('uses the API key\'s default webhookUrl when the identification names none', async () => {
    const receiver = await new WebhookReceiver().start();
    const server = await startRestServer(publicKey, { webhooks: FAST }, { webhookUrl: receiver.url });
    try {
      const id = await createIdentification(server);
      await playOutcome(server.url, id);
      await receiver.received(1);
      expect(JSON.parse(receiver.calls[0].body)).toEqual({ id });
    } finally {
      await server.close();
      await receiver.stop();
    }
  });

  it('retries a non-2xx answer until a 2xx, then stops', async () => {
    const receiver = await new WebhookReceiver([500, 503, 404]).start();
    const server = await startRestServer(publicKey, { webhooks: { ...FAST, attempts: 10 } }, { webhookSecret: 's3cret' });
    try {
      const id = await finish(server, receiver.url);
      await receiver.received(4);
      await eventually(() => server.rest?.pendingWebhooks === 0);
      expect(receiver.calls).toHaveLength(4);
      // Every retry carries the same body and signature.
      expect(new Set(receiver.calls.map((call) => `${call.body}|${call.signature}`))).toEqual(new Set([`${JSON.stringify({ id })}|${signWebhookBody(JSON.stringify({ id }), 's3cret')}`]));
    } finally {
      await server.close();
      await receiver.stop();
    }
  });

  it('gives up after `attempts` tries', async () => {
    const receiver = await new WebhookReceiver(Array(10).fill(500)).start();
    const server = await startRestServer(publicKey, { webhooks: { ...FAST, attempts: 3 } });
    try {
      await finish(server, receiver.url);
      await receiver.received(3);
      await eventually(() => server.rest?.pendingWebhooks === 0);
      expect(receiver.calls).toHaveLength(3);
    } finally {
      await server.close();
      await receiver.stop();
    }
  });

  it('treats no answer within timeoutMs as a failure, and a refused connection too', async () => {
    const hanging = await new WebhookReceiver([], true).start();
    const server = await startRestServer(publicKey, { webhooks: { ...FAST, attempts: 2, timeoutMs: 50 } });
    try {
      await finish(server, hanging.url);
      await hanging.received(2);
      await eventually(() => server.rest?.pendingWebhooks === 0);
      expect(hanging.calls).toHaveLength(2);
      const refusedUrl = hanging.url;
      await hanging.stop();
      await finish(server, refusedUrl);
      await eventually(() => server.rest?.pendingWebhooks === 0);
    } finally {
      await server.close();
      await hanging.stop();
    }
  });

  it('stops retrying when the server closes: no timer or request left', async () => {
    const receiver = await new WebhookReceiver(Array(10).fill(500)).start();
    const server = await startRestServer(publicKey, { webhooks: { ...FAST, initialDelayMs: 60_000, attempts: 10 } });
    try {
      await finish(server, receiver.url);
      await receiver.received(1);
      await eventually(() => server.rest?.pendingWebhooks === 1); // the retry timer, a minute away
      await server.close();
      expect(server.rest?.pendingWebhooks).toBe(0);
      expect(receiver.calls).toHaveLength(1);
    } finally {
      await server.close();
      await receiver.stop();
    }
  });

  it('backs off exponentially, capped: by default 10 tries over about 25½ hours, like Proofme', () => {
    const delays = Array.from({ length: 9 }, (_, index) => webhookDelay(DEFAULT_WEBHOOK_RETRY, index + 2));
    expect(delays.slice(0, 3)).toEqual([180_000, 360_000, 720_000]);
    expect(DEFAULT_WEBHOOK_RETRY.attempts).toBe(10);
    expect(DEFAULT_WEBHOOK_RETRY.timeoutMs).toBe(15_000);
    const totalHours = delays.reduce((sum, delay) => sum + delay, 0) / 3_600_000;
    expect(totalHours).toBeGreaterThan(24);
    expect(totalHours).toBeLessThan(27);
    expect(webhookDelay({ ...DEFAULT_WEBHOOK_RETRY, maxDelayMs: 1000 }, 9)).toBe(1000);
  });
});
