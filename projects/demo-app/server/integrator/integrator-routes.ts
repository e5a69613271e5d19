import type { IncomingMessage, ServerResponse } from 'node:http';
import { verifyWebhookSignature, WEBHOOK_SIGNATURE_HEADER } from '../../../signaling-server/src';
import type { IntegratorBackend } from './integrator-backend';

const RESULT_PATH = /^\/api\/identifications\/([0-9a-f-]{36})\/result$/;
const MAX_WEBHOOK_BODY = 4096;

function json(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' }).end(JSON.stringify(body));
}

async function rawBody(request: IncomingMessage, limit: number): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > limit) return null;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/**
 * The integrator's routes on the demo server (never the Proofme emulation's `/v1/…`):
 * - `POST /api/identifications` → 201 `{ identificationId }` (created with the API key, server-side);
 * - `POST /api/webhooks/proofme` ← Proofme: verifies `X-Body-Signature`, fetches and decrypts, 200;
 * - `GET /api/identifications/:id/result` → 200 summary, 202 `{ status: 'PENDING' }`, 404 unknown.
 * Returns false for any other path.
 */
export async function handleIntegratorRequest(request: IncomingMessage, response: ServerResponse, backend: IntegratorBackend, pathname: string): Promise<boolean> {
  if (request.method === 'POST' && pathname === '/api/identifications') {
    try {
      json(response, 201, { identificationId: await backend.createIdentification() });
    } catch {
      json(response, 502, { error: 'Proofme did not create the identification.' });
    }
    return true;
  }
  if (request.method === 'POST' && pathname === '/api/webhooks/proofme') {
    await webhook(request, response, backend);
    return true;
  }
  const result = RESULT_PATH.exec(pathname);
  if (request.method === 'GET' && result) {
    const summary = backend.summary(result[1]);
    if (summary === undefined) json(response, 404, { error: 'This backend did not create that identification.' });
    else if (summary === 'pending') json(response, 202, { status: 'PENDING' });
    else json(response, 200, summary);
    return true;
  }
  return false;
}

// The body is verified as received, before parsing. Unknown ids get 200 (Proofme's advice: leak
// nothing); a failed fetch or decryption gets 502, so Proofme retries later.
async function webhook(request: IncomingMessage, response: ServerResponse, backend: IntegratorBackend): Promise<void> {
  const body = await rawBody(request, MAX_WEBHOOK_BODY);
  if (!body) return json(response, 413, { error: 'Too large.' });
  const signature = request.headers[WEBHOOK_SIGNATURE_HEADER.toLowerCase()];
  if (!verifyWebhookSignature(body, typeof signature === 'string' ? signature : undefined, backend.webhookSecret)) {
    return json(response, 401, { error: 'Bad or missing X-Body-Signature.' });
  }
  let id: unknown;
  try {
    id = (JSON.parse(body.toString('utf8')) as { id?: unknown }).id;
  } catch {
    return json(response, 400, { error: 'Expected {"id": string}.' });
  }
  if (typeof id !== 'string') return json(response, 400, { error: 'Expected {"id": string}.' });
  try {
    await backend.refresh(id);
  } catch {
    return json(response, 502, { error: 'Could not fetch or decrypt the identification; retry later.' });
  }
  json(response, 200, { ok: true });
}
