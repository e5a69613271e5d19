import type { RunningSignalingServer } from '../src/server/signaling-server';
import { UNAUTHORIZED_BODY } from '../src/rest/rest-http';
import { connectTestHost } from '../src/testing/test-host';
import { httpGet, startTestServer } from './helpers';
import { api, API_KEY, createIdentification, ORGANISATION, OTHER_API_KEY, PAGE_ORIGIN, PROOFME_ID, startRestServer, testKeyPair } from './rest-helpers';

describe('REST emulation: endpoints, auth and CORS over real HTTP', () => {
  let server: RunningSignalingServer;

  beforeAll(async () => {
    server = await startRestServer((await testKeyPair()).publicKey);
  });
  afterAll(() => server.close());

  describe('API key required', () => {
    it.each([
      ['no Authorization header', undefined],
      ['a wrong key', 'proofme_wrong_key_cccccccccccccccc'],
      ['a wrong Bearer key', 'Bearer proofme_wrong_key_cccccccccccccccc'],
      ['an empty Bearer', 'Bearer '],
    ])('POST /v1/identification with %s: 401 with the documented body', async (_case, authorization) => {
      const response = await api(server, 'POST', '/v1/identification', { authorization, body: { proofmeId: PROOFME_ID } });
      expect(response.status).toBe(401);
      expect(response.body).toEqual({
        status: 401,
        title: 'Unauthorized Request',
        detail: 'Missing authentication, or failed to authenticate',
        _links: { documentation: { href: 'https://docs.proofme.id/#/api_authentication', type: 'text/html' } },
      });
      expect(response.body).toEqual(UNAUTHORIZED_BODY);
      expect(server.rest?.store.size).toBe(0);
    });

    it('GET data/:id and DELETE need the key too (401), even from an allowed page origin', async () => {
      const id = await createIdentification(server);
      expect((await api(server, 'GET', `/v1/identification/data/${id}`, { origin: PAGE_ORIGIN })).status).toBe(401);
      expect((await api(server, 'DELETE', `/v1/identification/${id}`, { origin: PAGE_ORIGIN })).status).toBe(401);
      expect((await api(server, 'GET', `/v1/identification/${id}`, { authorization: 'nope-nope-nope-nope-nope' })).body).toEqual(UNAUTHORIZED_BODY);
    });
  });

  it('creates an identification (raw key and Bearer): 201 with the documented object', async () => {
    for (const authorization of [API_KEY, `Bearer ${API_KEY}`]) {
      const response = await api(server, 'POST', '/v1/identification', {
        authorization,
        body: { proofmeId: PROOFME_ID, description: 'Order 66', redirectUrl: 'https://shop.example/done', metadata: { order: 66 }, testmode: true },
      });
      expect(response.status).toBe(201);
      const { identification } = response.body;
      expect(identification).toMatchObject({
        organisationId: ORGANISATION,
        proofmeId: PROOFME_ID,
        proofmeRevision: 1,
        description: 'Order 66',
        status: 'PENDING',
        isRequest: true,
        scannedAt: null,
        redirectUrl: 'https://shop.example/done',
        webhookUrl: null,
        metadata: { order: 66 },
        mode: 'test',
        notify: null,
        myPageUrl: `https://mypage.example/${identification.id}`,
      });
      expect(identification.id).toMatch(/^[0-9a-f-]{36}$/);
      expect(Date.parse(identification.createdAt)).not.toBeNaN();
    }
  });

  it('accepts the docs\' form-encoded body and truncates long descriptions', async () => {
    const body = new URLSearchParams({ proofmeId: PROOFME_ID, description: 'x'.repeat(300), metadata: '{"my-data": 12345}' }).toString();
    const response = await api(server, 'POST', '/v1/identification', { authorization: API_KEY, body, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(response.status).toBe(201);
    expect(response.body.identification.description).toHaveLength(255);
    expect(response.body.identification.metadata).toEqual({ 'my-data': 12345 });
    expect(response.body.identification.mode).toBe('live');
  });

  it.each([
    [{}, 'INVALID_PROOFME_ID'],
    [{ proofmeId: 'not-a-uuid' }, 'INVALID_PROOFME_ID'],
    [{ proofmeId: PROOFME_ID, webhookUrl: 'ftp://example.com' }, 'INVALID_WEBHOOK_URL'],
    [{ proofmeId: PROOFME_ID, redirectUrl: 'javascript:alert(1)' }, 'INVALID_REDIRECT_URL'],
  ])('refuses a bad create body %j with 400 %s', async (body, message) => {
    const response = await api(server, 'POST', '/v1/identification', { authorization: API_KEY, body });
    expect(response).toMatchObject({ status: 400, body: { message } });
  });

  it('refuses a body that is not a JSON object (400) or too large (413)', async () => {
    expect((await api(server, 'POST', '/v1/identification', { authorization: API_KEY, body: '[1,2]' })).body).toEqual({ message: 'INVALID_BODY' });
    const huge = await api(server, 'POST', '/v1/identification', { authorization: API_KEY, body: { proofmeId: PROOFME_ID, description: 'x'.repeat(20_000) } });
    expect(huge).toMatchObject({ status: 413, body: { message: 'BODY_TOO_LARGE' } });
  });

  it('GET /v1/identification/:id with the key: the full object; another organisation\'s key: 404 IDENTIFICATION_NOT_FOUND', async () => {
    const id = await createIdentification(server, { description: 'secret order' });
    const mine = await api(server, 'GET', `/v1/identification/${id}`, { authorization: API_KEY });
    expect(mine.status).toBe(200);
    expect(mine.body.identification).toMatchObject({ id, description: 'secret order', status: 'PENDING' });
    const theirs = await api(server, 'GET', `/v1/identification/${id}`, { authorization: OTHER_API_KEY });
    expect(theirs).toMatchObject({ status: 404, body: { message: 'IDENTIFICATION_NOT_FOUND' } });
    const unknown = await api(server, 'GET', '/v1/identification/0b3a7c33-4c5c-4f5e-9a54-1d1c0e2f3a4b', { authorization: API_KEY });
    expect(unknown).toMatchObject({ status: 404, body: { message: 'IDENTIFICATION_NOT_FOUND' } });
  });

  it('GET /v1/identification/:id without a key from an allowed page: only the public view, with CORS', async () => {
    const id = await createIdentification(server, { description: 'secret order', metadata: { customer: 42 } });
    const response = await api(server, 'GET', `/v1/identification/${id}`, { origin: PAGE_ORIGIN });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ identification: { id, organisationId: ORGANISATION, proofmeId: PROOFME_ID, status: 'PENDING' } });
    expect(response.headers.get('access-control-allow-origin')).toBe(PAGE_ORIGIN);
    const unknown = await api(server, 'GET', '/v1/identification/0b3a7c33-4c5c-4f5e-9a54-1d1c0e2f3a4b', { origin: PAGE_ORIGIN });
    expect(unknown).toMatchObject({ status: 404, body: { message: 'IDENTIFICATION_NOT_FOUND' } });
  });

  it('GET /v1/identification/:id without a key and without an allowed Origin: 401, no CORS', async () => {
    const id = await createIdentification(server);
    const noOrigin = await api(server, 'GET', `/v1/identification/${id}`);
    expect(noOrigin).toMatchObject({ status: 401, body: UNAUTHORIZED_BODY });
    const evil = await api(server, 'GET', `/v1/identification/${id}`, { origin: 'https://evil.example' });
    expect(evil.status).toBe(401);
    expect(evil.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('GET /v1/customMyPage/url/<encoded origin>: the documented { myPage, domain } for a configured origin', async () => {
    const response = await api(server, 'GET', `/v1/customMyPage/url/${encodeURIComponent(PAGE_ORIGIN)}`, { origin: PAGE_ORIGIN });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe(PAGE_ORIGIN);
    expect(response.body).toEqual({
      domain: PAGE_ORIGIN,
      myPage: expect.objectContaining({
        organisationId: ORGANISATION,
        url: 'https://mypage.example',
        publicIdentifications: false,
        proofme: expect.objectContaining({ id: PROOFME_ID, name: 'Test', organisationId: ORGANISATION, requestedCredentials: expect.objectContaining({ credentials: expect.any(Array) }) }),
      }),
    });
    for (const field of ['color', 'logoLocation', 'bannerLocation', 'faviconLocation', 'title']) expect(response.body.myPage).toHaveProperty(field);
  });

  it('GET /v1/customMyPage/url/<unknown origin>: 404 MY_PAGE_NOT_FOUND', async () => {
    const response = await api(server, 'GET', `/v1/customMyPage/url/${encodeURIComponent('https://unknown.example')}`);
    expect(response).toMatchObject({ status: 404, body: { message: 'MY_PAGE_NOT_FOUND' } });
  });

  it('answers CORS preflights for allowed pages with GET only and never allows Authorization', async () => {
    const allowed = await api(server, 'OPTIONS', '/v1/identification/x', { origin: PAGE_ORIGIN, headers: { 'access-control-request-method': 'GET' } });
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get('access-control-allow-origin')).toBe(PAGE_ORIGIN);
    expect(allowed.headers.get('access-control-allow-methods')).toBe('GET, OPTIONS');
    expect(allowed.headers.get('access-control-allow-headers')?.toLowerCase()).not.toContain('authorization');
    const refused = await api(server, 'OPTIONS', '/v1/customMyPage/url/x', { origin: 'https://evil.example' });
    expect(refused.status).toBe(403);
    expect(refused.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('never sends CORS headers on the API-key endpoints', async () => {
    const created = await api(server, 'POST', '/v1/identification', { authorization: API_KEY, origin: PAGE_ORIGIN, body: { proofmeId: PROOFME_ID } });
    expect(created.status).toBe(201);
    expect(created.headers.get('access-control-allow-origin')).toBeNull();
    const data = await api(server, 'GET', `/v1/identification/data/${created.body.identification.id}`, { authorization: API_KEY, origin: PAGE_ORIGIN });
    expect(data.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('GET data/:id while pending: the identification with identificationData null', async () => {
    const id = await createIdentification(server);
    const response = await api(server, 'GET', `/v1/identification/data/${id}`, { authorization: `Bearer ${API_KEY}` });
    expect(response.status).toBe(200);
    expect(response.body.identification).toMatchObject({ id, status: 'PENDING', identificationData: null });
  });

  it('revokes: 200 REVOKE_SUCCESSFUL, status REVOKED, a second revoke 409, the open host is closed and new hosts refused', async () => {
    const id = await createIdentification(server);
    const host = await connectTestHost(server.url, { data: `id:${id}` });
    const revoked = await api(server, 'DELETE', `/v1/identification/${id}`, { authorization: API_KEY });
    expect(revoked).toMatchObject({ status: 200, body: { message: 'REVOKE_SUCCESSFUL' } });
    expect(await host.closed).toEqual({ code: 1000, reason: 'Identification revoked' });
    expect((await api(server, 'GET', `/v1/identification/${id}`, { authorization: API_KEY })).body.identification.status).toBe('REVOKED');
    expect(await api(server, 'DELETE', `/v1/identification/${id}`, { authorization: API_KEY })).toMatchObject({ status: 409, body: { message: 'IDENTIFICATION_ALREADY_FINISHED' } });
    await expect(connectTestHost(server.url, { data: `id:${id}` })).rejects.toThrow(/1000 Identification already finished/);
    expect((await api(server, 'DELETE', `/v1/identification/${id}`, { authorization: OTHER_API_KEY })).status).toBe(404);
  });

  it('answers unknown /v1 paths with 404 and wrong methods with 405 + Allow', async () => {
    expect(await api(server, 'GET', '/v1/nothing')).toMatchObject({ status: 404, body: { message: 'NOT_FOUND' } });
    const wrong = await api(server, 'PUT', '/v1/identification', { authorization: API_KEY });
    expect(wrong).toMatchObject({ status: 405, body: { message: 'METHOD_NOT_ALLOWED' } });
    expect(wrong.headers.get('allow')).toBe('POST');
  });

  it('keeps /healthz working beside /v1', async () => {
    expect((await httpGet(server, '/healthz')).status).toBe(200);
  });
});

describe('REST emulation: switched off and defaults', () => {
  it('with rest: false, /v1 is not served', async () => {
    const server = await startTestServer({ rest: false });
    try {
      expect(server.rest).toBeNull();
      expect((await httpGet(server, '/v1/customMyPage/url/x')).status).toBe(404);
      const post = await fetch(`${server.httpUrl}/v1/identification`, { method: 'POST', headers: { authorization: API_KEY } });
      expect(post.status).toBe(405);
    } finally {
      await server.close();
    }
  });

  it('is on by default, with a development My Page for the server\'s allowed origins', async () => {
    const server = await startTestServer();
    try {
      const response = await api(server, 'GET', `/v1/customMyPage/url/${encodeURIComponent('http://localhost:4200')}`);
      expect(response.status).toBe(200);
      expect(response.body.domain).toBe('http://localhost:4200');
      expect((await api(server, 'POST', '/v1/identification', { body: { proofmeId: PROOFME_ID } })).status).toBe(401);
    } finally {
      await server.close();
    }
  });

  it.each([
    [{ apiKeys: [{ key: 'short', organisationId: ORGANISATION, publicKeyArmored: 'x' }] }, /at least 16 characters/],
    [{ apiKeys: [{ key: API_KEY, organisationId: 'nope', publicKeyArmored: 'x' }] }, /organisationId must be a UUID/],
    [{ apiKeys: [{ key: API_KEY, organisationId: ORGANISATION, publicKeyArmored: 'x' }] }, /armored OpenPGP public key/],
    [{ apiKeys: [{ key: API_KEY, organisationId: ORGANISATION, publicKeyArmored: '-----BEGIN PGP PUBLIC KEY BLOCK-----\n\nxx\n-----END PGP PUBLIC KEY BLOCK-----' }] }, /cannot be read/],
    [{ myPages: [{ origins: ['not an origin'], organisationId: ORGANISATION, proofme: { id: PROOFME_ID } }] }, /Not an origin pattern/],
    [{ webhooks: { attempts: 0 } }, /attempts/],
  ])('refuses bad rest options %#', async (rest, message) => {
    await expect(startTestServer({ rest: rest as never })).rejects.toThrow(message);
  });
});
