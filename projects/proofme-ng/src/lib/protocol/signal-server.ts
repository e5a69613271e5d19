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
export type SignalServerRejection = 'not-a-url' | 'not-websocket' | 'insecure' | 'credentials' | 'query' | 'not-allowed';

/** The outcome of {@link validateSignalServer}. */
export type SignalServerValidation =
  | { readonly ok: true; readonly url: string }
  | { readonly ok: false; readonly reason: SignalServerRejection; readonly message: string };

/** True for `ws:`/`wss:` URLs without credentials or fragment: the shape, not the policy. */
export function isWebSocketUrl(value: unknown): value is string {
  const url = parseUrl(value);
  return !!url && (url.protocol === 'ws:' || url.protocol === 'wss:') && !url.username && !url.password && !url.hash;
}

/** True when `hostname` (as `URL.hostname` gives it) is this machine. */
export function isLoopbackHost(hostname: string): boolean {
  return (
    hostname === 'localhost' ||
    hostname.endsWith('.localhost') ||
    hostname === '[::1]' ||
    /^127(?:\.\d{1,3}){3}$/.test(hostname)
  );
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
  // The phone appends `?channel=…` itself; a query of the server's own has no business in a QR code.
  if (url.search) {
    return { ok: false, reason: 'query', message: 'The signal server URL must not carry a query string.' };
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
  url.hash = '';
  return { ok: true, url: url.href.replace(/\/$/, '') };
}
