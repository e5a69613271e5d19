// Item 1 of issue 12: nothing a client sends may throw out of a handler. A raw TCP client sends what
// no browser would, while an honest host+phone pair keeps completing flows next to it.
import { runHonestFlows } from '../src/testing/honest-flows';
import { connectTestHost } from '../src/testing/test-host';
import { eventually, httpGet, rawRequest, startTestServer } from './helpers';

const UPGRADE_HEADERS = 'Host: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n';
/** Attackers connect from here, the honest pair from 127.0.0.1: loopback answers on all of 127.0.0.0/8. */
const ATTACKER = '127.0.0.2';

describe('hostile requests', () => {
  it('answers an upgrade whose request-target the URL parser rejects with 400, and stays up', async () => {
    const server = await startTestServer();
    try {
      for (const target of ['http://[/?channel=x', 'http://[::1/?channel=x', 'ws://a:99999/?channel=x', 'http://%zz/']) {
        const reply = await rawRequest(server.port, `GET ${target} HTTP/1.1\r\n${UPGRADE_HEADERS}\r\n`);
        expect(reply.statusLine).toBe('HTTP/1.1 400 Bad Request');
      }
      expect(server.metrics().refusedUpgrades['bad-request']).toBe(4);
      const host = await connectTestHost(server.url);
      await host.close();
      expect(server.metrics().handlerErrors).toBe(0);
    } finally {
      await server.close();
    }
  });

  it('survives thousands of generated request-targets, methods and header values while an honest pair completes flows', async () => {
    const server = await startTestServer({ headersTimeoutMs: 300, requestTimeoutMs: 600 });
    const honest = new AbortController();
    const flows = runHonestFlows(server.url, { signal: honest.signal, stepTimeoutMs: 3000 });
    try {
      const random = mulberry32(0x5eed12);
      const requests = Array.from({ length: FUZZ_REQUESTS }, () => fuzzRequest(random));
      const statuses = new Map<string, number>();
      let unanswered = 0;
      await inParallel(requests, 40, async (bytes) => {
        const reply = await rawRequest(server.port, bytes, { localAddress: ATTACKER, waitMs: 2000, keepOpen: true });
        if (reply.statusLine.startsWith('HTTP/1.1 101')) {
          // Upgraded (a well-formed phone or host): throw garbage frames at it too, then go.
          reply.socket.write(Buffer.from(Array.from({ length: 1 + Math.floor(random() * 64) }, () => Math.floor(random() * 256))));
          await new Promise((resolve) => setTimeout(resolve, 5));
          reply.socket.destroy();
        }
        const status = reply.statusLine.slice(9, 12) || (reply.closedByServer ? 'closed' : 'none');
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
        if (!reply.closedByServer && !reply.statusLine) unanswered++;
      });
      honest.abort();
      const tally = await flows;

      expect(unanswered).toBe(0);
      expect(tally.errors).toEqual([]);
      expect(tally.completed).toBeGreaterThanOrEqual(5);
      expect(server.metrics().handlerErrors).toBe(0);
      expect((await httpGet(server, '/healthz')).status).toBe(200);
      // Every status the fuzzer saw is one the server means to send.
      expect([...statuses.keys()].filter((s) => !['101', '200', '204', '400', '401', '403', '404', '405', '408', '413', '415', '426', '431', 'closed'].includes(s))).toEqual([]);
      await eventually(() => server.pendingConnections() === 0 && server.metrics().openHosts === 0 && server.metrics().openPhones === 0, 5000);
    } finally {
      honest.abort();
      await flows;
      await server.close();
    }
  }, 30_000);
});

/** Bounded so the test runs in a few seconds on the 2-core machine. */
const FUZZ_REQUESTS = 3000;

const METHODS = ['GET', 'GET', 'GET', 'POST', 'PUT', 'DELETE', 'OPTIONS', 'HEAD', 'PATCH', 'TRACE', 'CONNECT', 'get', 'G ET', '', 'PRI', 'M'.repeat(300)];
const UUID = 'b7264dd0-b9f4-479f-adc3-db7c3d0cdcf3';
const TARGETS = [
  '/', '*', '//', '/?channel=x', '/?channel=', '/?channel=undefined', `/?channel=undefined&data=proofme:${UUID}`, `/?data=id:${UUID}`,
  `/?channel=undefined&data=id:${UUID.toUpperCase()}`, '/?channel=%', '/?channel=%zz&data=%', '/?data=id%3A', 'http://[/?channel=x',
  'http://[::1', 'ws://[::1]:99999/', 'http://a:b@/', 'HTTP://%41/', 'file:///etc/passwd', 'javascript:alert(1)', '/\\..\\..\\',
  'http://ex\u{1F600}ample/', `http://127.0.0.1/?channel=undefined&data=proofme:${UUID}`, '/healthz', '/metrics', '/v1/', '/v1/identification',
  `/v1/identification/${UUID}`, '/v1/customMyPage/url/%', '/v1/customMyPage/url/http%3A%2F%2Flocalhost%3A4200', '/?' + 'a=1&'.repeat(500), '/' + 'x'.repeat(9000),
];
const HEADER_VALUES: Record<string, readonly (string | undefined)[]> = {
  Host: [undefined, '', '127.0.0.1', '[', '::::', 'a'.repeat(3000), 'localhost:99999', 'evil.example'],
  Origin: [undefined, undefined, '', 'null', 'http://[', 'https://shop.example', 'http://localhost:4200', 'http://localhost:*', 'HTTP://LOCALHOST', ' , , ', 'http://\u00e9.example', 'x'.repeat(5000)],
  Upgrade: ['websocket', 'websocket', 'WebSocket', 'h2c', '', 'websocket, h2c', undefined],
  Connection: ['Upgrade', 'Upgrade', 'keep-alive, Upgrade', 'close', '', undefined],
  'Sec-WebSocket-Key': ['dGhlIHNhbXBsZSBub25jZQ==', 'dGhlIHNhbXBsZSBub25jZQ==', '', 'short', '!!!!!!!!!!!!!!!!!!!!!!==', 'x'.repeat(200), undefined],
  'Sec-WebSocket-Version': ['13', '13', '8', '', 'abc', '13, 8', '-1', undefined],
  'Sec-WebSocket-Protocol': [undefined, undefined, '', ',', 'a,,b', 'a b', 'x'.repeat(1000)],
  'Sec-WebSocket-Extensions': [undefined, undefined, 'permessage-deflate; client_max_window_bits', ';;;', 'x="', 'permessage-deflate; server_max_window_bits=99'],
  'Content-Length': [undefined, undefined, undefined, '0', '5', '-1', 'abc', '99999999999999999999'],
  'Transfer-Encoding': [undefined, undefined, undefined, 'chunked', 'gzip, chunked', 'x'],
};

const UPGRADE_BASE: Readonly<Record<string, string>> = {
  Host: '127.0.0.1',
  Upgrade: 'websocket',
  Connection: 'Upgrade',
  'Sec-WebSocket-Key': 'dGhlIHNhbXBsZSBub25jZQ==',
  'Sec-WebSocket-Version': '13',
};

// Two shapes: a well-formed upgrade with one to three fields changed (reaches admission and `ws`'s
// handshake checks), and anything at all (mostly stops at Node's parser, which must answer too).
function fuzzRequest(random: () => number): Buffer {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const noise = (max: number): string => Array.from({ length: Math.floor(random() * max) }, () => String.fromCharCode(pick([0, 9, 10, 13, 32, 37, 47, 58, 63, 64, 91, 93, 127, 0xe9, 0x2028]) || Math.floor(random() * 256))).join('');
  const target = random() < 0.75 ? pick(TARGETS) : random() < 0.5 ? pick(TARGETS) + noise(12) : noise(24);
  const upgradeShaped = random() < 0.6;
  const headers: Record<string, string | undefined> = {};
  if (upgradeShaped) {
    Object.assign(headers, UPGRADE_BASE, { Origin: pick(HEADER_VALUES['Origin']) });
    for (let changes = 1 + Math.floor(random() * 3); changes > 0; changes--) {
      const name = pick(Object.keys(HEADER_VALUES).filter((n) => n !== 'Content-Length' && n !== 'Transfer-Encoding'));
      headers[name] = random() < 0.15 ? noise(16) : pick(HEADER_VALUES[name]);
    }
  } else {
    for (const [name, values] of Object.entries(HEADER_VALUES)) headers[name] = random() < 0.1 ? noise(16) : pick(values);
    if (random() < 0.05) headers[noise(8)] = noise(8);
  }
  const method = upgradeShaped && random() < 0.8 ? 'GET' : pick(METHODS);
  const version = random() < 0.95 ? 'HTTP/1.1' : pick(['HTTP/1.0', 'HTTP/2.0', 'HTTP/9', '']);
  const lines = [`${method} ${target} ${version}`, ...Object.entries(headers).filter(([, v]) => v !== undefined).map(([n, v]) => `${n}: ${v}`)];
  const body = random() < 0.1 ? noise(16) : '';
  // Sometimes the request stops half-way: the header deadline must end it.
  const text = `${lines.join('\r\n')}\r\n\r\n${body}`;
  return Buffer.from(random() < 0.05 ? text.slice(0, Math.floor(random() * text.length)) : text, 'latin1');
}

// A fixed seed: a failure is reproducible.
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function inParallel<T>(items: readonly T[], concurrency: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < items.length) await work(items[next++]);
  }));
}
