import { randomUUID } from 'node:crypto';
import type { Identification, IdentificationData } from './identification';

/** What `POST /v1/identification` asked for, after validation. */
export interface NewIdentification {
  readonly organisationId: string;
  readonly proofmeId: string;
  readonly description: string | null;
  readonly redirectUrl: string | null;
  readonly webhookUrl: string | null;
  readonly metadata: unknown;
  readonly testmode: boolean;
  /** Base of `myPageUrl` (`<base>/<id>`), when the organisation has a My Page with a URL. */
  readonly myPageBase: string | null;
}

/**
 * The emulation's in-memory store: identifications and their encrypted data, by id. Nothing is
 * persisted and nothing expires: a restart forgets everything, which is what a development and
 * test server wants. Bounded by `maxEntries` (oldest dropped first) so a long-running dev server
 * cannot grow without limit.
 */
export class IdentificationStore {
  private readonly identifications = new Map<string, Identification>();
  private readonly data = new Map<string, IdentificationData>();

  constructor(private readonly maxEntries = 10_000) {}

  create(request: NewIdentification, now = new Date()): Identification {
    const id = randomUUID();
    const at = now.toISOString();
    const identification: Identification = {
      id,
      organisationId: request.organisationId,
      proofmeId: request.proofmeId,
      proofmeRevision: 1,
      description: request.description,
      scannedAt: null,
      status: 'PENDING',
      isRequest: true,
      redirectUrl: request.redirectUrl,
      webhookUrl: request.webhookUrl,
      myPageUrl: request.myPageBase ? `${request.myPageBase.replace(/\/+$/, '')}/${id}` : null,
      metadata: request.metadata,
      mode: request.testmode ? 'test' : 'live',
      notify: null,
      createdAt: at,
      updatedAt: at,
    };
    if (this.identifications.size >= this.maxEntries) {
      const oldest = this.identifications.keys().next().value as string;
      this.identifications.delete(oldest);
      this.data.delete(oldest);
    }
    this.identifications.set(id, identification);
    return identification;
  }

  get(id: string): Identification | undefined {
    return this.identifications.get(id.toLowerCase());
  }

  dataOf(id: string): IdentificationData | null {
    return this.data.get(id) ?? null;
  }

  setData(id: string, data: IdentificationData): void {
    this.data.set(id, data);
  }

  get size(): number {
    return this.identifications.size;
  }
}
