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
 * test server wants. Bounded per organisation by `maxPerOrganisation`: at the quota a create drops
 * the same organisation's oldest entry, so one API key can never evict another organisation's
 * pending identifications. Organisations come from configured API keys, so the total is bounded too.
 */
export class IdentificationStore {
  private readonly identifications = new Map<string, Identification>();
  private readonly data = new Map<string, IdentificationData>();
  /** Ids per organisation in creation order (a Set iterates in insertion order). */
  private readonly byOrganisation = new Map<string, Set<string>>();

  constructor(private readonly maxPerOrganisation = 10_000) {}

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
    const own = this.byOrganisation.get(request.organisationId) ?? new Set<string>();
    this.byOrganisation.set(request.organisationId, own);
    if (own.size >= this.maxPerOrganisation) {
      const oldest = own.values().next().value as string;
      own.delete(oldest);
      this.identifications.delete(oldest);
      this.data.delete(oldest);
    }
    own.add(id);
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

  /** How many identifications `organisationId` holds now. */
  countOf(organisationId: string): number {
    return this.byOrganisation.get(organisationId)?.size ?? 0;
  }
}
