import { IncomingMessage, ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { IntegratorBackend, IntegratorOptions } from './integrator/integrator-backend';
import { handleIntegratorRequest } from './integrator/integrator-routes';
import { PhonePanel, isPhoneAction } from './phone-panel-api';
import { serveStatic } from './static-files';

/** How to run the demo's web server. */
export interface DemoServerOptions {
  readonly host: string;
  /** 0 picks a free port. */
  readonly port: number;
  /** The built demo (`dist/demo-app/browser`). */
  readonly root: string;
  /** The signaling server the page connects to (written into config.json). */
  readonly signalingUrl: string;
  /** Development tools on the page: the phone panel and the `?signal=` override. */
  readonly development: boolean;
  /** The integrator's backend: Proofme's REST API (or the local emulation) and the credentials. */
  readonly integrator: IntegratorOptions;
  /**
   * Development: lets the phone panel stop and start the signaling server (`POST /api/signaling/restart`),
   * to show the page reconnecting. Absent when the signaling server is not ours to restart.
   */
  readonly signalingControl?: SignalingControl;
}

/** What the phone panel's "restart the signaling server" button may do. */
export interface SignalingControl {
  /** Stops the signaling server, keeps it down for `downMs`, then starts it again on the same port. */
  restart(downMs: number): Promise<void>;
}

/** How long the restart button keeps the server down: long enough to see "reconnecting", short of giving up. */
export const RESTART_DOWN_MS = 3000;

/** A running demo server. */
export interface RunningDemoServer {
  readonly url: string;
  /** The integrator's backend behind `/api/identifications` and `/api/webhooks/proofme`. */
  readonly integrator: IntegratorBackend;
  close(): Promise<void>;
}

const MAX_BODY = 4096;

function json(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' }).end(JSON.stringify(body));
}

async function readJson(request: IncomingMessage): Promise<Record<string, unknown> | null> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) return null;
    chunks.push(chunk as Buffer);
  }
  try {
    const value: unknown = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/**
 * The demo's web server: the built page under a strict CSP, its runtime `config.json`, the
 * integrator's backend (`integrator/`: creates identifications, receives the webhook, decrypts),
 * and in development the phone panel (`POST /api/phone`).
 */
export async function startDemoServer(options: DemoServerOptions): Promise<RunningDemoServer> {
  const root = resolve(options.root);
  // The REST API the page itself may read (public endpoints only; the API key stays in integrator/).
  const proofmeApi = `${options.integrator.proofmeApiUrl.replace(/\/$/, '')}/v1`;
  const phones = new PhonePanel();
  const integrator = new IntegratorBackend(options.integrator);

  const server = createServer(async (request, response) => {
    const { pathname } = new URL(request.url ?? '/', 'http://localhost');
    try {
      if (request.method === 'GET' && pathname === '/config.json') {
        return json(response, 200, { signalingUrl: options.signalingUrl, apiUrl: proofmeApi, development: options.development });
      }
      if (pathname.startsWith('/api/') && (await handleIntegratorRequest(request, response, integrator, pathname))) return;
      if (request.method === 'POST' && pathname === '/api/phone') {
        if (!options.development) return json(response, 404, { error: 'The phone panel exists in development only.' });
        const body = await readJson(request);
        if (!body || typeof body['deeplink'] !== 'string' || !isPhoneAction(body['action'])) {
          return json(response, 400, { error: 'Expected {"deeplink": string, "action": "scan" | "succeed" | "fail" | "leave"}.' });
        }
        await phones.act(body['deeplink'], body['action']);
        return json(response, 200, { ok: true });
      }
      if (request.method === 'POST' && pathname === '/api/signaling/restart') {
        if (!options.development || !options.signalingControl) return json(response, 404, { error: 'The restart button exists in development only.' });
        // Answered once the server is back, so the button can say when the restart is over.
        await options.signalingControl.restart(RESTART_DOWN_MS);
        return json(response, 200, { ok: true });
      }
      if (request.method !== 'GET' && request.method !== 'HEAD') return json(response, 405, { error: 'Method not allowed.' });
      await serveStatic(root, pathname, response, new URL(proofmeApi).origin);
    } catch (error) {
      if (!response.headersSent) json(response, 502, { error: (error as Error).message });
    }
  });

  await new Promise<void>((done, fail) => server.once('error', fail).listen(options.port, options.host, done));
  const { port } = server.address() as AddressInfo;
  const url = `http://${options.host}:${port}`;
  integrator.webhookUrl = `${url}/api/webhooks/proofme`;
  return {
    url,
    integrator,
    close: async () => {
      await phones.closeAll();
      server.closeAllConnections();
      await new Promise<void>((done) => server.close(() => done()));
    },
  };
}
