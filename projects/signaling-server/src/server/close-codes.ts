import { PROOFME_CLOSE_CODES } from 'proofme-ng/protocol';

/** WebSocket close codes this server sends, and why (README "Close codes"). */
export const CLOSE = {
  /** Phone: unknown, expired or already-paired channel, or its host left. Proofme's V2 server does the same. */
  normal: 1000,
  /** Everyone: the server is shutting down. */
  goingAway: 1001,
  /** A binary frame: the protocol is JSON text only. */
  unsupportedData: 1003,
  /** Text that is not a known, well-formed message, or more frames than the rate limit allows. */
  policyViolation: 1008,
  /**
   * Phone: it sent the simulator's `result` or `leave` frame to a server not started in simulator
   * mode. The reason names the flag; the phone simulator turns this into `PROOFME_PHONE_SIMULATOR_MODE_OFF`.
   */
  simulatorModeOff: 4405,
  /** A socket whose unsent bytes passed `maxBufferedBytes`: it does not read what it is sent. */
  tryAgainLater: 1013,
  /** Host: its channel waited longer than `channelTtlMs` for a phone. */
  channelExpired: PROOFME_CLOSE_CODES.channelExpired,
} as const;

/** HTTP statuses answered instead of upgrading (the browser only sees `close` 1006). */
export const REFUSE_STATUS = {
  badRequest: 400,
  forbiddenOrigin: 403,
  shuttingDown: 503,
} as const;
