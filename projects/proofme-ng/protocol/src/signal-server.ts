import { parseUrl } from './untrusted-input';

/**
 * Which WebSocket URLs may go into a QR code. A deeplink that sends the phone to an attacker's
 * server is the worst failure this library can have, so every `signalServer` passes through here.
 */

/** How strict {@link validateSignalServer} is. */
export interface SignalServerPolicy {
  /** Accept `ws:` (unencrypted) when the host is loopback: local development only. */
  readonly allowInsecureLoopback: boolean;
  /**
   * When set, only these servers are accepted. Entries are origins (`wss://api.proofme.id`) or
   * full URLs, compared by scheme, host and port (default ports folded: `:443` equals none).
   */
  readonly allowed?: readonly string[];
}

/** Why a URL was refused as a signal server. */
export type SignalServerRejection = 'not-a-url' | 'not-websocket' | 'insecure' | 'credentials' | 'query' | 'fragment' | 'not-allowed';

/** The outcome of {@link validateSignalServer}. */
export type SignalServerValidation =
  | { readonly ok: true; readonly url: string }
  | { readonly ok: false; readonly reason: SignalServerRejection; readonly message: string };

/** True for `ws:`/`wss:` URLs without credentials or fragment (not even an empty `#`): the shape, not the policy. */
export function isWebSocketUrl(value: unknown): value is string {
  const url = parseUrl(value);
  return !!url && (url.protocol === 'ws:' || url.protocol === 'wss:') && !url.username && !url.password && !hasFragment(url);
}

// `URL.search` and `URL.hash` are '' both for none and for an empty `?` / `#`; only `href` keeps them.
function hasQuery(url: URL): boolean {
  return url.href.split('#', 1)[0].includes('?');
}

function hasFragment(url: URL): boolean {
  return url.href.includes('#');
}

/**
 * True when `hostname` (as `URL.hostname` gives it) is this machine: 127.0.0.0/8, `[::1]` and the
 * exact name `localhost`. Subdomains such as `evil.localhost` are not: not every resolver keeps
 * them on this machine, and a name is not an address.
 */
export function isLoopbackHost(hostname: string): boolean {
  if (hostname === 'localhost' || hostname === '[::1]') return true;
  const octets = /^127\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(hostname);
  return !!octets && octets.slice(1).every((octet) => Number(octet) <= 255);
}

function originOf(url: URL): string {
  // URL folds default ports (wss:443, ws:80), so `wss://a:443` and `wss://a` compare equal.
  return `${url.protocol}//${url.host}`.toLowerCase();
}

/**
 * Decides whether `value` may be handed to a phone as the server to connect to.
 * Returns the normalised URL when it may.
 */
export function validateSignalServer(value: unknown, policy: SignalServerPolicy): SignalServerValidation {
  const url = parseUrl(value);
  if (!url) return { ok: false, reason: 'not-a-url', message: 'The signal server is not a URL.' };
  if (url.protocol !== 'wss:' && url.protocol !== 'ws:') {
    return { ok: false, reason: 'not-websocket', message: `The signal server must be a wss: URL, not ${url.protocol}.` };
  }
  if (url.username || url.password) {
    return { ok: false, reason: 'credentials', message: 'The signal server URL must not carry credentials.' };
  }
  // The phone appends `?channel=…` itself: a query of the server's own, even an empty `?`, turns
  // that into `…??channel=` and the join fails.
  if (hasQuery(url)) {
    return { ok: false, reason: 'query', message: 'The signal server URL must not carry a query string (not even an empty "?").' };
  }
  if (hasFragment(url)) {
    return { ok: false, reason: 'fragment', message: 'The signal server URL must not carry a fragment (not even an empty "#").' };
  }
  if (url.protocol === 'ws:' && !(policy.allowInsecureLoopback && isLoopbackHost(url.hostname))) {
    return {
      ok: false,
      reason: 'insecure',
      message: policy.allowInsecureLoopback
        ? 'An unencrypted ws: signal server is only accepted on loopback.'
        : 'The signal server must use wss:.',
    };
  }
  if (policy.allowed) {
    const origin = originOf(url);
    const allowed = policy.allowed.some((entry) => {
      const candidate = parseUrl(entry);
      return !!candidate && originOf(candidate) === origin;
    });
    if (!allowed) {
      return { ok: false, reason: 'not-allowed', message: `The signal server ${origin} is not in the allowed list.` };
    }
  }
  return { ok: true, url: url.href.replace(/\/$/, '') };
}
