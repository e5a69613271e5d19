import { ProofmeError } from './proofme-error';
import { isUuid } from './uuid';
import { isWebSocketUrl } from './signal-server';

/** What a host page identifies with: an identification created by the backend, or a public Proofme template. */
export type ProofmeTarget = { readonly identificationId: string } | { readonly proofmeId: string };

/** Options of {@link buildHostConnectUrl}. */
export interface HostConnectOptions {
  /** Adds `keepalive=true`, as the official library's option of that name does. */
  readonly keepalive?: boolean;
}

/** @throws {ProofmeError} PROOFME_INVALID_URL when `base` has a fragment. */
function withQuery(base: string, query: string): string {
  const url = new URL(base);
  if (url.hash) throw new ProofmeError('PROOFME_INVALID_URL', 'A WebSocket URL cannot have a fragment.');
  return `${url.href}${url.search ? '&' : '?'}${query}`;
}

/**
 * Not exported from the entry point: the `data` query value that names the target: `id:<uuid>` or `proofme:<uuid>`.
 * @throws {ProofmeError} PROOFME_INVALID_TARGET when the id is not a UUID.
 */
export function targetData(target: ProofmeTarget): string {
  const [prefix, id] = 'identificationId' in target ? ['id', target.identificationId] : ['proofme', target.proofmeId];
  if (!isUuid(id)) throw new ProofmeError('PROOFME_INVALID_TARGET', `The ${prefix === 'id' ? 'identificationId' : 'proofmeId'} must be a UUID.`);
  return `${prefix}:${encodeURIComponent(id)}`;
}

/**
 * The URL a host page opens: `<signalingUrl>?channel=undefined&data=id:<uuid>` (or `proofme:`).
 * `channel=undefined` is what Proofme's servers expect from a host.
 * @throws {ProofmeError} PROOFME_INVALID_TARGET when the id is not a UUID.
 * @throws {ProofmeError} PROOFME_INVALID_URL when `signalingUrl` is not a ws(s) URL or has a fragment.
 */
export function buildHostConnectUrl(signalingUrl: string, target: ProofmeTarget, options: HostConnectOptions = {}): string {
  if (!isWebSocketUrl(signalingUrl)) throw new ProofmeError('PROOFME_INVALID_URL', 'The signaling URL must be a ws: or wss: URL.');
  const keepalive = options.keepalive ? '&keepalive=true' : '';
  return withQuery(signalingUrl, `channel=undefined&data=${targetData(target)}${keepalive}`);
}

/**
 * The URL a phone opens to join `channelId` on `signalServer` (PROTOCOL.md §4).
 * @throws {ProofmeError} PROOFME_INVALID_URL when `signalServer` is not a ws(s) URL or has a fragment.
 * @throws {ProofmeError} PROOFME_INVALID_CHANNEL when `channelId` is not a UUID.
 */
export function buildPhoneConnectUrl(signalServer: string, channelId: string): string {
  if (!isWebSocketUrl(signalServer)) throw new ProofmeError('PROOFME_INVALID_URL', 'The signal server must be a ws: or wss: URL.');
  if (!isUuid(channelId)) throw new ProofmeError('PROOFME_INVALID_CHANNEL', 'The channelId must be a UUID.');
  return withQuery(signalServer, `channel=${channelId}`);
}
