import { createServer, IncomingMessage, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as openpgp from 'openpgp';
import type { RunningSignalingServer } from '../src/server/signaling-server';
import { PhoneSimulator } from '../src/phone/phone-simulator';
import { connectTestHost, TestHost } from '../src/testing/test-host';
import type { RestApiKey, RestEmulationOptions } from '../src/rest/rest-options';
import type { SignalingServerOptions } from '../src/server/options';
import { startTestServer } from './helpers';

/** A small, fast OpenPGP key pair (curve25519, as Proofme's own PgpUtils generates). */
export async function testKeyPair(): Promise<{ publicKey: string; privateKey: string }> {
  const { publicKey, privateKey } = await openpgp.generateKey({ type: 'ecc', curve: 'curve25519Legacy', userIDs: [{ name: 'rest test' }], format: 'armored' });
  return { publicKey, privateKey };
}

export const ORGANISATION = '11111111-2222-4333-8444-555555555555';
export const OTHER_ORGANISATION = '99999999-2222-4333-8444-555555555555';
export const PROOFME_ID = '03682de3-b51c-451c-b50e-1977a332c9f2';
export const API_KEY = 'proofme_test_key_aaaaaaaaaaaaaaaa';
export const OTHER_API_KEY = 'proofme_test_key_bbbbbbbbbbbbbbbb';
export const PAGE_ORIGIN = 'http://127.0.0.1:4200';

/** A signaling server with the REST emulation: one key for ORGANISATION, one for OTHER_ORGANISATION. */
export async function startRestServer(
  publicKey: string,
  rest: RestEmulationOptions = {},
  key: Partial<RestApiKey> = {},
  server: Partial<SignalingServerOptions> = {},
): Promise<RunningSignalingServer> {
  return startTestServer({
    ...server,
    rest: {
      apiKeys: [
        { key: API_KEY, organisationId: ORGANISATION, publicKeyArmored: publicKey, ...key },
        { key: OTHER_API_KEY, organisationId: OTHER_ORGANISATION, publicKeyArmored: publicKey },
      ],
      myPages: [{ origins: ['http://127.0.0.1:*'], organisationId: ORGANISATION, url: 'https://mypage.example', proofme: { id: PROOFME_ID, name: 'Test' } }],
      // The tests' webhook receivers listen on 127.0.0.1.
      webhookTargets: 'loopback',
      ...rest,
    },
  });
}

/** One HTTP exchange with the emulation. */
export interface ApiResponse {
  readonly status: number;
  readonly headers: Headers;
  readonly body: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- test payloads are inspected freely
}

/** Calls `<httpUrl><path>` with an optional API key (`authorization` as given), Origin and JSON body. */
export async function api(
  server: RunningSignalingServer,
  method: string,
  path: string,
  options: { authorization?: string; origin?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<ApiResponse> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.authorization !== undefined) headers['authorization'] = options.authorization;
  if (options.origin !== undefined) headers['origin'] = options.origin;
  if (options.body !== undefined) headers['content-type'] ??= 'application/json';
  const response = await fetch(`${server.httpUrl}${path}`, {
    method,
    headers,
    body: options.body === undefined ? undefined : typeof options.body === 'string' ? options.body : JSON.stringify(options.body),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : null };
}

/** Creates an identification with API_KEY; returns its id. */
export async function createIdentification(server: RunningSignalingServer, extra: Record<string, unknown> = {}): Promise<string> {
  const created = await api(server, 'POST', '/v1/identification', { authorization: API_KEY, body: { proofmeId: PROOFME_ID, ...extra } });
  expect(created.status).toBe(201);
  return created.body.identification.id as string;
}

/** A host page for identification `id` (`data=id:<id>`) and a phone that joined its channel. */
export async function linkedPair(serverUrl: string, id: string): Promise<{ host: TestHost; phone: PhoneSimulator }> {
  const host = await connectTestHost(serverUrl, { data: `id:${id}` });
  const phone = PhoneSimulator.fromDeeplink(host.deeplink);
  await phone.join();
  return { host, phone };
}

/** Plays identification `id` to `outcome` over a real host and phone, then closes both. */
export async function playOutcome(serverUrl: string, id: string, outcome: 'succeed' | 'fail' = 'succeed'): Promise<void> {
  const { host, phone } = await linkedPair(serverUrl, id);
  await phone[outcome]();
  await phone.close();
  await host.close();
}

/** A webhook receiver on 127.0.0.1: records each call, answers with the next scripted status (200 once the script runs out). */
export class WebhookReceiver {
  readonly calls: { body: string; signature: string | undefined; contentType: string | undefined }[] = [];
  private server: Server | null = null;
  private waiters: (() => void)[] = [];

  constructor(private readonly statuses: number[] = [], private readonly hang = false) {}

  get url(): string {
    return `http://127.0.0.1:${(this.server?.address() as AddressInfo).port}/webhook`;
  }

  async start(): Promise<this> {
    this.server = createServer((request: IncomingMessage, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        this.calls.push({ body: Buffer.concat(chunks).toString('utf8'), signature: request.headers['x-body-signature'] as string | undefined, contentType: request.headers['content-type'] });
        this.waiters.splice(0).forEach((wake) => wake());
        if (this.hang) return; // never answers: the sender's timeout must fire
        response.writeHead(this.statuses.shift() ?? 200).end();
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    return this;
  }

  /** Resolves once `count` calls have arrived. */
  async received(count: number): Promise<void> {
    while (this.calls.length < count) await new Promise<void>((resolve) => this.waiters.push(resolve));
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
