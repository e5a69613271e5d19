import { ProofmeError } from './proofme-error';
import { isUuid } from './uuid';
import { isWebSocketUrl } from './signal-server';

/** Proofme's app link: opens the app on a phone, or its landing page without the app. */
export const DEFAULT_DEEPLINK_BASE = 'https://proofme.id/app';

/** What a deeplink says: which channel to join, on which server. */
export interface ParsedDeeplink {
  readonly channelId: string;
  /** Absent in the legacy `p2p:<uuid>` form: the phone then uses its default server. */
  readonly signalServer?: string;
  /** `app`: the current `…/app?p=` link; `p2p` and `didux`: forms older Proofme apps used. */
  readonly form: 'app' | 'p2p' | 'didux';
}

/** The outcome of {@link parseDeeplink}. */
export type DeeplinkParseResult =
  | { readonly ok: true; readonly deeplink: ParsedDeeplink }
  | { readonly ok: false; readonly message: string };

/**
 * Builds the link that goes into the QR code and the "open in app" button:
 * `<base>?p=<channelId>:<encodeURIComponent(signalServer)>`. Callers pass validated values.
 * @throws {ProofmeError} PROOFME_INVALID_CHANNEL when `channelId` is not a UUID.
 * @throws {ProofmeError} PROOFME_INVALID_URL when `signalServer` is not a ws(s) URL.
 */
export function buildDeeplink(channelId: string, signalServer: string, base: string = DEFAULT_DEEPLINK_BASE): string {
  if (!isUuid(channelId)) throw new ProofmeError('PROOFME_INVALID_CHANNEL', 'buildDeeplink: channelId must be a UUID.');
  if (!isWebSocketUrl(signalServer)) throw new ProofmeError('PROOFME_INVALID_URL', 'buildDeeplink: signalServer must be a ws: or wss: URL.');
  const separator = base.includes('?') ? '&' : '?';
  return `${base}${separator}p=${channelId}:${encodeURIComponent(signalServer)}`;
}

function safeDecode(value: string): string | null {
  try {
    return decodeURIComponent(value);
  } catch {
    return null;
  }
}

// "<uuid>:<server>" split at the FIRST colon: the server part has colons of its own.
// `encoded`: the server part is still percent-encoded (the p2p form is not a URL query value).
function splitChannelAndServer(value: string, form: ParsedDeeplink['form'], encoded: boolean): DeeplinkParseResult {
  const colon = value.indexOf(':');
  const channelId = colon < 0 ? value : value.slice(0, colon);
  if (!isUuid(channelId)) return { ok: false, message: 'The link does not name a channel UUID.' };
  if (colon < 0) return { ok: true, deeplink: { channelId, form } };
  const server = value.slice(colon + 1);
  return withServer(channelId, encoded ? safeDecode(server) : server, form);
}

function withServer(channelId: string, signalServer: string | null, form: ParsedDeeplink['form']): DeeplinkParseResult {
  if (!signalServer || !isWebSocketUrl(signalServer)) {
    return { ok: false, message: 'The link does not name a ws: or wss: signal server.' };
  }
  return { ok: true, deeplink: { channelId, signalServer, form } };
}

/**
 * Reads a Proofme deeplink as a phone would: the `…/app?p=<uuid>:<server>` form (fully or half
 * encoded), and the legacy `p2p:<uuid>[:<server>]` and `diduxio://…/p2p?uuid=…&wsUrl=…` forms.
 * Never throws.
 */
export function parseDeeplink(link: unknown): DeeplinkParseResult {
  if (typeof link !== 'string' || link.length > 4096) return { ok: false, message: 'The link is not a string.' };
  const text = link.trim();
  if (text.startsWith('p2p:')) return splitChannelAndServer(text.slice('p2p:'.length), 'p2p', true);

  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { ok: false, message: 'The link is not a URL.' };
  }
  // searchParams decodes once, which reads the fully and the half-encoded (`wss:%2F%2F…`) forms alike.
  const p = url.searchParams.get('p');
  if (p !== null) return splitChannelAndServer(p, 'app', false);

  const uuid = url.searchParams.get('uuid');
  if (uuid !== null) {
    if (!isUuid(uuid)) return { ok: false, message: 'The link does not name a channel UUID.' };
    const wsUrl = url.searchParams.get('wsUrl');
    return wsUrl === null ? { ok: true, deeplink: { channelId: uuid, form: 'didux' } } : withServer(uuid, wsUrl, 'didux');
  }
  return { ok: false, message: 'The link carries no Proofme channel.' };
}
