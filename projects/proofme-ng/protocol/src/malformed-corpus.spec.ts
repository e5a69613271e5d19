import fixtures from '../../test/fixtures/proofme-messages.json';
import { parseSignalMessage, ProtocolErrorKind } from './parse-signal-message';

// A seeded generator, so a failure names a frame that can be reproduced.
function prng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const random = prng(20261123);
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
const valid = fixtures.v2_web_flow.server_to_host.map((f) => f.msg as Record<string, unknown>);
const wrongValues = [null, 0, 1.5, -1, [], {}, [true], 'true', '', { type: 'host' }, '<script>alert(1)</script>'];

const generators: Record<string, () => string> = {
  randomBytes: () => {
    const bytes = new Uint8Array(1 + Math.floor(random() * 200));
    for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(random() * 256);
    return new TextDecoder().decode(bytes);
  },
  truncated: () => {
    const text = JSON.stringify(pick(valid));
    return text.slice(0, Math.floor(random() * text.length));
  },
  wrongType: () => {
    const message = { ...pick(valid) };
    const fields = Object.keys(message);
    const field = pick(fields.length > 1 && random() < 0.8 ? fields.filter((k) => k !== 'type') : fields);
    let value = pick(wrongValues);
    // A string where a string belongs is not wrong: make it a non-string (or, for `success`, a non-boolean).
    if (typeof value === 'string' && field !== 'success' && field !== 'channelId' && field !== 'signalServer') value = 7;
    message[field] = value;
    return JSON.stringify(message);
  },
  missingField: () => pick([
    '{"type":"host","success":true}',
    '{"type":"result","message":"IDENTIFICATION_SUCCESS"}',
    '{"success":true,"channelId":"2ab76357-bc82-4ec7-bc05-f0a2ee809e27"}',
  ]),
  hugeString: () => JSON.stringify({ type: 'result', success: true, message: 'x'.repeat(65_536 + Math.floor(random() * 1000)) }),
  deepNesting: () => {
    const depth = 1000 + Math.floor(random() * 50_000);
    return random() < 0.5 ? '['.repeat(depth) + ']'.repeat(depth) : '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
  },
  prototypeKeys: () => pick([
    '{"__proto__":{"type":"pong"}}',
    '{"constructor":{"prototype":{"type":"pong"}}}',
    '{"type":"__proto__"}',
    '{"type":"toString"}',
    '{"type":"hasOwnProperty","success":true}',
    '{"type":"result","success":{"__proto__":true},"message":""}',
  ]),
  unknownType: () => JSON.stringify({ type: `t${Math.floor(random() * 1e6)}`, success: true }),
  notObject: () => pick(['1', 'true', 'null', '"host"', '[{"type":"pong"}]', '-0', '1e999']),
};

describe('a corpus of 10,000 malformed frames', () => {
  it('is refused frame by frame with a typed error, without a single throw', () => {
    const kinds = new Set<ProtocolErrorKind>(['not-json', 'not-object', 'unknown-type', 'invalid-field', 'too-large']);
    const seen = new Map<ProtocolErrorKind, number>();
    const names = Object.keys(generators);
    const total = 10_000;
    for (let i = 0; i < total; i++) {
      const name = names[i % names.length];
      const frame = generators[name]();
      let result: ReturnType<typeof parseSignalMessage>;
      try {
        result = parseSignalMessage(frame);
      } catch (error) {
        throw new Error(`frame ${i} (${name}) threw ${String(error)}: ${frame.slice(0, 120)}`);
      }
      if (result.ok) throw new Error(`frame ${i} (${name}) was accepted: ${frame.slice(0, 120)}`);
      expect(kinds.has(result.error.kind)).toBe(true);
      if (result.error.kind === 'invalid-field') expect(result.error.field).toEqual(expect.any(String));
      seen.set(result.error.kind, (seen.get(result.error.kind) ?? 0) + 1);
    }
    // Every kind of error is exercised, not only the cheapest one.
    expect([...seen.keys()].sort()).toEqual([...kinds].sort());
    expect([...seen.values()].reduce((a, b) => a + b, 0)).toBe(total);
  });
});
