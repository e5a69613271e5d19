/**
 * The messages of the Proofme V2 signaling protocol as the host page sees them
 * (PROTOCOL.md §2). These are the parsed, trusted shapes: only the fields listed here survive
 * parsing, so nothing else from the network travels further into the app.
 */

/** The channel is ready: `channelId` is what the phone joins. */
export interface HostMessage {
  readonly type: 'host';
  readonly success: boolean;
  readonly channelId: string;
  /** Where the phone should connect. Absent on some servers: the configured URL is used then. */
  readonly signalServer?: string;
  readonly message?: string;
  /**
   * When the server retires the channel if no phone joins (epoch ms). An extension of our
   * signaling server (projects/signaling-server); Proofme's V2 sends none.
   */
  readonly expiresAt?: number;
}

/** The phone joined the channel (scanned the QR or followed the deeplink). */
export interface ClientConnectedMessage {
  readonly type: 'clientconnected';
  readonly success?: boolean;
}

/** The phone left. The channel is dead: a new one needs a new connection. */
export interface DisconnectMessage {
  readonly type: 'disconnect';
}

/** The outcome of the identification. The data itself is fetched by the integrator's backend. */
export interface ResultMessage {
  readonly type: 'result';
  readonly success: boolean;
  readonly message: string;
}

/** The answer to a `ping` (legacy servers answer; V2 servers may not). */
export interface PongMessage {
  readonly type: 'pong';
}

/** Every message a signaling server sends to the host page. */
export type ServerMessage = HostMessage | ClientConnectedMessage | DisconnectMessage | ResultMessage | PongMessage;

/** The `type` values of {@link ServerMessage}. */
export type ServerMessageType = ServerMessage['type'];

/** The host page's keep-alive. */
export interface PingMessage {
  readonly type: 'ping';
}

/** Every message the host page sends to the signaling server. */
export type HostToServerMessage = PingMessage;

/**
 * Close codes of the self-hostable signaling server (projects/signaling-server). Proofme's own
 * server closes with 1000 or drops the connection; these codes refine that where we control both ends.
 */
export const PROOFME_CLOSE_CODES = {
  /** The channel waited longer than the server's TTL without being used. */
  channelExpired: 4408,
} as const;
