import type { IncomingMessage } from 'node:http';
import { isUuid } from 'proofme-ng/protocol';
import { REFUSE_STATUS } from './close-codes';
import type { RefusedUpgradeReason } from './metrics';
import type { SignalingContext } from './signaling-socket';
import type { ConnectionRole } from './socket-events';

/** The verdict on an upgrade request, reached before any WebSocket exists. */
export type Admission =
  | { readonly ok: true; readonly who: ConnectionRole; readonly ip: string }
  | { readonly ok: false; readonly status: number; readonly reason: RefusedUpgradeReason; readonly explanation: string };

const HOST_DATA = /^(id|proofme):(.+)$/;

const refuse = (status: number, reason: RefusedUpgradeReason, explanation: string): Admission => ({ ok: false, status, reason, explanation });

// A missing, empty or literally "undefined" channel means host (PROTOCOL.md §1).
function isHostChannel(channel: string | null): boolean {
  return channel === null || channel === '' || channel === 'undefined';
}

// The request-target is whatever the client sent: an absolute URL the WHATWG parser rejects
// (`http://[/`) must be a 400, not an exception.
function queryOf(target: string | undefined): URLSearchParams | null {
  try {
    return new URL(target ?? '/', 'ws://signal').searchParams;
  } catch {
    return null;
  }
}

/**
 * Decides who may upgrade. Cheap checks run first and all of them before the handshake, so a
 * refusal costs no WebSocket: 503 while shutting down, 403 for a page origin not on the list,
 * 400 for an unreadable request-target or a host without a valid `data`. The per-IP limit is
 * not here: it is enforced when the TCP connection is accepted (`ConnectionGate`). Never throws.
 */
export function admit(request: IncomingMessage, context: SignalingContext, shuttingDown: boolean): Admission {
  if (shuttingDown) return refuse(REFUSE_STATUS.shuttingDown, 'shutting-down', 'The server is shutting down.');
  if (!context.options.originPolicy(request.headers.origin)) {
    return refuse(REFUSE_STATUS.forbiddenOrigin, 'origin', 'This page origin is not allowed to use this signaling server (see allowedOrigins).');
  }
  const query = queryOf(request.url);
  if (!query) return refuse(REFUSE_STATUS.badRequest, 'bad-request', 'The request-target is not a valid URL.');
  const channel = query.get('channel');
  let who: ConnectionRole;
  if (isHostChannel(channel)) {
    const data = HOST_DATA.exec(query.get('data') ?? '');
    if (!data || !isUuid(data[2])) {
      return refuse(REFUSE_STATUS.badRequest, 'bad-request', 'A host needs data=id:<uuid> or data=proofme:<uuid>.');
    }
    who = { role: 'host', identificationId: data[1] === 'id' ? data[2].toLowerCase() : null };
  } else {
    who = { role: 'phone', channelId: channel ?? '' };
  }
  const ip = request.socket.remoteAddress ?? 'unknown';
  return { ok: true, who, ip };
}
