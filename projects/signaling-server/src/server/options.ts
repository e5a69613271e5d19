import type { Logger, LevelWithSilent } from 'pino';
import { DEFAULT_MAX_FRAME_LENGTH, isWebSocketUrl } from 'proofme-ng/protocol';
import { resolveRestOptions, ResolvedRestOptions, RestEmulationOptions } from '../rest/rest-options';
import { compileOriginPolicy, OriginPolicy } from './origin-policy';

/** Everything the signaling server can be told. `startSignalingServer` fills in the rest from the defaults. */
export interface SignalingServerOptions {
  /** Address to listen on. Default `127.0.0.1`; use `0.0.0.0` in a container (then set `publicUrl`). */
  host: string;
  /** TCP port; `0` picks a free one. Default 8787. */
  port: number;
  /** The `signalServer` advertised to hosts (what phones connect to). Default `ws://<host>:<port>`. */
  publicUrl: string | undefined;
  /** Page origins allowed to open a host: exact (`https://shop.example`), any port (`http://localhost:*`) or `*`. */
  allowedOrigins: readonly string[];
  /** TURN REST shared secret (coturn `static-auth-secret`). Required when `turnUrls` is set. */
  turnSecret: string | undefined;
  /** TURN/STUN URLs handed to phones in `webRtcConnectionConfig`. */
  turnUrls: readonly string[];
  /** How long phone TURN credentials stay valid, in seconds. */
  turnCredentialTtlSeconds: number;
  /** Largest accepted frame in bytes; a bigger one closes that socket with 1009. */
  maxPayload: number;
  /** Protocol-level ping interval; a socket that has not answered the previous ping is dropped. */
  heartbeatIntervalMs: number;
  /** How long a channel may wait for its phone before the host is closed with 4408. */
  channelTtlMs: number;
  /**
   * TCP connections per client IP, counted from accept whether or not they ever upgrade (WebSockets,
   * half-sent requests and plain HTTP alike); `0` turns the limit off. One over the limit gets HTTP
   * 429 and is closed at once.
   */
  maxConnectionsPerIp: number;
  /**
   * Milliseconds a connection may take to deliver the complete headers of a request (plain or
   * upgrade), from accept or from the previous request on a keep-alive connection. Slower ones are
   * closed (HTTP 408 when Node notices, a plain close when the sweep does). Default 5000.
   */
  headersTimeoutMs: number;
  /** Milliseconds a plain HTTP request (headers and body, e.g. a REST POST) may take; at least `headersTimeoutMs`. Default 10000. */
  requestTimeoutMs: number;
  /**
   * Bytes a WebSocket may have queued for sending but not yet taken by the kernel (`ws`'s
   * `bufferedAmount`: user-space queue plus the socket's writable length). A socket past it is
   * closed with 1013 and cut 1 s later: a peer that does not read must not grow the server's memory.
   * Default 1 MiB.
   */
  maxBufferedBytes: number;
  /** Frames per second a socket may send on average (token bucket refill rate); `0` turns the limit off. Default 20. */
  messagesPerSecond: number;
  /** Frames a socket may send at once above the average (token bucket size). Default 40. */
  messageBurst: number;
  /** A pino logger, or the level for one the server creates (`'silent'` in tests). */
  logger: Logger | LevelWithSilent;
  /** The REST emulation under `/v1/…` on the same port (README "REST emulation"); `false` turns it off. */
  rest: RestEmulationOptions | false;
  /**
   * Simulator mode: phones may send this server's `result` and `leave` extension frames (README
   * "Simulator mode"). Off by default: then those frames close the phone with
   * {@link CLOSE.simulatorModeOff} (4405), so nobody who merely knows an identification id can
   * finish it. `npm start`, the tests, the e2e and the benchmarks turn it on.
   */
  simulator: boolean;
}

/** Development defaults: loopback only, localhost pages allowed. */
export const DEFAULT_SIGNALING_OPTIONS: Readonly<SignalingServerOptions> = {
  host: '127.0.0.1',
  port: 8787,
  publicUrl: undefined,
  allowedOrigins: ['http://localhost:*', 'https://localhost:*', 'http://127.0.0.1:*', 'https://127.0.0.1:*'],
  turnSecret: undefined,
  turnUrls: [],
  turnCredentialTtlSeconds: 24 * 60 * 60,
  maxPayload: DEFAULT_MAX_FRAME_LENGTH,
  heartbeatIntervalMs: 30_000,
  channelTtlMs: 10 * 60_000,
  maxConnectionsPerIp: 256,
  headersTimeoutMs: 5000,
  requestTimeoutMs: 10_000,
  maxBufferedBytes: 1024 * 1024,
  messagesPerSecond: 20,
  messageBurst: 40,
  logger: 'info',
  rest: {},
  simulator: false,
};

/** Options after validation: what the server runs with. */
export interface ResolvedSignalingOptions extends Omit<SignalingServerOptions, 'allowedOrigins' | 'rest'> {
  readonly originPolicy: OriginPolicy;
  readonly allowedOrigins: readonly string[];
  readonly rest: ResolvedRestOptions | false;
}

/** Thrown by `startSignalingServer` (and so the CLI) when the configuration cannot work. */
export class SignalingConfigError extends Error {
  readonly code = 'PROOFME_SIGNAL_CONFIG';
  override readonly name = 'SignalingConfigError';
}

const WILDCARD_HOSTS = new Set(['0.0.0.0', '::', '[::]']);

function requireInteger(name: string, value: number, min: number, max: number): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new SignalingConfigError(`${name} must be an integer from ${min} to ${max}, got ${String(value)}.`);
  }
}

function checkPublicUrl(publicUrl: string): void {
  if (!isWebSocketUrl(publicUrl)) {
    throw new SignalingConfigError(`publicUrl must be a ws: or wss: URL without credentials, got "${publicUrl}".`);
  }
  // An empty `?` counts: the phone's `?channel=` would become `??channel=`.
  if (new URL(publicUrl).href.includes('?')) {
    throw new SignalingConfigError('publicUrl must not have a query: phones append `?channel=<id>` to it.');
  }
}

/** Merges `options` over the defaults and checks every value; throws {@link SignalingConfigError}. */
export function resolveSignalingOptions(options: Partial<SignalingServerOptions> = {}): ResolvedSignalingOptions {
  const merged: SignalingServerOptions = { ...DEFAULT_SIGNALING_OPTIONS, ...definedOnly(options) };
  if (typeof merged.host !== 'string' || merged.host.trim() === '') throw new SignalingConfigError('host must not be empty.');
  requireInteger('port', merged.port, 0, 65535);
  requireInteger('maxPayload', merged.maxPayload, 256, 16 * 1024 * 1024);
  requireInteger('heartbeatIntervalMs', merged.heartbeatIntervalMs, 10, 3_600_000);
  requireInteger('channelTtlMs', merged.channelTtlMs, 10, 24 * 3_600_000);
  requireInteger('maxConnectionsPerIp', merged.maxConnectionsPerIp, 0, 1_000_000);
  requireInteger('headersTimeoutMs', merged.headersTimeoutMs, 10, 600_000);
  requireInteger('requestTimeoutMs', merged.requestTimeoutMs, merged.headersTimeoutMs, 3_600_000);
  requireInteger('maxBufferedBytes', merged.maxBufferedBytes, 1024, 1024 * 1024 * 1024);
  requireInteger('messagesPerSecond', merged.messagesPerSecond, 0, 1_000_000);
  requireInteger('messageBurst', merged.messageBurst, 1, 1_000_000);
  requireInteger('turnCredentialTtlSeconds', merged.turnCredentialTtlSeconds, 60, 7 * 24 * 3600);
  if (merged.publicUrl !== undefined) checkPublicUrl(merged.publicUrl);
  else if (WILDCARD_HOSTS.has(merged.host)) {
    throw new SignalingConfigError(`Listening on ${merged.host} needs publicUrl: the URL phones can reach (e.g. wss://signal.example.com).`);
  }
  if (typeof merged.simulator !== 'boolean') throw new SignalingConfigError('simulator must be true or false.');
  if (merged.turnUrls.length > 0 && !merged.turnSecret) {
    throw new SignalingConfigError('turnUrls are set but turnSecret is missing: phones would get TURN servers they cannot log in to.');
  }
  const badTurnUrl = merged.turnUrls.find((url) => !/^(turns?|stun):[^\s]+$/.test(url));
  if (badTurnUrl !== undefined) throw new SignalingConfigError(`Not a turn:, turns: or stun: URL: "${badTurnUrl}".`);
  const toError = (message: string): SignalingConfigError => new SignalingConfigError(message);
  return {
    ...merged,
    originPolicy: compileOriginPolicy(merged.allowedOrigins, toError),
    rest: merged.rest === false ? false : resolveRestOptions(merged.rest, merged.allowedOrigins, toError),
  };
}

// `{ port: undefined }` (an unset CLI flag) must not override the default.
function definedOnly<T extends object>(options: Partial<T>): Partial<T> {
  return Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined)) as Partial<T>;
}
