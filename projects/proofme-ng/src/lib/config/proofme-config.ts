import { InjectionToken } from '@angular/core';
import {
  DEFAULT_DEEPLINK_BASE,
  DEFAULT_MAX_FRAME_LENGTH,
  ProofmeError,
  QrErrorCorrectionLevel,
  isQrErrorCorrectionLevel,
  isWebSocketUrl,
  ɵparseUrl as parseUrl,
} from 'proofme-ng/protocol';

/** How a session retries after its connection drops. Each retry opens a new channel. */
export interface ProofmeReconnectPolicy {
  /** Retries before the session gives up with `PROOFME_UNREACHABLE`. 0 disables reconnecting. */
  readonly maxAttempts: number;
  /** The delay before the first retry. */
  readonly initialDelayMs: number;
  /** Each further retry waits this many times longer… */
  readonly multiplier: number;
  /** …up to this cap. */
  readonly maxDelayMs: number;
  /** 0 to 1: the share of each delay that is randomised, so many pages do not retry in step. */
  readonly jitter: number;
  /**
   * How long (ms) a connection must stay up with its channel before the attempt count starts again
   * (default 10 000). A `host` frame alone never resets it: a server that hosts and then drops,
   * again and again, still runs the policy out to `PROOFME_UNREACHABLE`. 0 resets on the `host` frame.
   */
  readonly stableAfterMs: number;
}

/** Everything `provideProofme()` configures. */
export interface ProofmeConfig {
  /** The signaling WebSocket the page connects to. */
  readonly signalingUrl: string;
  /** The app link the QR code and the mobile button point at. */
  readonly deeplinkBase: string;
  /** How long a connection may take to deliver its channel (`host` frame). */
  readonly connectTimeoutMs: number;
  /** Sends `{"type":"ping"}` this often once the channel is ready; 0 sends none. */
  readonly pingIntervalMs: number;
  /**
   * Treats the connection as dead when no `pong` follows a ping within this time (ms). The watchdog
   * arms only once the server has answered a ping in this session, so a server that never answers
   * (Proofme's V2 may not) is never penalised. Default: 10 000, or half of `pingIntervalMs` when
   * that is shorter; 0 turns it off. With the defaults a black-holed socket is found within
   * 20 s + 10 s = 30 s.
   */
  readonly pongTimeoutMs: number;
  /**
   * How long (ms) a channel lives when the `host` frame does not say (`expiresAt`, an extension of
   * our signaling server; Proofme's V2 has none). 0 (the default): unknown, so `ready` has no
   * `expiresAt` and nothing rotates.
   */
  readonly channelTtlMs: number;
  /**
   * How long (ms) before a known expiry an unscanned channel is replaced by a new one (default
   * 15 000). The old QR code stays until the new one is ready. Paused while the page is hidden.
   * 0 turns rotation off (the channel then ends as `expired`).
   */
  readonly rotateBeforeExpiryMs: number;
  /** How the session retries after its connection drops. */
  readonly reconnect: ProofmeReconnectPolicy;
  /**
   * Servers a deeplink may send the phone to (origins). Unset: only the origin of `signalingUrl`,
   * which is what Proofme's hosted service announces.
   */
  readonly allowedSignalServers?: readonly string[];
  /** Accept `ws:` signal servers on loopback, for local development. */
  readonly allowInsecureLoopback: boolean;
  /** Frames longer than this many characters are rejected unparsed. */
  readonly maxFrameLength: number;
  /** After the phone leaves, open a new channel (a fresh QR) without waiting for `refresh()`. */
  readonly autoRefresh: boolean;
  /** Adds `keepalive=true` to the connect URL. */
  readonly keepalive: boolean;
  /** Proofme's REST API, for the browser-safe reads of `ProofmeApi` and the preflight. */
  readonly apiUrl: string;
  /**
   * The QR codes' error-correction level (default `H`, as Proofme's own page). It also bounds the
   * deeplink: a channel whose link does not fit a QR code at this level becomes the error
   * `PROOFME_DEEPLINK_TOO_LONG` instead of a blank code. `<proofme-qr [errorCorrectionLevel]>` defaults to it.
   */
  readonly qrErrorCorrectionLevel: QrErrorCorrectionLevel;
}

/** What `provideProofme()` accepts: any subset of {@link ProofmeConfig}. */
export type ProofmeOptions = Partial<Omit<ProofmeConfig, 'reconnect'>> & {
  readonly reconnect?: Partial<ProofmeReconnectPolicy>;
};

/** The defaults: Proofme's hosted service. */
export const DEFAULT_PROOFME_CONFIG: ProofmeConfig = Object.freeze({
  signalingUrl: 'wss://api.proofme.id',
  deeplinkBase: DEFAULT_DEEPLINK_BASE,
  connectTimeoutMs: 10_000,
  pingIntervalMs: 20_000,
  pongTimeoutMs: 10_000,
  channelTtlMs: 0,
  rotateBeforeExpiryMs: 15_000,
  reconnect: Object.freeze({ maxAttempts: 5, initialDelayMs: 1_000, multiplier: 2, maxDelayMs: 30_000, jitter: 0.5, stableAfterMs: 10_000 }),
  allowInsecureLoopback: true,
  maxFrameLength: DEFAULT_MAX_FRAME_LENGTH,
  autoRefresh: false,
  keepalive: false,
  apiUrl: 'https://api.proofme.id/v1',
  qrErrorCorrectionLevel: 'H',
});

/** The resolved configuration every session reads. */
export const PROOFME_CONFIG = new InjectionToken<ProofmeConfig>(ngDevMode ? 'PROOFME_CONFIG' : '', {
  providedIn: 'root',
  factory: () => DEFAULT_PROOFME_CONFIG,
});

function invalidConfig(detail: string): ProofmeError {
  return new ProofmeError('PROOFME_INVALID_CONFIG', detail);
}

function assertNonNegative(name: string, value: number): void {
  if (!Number.isFinite(value) || value < 0) throw invalidConfig(`${name} must be a finite number >= 0, got ${value}.`);
}

/**
 * Merges `options` over the defaults and checks them, at start-up.
 * @throws {ProofmeError} PROOFME_INVALID_CONFIG on a value it cannot use; the message names the option.
 */
export function resolveProofmeConfig(options: ProofmeOptions = {}): ProofmeConfig {
  let config: ProofmeConfig = {
    ...DEFAULT_PROOFME_CONFIG,
    ...options,
    reconnect: { ...DEFAULT_PROOFME_CONFIG.reconnect, ...options.reconnect },
  };
  if (options.pongTimeoutMs === undefined) {
    // The default follows a configured ping interval, so that `pingIntervalMs` alone stays a valid
    // option (the watchdog must be shorter than the interval, and needs pings at all).
    const ping = config.pingIntervalMs;
    config = { ...config, pongTimeoutMs: ping > 0 && Number.isFinite(ping) ? Math.min(DEFAULT_PROOFME_CONFIG.pongTimeoutMs, Math.floor(ping / 2)) : 0 };
  }
  if (!isWebSocketUrl(config.signalingUrl)) {
    throw invalidConfig(`signalingUrl must be a ws: or wss: URL, got "${config.signalingUrl}".`);
  }
  for (const key of ['deeplinkBase', 'apiUrl'] as const) {
    if (!/^https?:$/.test(parseUrl(config[key])?.protocol ?? '')) {
      throw invalidConfig(`${key} must be an absolute http(s) URL, got "${config[key]}".`);
    }
  }
  if (!isQrErrorCorrectionLevel(config.qrErrorCorrectionLevel)) {
    throw invalidConfig(`qrErrorCorrectionLevel must be L, M, Q or H, got "${String(config.qrErrorCorrectionLevel)}".`);
  }
  for (const key of ['connectTimeoutMs', 'pingIntervalMs', 'pongTimeoutMs', 'maxFrameLength', 'channelTtlMs', 'rotateBeforeExpiryMs'] as const) {
    assertNonNegative(key, config[key]);
  }
  const { reconnect } = config;
  for (const key of ['maxAttempts', 'initialDelayMs', 'multiplier', 'maxDelayMs', 'stableAfterMs'] as const) {
    assertNonNegative(`reconnect.${key}`, reconnect[key]);
  }
  if (!(reconnect.jitter >= 0 && reconnect.jitter <= 1)) throw invalidConfig('reconnect.jitter must be between 0 and 1.');
  if (config.pongTimeoutMs > 0 && config.pingIntervalMs > 0 && config.pongTimeoutMs >= config.pingIntervalMs) {
    // Each ping restarts the wait for its pong, so a longer wait would never run out.
    throw invalidConfig('pongTimeoutMs must be shorter than pingIntervalMs.');
  }
  if (config.pongTimeoutMs > 0 && config.pingIntervalMs === 0) throw invalidConfig('pongTimeoutMs needs pingIntervalMs > 0.');
  return config;
}
