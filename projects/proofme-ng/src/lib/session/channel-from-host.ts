import { ProofmeConfig } from '../config/proofme-config';
import { HostMessage, QR_BYTE_CAPACITY, buildDeeplink, fitsInQrCode, validateSignalServer } from '../protocol';
import { ProofmeChannel } from './proofme-state';

/** What a `host` frame gives the page: a channel it may show, or why it may not. */
export type ChannelFromHost =
  | { readonly ok: true; readonly channel: ProofmeChannel }
  | {
      readonly ok: false;
      readonly code: 'PROOFME_HOST_REFUSED' | 'PROOFME_SIGNAL_SERVER_REFUSED' | 'PROOFME_DEEPLINK_TOO_LONG';
      readonly message: string;
      /** The signal server the frame named (or the configured one it fell back to). */
      readonly announced: string;
    };

/**
 * @internal The one place a `host` frame becomes a QR code's content (sessions and the preflight
 * both read it here). The signal server must pass the policy: `wss:` (or `ws:` on loopback when
 * allowed), and by default only the origin of `signalingUrl` itself, which is what the hosted
 * service announces (e.g. wss://api.proofme.id:443 for wss://api.proofme.id). Its deeplink must
 * fit one QR code at `qrErrorCorrectionLevel`: otherwise `PROOFME_DEEPLINK_TOO_LONG`, never a blank code.
 */
export function channelFromHost(message: HostMessage, config: ProofmeConfig): ChannelFromHost {
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
