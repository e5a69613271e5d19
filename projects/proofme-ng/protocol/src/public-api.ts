/*
 * Public API Surface of proofme-ng/protocol: the Proofme signaling protocol in pure TypeScript.
 * It imports nothing (no Angular, no DOM, no RxJS), so Node code (the signaling server, the phone
 * simulator, e2e and benches) imports it by this name too. Every export is named and reviewed:
 * goldens/proofme-ng/protocol.api.md records them.
 */
export { isUuid } from './uuid';
export { ProofmeError, type ProofmeThrownErrorCode } from './proofme-error';
export {
  PROOFME_CLOSE_CODES,
  type ClientConnectedMessage,
  type DisconnectMessage,
  type HostMessage,
  type HostToServerMessage,
  type PingMessage,
  type PongMessage,
  type ResultMessage,
  type ServerMessage,
  type ServerMessageType,
} from './messages';
export {
  DEFAULT_MAX_FRAME_LENGTH,
  parseSignalMessage,
  type ParseOptions,
  type ParseResult,
  type ProtocolError,
  type ProtocolErrorKind,
} from './parse-signal-message';
export {
  isLoopbackHost,
  isWebSocketUrl,
  validateSignalServer,
  type SignalServerPolicy,
  type SignalServerRejection,
  type SignalServerValidation,
} from './signal-server';
export { DEFAULT_DEEPLINK_BASE, buildDeeplink, parseDeeplink, type DeeplinkParseResult, type ParsedDeeplink } from './deeplink';
export { buildHostConnectUrl, buildPhoneConnectUrl, type HostConnectOptions, type ProofmeTarget } from './connect-url';
export { QR_BYTE_CAPACITY, fitsInQrCode, isQrErrorCorrectionLevel, type QrErrorCorrectionLevel } from './qr-capacity';
export { channelFromHost, type ChannelFromHost, type ChannelPolicy, type HostedChannel } from './channel-from-host';
export { ɵobjectFields, ɵownField, ɵparseUrl } from './private-export';
