import { randomUUID } from 'node:crypto';
import { CLOSE } from './close-codes';
import type { InboundMessage } from './inbound-frame';
import { CLIENT_CONNECTED_FRAME, clientMessage, DISCONNECT_FRAME, PONG_FRAME } from './outbound-messages';
import { RejectClose, rejectFrame } from './reject-frame';
import { closeThenCut, sendFrame } from './flow-control';
import type { SignalingContext, SignalingSocket } from './signaling-socket';

/**
 * A phone asked for `channelId`. Unknown, expired or taken channels are closed with 1000 and no
 * message, exactly as Proofme's V2 server does, so a real app behaves the same against both.
 */
export function startPhone(socket: SignalingSocket, context: SignalingContext, channelId: string): void {
  context.counters.openPhones++;
  const channel = context.registry.claim(channelId);
  if (!channel) {
    context.counters.phonesRefused++;
    context.logger.debug({ ip: socket.ip }, 'phone refused: unknown, expired or taken channel');
    // Cut if the close is not answered: a client that never answers would hold the socket for ws's 30 s.
    closeThenCut(socket, CLOSE.normal, 'Unknown channel');
    return;
  }
  channel.state = 'paired';
  channel.phone = socket;
  socket.channel = channel;
  context.counters.phonesPaired++;
  sendFrame(socket, JSON.stringify(clientMessage(channel.id, randomUUID(), context.options, Date.now())));
  sendFrame(channel.host, CLIENT_CONNECTED_FRAME);
  if (channel.identificationId !== null) context.identifications?.scanned(channel.identificationId);
}

/** The close a phone gets for `result`/`leave` outside simulator mode; the phone simulator reads the code. */
export const SIMULATOR_MODE_OFF_CLOSE: RejectClose = {
  code: CLOSE.simulatorModeOff,
  reason: 'result and leave are simulator frames: start the server with --simulator',
};

/**
 * `result` is relayed once; `leave` ends the pairing; WebRTC signalling has no peer here and is
 * dropped. `result` and `leave` are this server's extensions: outside simulator mode they are
 * refused, because whoever can open a host for an identification could otherwise finish it.
 */
export function onPhoneMessage(socket: SignalingSocket, message: InboundMessage, context: SignalingContext): void {
  const channel = socket.channel;
  if ((message.type === 'result' || message.type === 'leave') && !context.options.simulator) {
    rejectFrame(socket, 'unexpected', `"${message.type}" needs simulator mode`, SIMULATOR_MODE_OFF_CLOSE);
    return;
  }
  switch (message.type) {
    case 'ping':
      sendFrame(socket, PONG_FRAME);
      return;
    case 'offer':
    case 'answer':
    case 'candidate':
      return;
    case 'leave':
      retire(socket);
      socket.close(CLOSE.normal, 'Left');
      return;
    case 'result':
      if (!channel || channel.state !== 'paired') {
        rejectFrame(socket, 'unexpected', 'a result after the result, or on a closed channel');
        return;
      }
      // The channel is now finished: it was out of the registry since pairing, so no phone can join it.
      channel.state = 'finished';
      context.counters.results[message.success ? 'success' : 'failure']++;
      sendFrame(channel.host, JSON.stringify({ type: 'result', success: message.success, message: message.message }));
      if (channel.identificationId !== null) context.identifications?.result(channel.identificationId, message.success, message.message);
      return;
  }
}

/** The phone's socket closed (or it said `leave`): the host hears `disconnect` once, and the channel is done. */
export function onPhoneClosed(socket: SignalingSocket, context: SignalingContext): void {
  context.counters.openPhones--;
  retire(socket);
}

function retire(socket: SignalingSocket): void {
  const channel = socket.channel;
  if (!channel || channel.phone !== socket) return;
  channel.phone = null;
  const hostStillThere = channel.state !== 'retired';
  channel.state = 'retired';
  if (hostStillThere) sendFrame(channel.host, DISCONNECT_FRAME);
}
