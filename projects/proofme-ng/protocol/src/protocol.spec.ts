import fixtures from '../../test/fixtures/proofme-messages.json';
import { expectProofmeError, thrownBy } from '../../test/proofme-error-matchers';
import {
  QR_BYTE_CAPACITY,
  fitsInQrCode,
  isLoopbackHost,
  buildDeeplink,
  buildHostConnectUrl,
  buildPhoneConnectUrl,
  isUuid,
  parseDeeplink,
  parseSignalMessage,
  validateSignalServer,
} from './public-api';

const CHANNEL = 'da451ba2-fcb3-40b0-8a3f-b3f5b9676709';
const ID = '505c0af1-4807-41ed-83ba-d0f0c2571815';

describe('parseSignalMessage', () => {
  it.each(fixtures.v2_web_flow.server_to_host.map((f) => [f.src, f.msg] as const))('parses the fixture %s', (_src, msg) => {
    const parsed = parseSignalMessage(JSON.stringify(msg));
    expect(parsed).toEqual({ ok: true, message: expect.objectContaining({ type: msg.type }) });
  });

  it('keeps the fields of a host frame and nothing else', () => {
    const raw = JSON.stringify({ ...fixtures.v2_web_flow.server_to_host[0].msg, extra: '<img onerror=alert(1)>' });
    expect(parseSignalMessage(raw)).toEqual({
      ok: true,
      message: {
        type: 'host',
        success: true,
        channelId: '2ab76357-bc82-4ec7-bc05-f0a2ee809e27',
        signalServer: 'wss://api.proofme.id:443',
        message: 'Host initialised 2ab76357-bc82-4ec7-bc05-f0a2ee809e27',
      },
    });
  });

  it('keeps our server\'s `expiresAt` extension (epoch ms) when it is a positive integer', () => {
    const frame = { type: 'host', success: true, channelId: CHANNEL, expiresAt: 1_800_000_600_000 };
    expect(parseSignalMessage(JSON.stringify(frame))).toEqual({ ok: true, message: frame });
  });

  it.each([['"soon"'], ['-1'], ['0'], ['1.5'], ['1e300'], ['null']])('rejects a host frame whose expiresAt is %s', (value) => {
    const parsed = parseSignalMessage(`{"type":"host","success":true,"channelId":"${CHANNEL}","expiresAt":${value}}`);
    expect(parsed).toEqual({ ok: false, error: expect.objectContaining({ message: expect.stringContaining('expiresAt') }) });
  });

  it('reads the legacy `uuid` field as the channel', () => {
    const legacy = fixtures.legacy_signaling_server.find((m) => m.msg.type === 'host' && 'uuid' in m.msg)!.msg;
    const parsed = parseSignalMessage(JSON.stringify(legacy));
    expect(parsed.ok && parsed.message.type === 'host' && parsed.message.channelId).toBe('d17c7c7b-861c-4485-a887-94bfd53ac452');
  });

  it('gives a result frame without a message an empty message', () => {
    expect(parseSignalMessage('{"type":"result","success":false}')).toEqual({
      ok: true,
      message: { type: 'result', success: false, message: '' },
    });
  });

  it.each([
    ['not-json', '{"type":"host"'],
    ['not-json', ''],
    ['not-object', '[]'],
    ['not-object', 'null'],
    ['not-object', '"host"'],
    ['unknown-type', '{"type":"hello"}'],
    ['unknown-type', '{"type":"constructor"}'],
    ['unknown-type', '{"type":"__proto__"}'],
    ['unknown-type', '{"type":"HOST"}'],
  ])('refuses %s: %s', (kind, raw) => {
    const parsed = parseSignalMessage(raw);
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.error.kind).toBe(kind);
  });

  it.each([
    ['type', '{"type":42}'],
    ['type', '{}'],
    ['channelId', '{"type":"host","success":true}'],
    ['channelId', '{"type":"host","channelId":"not-a-uuid"}'],
    ['signalServer', `{"type":"host","channelId":"${CHANNEL}","signalServer":"https://evil.example"}`],
    ['signalServer', `{"type":"host","channelId":"${CHANNEL}","signalServer":"javascript:alert(1)"}`],
    ['signalServer', `{"type":"host","channelId":"${CHANNEL}","signalServer":42}`],
    ['success', '{"type":"result","success":"true","message":"IDENTIFICATION_SUCCESS"}'],
    ['success', '{"type":"result","message":"IDENTIFICATION_SUCCESS"}'],
    ['success', '{"type":"clientconnected","success":1}'],
    ['message', '{"type":"result","success":true,"message":{"html":"<b>"}}'],
  ])('names the invalid field %s in %s', (field, raw) => {
    const parsed = parseSignalMessage(raw);
    expect(!parsed.ok && parsed.error).toEqual(expect.objectContaining({ kind: 'invalid-field', field }));
  });

  it('refuses an oversized frame before parsing it', () => {
    const raw = `{"type":"pong","pad":"${'x'.repeat(70_000)}"}`;
    const parsed = parseSignalMessage(raw);
    expect(!parsed.ok && parsed.error).toEqual(expect.objectContaining({ kind: 'too-large', size: raw.length }));
    expect(parseSignalMessage('{"type":"pong"}', { maxLength: 10 }).ok).toBe(false);
  });

  it('refuses binary frames', () => {
    expect(parseSignalMessage(new ArrayBuffer(4))).toEqual({ ok: false, error: expect.objectContaining({ kind: 'not-json' }) });
  });

  it('cannot be steered by prototype keys', () => {
    const raw = `{"__proto__":{"type":"result","success":true},"constructor":{"prototype":{"polluted":true}},"type":"pong"}`;
    expect(parseSignalMessage(raw)).toEqual({ ok: true, message: { type: 'pong' } });
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(parseSignalMessage('{"__proto__":{"type":"pong"}}').ok).toBe(false);
  });
});

describe('deeplinks', () => {
  it.each(fixtures.deeplinks.filter((d) => d.channelId).map((d) => [d.link, d.channelId!, d.signalServer!] as const))(
    'parses the documented link %s',
    (link, channelId, signalServer) => {
      expect(parseDeeplink(link)).toEqual({ ok: true, deeplink: { channelId, signalServer, form: 'app' } });
    },
  );

  it('builds exactly the documented form', () => {
    expect(buildDeeplink(CHANNEL, 'wss://api.proofme.id:443')).toBe(
      'https://proofme.id/app?p=da451ba2-fcb3-40b0-8a3f-b3f5b9676709:wss%3A%2F%2Fapi.proofme.id%3A443',
    );
    expect(buildDeeplink(CHANNEL, 'ws://127.0.0.1:8787', 'https://example.test/app?lang=nl')).toBe(
      `https://example.test/app?lang=nl&p=${CHANNEL}:ws%3A%2F%2F127.0.0.1%3A8787`,
    );
  });

  it('refuses to build a link from unvalidated parts', () => {
    expectProofmeError(thrownBy(() => buildDeeplink('nope', 'wss://api.proofme.id')), 'PROOFME_INVALID_CHANNEL');
    expectProofmeError(thrownBy(() => buildDeeplink(CHANNEL, 'https://api.proofme.id')), 'PROOFME_INVALID_URL');
  });

  it('parses the legacy forms', () => {
    expect(parseDeeplink(`p2p:${CHANNEL}:wss%3A%2F%2Fauth.proofme.id`)).toEqual({
      ok: true,
      deeplink: { channelId: CHANNEL, signalServer: 'wss://auth.proofme.id', form: 'p2p' },
    });
    expect(parseDeeplink(`p2p:${CHANNEL}`)).toEqual({ ok: true, deeplink: { channelId: CHANNEL, form: 'p2p' } });
    expect(parseDeeplink(`diduxio://didux.io/p2p?uuid=${CHANNEL}&wsUrl=wss://auth.proofme.id`)).toEqual({
      ok: true,
      deeplink: { channelId: CHANNEL, signalServer: 'wss://auth.proofme.id', form: 'didux' },
    });
  });

  it.each([
    'https://proofme.id/app',
    'https://proofme.id/app?p=not-a-uuid:wss%3A%2F%2Fapi.proofme.id',
    `https://proofme.id/app?p=${CHANNEL}:https%3A%2F%2Fevil.example`,
    `https://proofme.id/app?p=${CHANNEL}:wss%3A%2F%2Fa%E0%A4%A`,
    `p2p:${CHANNEL}:%E0%A4%A`,
    'not a link',
    `share-kiosk-data:${CHANNEL}`,
  ])('refuses %s without throwing', (link) => {
    expect(parseDeeplink(link).ok).toBe(false);
  });

  it('round-trips any valid channel and server', () => {
    const servers = ['wss://api.proofme.id:443', 'wss://a.b.example/sig/nal?x=1&y=a:b', 'ws://127.0.0.1:8787', 'wss://[2001:db8::1]:9000/p%20q'];
    for (let i = 0; i < 500; i++) {
      const channelId = crypto.randomUUID();
      const signalServer = servers[i % servers.length] + (i % 3 === 0 ? `/${i}:${i}` : '');
      expect(parseDeeplink(buildDeeplink(channelId, signalServer))).toEqual({
        ok: true,
        deeplink: { channelId, signalServer, form: 'app' },
      });
    }
  });
});

describe('connect URLs', () => {
  it('builds the documented host URLs', () => {
    const [byProofme, byId, , withKeepalive] = fixtures.v2_web_flow.host_connect_urls;
    expect(buildHostConnectUrl('wss://api.proofme.id', { proofmeId: 'b7264dd0-b9f4-479f-adc3-db7c3d0cdcf3' })).toBe(byProofme.url);
    expect(buildHostConnectUrl('wss://api.proofme.id', { identificationId: ID })).toBe(byId.url);
    expect(
      buildHostConnectUrl('ws://127.0.0.1:38081', { proofmeId: 'b7264dd0-b9f4-479f-adc3-db7c3d0cdcf3' }, { keepalive: true }),
    ).toBe(withKeepalive.url.replace('38081?', '38081/?'));
  });

  it('keeps an existing path and query', () => {
    expect(buildHostConnectUrl('wss://example.test/ws?tenant=a', { identificationId: ID })).toBe(
      `wss://example.test/ws?tenant=a&channel=undefined&data=id:${ID}`,
    );
  });

  it('refuses ids that are not UUIDs and URLs that are not WebSockets', () => {
    expect(() => buildHostConnectUrl('wss://api.proofme.id', { identificationId: 'x&data=proofme:1' })).toThrow(/identificationId/);
    expect(() => buildHostConnectUrl('wss://api.proofme.id', { proofmeId: '' })).toThrow(/proofmeId/);
    expectProofmeError(thrownBy(() => buildHostConnectUrl('wss://api.proofme.id', { proofmeId: '' })), 'PROOFME_INVALID_TARGET');
    expectProofmeError(thrownBy(() => buildHostConnectUrl('https://api.proofme.id', { identificationId: ID })), 'PROOFME_INVALID_URL');
    expectProofmeError(thrownBy(() => buildHostConnectUrl('wss://api.proofme.id/#x', { identificationId: ID })), 'PROOFME_INVALID_URL');
  });

  it('refuses to build a phone URL from unvalidated parts', () => {
    expectProofmeError(thrownBy(() => buildPhoneConnectUrl('https://api.proofme.id', CHANNEL)), 'PROOFME_INVALID_URL');
    expectProofmeError(thrownBy(() => buildPhoneConnectUrl('wss://api.proofme.id', 'nope')), 'PROOFME_INVALID_CHANNEL');
  });

  it('builds the phone URL', () => {
    expect(buildPhoneConnectUrl('wss://api.proofme.id:443', CHANNEL)).toBe(`wss://api.proofme.id/?channel=${CHANNEL}`);
  });
});

describe('validateSignalServer', () => {
  const open = { allowInsecureLoopback: true };
  it.each([
    ['wss://api.proofme.id:443', 'wss://api.proofme.id'],
    ['ws://127.0.0.1:8787', 'ws://127.0.0.1:8787'],
    ['ws://localhost:8787/x', 'ws://localhost:8787/x'],
    ['ws://[::1]:1', 'ws://[::1]:1'],
  ])('accepts %s', (url, normalised) => {
    expect(validateSignalServer(url, open)).toEqual({ ok: true, url: normalised });
  });

  it.each([
    ['not-a-url', 'wss//x'],
    ['not-websocket', 'https://api.proofme.id'],
    ['not-websocket', 'javascript:alert(1)'],
    ['insecure', 'ws://api.proofme.id'],
    ['insecure', 'ws://127.0.0.1.evil.example'],
    ['credentials', 'wss://user:pw@api.proofme.id'],
  ])('refuses (%s) %s', (reason, url) => {
    expect(validateSignalServer(url, open)).toEqual(expect.objectContaining({ ok: false, reason }));
  });

  it.each([
    ['query', 'wss://api.proofme.id/?'],
    ['query', 'wss://api.proofme.id?'],
    ['query', 'wss://api.proofme.id/?a=1'],
    ['fragment', 'wss://api.proofme.id/#'],
    ['fragment', 'wss://api.proofme.id#x'],
    ['insecure', 'ws://evil.localhost:8787'],
    ['insecure', 'ws://localhost.evil.example'],
  ])('refuses (%s) %s, empty ones included', (reason, url) => {
    expect(validateSignalServer(url, open)).toEqual(expect.objectContaining({ ok: false, reason }));
  });

  it('refuses loopback ws: when insecure loopback is off', () => {
    expect(validateSignalServer('ws://127.0.0.1:8787', { allowInsecureLoopback: false })).toEqual(
      expect.objectContaining({ ok: false, reason: 'insecure' }),
    );
  });

  it('applies the allowlist by origin, folding default ports', () => {
    const policy = { allowInsecureLoopback: false, allowed: ['wss://api.proofme.id'] };
    expect(validateSignalServer('wss://api.proofme.id:443', policy).ok).toBe(true);
    expect(validateSignalServer('wss://API.proofme.id/path', policy).ok).toBe(true);
    expect(validateSignalServer('wss://api.proofme.id:8443', policy)).toEqual(expect.objectContaining({ reason: 'not-allowed' }));
    expect(validateSignalServer('wss://api.proofme.id.evil.example', policy)).toEqual(expect.objectContaining({ reason: 'not-allowed' }));
  });
});

describe('isLoopbackHost', () => {
  it.each(['localhost', '127.0.0.1', '127.1.2.3', '127.255.255.255', '[::1]'])('%s is loopback', (host) => {
    expect(isLoopbackHost(host)).toBe(true);
  });
  it.each(['evil.localhost', 'localhost.evil.example', 'localhost.', '127.0.0.1.evil.example', '127.256.0.1', '128.0.0.1', '[::2]', ''])('%s is not', (host) => {
    expect(isLoopbackHost(host)).toBe(false);
  });
});

describe('QR capacity', () => {
  // The table must say what the encoder that draws the codes (qrcode, under angularx-qrcode) says.
  it.each(['L', 'M', 'Q', 'H'] as const)('QR_BYTE_CAPACITY.%s is what the qrcode package holds at version 40 in byte mode', (level) => {
    /* eslint-disable @typescript-eslint/no-require-imports */
    const version = require('qrcode/lib/core/version') as { getCapacity(v: number, ecl: unknown, mode: unknown): number };
    const levels = require('qrcode/lib/core/error-correction-level') as Record<string, unknown>;
    const modes = require('qrcode/lib/core/mode') as { BYTE: unknown };
    /* eslint-enable @typescript-eslint/no-require-imports */
    expect(QR_BYTE_CAPACITY[level]).toBe(version.getCapacity(40, levels[level], modes.BYTE));
  });

  it('fitsInQrCode counts UTF-8 bytes up to the exact limit', () => {
    expect(fitsInQrCode('a'.repeat(1273), 'H')).toBe(true);
    expect(fitsInQrCode('a'.repeat(1274), 'H')).toBe(false);
    expect(fitsInQrCode('é'.repeat(637), 'H')).toBe(false); // 1,274 bytes
    expect(fitsInQrCode('a'.repeat(2953), 'L')).toBe(true);
  });
});

describe('isUuid', () => {
  it('accepts canonical UUIDs only', () => {
    expect(isUuid(CHANNEL)).toBe(true);
    expect(isUuid(CHANNEL.toUpperCase())).toBe(true);
    expect(isUuid(` ${CHANNEL}`)).toBe(false);
    expect(isUuid(CHANNEL.replace(/-/g, ''))).toBe(false);
    expect(isUuid(undefined)).toBe(false);
  });
});
