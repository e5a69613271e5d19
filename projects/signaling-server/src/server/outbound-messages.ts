import type { ClientConnectedMessage, DisconnectMessage, HostMessage, PongMessage } from 'proofme-ng/protocol';
import { clientTurnCredentials } from '../turn-credentials';

/** One entry of `RTCConfiguration.iceServers`, as the V2 server sends it to the phone. */
export interface IceServer {
  readonly urls: string | readonly string[];
  readonly username?: string;
  readonly credential?: string;
}

/** The V2 `client` message a phone gets when it joins (PROTOCOL.md §4). Not in the host-side protocol module. */
export interface ClientMessage {
  readonly type: 'client';
  readonly success: true;
  readonly channelId: string;
  readonly message: string;
  readonly webRtcConnectionConfig: { readonly iceCandidatePoolSize: number; readonly iceServers: readonly IceServer[] };
}

/** What the server needs to describe TURN to a phone. */
export interface TurnSettings {
  readonly turnSecret: string | undefined;
  readonly turnUrls: readonly string[];
  readonly turnCredentialTtlSeconds: number;
}

/**
 * `{"type":"host",…}`: the channel is ready. `expiresAt` (epoch ms) is this server's extension
 * (Proofme's V2 has none): when the unused channel is closed with 4408, so pages can count down and
 * rotate before it.
 */
export function hostMessage(channelId: string, signalServer: string, expiresAt?: number): HostMessage {
  return { type: 'host', success: true, channelId, signalServer, message: `Host initialised ${channelId}`, ...(expiresAt !== undefined && { expiresAt }) };
}

/** `{"type":"client",…}` for the phone that joined `channelId`, with fresh TURN credentials. */
export function clientMessage(channelId: string, clientId: string, turn: TurnSettings, nowMs: number): ClientMessage {
  const iceServers: IceServer[] = [];
  if (turn.turnSecret && turn.turnUrls.length > 0) {
    const credentials = clientTurnCredentials(turn.turnSecret, nowMs / 1000 + turn.turnCredentialTtlSeconds);
    iceServers.push({ urls: turn.turnUrls.length === 1 ? turn.turnUrls[0] : turn.turnUrls, ...credentials });
  }
  return {
    type: 'client',
    success: true,
    message: `Client initialised ${clientId}`,
    channelId,
    webRtcConnectionConfig: { iceCandidatePoolSize: 5, iceServers },
  };
}

// The frames that never vary are serialised once.
/** `{"type":"pong"}` */
export const PONG_FRAME = JSON.stringify({ type: 'pong' } satisfies PongMessage);
/** `{"type":"clientconnected","success":true}` */
export const CLIENT_CONNECTED_FRAME = JSON.stringify({ type: 'clientconnected', success: true } satisfies ClientConnectedMessage);
/** `{"type":"disconnect"}` */
export const DISCONNECT_FRAME = JSON.stringify({ type: 'disconnect' } satisfies DisconnectMessage);
