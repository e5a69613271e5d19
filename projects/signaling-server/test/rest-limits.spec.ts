import { connect, Socket } from 'node:net';
import { classifyWebhookHost } from '../src/rest/webhook-address';
import { METADATA_LIMITS } from '../src/rest/metadata-limits';
import type { RunningSignalingServer } from '../src/server/signaling-server';
import { api, API_KEY, ORGANISATION, OTHER_API_KEY, OTHER_ORGANISATION, PROOFME_ID, startRestServer, testKeyPair } from './rest-helpers';

describe('REST emulation limits', () => {
  let publicKey: string;
  const servers: RunningSignalingServer[] = [];
  beforeAll(async () => {
    ({ publicKey } = await testKeyPair());
  });
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((server) => server.close()));
  });
  const start = async (...args: Parameters<typeof startRestServer> extends [string, ...infer Rest] ? Rest : never): Promise<RunningSignalingServer> => {
    const server = await startRestServer(publicKey, ...args);
    servers.push(server);
    return server;
  };
  const create = (server: RunningSignalingServer, body: unknown, authorization = API_KEY) => api(server, 'POST', '/v1/identification', { authorization, body });

  describe('quota per organisation', () => {
    it('one organisation\'s creates never evict another organisation\'s pending identifications', async () => {
      const server = await start({ maxIdentificationsPerOrganisation: 3 });
      const theirs = await create(server, { proofmeId: PROOFME_ID }, OTHER_API_KEY);
      expect(theirs.status).toBe(201);
      const mine: string[] = [];
      for (let i = 0; i < 10; i++) mine.push((await create(server, { proofmeId: PROOFME_ID })).body.identification.id);
      const read = await api(server, 'GET', `/v1/identification/${theirs.body.identification.id}`, { authorization: OTHER_API_KEY });
      expect(read.status).toBe(200);
      expect(read.body.identification.status).toBe('PENDING');
      // The creating organisation pays with its own oldest ones.
      expect(server.rest?.store.countOf(ORGANISATION)).toBe(3);
      expect(server.rest?.store.countOf(OTHER_ORGANISATION)).toBe(1);
      expect((await api(server, 'GET', `/v1/identification/${mine[0]}`, { authorization: API_KEY })).status).toBe(404);
      expect((await api(server, 'GET', `/v1/identification/${mine[9]}`, { authorization: API_KEY })).status).toBe(200);
    });

    it('refuses a bad quota at start', async () => {
      await expect(startRestServer(publicKey, { maxIdentificationsPerOrganisation: 0 })).rejects.toThrow(/maxIdentificationsPerOrganisation/);
    });
  });

  describe('metadata', () => {
    const deep = (depth: number): unknown => {
      let value: unknown = 1;
      for (let i = 0; i < depth; i++) value = { a: value };
      return value;
    };

    it.each([
      ['5,000 levels deep', '{"proofmeId":"' + PROOFME_ID + '","metadata":' + '['.repeat(5000) + ']'.repeat(5000) + '}'],
      [`${METADATA_LIMITS.maxDepth + 1} levels deep`, { proofmeId: PROOFME_ID, metadata: deep(METADATA_LIMITS.maxDepth + 1) }],
      ['16 KB of [{},{},…]', '{"proofmeId":"' + PROOFME_ID + '","metadata":[' + Array(4000).fill('{}').join(',') + ']}'],
      [`${METADATA_LIMITS.maxValues + 1} values`, { proofmeId: PROOFME_ID, metadata: Array.from({ length: METADATA_LIMITS.maxValues }, (_, i) => i) }],
      [`over ${METADATA_LIMITS.maxBytes} bytes`, { proofmeId: PROOFME_ID, metadata: { note: 'x'.repeat(METADATA_LIMITS.maxBytes) } }],
      ['a form post with a deep metadata string', `proofmeId=${PROOFME_ID}&metadata=${encodeURIComponent('['.repeat(2000) + ']'.repeat(2000))}`],
    ])('metadata %s gets 400 INVALID_BODY and nothing is stored', async (_name, body) => {
      const server = await start();
      const form = typeof body === 'string' && body.startsWith('proofmeId=');
      const response = await api(server, 'POST', '/v1/identification', {
        authorization: API_KEY,
        body,
        headers: form ? { 'content-type': 'application/x-www-form-urlencoded' } : {},
      });
      expect(response).toMatchObject({ status: 400, body: { message: 'INVALID_BODY' } });
      expect(server.rest?.store.size).toBe(0);
    });

    it('metadata at every limit is stored as given', async () => {
      const server = await start();
      const metadata = { order: 'A-1', nested: deep(METADATA_LIMITS.maxDepth - 1) };
      const response = await create(server, { proofmeId: PROOFME_ID, metadata });
      expect(response.status).toBe(201);
      expect(response.body.identification.metadata).toEqual(metadata);
    });
  });

  describe('webhookUrl', () => {
    it.each([
      'http://127.0.0.1/hook',
      'http://0x7f.1/hook',
      'http://2130706433/hook',
      'http://127.1/hook',
      'http://0177.0.0.1/hook',
      'http://[::1]/hook',
      'http://[::ffff:127.0.0.1]/hook',
      'http://localhost/hook',
      'http://LOCALHOST./hook',
      'http://evil.localhost/hook',
      'http://0.0.0.0/hook',
      'http://0/hook',
      'http://[::]/hook',
      'http://169.254.169.254/latest/meta-data',
      'http://[fe80::1]/hook',
      'http://10.1.2.3/hook',
      'http://172.20.0.1/hook',
      'http://192.168.1.1/hook',
      'http://100.64.0.1/hook',
      'http://[fd00::1]/hook',
      'http://[::ffff:10.0.0.1]/hook',
      'http://[64:ff9b::7f00:1]/hook',
    ])('refuses %s by default (400 INVALID_WEBHOOK_URL, nothing stored)', async (webhookUrl) => {
      const server = await start({ webhookTargets: 'public' });
      expect(await create(server, { proofmeId: PROOFME_ID, webhookUrl })).toMatchObject({ status: 400, body: { message: 'INVALID_WEBHOOK_URL' } });
      expect(server.rest?.store.size).toBe(0);
    });

    it('accepts public hosts', async () => {
      const server = await start({ webhookTargets: 'public' });
      for (const webhookUrl of ['https://shop.example/hook', 'http://93.184.215.14/hook', 'https://[2606:4700::1]/hook']) {
        expect((await create(server, { proofmeId: PROOFME_ID, webhookUrl })).status).toBe(201);
      }
    });

    it('the dev option allows loopback but still not private addresses; "any" allows both', async () => {
      const loopback = await start({ webhookTargets: 'loopback' });
      expect((await create(loopback, { proofmeId: PROOFME_ID, webhookUrl: 'http://127.0.0.1:9/hook' })).status).toBe(201);
      expect((await create(loopback, { proofmeId: PROOFME_ID, webhookUrl: 'http://[::1]:9/hook' })).status).toBe(201);
      expect((await create(loopback, { proofmeId: PROOFME_ID, webhookUrl: 'http://10.0.0.1/hook' })).status).toBe(400);
      const any = await start({ webhookTargets: 'any' });
      expect((await create(any, { proofmeId: PROOFME_ID, webhookUrl: 'http://10.0.0.1/hook' })).status).toBe(201);
    });

    it('classifies hosts as the WHATWG parser normalises them', () => {
      expect(classifyWebhookHost(new URL('http://0x7f.1').hostname)).toBe('loopback');
      expect(classifyWebhookHost('[::ffff:7f00:1]')).toBe('loopback');
      expect(classifyWebhookHost('[::ffff:a9fe:a9fe]')).toBe('internal');
      expect(classifyWebhookHost('8.8.8.8')).toBe('public');
      expect(classifyWebhookHost('shop.example')).toBe('public');
    });
  });

  describe('a request refused before its body is read', () => {
    // Sends `Content-Length: 64 MiB` and then the body slowly; resolves when the server closes.
    function slowPost(server: RunningSignalingServer, headers: string): Promise<{ response: string; written: number; total: number; closedAfterMs: number }> {
      const total = 64 * 1024 * 1024;
      const chunk = Buffer.alloc(16 * 1024, 0x61);
      return new Promise((resolve) => {
        const started = Date.now();
        let response = '';
        let written = 0;
        const socket: Socket = connect(server.port, '127.0.0.1', () => {
          socket.write(`POST /v1/identification HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${total}\r\n${headers}\r\n`);
          timer = setInterval(() => {
            if (socket.destroyed || written >= total) return;
            written += chunk.length;
            socket.write(chunk);
          }, 5);
        });
        let timer: NodeJS.Timeout | undefined;
        socket.on('data', (data: Buffer) => (response += data.toString('latin1')));
        socket.on('error', () => undefined);
        socket.on('close', () => {
          clearInterval(timer);
          resolve({ response, written, total, closedAfterMs: Date.now() - started });
        });
        // A server that drains would keep the socket open for the whole body (~20 s): give up sooner.
        setTimeout(() => socket.destroy(), 5000).unref();
      });
    }

    it.each([
      ['without an API key: 401', '', /^HTTP\/1\.1 401 /],
      ['with a wrong API key: 401', 'Authorization: not-a-key-0123456789\r\n', /^HTTP\/1\.1 401 /],
      ['declaring more than 16 KiB: 413', `Authorization: ${API_KEY}\r\n`, /^HTTP\/1\.1 413 /],
    ])('%s, then the connection is closed without reading the body', async (_name, headers, status) => {
      const server = await start();
      const run = await slowPost(server, headers);
      expect(run.response).toMatch(status);
      expect(run.response).toMatch(/\r\nConnection: close\r\n/i);
      expect(run.closedAfterMs).toBeLessThan(4000);
      expect(run.written).toBeLessThan(run.total / 4);
    });

    it('a body that grows past 16 KiB without a declared length gets 413 and the connection closes', async () => {
      const server = await start();
      const response = await new Promise<{ text: string; closed: boolean }>((resolve) => {
        let text = '';
        const socket = connect(server.port, '127.0.0.1', () => {
          socket.write(`POST /v1/identification HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: ${API_KEY}\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n`);
          const piece = 'a'.repeat(8 * 1024);
          const timer = setInterval(() => {
            if (socket.destroyed) return clearInterval(timer);
            socket.write(`${piece.length.toString(16)}\r\n${piece}\r\n`);
          }, 5);
          socket.on('close', () => clearInterval(timer));
        });
        socket.on('data', (data: Buffer) => (text += data.toString('latin1')));
        socket.on('error', () => undefined);
        socket.on('close', () => resolve({ text, closed: true }));
        setTimeout(() => socket.destroy(), 5000).unref();
      });
      expect(response.text).toMatch(/^HTTP\/1\.1 413 /);
      expect(response.text).toContain('BODY_TOO_LARGE');
    });
  });
});
