import type { Logger } from 'pino';
import WebSocket from 'ws';
import type { Channel } from './channel';
import type { ChannelRegistry } from './channel-registry';
import type { ConnectionsPerIp } from './connections-per-ip';
import type { IdentificationLink } from './identification-link';
import type { SignalingCounters } from './metrics';
import type { ResolvedSignalingOptions } from './options';

/** What every connection handler needs; one per server, shared by all its sockets. */
export interface SignalingContext {
  readonly options: ResolvedSignalingOptions;
  readonly registry: ChannelRegistry;
  readonly counters: SignalingCounters;
  readonly connectionsPerIp: ConnectionsPerIp;
  readonly logger: Logger;
  /** The advertised `signalServer`; known once the port is (port 0). */
  signalServer: string;
  /** Identification statuses driven by the flow (the REST emulation); null when it is off. */
  identifications: IdentificationLink | null;
}

/**
 * A server-side WebSocket that carries its own session state in fields. Handlers are shared
 * module-level functions that read `this`, so a connection costs no closures and no per-socket timers.
 */
export class SignalingSocket extends WebSocket {
  role: 'host' | 'phone' = 'host';
  channel: Channel | null = null;
  /** Cleared before each heartbeat ping, set again by the pong; still clear at the next sweep = dead. */
  alive = true;
  ip = '';
  /** The rate limit's token bucket: tokens left, and when they were last counted (ms since epoch). */
  tokens = 0;
  tokensCountedAt = 0;
  context: SignalingContext | null = null;
}

/** The fields a log line about a socket carries (never message contents). */
export function describeSocket(socket: SignalingSocket): { role: string; channelId: string | undefined; ip: string } {
  return { role: socket.role, channelId: socket.channel?.id, ip: socket.ip };
}
