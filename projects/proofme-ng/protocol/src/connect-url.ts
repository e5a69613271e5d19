import { isUuid } from './uuid';
import { isWebSocketUrl } from './signal-server';

/** What a host page identifies with: an identification created by the backend, or a public Proofme template. */
export type ProofmeTarget = { readonly identificationId: string } | { readonly proofmeId: string };

/** Options of {@link buildHostConnectUrl}. */
export interface HostConnectOptions {
  /** Adds `keepalive=true`, as the official library's option of that name does. */
  readonly keepalive?: boolean;
}

function withQuery(base: string, query: string): string {
  const url = new URL(base);
  if (url.hash) throw new TypeError('A WebSocket URL cannot have a fragment.');
  return `${url.href}${url.search ? '&' : '?'}${query}`;
}

/** Not exported from the entry point: the `data` query value that names the target: `id:<uuid>` or `proofme:<uuid>`. */
export function targetData(target: ProofmeTarget): string {
  const [prefix, id] = 'identificationId' in target ? ['id', target.identificationId] : ['proofme', target.proofmeId];
  if (!isUuid(id)) throw new TypeError(`The ${prefix === 'id' ? 'identificationId' : 'proofmeId'} must be a UUID.`);
  return `${prefix}:${encodeURIComponent(id)}`;
}

/**
 * The URL a host page opens: `<signalingUrl>?channel=undefined&data=id:<uuid>` (or `proofme:`).
 * `channel=undefined` is what Proofme's servers expect from a host. Throws a `TypeError` on an id
 * that is not a UUID or a URL that is not ws(s).
 */
export function buildHostConnectUrl(signalingUrl: string, target: ProofmeTarget, options: HostConnectOptions = {}): string {
  if (!isWebSocketUrl(signalingUrl)) throw new TypeError('The signaling URL must be a ws: or wss: URL.');
  const keepalive = options.keepalive ? '&keepalive=true' : '';
  return withQuery(signalingUrl, `channel=undefined&data=${targetData(target)}${keepalive}`);
}

/** The URL a phone opens to join `channelId` on `signalServer` (PROTOCOL.md §4). */
export function buildPhoneConnectUrl(signalServer: string, channelId: string): string {
  if (!isWebSocketUrl(signalServer)) throw new TypeError('The signal server must be a ws: or wss: URL.');
  if (!isUuid(channelId)) throw new TypeError('The channelId must be a UUID.');
  return withQuery(signalServer, `channel=${channelId}`);
}
