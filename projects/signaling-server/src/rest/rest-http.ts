import type { IncomingMessage, ServerResponse } from 'node:http';
import { isUuid } from 'proofme-ng/protocol';
import { publicView } from './identification';
import type { RestEmulation } from './rest-emulation';
import type { ResolvedMyPageSite, RestApiKey } from './rest-options';
import { isHttpUrl } from './rest-options';
import { metadataProblem } from './metadata-limits';
import { webhookUrlAllowed } from './webhook-address';

/** Proofme's documented 401 body (docs: api/errors.md). */
export const UNAUTHORIZED_BODY = {
  status: 401,
  title: 'Unauthorized Request',
  detail: 'Missing authentication, or failed to authenticate',
  _links: { documentation: { href: 'https://docs.proofme.id/#/api_authentication', type: 'text/html' } },
} as const;

/** The `{ message }` codes this emulation answers with besides the documented 401 body. */
export type RestErrorCode =
  | 'IDENTIFICATION_NOT_FOUND'
  | 'IDENTIFICATION_ALREADY_FINISHED'
  | 'MY_PAGE_NOT_FOUND'
  | 'INVALID_PROOFME_ID'
  | 'INVALID_WEBHOOK_URL'
  | 'INVALID_REDIRECT_URL'
  | 'INVALID_BODY'
  | 'BODY_TOO_LARGE'
  | 'NOT_FOUND'
  | 'METHOD_NOT_ALLOWED';

/** Largest `POST /v1/identification` body; a bigger one gets 413 `BODY_TOO_LARGE`. */
export const MAX_BODY_BYTES = 16 * 1024;
const MAX_DESCRIPTION = 255;
const IDENTIFICATION_PATH = /^\/v1\/identification\/([^/]+)$/;
const DATA_PATH = /^\/v1\/identification\/data\/([^/]+)$/;
const MY_PAGE_PATH = /^\/v1\/customMyPage\/url\/([^/]+)$/;

/**
 * `/v1/…` on the signaling server's HTTP port: the subset of Proofme's REST API in PROTOCOL.md §6.
 * Public endpoints (My Page config, the read-only identification view) answer CORS for allowed page
 * origins; the API-key endpoints never do, so a browser cannot send a key even by mistake.
 */
export async function handleRestRequest(request: IncomingMessage, response: ServerResponse, rest: RestEmulation, path: string): Promise<void> {
  const origin = request.headers.origin;
  const corsAllowed = rest.options.corsOrigin(origin);
  const method = request.method ?? 'GET';
  if (method === 'OPTIONS') return preflight(response, corsAllowed ? origin : undefined);
  const cors = corsAllowed ? origin : undefined;

  const myPage = MY_PAGE_PATH.exec(path);
  if (myPage) {
    if (method !== 'GET') return methodNotAllowed(response, 'GET, OPTIONS', cors);
    return myPageConfig(response, rest, safeDecode(myPage[1]), cors);
  }
  if (path === '/v1/identification') {
    if (method !== 'POST') return methodNotAllowed(response, 'POST');
    const apiKey = rest.authenticate(request.headers.authorization);
    if (!apiKey) return send(response, 401, UNAUTHORIZED_BODY);
    return createIdentification(request, response, rest, apiKey);
  }
  const data = DATA_PATH.exec(path);
  if (data) {
    if (method !== 'GET') return methodNotAllowed(response, 'GET');
    const apiKey = rest.authenticate(request.headers.authorization);
    if (!apiKey) return send(response, 401, UNAUTHORIZED_BODY);
    const identification = rest.identificationFor(apiKey, data[1]);
    if (!identification) return send(response, 404, { message: 'IDENTIFICATION_NOT_FOUND' });
    return send(response, 200, { identification: { ...identification, identificationData: rest.store.dataOf(identification.id) } });
  }
  const single = IDENTIFICATION_PATH.exec(path);
  if (single) {
    if (method === 'DELETE') {
      const apiKey = rest.authenticate(request.headers.authorization);
      if (!apiKey) return send(response, 401, UNAUTHORIZED_BODY);
      const identification = rest.identificationFor(apiKey, single[1]);
      if (!identification) return send(response, 404, { message: 'IDENTIFICATION_NOT_FOUND' });
      if (!rest.revoke(identification)) return send(response, 409, { message: 'IDENTIFICATION_ALREADY_FINISHED' });
      return send(response, 200, { message: 'REVOKE_SUCCESSFUL' });
    }
    if (method !== 'GET') return methodNotAllowed(response, 'GET, DELETE, OPTIONS', cors);
    return getIdentification(request, response, rest, single[1], cors);
  }
  return send(response, 404, { message: 'NOT_FOUND' }, cors);
}

function myPageConfig(response: ServerResponse, rest: RestEmulation, origin: string, cors: string | undefined): void {
  const site = rest.siteFor(origin);
  if (!site) return send(response, 404, { message: 'MY_PAGE_NOT_FOUND' }, cors);
  return send(response, 200, { myPage: myPageBody(site, origin), domain: origin }, cors);
}

// The documented IMyPageConfig fields; branding values are placeholders.
function myPageBody(site: ResolvedMyPageSite, origin: string): Record<string, unknown> {
  return {
    id: site.proofme.id,
    color: site.color ?? '#2f6df6',
    logoLocation: null,
    bannerLocation: null,
    faviconLocation: null,
    url: site.url ?? origin,
    title: site.title ?? 'My Page',
    organisationId: site.organisationId,
    publicIdentifications: site.publicIdentifications ?? false,
    proofme: {
      id: site.proofme.id,
      name: site.proofme.name ?? 'Proofme',
      organisationId: site.organisationId,
      revision: 1,
      redirectUrl: site.proofme.redirectUrl ?? null,
      requestedCredentials: { credentials: site.proofme.credentials, purpose: 'IDENTIFICATION', requester: site.title ?? 'Proofme', storage: 'DATABASE' },
      shareOptions: ['NONE'],
      webhookUrl: null,
      deletedAt: null,
    },
  };
}

// With an API key: the full object. Without one, from an allowed page Origin: the public view, so
// the browser library can run its preflight (our assumption: the docs' own page calls this endpoint
// from the browser without a key). Anything else: the documented 401.
function getIdentification(request: IncomingMessage, response: ServerResponse, rest: RestEmulation, id: string, cors: string | undefined): void {
  if (request.headers.authorization !== undefined) {
    const apiKey = rest.authenticate(request.headers.authorization);
    if (!apiKey) return send(response, 401, UNAUTHORIZED_BODY);
    const identification = rest.identificationFor(apiKey, id);
    if (!identification) return send(response, 404, { message: 'IDENTIFICATION_NOT_FOUND' });
    return send(response, 200, { identification });
  }
  if (!cors) return send(response, 401, UNAUTHORIZED_BODY);
  const identification = isUuid(id) ? rest.store.get(id) : undefined;
  if (!identification) return send(response, 404, { message: 'IDENTIFICATION_NOT_FOUND' }, cors);
  return send(response, 200, { identification: publicView(identification) }, cors);
}

async function createIdentification(request: IncomingMessage, response: ServerResponse, rest: RestEmulation, apiKey: RestApiKey): Promise<void> {
  const body = await readBody(request);
  if (body === 'too-large') return send(response, 413, { message: 'BODY_TOO_LARGE' });
  if (body === null) return send(response, 400, { message: 'INVALID_BODY' });
  const { proofmeId, description, redirectUrl, webhookUrl, metadata, testmode } = body;
  if (!isUuid(proofmeId)) return send(response, 400, { message: 'INVALID_PROOFME_ID' });
  if (webhookUrl !== undefined && webhookUrl !== null && !(isHttpUrl(webhookUrl) && webhookUrlAllowed(webhookUrl, rest.options.webhookTargets))) {
    return send(response, 400, { message: 'INVALID_WEBHOOK_URL' });
  }
  if (redirectUrl !== undefined && redirectUrl !== null && !isHttpUrl(redirectUrl)) return send(response, 400, { message: 'INVALID_REDIRECT_URL' });
  const parsedMetadata = parseMetadata(metadata);
  if (metadataProblem(parsedMetadata) !== null) return send(response, 400, { message: 'INVALID_BODY' });
  const identification = rest.createIdentification(apiKey, {
    proofmeId: proofmeId.toLowerCase(),
    // Documented: longer descriptions are truncated, not refused.
    description: typeof description === 'string' ? description.slice(0, MAX_DESCRIPTION) : null,
    redirectUrl: redirectUrl ?? null,
    webhookUrl: webhookUrl ?? null,
    metadata: parsedMetadata,
    testmode: testmode === true || testmode === 'true',
  });
  return send(response, 201, { identification });
}

// Form posts (the docs' curl uses -d) carry metadata as a JSON string.
function parseMetadata(metadata: unknown): unknown {
  if (typeof metadata !== 'string') return metadata ?? null;
  try {
    return JSON.parse(metadata) as unknown;
  } catch {
    return metadata;
  }
}

/** A JSON object or form body; null when it is neither, 'too-large' past 16 KiB. */
async function readBody(request: IncomingMessage): Promise<Record<string, unknown> | null | 'too-large'> {
  const raw = await readRawBody(request);
  if (raw === 'too-large') return raw;
  const text = raw.toString('utf8');
  if ((request.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')) {
    return Object.fromEntries(new URLSearchParams(text));
  }
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

// Stops reading at the limit without destroying the request, so the 413 can still be written;
// `send` then closes the connection instead of draining the rest.
function readRawBody(request: IncomingMessage): Promise<Buffer | 'too-large'> {
  const declared = Number(request.headers['content-length']);
  if (declared > MAX_BODY_BYTES) return Promise.resolve('too-large');
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const stop = (): void => {
      request.off('data', onData).off('end', onEnd).off('error', onError);
      request.pause();
    };
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        stop();
        resolve('too-large');
      } else chunks.push(chunk);
    };
    const onEnd = (): void => {
      stop();
      resolve(Buffer.concat(chunks));
    };
    const onError = (error: Error): void => {
      stop();
      reject(error);
    };
    request.on('data', onData).on('end', onEnd).on('error', onError);
  });
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

// Only GET from allowed pages; no `Authorization` in Access-Control-Allow-Headers, on purpose.
function preflight(response: ServerResponse, origin: string | undefined): void {
  if (!origin) {
    response.writeHead(403, { 'content-type': 'application/json', 'cache-control': 'no-store', vary: 'Origin' }).end(JSON.stringify({ message: 'NOT_FOUND' }));
    return;
  }
  response
    .writeHead(204, {
      'access-control-allow-origin': origin,
      'access-control-allow-methods': 'GET, OPTIONS',
      'access-control-allow-headers': 'Content-Type, Accept',
      'access-control-max-age': '600',
      vary: 'Origin',
      'cache-control': 'no-store',
    })
    .end();
}

function methodNotAllowed(response: ServerResponse, allow: string, cors?: string): void {
  response.setHeader('allow', allow);
  send(response, 405, { message: 'METHOD_NOT_ALLOWED' }, cors);
}

function send(response: ServerResponse, status: number, body: unknown, corsOrigin?: string): void {
  const headers: Record<string, string> = { 'content-type': 'application/json', 'cache-control': 'no-store', vary: 'Origin' };
  if (corsOrigin) headers['access-control-allow-origin'] = corsOrigin;
  // Answered before its body was read (no key, wrong route, too large): Node would otherwise read
  // and discard the whole body to keep the connection alive, however large. `Connection: close`
  // makes Node end and destroy the socket once the answer is written.
  if (hasUnreadBody(response.req)) headers['connection'] = 'close';
  response.writeHead(status, headers).end(JSON.stringify(body));
}

function hasUnreadBody(request: IncomingMessage | undefined): boolean {
  if (!request || request.complete) return false;
  const length = request.headers['content-length'];
  return request.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}
