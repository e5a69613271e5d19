import { buildDeeplink } from './deeplink';
import { HostMessage } from './messages';
import { QR_BYTE_CAPACITY, QrErrorCorrectionLevel, fitsInQrCode } from './qr-capacity';
import { validateSignalServer } from './signal-server';

/**
 * What {@link channelFromHost} checks a `host` frame against. The library passes its resolved
 * config, which has these fields; the protocol stays free of Angular by naming only what it reads.
 */
export interface ChannelPolicy {
  /** The server the page connected to; also the fallback when a frame names no signal server. */
  readonly signalingUrl: string;
  /** Origins a deeplink may send the phone to; unset: only the origin of `signalingUrl`. */
  readonly allowedSignalServers?: readonly string[];
  /** Accept `ws:` signal servers on loopback hosts (local development only). */
  readonly allowInsecureLoopback: boolean;
  /** Where deeplinks point (the Proofme app's link base). */
  readonly deeplinkBase: string;
  /** The QR error-correction level the deeplink must fit at. */
  readonly qrErrorCorrectionLevel: QrErrorCorrectionLevel;
}

/** A channel the page may show: its id, the signal server the phone will use, and the deeplink. */
export interface HostedChannel {
  /** The channel the server opened for this page (a UUID). */
  readonly channelId: string;
  /** The signal server the phone connects to: the announced one, checked against the policy. */
  readonly signalServer: string;
  /** The deeplink for the QR code or the "open in app" button; it fits one QR code. */
  readonly deeplink: string;
}

/** What a `host` frame gives the page: a channel it may show, or why it may not. */
export type ChannelFromHost =
  | { readonly ok: true; readonly channel: HostedChannel }
  | {
      readonly ok: false;
      readonly code: 'PROOFME_HOST_REFUSED' | 'PROOFME_SIGNAL_SERVER_REFUSED' | 'PROOFME_DEEPLINK_TOO_LONG';
      readonly message: string;
      /** The signal server the frame named (or the configured one it fell back to). */
      readonly announced: string;
    };

/**
 * The one place a `host` frame becomes a QR code's content (sessions and the preflight
 * both read it here). The signal server must pass the policy: `wss:` (or `ws:` on loopback when
 * allowed), and by default only the origin of `signalingUrl` itself, which is what the hosted
 * service announces (e.g. wss://api.proofme.id:443 for wss://api.proofme.id). Its deeplink must
 * fit one QR code at `qrErrorCorrectionLevel`: otherwise `PROOFME_DEEPLINK_TOO_LONG`, never a blank code.
 */
export function channelFromHost(message: HostMessage, config: ChannelPolicy): ChannelFromHost {
  const announced = message.signalServer ?? config.signalingUrl;
  if (!message.success) {
    return { ok: false, code: 'PROOFME_HOST_REFUSED', message: message.message || 'The signaling server refused to host a channel.', announced };
  }
  const validation = validateSignalServer(announced, {
    allowInsecureLoopback: config.allowInsecureLoopback,
    allowed: config.allowedSignalServers ?? [config.signalingUrl],
  });
  if (!validation.ok) return { ok: false, code: 'PROOFME_SIGNAL_SERVER_REFUSED', message: validation.message, announced };
  const deeplink = buildDeeplink(message.channelId, validation.url, config.deeplinkBase);
  const level = config.qrErrorCorrectionLevel;
  if (!fitsInQrCode(deeplink, level)) {
    return {
      ok: false,
      code: 'PROOFME_DEEPLINK_TOO_LONG',
      message: `The deeplink for this signal server is ${deeplink.length} characters; a QR code at error-correction level ${level} holds at most ${QR_BYTE_CAPACITY[level]} bytes.`,
      announced,
    };
  }
  return { ok: true, channel: { channelId: message.channelId, signalServer: validation.url, deeplink } };
}
