import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Logger } from 'pino';
import type { WebhookRetryOptions } from './rest-options';

/** The header that carries the body's HMAC (in the spirit of ProofSpace's `X-Body-Signature`). */
export const WEBHOOK_SIGNATURE_HEADER = 'X-Body-Signature';

/** base64(HMAC-SHA256(rawBody, secret)): the value of {@link WEBHOOK_SIGNATURE_HEADER}. */
export function signWebhookBody(rawBody: string | Buffer, secret: string): string {
  return createHmac('sha256', secret).update(rawBody).digest('base64');
}

/** Constant-time check of a received signature against the raw body (never a re-serialised one). */
export function verifyWebhookSignature(rawBody: string | Buffer, signature: string | undefined, secret: string): boolean {
  if (typeof signature !== 'string') return false;
  const expected = Buffer.from(signWebhookBody(rawBody, secret));
  const received = Buffer.from(signature.trim());
  return received.length === expected.length && timingSafeEqual(received, expected);
}

/** One try of one delivery, reported to `onAttempt` (tests and logs). */
export interface WebhookAttempt {
  readonly identificationId: string;
  readonly url: string;
  /** 1-based. */
  readonly attempt: number;
  /** The HTTP status, or 0 when no answer came (refused, timed out). */
  readonly status: number;
  readonly delivered: boolean;
  /** True on the last failed try: no more retries. */
  readonly gaveUp: boolean;
}

/** Delay before try `attempt` (2-based): `initialDelayMs · factor^(attempt-2)`, at most `maxDelayMs`. */
export function webhookDelay(options: WebhookRetryOptions, attempt: number): number {
  return Math.min(options.maxDelayMs, options.initialDelayMs * options.factor ** (attempt - 2));
}

/**
 * Posts `{"id":"<identificationId>"}` to webhook URLs, retrying with exponential backoff until a
 * 2xx arrives or the tries run out. Every pending timer and request is tracked, so `close()`
 * leaves nothing behind; timers are unref'd so a pending retry never keeps a process alive.
 */
export class WebhookDispatcher {
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly requests = new Set<AbortController>();
  private closed = false;

  constructor(
    private readonly options: WebhookRetryOptions,
    private readonly logger: Logger,
    private readonly onAttempt?: (attempt: WebhookAttempt) => void,
  ) {}

  /** Starts delivering; returns at once. */
  send(url: string, identificationId: string, secret: string | undefined): void {
    const body = JSON.stringify({ id: identificationId });
    const headers: Record<string, string> = { 'content-type': 'application/json', 'user-agent': 'proofme-signal-rest-emulation' };
    if (secret) headers[WEBHOOK_SIGNATURE_HEADER] = signWebhookBody(body, secret);
    void this.attempt({ url, identificationId, body, headers }, 1);
  }

  /** Cancels every pending retry and in-flight request. */
  close(): void {
    this.closed = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    for (const request of this.requests) request.abort();
    this.requests.clear();
  }

  /** Pending retries plus requests in flight (tests check it drains). */
  get pending(): number {
    return this.timers.size + this.requests.size;
  }

  private async attempt(delivery: Delivery, attempt: number): Promise<void> {
    if (this.closed) return;
    const controller = new AbortController();
    this.requests.add(controller);
    const timeout = setTimeout(() => controller.abort(), this.options.timeoutMs);
    let status = 0;
    try {
      const response = await fetch(delivery.url, { method: 'POST', headers: delivery.headers, body: delivery.body, signal: controller.signal, redirect: 'manual' });
      status = response.status;
      await response.body?.cancel();
    } catch {
      status = 0;
    } finally {
      clearTimeout(timeout);
      this.requests.delete(controller);
    }
    if (this.closed) return;
    const delivered = status >= 200 && status < 300;
    const gaveUp = !delivered && attempt >= this.options.attempts;
    this.onAttempt?.({ identificationId: delivery.identificationId, url: delivery.url, attempt, status, delivered, gaveUp });
    if (delivered) return;
    const level = gaveUp ? 'warn' : 'info';
    this.logger[level]({ identificationId: delivery.identificationId, attempt, status }, gaveUp ? 'webhook not delivered: giving up' : 'webhook not delivered: will retry');
    if (gaveUp) return;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      void this.attempt(delivery, attempt + 1);
    }, webhookDelay(this.options, attempt + 1));
    timer.unref();
    this.timers.add(timer);
  }
}

interface Delivery {
  readonly url: string;
  readonly identificationId: string;
  readonly body: string;
  readonly headers: Readonly<Record<string, string>>;
}
