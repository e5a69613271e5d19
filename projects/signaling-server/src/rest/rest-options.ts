import { isUuid } from 'proofme-ng/protocol';
import { compileOriginPolicy, OriginPolicy } from '../server/origin-policy';
import type { WebhookTargets } from './webhook-address';

/** An integrator's API key as the emulation knows it (Proofme's dashboard creates these). */
export interface RestApiKey {
  /** The secret the backend sends in `Authorization` (raw or `Bearer`). At least 16 characters. */
  readonly key: string;
  /** The organisation the key acts for: it sees only that organisation's identifications. */
  readonly organisationId: string;
  /** The key's armored OpenPGP public key: identification secrets are encrypted to it. */
  readonly publicKeyArmored: string;
  /** Default webhook for identifications created with this key (a `webhookUrl` in the request wins). */
  readonly webhookUrl?: string;
  /** When set, webhook bodies carry `X-Body-Signature: base64(HMAC-SHA256(body, secret))`. */
  readonly webhookSecret?: string;
}

/** A requested credential of a Proofme template (documented `requestedCredentials.credentials[]`). */
export interface RequestedCredential {
  readonly provider: string;
  readonly key: string;
  readonly required: boolean;
}

/** A My Page ("custom page") configuration: which page origins it serves and its Proofme template. */
export interface MyPageSite {
  /** Page origins it is served for: exact, `http://localhost:*` or `*` (the signaling server's syntax). */
  readonly origins: readonly string[];
  readonly organisationId: string;
  readonly title?: string;
  readonly color?: string;
  /** Base URL of the page; `myPageUrl` of an identification is `<url>/<id>`. */
  readonly url?: string;
  readonly publicIdentifications?: boolean;
  readonly proofme: {
    readonly id: string;
    readonly name?: string;
    readonly redirectUrl?: string | null;
    readonly credentials?: readonly RequestedCredential[];
  };
}

/** Webhook delivery: `attempts` tries, waiting `initialDelayMs · factor^(n-1)` (at most `maxDelayMs`) between them. */
export interface WebhookRetryOptions {
  /** Total tries, the first included. Proofme: 10. */
  readonly attempts: number;
  readonly initialDelayMs: number;
  readonly factor: number;
  readonly maxDelayMs: number;
  /** A try that has no 2xx answer within this is a failure. Proofme: 15 s. */
  readonly timeoutMs: number;
}

/** The REST emulation (`/v1/…` on the signaling server's HTTP port). */
export interface RestEmulationOptions {
  readonly apiKeys?: readonly RestApiKey[];
  /** Default: one development site for the server's `allowedOrigins` ({@link DEV_ORGANISATION_ID}). */
  readonly myPages?: readonly MyPageSite[];
  /** Refuse hosts whose `data=id:<uuid>` is not in the store (default false: any UUID works, as before). */
  readonly requireKnownIdentifications?: boolean;
  readonly webhooks?: Partial<WebhookRetryOptions>;
  /** The identity the simulated phone "shares" on success (default: {@link simulatedIdentity}). */
  readonly identity?: (identificationId: string) => unknown;
  /**
   * Which `webhookUrl` hosts a create request may name (default `'public'`: no loopback, private or
   * link-local addresses, however spelled). `'loopback'` adds this machine (local development),
   * `'any'` adds internal networks. A key's configured `webhookUrl` is the operator's and not checked.
   */
  readonly webhookTargets?: WebhookTargets;
  /**
   * Identifications kept per organisation (default {@link DEFAULT_MAX_IDENTIFICATIONS_PER_ORGANISATION}).
   * At the quota, a create drops that organisation's oldest one: never another organisation's.
   */
  readonly maxIdentificationsPerOrganisation?: number;
}

/** Default of `maxIdentificationsPerOrganisation`. */
export const DEFAULT_MAX_IDENTIFICATIONS_PER_ORGANISATION = 10_000;

/** Organisation of the default development My Page. */
export const DEV_ORGANISATION_ID = '39ae2443-936b-4fc3-a0cd-bc04f2563535';
/** Proofme template of the default development My Page. */
export const DEV_PROOFME_ID = '03682de3-b51c-451c-b50e-1977a332c9f2';

/** 10 tries over about 25½ hours (3 min, then doubling), 15 s each: Proofme's documented schedule. */
export const DEFAULT_WEBHOOK_RETRY: WebhookRetryOptions = {
  attempts: 10,
  initialDelayMs: 3 * 60_000,
  factor: 2,
  maxDelayMs: 12 * 3_600_000,
  timeoutMs: 15_000,
};

const DEFAULT_CREDENTIALS: readonly RequestedCredential[] = [
  { provider: 'EPASS', key: 'FIRST_NAME', required: true },
  { provider: 'EPASS', key: 'LAST_NAME', required: true },
  { provider: 'EPASS', key: 'BIRTH_DATE', required: true },
  { provider: 'EPASS', key: 'NATIONALITY', required: true },
  { provider: 'EPASS', key: 'DOCUMENT_TYPE', required: true },
  { provider: 'EPASS', key: 'OLDER_THAN_18', required: true },
];

/** A site after validation. */
export interface ResolvedMyPageSite extends MyPageSite {
  readonly accepts: OriginPolicy;
  readonly proofme: MyPageSite['proofme'] & { readonly credentials: readonly RequestedCredential[] };
}

/** Options after validation (the PGP keys are read later, asynchronously). */
export interface ResolvedRestOptions {
  readonly apiKeys: readonly RestApiKey[];
  readonly myPages: readonly ResolvedMyPageSite[];
  readonly requireKnownIdentifications: boolean;
  readonly webhooks: WebhookRetryOptions;
  readonly identity: ((identificationId: string) => unknown) | undefined;
  readonly webhookTargets: WebhookTargets;
  readonly maxIdentificationsPerOrganisation: number;
  /** Page origins that get CORS headers on the public endpoints: the server's list and every site's. */
  readonly corsOrigin: (origin: string | undefined) => boolean;
}

/** True for an absolute http(s) URL without credentials. */
export function isHttpUrl(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && !url.username && !url.password;
  } catch {
    return false;
  }
}

/** Checks the REST options; throws what `toError` makes (the server's SignalingConfigError). */
export function resolveRestOptions(options: RestEmulationOptions, serverOrigins: readonly string[], toError: (message: string) => Error): ResolvedRestOptions {
  const apiKeys = options.apiKeys ?? [];
  const seen = new Set<string>();
  for (const apiKey of apiKeys) {
    if (typeof apiKey.key !== 'string' || apiKey.key.length < 16 || /\s/.test(apiKey.key)) throw toError('rest.apiKeys[].key must be at least 16 characters without spaces.');
    if (seen.has(apiKey.key)) throw toError('rest.apiKeys has the same key twice.');
    seen.add(apiKey.key);
    if (!isUuid(apiKey.organisationId)) throw toError(`rest.apiKeys[].organisationId must be a UUID, got "${apiKey.organisationId}".`);
    if (typeof apiKey.publicKeyArmored !== 'string' || !apiKey.publicKeyArmored.includes('BEGIN PGP PUBLIC KEY BLOCK')) {
      throw toError('rest.apiKeys[].publicKeyArmored must be an armored OpenPGP public key.');
    }
    if (apiKey.webhookUrl !== undefined && !isHttpUrl(apiKey.webhookUrl)) throw toError(`rest.apiKeys[].webhookUrl must be an http(s) URL, got "${apiKey.webhookUrl}".`);
  }
  const sites = options.myPages ?? [{ origins: serverOrigins, organisationId: DEV_ORGANISATION_ID, title: 'Development', publicIdentifications: false, proofme: { id: DEV_PROOFME_ID, name: 'Development' } }];
  const myPages = sites.map((site): ResolvedMyPageSite => {
    if (!isUuid(site.organisationId)) throw toError(`rest.myPages[].organisationId must be a UUID, got "${site.organisationId}".`);
    if (!isUuid(site.proofme?.id)) throw toError('rest.myPages[].proofme.id must be a UUID.');
    if (site.url !== undefined && !isHttpUrl(site.url)) throw toError(`rest.myPages[].url must be an http(s) URL, got "${site.url}".`);
    return { ...site, accepts: compileOriginPolicy(site.origins, toError), proofme: { ...site.proofme, credentials: site.proofme.credentials ?? DEFAULT_CREDENTIALS } };
  });
  const webhooks = { ...DEFAULT_WEBHOOK_RETRY, ...options.webhooks };
  if (!Number.isInteger(webhooks.attempts) || webhooks.attempts < 1 || webhooks.attempts > 100) throw toError('rest.webhooks.attempts must be an integer from 1 to 100.');
  for (const name of ['initialDelayMs', 'maxDelayMs', 'timeoutMs'] as const) {
    if (!Number.isFinite(webhooks[name]) || webhooks[name] < 0) throw toError(`rest.webhooks.${name} must be a number of milliseconds.`);
  }
  if (!(webhooks.factor >= 1)) throw toError('rest.webhooks.factor must be at least 1.');
  const webhookTargets = options.webhookTargets ?? 'public';
  if (!['public', 'loopback', 'any'].includes(webhookTargets)) throw toError(`rest.webhookTargets must be public, loopback or any, got "${String(webhookTargets)}".`);
  const quota = options.maxIdentificationsPerOrganisation ?? DEFAULT_MAX_IDENTIFICATIONS_PER_ORGANISATION;
  if (!Number.isInteger(quota) || quota < 1 || quota > 1_000_000) throw toError('rest.maxIdentificationsPerOrganisation must be an integer from 1 to 1000000.');
  const serverPolicy = compileOriginPolicy(serverOrigins, toError);
  return {
    apiKeys,
    myPages,
    requireKnownIdentifications: options.requireKnownIdentifications ?? false,
    webhooks,
    identity: options.identity,
    webhookTargets,
    maxIdentificationsPerOrganisation: quota,
    // A browser always sends Origin on CORS requests; without one there is nothing to allow.
    corsOrigin: (origin) => origin !== undefined && (serverPolicy(origin) || myPages.some((site) => site.accepts(origin))),
  };
}
