import * as openpgp from 'openpgp';
import type { Logger } from 'pino';
import type { ClosableHost, HostVerdict, IdentificationLink } from '../server/identification-link';
import { Identification, isFinished } from './identification';
import { encryptIdentificationData, simulatedIdentity } from './identification-data';
import { IdentificationStore, NewIdentification } from './identification-store';
import type { ResolvedMyPageSite, ResolvedRestOptions, RestApiKey } from './rest-options';
import { WebhookAttempt, WebhookDispatcher } from './webhooks';

/** Closes live hosts of a revoked identification with 1000 (the same code as a refused one). */
const CLOSE_NORMAL = 1000;

/**
 * The REST emulation's state and behaviour, without HTTP: API keys, My Pages, the store, the
 * statuses the signaling flow drives, encryption and webhooks. `rest-http.ts` puts routes on it.
 */
export class RestEmulation implements IdentificationLink {
  readonly store: IdentificationStore;
  private readonly keysBySecret: ReadonlyMap<string, RestApiKey>;
  private readonly hosts = new Map<string, Set<ClosableHost>>();
  /** The key that created each identification: its webhook secret signs that identification's webhooks. */
  private readonly creators = new WeakMap<Identification, RestApiKey>();
  /** Ids whose result is being encrypted: the first result wins, later ones are ignored. */
  private readonly finishing = new Set<string>();
  private readonly webhooks: WebhookDispatcher;
  private closed = false;

  private constructor(
    readonly options: ResolvedRestOptions,
    private readonly encryptionKeys: ReadonlyMap<string, readonly openpgp.Key[]>,
    private readonly logger: Logger,
    onWebhookAttempt?: (attempt: WebhookAttempt) => void,
  ) {
    this.store = new IdentificationStore(options.maxIdentificationsPerOrganisation);
    this.keysBySecret = new Map(options.apiKeys.map((apiKey) => [apiKey.key, apiKey]));
    this.webhooks = new WebhookDispatcher(options.webhooks, logger, onWebhookAttempt);
  }

  /** Reads every API key's public key (rejects via `toError` on one OpenPGP cannot read). */
  static async create(options: ResolvedRestOptions, logger: Logger, toError: (message: string) => Error, onWebhookAttempt?: (attempt: WebhookAttempt) => void): Promise<RestEmulation> {
    const byOrganisation = new Map<string, openpgp.Key[]>();
    for (const apiKey of options.apiKeys) {
      let key: openpgp.Key;
      try {
        key = await openpgp.readKey({ armoredKey: apiKey.publicKeyArmored });
      } catch (error) {
        throw toError(`rest.apiKeys[].publicKeyArmored cannot be read: ${(error as Error).message}`);
      }
      if (key.isPrivate()) throw toError('rest.apiKeys[].publicKeyArmored is a private key: give the public key only.');
      byOrganisation.set(apiKey.organisationId, [...(byOrganisation.get(apiKey.organisationId) ?? []), key]);
    }
    return new RestEmulation(options, byOrganisation, logger, onWebhookAttempt);
  }

  /** The API key in an `Authorization` value (raw or `Bearer <key>`), if it is one. */
  authenticate(authorization: string | undefined): RestApiKey | undefined {
    if (!authorization) return undefined;
    const key = authorization.replace(/^Bearer\s+/i, '').trim();
    return this.keysBySecret.get(key);
  }

  /** The My Page for a page origin (`protocol//hostname[:port]`). */
  siteFor(origin: string): ResolvedMyPageSite | undefined {
    return this.options.myPages.find((site) => site.accepts(origin));
  }

  /** A new PENDING identification for `apiKey`'s organisation. */
  createIdentification(apiKey: RestApiKey, request: Omit<NewIdentification, 'organisationId' | 'myPageBase'>): Identification {
    const site = this.options.myPages.find((candidate) => candidate.organisationId === apiKey.organisationId && candidate.url);
    const identification = this.store.create({ ...request, webhookUrl: request.webhookUrl ?? apiKey.webhookUrl ?? null, organisationId: apiKey.organisationId, myPageBase: site?.url ?? null });
    this.creators.set(identification, apiKey);
    return identification;
  }

  /** An identification `apiKey` may see (same organisation), else undefined. */
  identificationFor(apiKey: RestApiKey, id: string): Identification | undefined {
    const identification = this.store.get(id);
    return identification?.organisationId === apiKey.organisationId ? identification : undefined;
  }

  /** PENDING → REVOKED; open hosts for it are closed. False when it was already finished. */
  revoke(identification: Identification): boolean {
    if (isFinished(identification.status) || this.finishing.has(identification.id)) return false;
    this.setStatus(identification, 'REVOKED');
    for (const host of this.hosts.get(identification.id) ?? []) host.close(CLOSE_NORMAL, 'Identification revoked');
    this.hosts.delete(identification.id);
    return true;
  }

  // --- IdentificationLink: the signaling flow drives the statuses ---

  admitHost(identificationId: string, host: ClosableHost): HostVerdict {
    const identification = this.store.get(identificationId);
    if (!identification) {
      return this.options.requireKnownIdentifications ? { ok: false, reason: 'Unknown identification' } : { ok: true };
    }
    if (isFinished(identification.status) || this.finishing.has(identification.id)) return { ok: false, reason: 'Identification already finished' };
    const hosts = this.hosts.get(identification.id) ?? new Set<ClosableHost>();
    hosts.add(host);
    this.hosts.set(identification.id, hosts);
    return { ok: true };
  }

  hostClosed(identificationId: string, host: ClosableHost): void {
    const hosts = this.hosts.get(identificationId);
    hosts?.delete(host);
    if (hosts?.size === 0) this.hosts.delete(identificationId);
  }

  scanned(identificationId: string): void {
    const identification = this.store.get(identificationId);
    if (!identification || isFinished(identification.status)) return;
    identification.scannedAt ??= new Date().toISOString();
    identification.updatedAt = new Date().toISOString();
  }

  result(identificationId: string, success: boolean): void {
    const identification = this.store.get(identificationId);
    if (!identification || isFinished(identification.status) || this.finishing.has(identification.id)) return;
    this.finishing.add(identification.id);
    void this.finish(identification, success);
  }

  /** Stops webhook retries; the store stays readable. */
  close(): void {
    this.closed = true;
    this.webhooks.close();
  }

  /** Webhook retries and requests still pending. */
  get pendingWebhooks(): number {
    return this.webhooks.pending;
  }

  // Status and data change together, after encryption, so a reader never sees SUCCESS without data.
  private async finish(identification: Identification, success: boolean): Promise<void> {
    let status: 'SUCCESS' | 'FAILED' = success ? 'SUCCESS' : 'FAILED';
    if (success) {
      try {
        const identity = this.options.identity ? this.options.identity(identification.id) : simulatedIdentity();
        const data = await encryptIdentificationData(identification.id, identity, this.encryptionKeys.get(identification.organisationId) ?? []);
        this.store.setData(identification.id, data);
      } catch (error) {
        this.logger.error({ identificationId: identification.id, err: (error as Error).message }, 'encrypting the identification data failed: status FAILED');
        status = 'FAILED';
      }
    }
    this.finishing.delete(identification.id);
    if (this.closed) return;
    this.setStatus(identification, status);
    this.hosts.delete(identification.id);
    if (identification.webhookUrl) {
      this.webhooks.send(identification.webhookUrl, identification.id, this.creators.get(identification)?.webhookSecret);
    }
  }

  private setStatus(identification: Identification, status: Identification['status']): void {
    identification.status = status;
    identification.updatedAt = new Date().toISOString();
  }
}
