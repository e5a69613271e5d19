import { decryptIdentificationData, type Identification, type IdentificationData } from '../../../signaling-server/src';
import type { IntegratorKeys } from './integrator-keys';
import { PageSummary, summariseSuccess } from './page-summary';

/** Where the integrator's backend finds Proofme's REST API, and its credentials. */
export interface IntegratorOptions {
  /** The REST API base without `/v1`: Proofme's `https://api.proofme.id`, or the local emulation's `httpUrl`. */
  readonly proofmeApiUrl: string;
  readonly keys: IntegratorKeys;
}

/** What the backend remembers per identification it created: nothing until the webhook lands. */
type Known = { readonly state: 'pending' } | { readonly state: 'done'; readonly summary: PageSummary };

/** Thrown when Proofme's API answers unexpectedly; the webhook route answers 502 so Proofme retries. */
export class ProofmeApiError extends Error {
  override readonly name = 'ProofmeApiError';
}

const MAX_REMEMBERED = 1000;

/**
 * The demo integrator's backend: creates identifications with the API key, and on the webhook
 * fetches and decrypts the data and keeps only a {@link PageSummary}. Decrypted credentials live
 * in a local variable for the length of one webhook call; nothing else is stored.
 */
export class IntegratorBackend {
  private readonly known = new Map<string, Known>();
  /** Set once the demo server listens: `<demo url>/api/webhooks/proofme`. */
  webhookUrl: string | null = null;

  constructor(private readonly options: IntegratorOptions) {}

  get webhookSecret(): string {
    return this.options.keys.webhookSecret;
  }

  /** `POST /v1/identification` for the demo's Proofme template; returns the new id. */
  async createIdentification(description = 'proofme-ng demo'): Promise<string> {
    const { identification } = await this.call<{ identification: Identification }>('POST', '/v1/identification', {
      proofmeId: this.options.keys.proofmeId,
      description,
      ...(this.webhookUrl ? { webhookUrl: this.webhookUrl } : {}),
    });
    this.remember(identification.id, { state: 'pending' });
    return identification.id;
  }

  /** True for an identification this backend created (the webhook ignores the rest, answering 200). */
  created(id: string): boolean {
    return this.known.has(id);
  }

  /** The webhook said `id` changed: fetch it, decrypt on SUCCESS, keep the summary. */
  async refresh(id: string): Promise<void> {
    if (!this.known.has(id)) return;
    const { identification } = await this.call<{ identification: Identification & { identificationData: IdentificationData | null } }>('GET', `/v1/identification/data/${encodeURIComponent(id)}`);
    switch (identification.status) {
      case 'PENDING':
        return;
      case 'SUCCESS': {
        if (!identification.identificationData) throw new ProofmeApiError('SUCCESS without identificationData.');
        const decrypted = await decryptIdentificationData(identification.identificationData, this.options.keys.privateKeyArmored);
        this.remember(id, { state: 'done', summary: summariseSuccess(decrypted) });
        return;
      }
      case 'FAILED':
      case 'REVOKED':
        this.remember(id, { state: 'done', summary: { status: identification.status } });
        return;
    }
  }

  /** The page's view: undefined for ids this backend did not create, 'pending' until the webhook was handled. */
  summary(id: string): PageSummary | 'pending' | undefined {
    const known = this.known.get(id);
    return known && (known.state === 'pending' ? 'pending' : known.summary);
  }

  private remember(id: string, value: Known): void {
    this.known.delete(id);
    if (this.known.size >= MAX_REMEMBERED) this.known.delete(this.known.keys().next().value as string);
    this.known.set(id, value);
  }

  private async call<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
    const response = await fetch(new URL(path, this.options.proofmeApiUrl), {
      method,
      headers: { authorization: this.options.keys.apiKey, accept: 'application/json', ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
      signal: AbortSignal.timeout(10_000),
    });
    if (!response.ok) throw new ProofmeApiError(`${method} ${path}: HTTP ${response.status}`);
    return (await response.json()) as T;
  }
}
