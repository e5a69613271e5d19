import { BlockList, isIP } from 'node:net';

/**
 * Which webhook destinations `POST /v1/identification` accepts:
 * - `'public'` (default): only hosts that are not on this machine or a private network;
 * - `'loopback'`: also this machine (127.0.0.0/8, `::1`, `localhost`): local development, `npm start`;
 * - `'any'`: also private, link-local and other internal ranges (a staging network).
 */
export type WebhookTargets = 'public' | 'loopback' | 'any';

/** Where a webhook host points, as far as its text tells (names other than `localhost` are `'public'`). */
export type WebhookHostClass = 'loopback' | 'internal' | 'public';

const LOOPBACK = new BlockList();
LOOPBACK.addSubnet('127.0.0.0', 8, 'ipv4');
// 0.0.0.0 and :: reach this machine when connected to on Linux.
LOOPBACK.addSubnet('0.0.0.0', 8, 'ipv4');
LOOPBACK.addAddress('::1', 'ipv6');
LOOPBACK.addAddress('::', 'ipv6');

// Not reachable from the internet, or not a unicast host: RFC 1918, 6598 (CGNAT), 3927 and 4291
// (link-local, where cloud metadata services live), 4193 (ULA), 6052 (NAT64, which can embed any
// IPv4 address), documentation, benchmarking, multicast and reserved ranges.
const INTERNAL = new BlockList();
for (const [network, prefix] of [
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  INTERNAL.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 96], // IPv4-compatible (deprecated): ::a.b.c.d
  ['::ffff:0:0:0', 96], // IPv4-translated
  ['64:ff9b::', 96],
  ['64:ff9b:1::', 48],
  ['100::', 64],
  ['2001:db8::', 32],
  ['fc00::', 7],
  ['fe80::', 10],
  ['fec0::', 10],
  ['ff00::', 8],
] as const) {
  INTERNAL.addSubnet(network, prefix, 'ipv6');
}

/**
 * Classifies the host of a URL the WHATWG parser already normalised (`0x7f.1` and `2130706433`
 * are `127.0.0.1` by then; IPv6 hosts keep their brackets). IPv4-mapped IPv6 (`::ffff:127.0.0.1`)
 * is checked as the IPv4 address it is.
 */
export function classifyWebhookHost(hostname: string): WebhookHostClass {
  const host = hostname.replace(/^\[|\]$/g, '').replace(/\.$/, '').toLowerCase();
  const family = isIP(host);
  if (family === 0) return host === 'localhost' || host.endsWith('.localhost') ? 'loopback' : 'public';
  const type = family === 4 ? 'ipv4' : 'ipv6';
  const mapped = family === 6 ? /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(host) : null;
  if (mapped) {
    const [high, low] = [parseInt(mapped[1], 16), parseInt(mapped[2], 16)];
    return classifyWebhookHost(`${high >> 8}.${high & 255}.${low >> 8}.${low & 255}`);
  }
  if (LOOPBACK.check(host, type)) return 'loopback';
  if (INTERNAL.check(host, type)) return 'internal';
  return 'public';
}

/** True when `url` (an http(s) URL) may receive webhooks under `targets`. Never throws. */
export function webhookUrlAllowed(url: string, targets: WebhookTargets): boolean {
  let hostname: string;
  try {
    hostname = new URL(url).hostname;
  } catch {
    return false;
  }
  const hostClass = classifyWebhookHost(hostname);
  if (hostClass === 'public' || targets === 'any') return true;
  return hostClass === 'loopback' && targets === 'loopback';
}
