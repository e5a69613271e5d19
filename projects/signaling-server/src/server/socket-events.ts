import WebSocket, { RawData } from 'ws';
import { takeMessageToken } from './flow-control';
import { onHostClosed, onHostMessage, startHost } from './host-session';
import { parseInboundFrame } from './inbound-frame';
import { onPhoneClosed, onPhoneMessage, startPhone } from './phone-session';
import { rejectFrame } from './reject-frame';
import { describeSocket, SignalingContext, SignalingSocket } from './signaling-socket';

/** Who a new connection is: decided from its URL before the upgrade. */
export type ConnectionRole =
  /** `identificationId` for `data=id:<uuid>` (linked to the REST emulation's store), null for `proofme:`. */
  | { readonly role: 'host'; readonly identificationId: string | null }
  | { readonly role: 'phone'; readonly channelId: string };

/**
 * Wires a freshly upgraded socket to its session. The listeners are shared functions, not closures.
 * (Its TCP connection already counts against `ip`: see `ConnectionGate`.)
 */
export function acceptConnection(socket: SignalingSocket, context: SignalingContext, ip: string, who: ConnectionRole): void {
  socket.context = context;
  socket.ip = ip;
  socket.role = who.role;
  socket.tokens = context.options.messageBurst;
  socket.tokensCountedAt = Date.now();
  socket.on('message', onMessage);
  socket.on('close', onClose);
  socket.on('error', onError);
  socket.on('pong', onPong);
  if (who.role === 'host') startHost(socket, context, who.identificationId);
  else startPhone(socket, context, who.channelId);
}

function onMessage(this: WebSocket, data: RawData, isBinary: boolean): void {
  const socket = this as SignalingSocket;
  const context = socket.context;
  // After we close a socket, the rest of a burst it already sent still arrives: drop it unread.
  if (!context || socket.readyState !== WebSocket.OPEN) return;
  try {
    if (!takeMessageToken(socket, Date.now())) {
      rejectFrame(socket, 'rate-limit', `more than ${context.options.messagesPerSecond} frames per second`);
      return;
    }
    const parsed = parseInboundFrame(data, isBinary);
    if (!parsed.ok) rejectFrame(socket, parsed.reason, parsed.detail);
    else if (socket.role === 'host') onHostMessage(socket, parsed.message);
    else onPhoneMessage(socket, parsed.message, context);
  } catch (error) {
    handlerFailed(socket, context, 'frame', error);
  }
}

function onClose(this: WebSocket): void {
  const socket = this as SignalingSocket;
  const context = socket.context;
  if (!context) return;
  try {
    if (socket.role === 'host') onHostClosed(socket, context);
    else onPhoneClosed(socket, context);
  } catch (error) {
    handlerFailed(socket, context, 'close', error);
  }
  socket.context = null;
}

// A bug in a session handler must cost that one socket, not the process and every other session.
function handlerFailed(socket: SignalingSocket, context: SignalingContext, handler: string, error: unknown): void {
  context.counters.handlerErrors++;
  context.logger.error({ ...describeSocket(socket), handler, err: error }, 'handler failed; socket cut');
  socket.terminate();
}

// `ws` emits `error` before it closes a socket itself (oversized frame: 1009, invalid UTF-8: 1007).
// Without a listener the error would crash the process.
function onError(this: WebSocket, error: Error & { code?: string }): void {
  const socket = this as SignalingSocket;
  const context = socket.context;
  if (!context) return;
  if (error.code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH') {
    context.counters.rejectedFrames['too-large']++;
    context.logger.warn({ ...describeSocket(socket), reason: 'too-large' }, 'frame refused: larger than maxPayload');
  } else {
    context.logger.debug({ ...describeSocket(socket), err: error.message, code: error.code }, 'socket error');
  }
}

function onPong(this: WebSocket): void {
  (this as SignalingSocket).alive = true;
}
