import { CLOSE } from './close-codes';
import { hostMessage, PONG_FRAME } from './outbound-messages';
import type { InboundMessage } from './inbound-frame';
import { rejectFrame } from './reject-frame';
import { closeThenCut, sendFrame } from './flow-control';
import type { SignalingContext, SignalingSocket } from './signaling-socket';

/**
 * A page connected as host: open its channel and tell it the channelId right away. A host for an
 * identification the REST emulation refuses (finished, revoked, or unknown when known ones are
 * required) is closed with 1000 and no message instead, as a phone for an unknown channel is.
 */
export function startHost(socket: SignalingSocket, context: SignalingContext, identificationId: string | null = null): void {
  context.counters.openHosts++;
  if (identificationId !== null && context.identifications) {
    const verdict = context.identifications.admitHost(identificationId, socket);
    if (!verdict.ok) {
      context.logger.debug({ ip: socket.ip, identificationId }, `host refused: ${verdict.reason}`);
      closeThenCut(socket, CLOSE.normal, verdict.reason);
      return;
    }
  }
  const channel = context.registry.open(socket, Date.now(), identificationId);
  socket.channel = channel;
  context.counters.channelsCreated++;
  sendFrame(socket, JSON.stringify(hostMessage(channel.id, context.signalServer, channel.createdAt + context.options.channelTtlMs)));
}

/** Hosts only ever send `ping` (PROTOCOL.md §2). */
export function onHostMessage(socket: SignalingSocket, message: InboundMessage): void {
  if (message.type === 'ping') sendFrame(socket, PONG_FRAME);
  else rejectFrame(socket, 'unexpected', `a host may not send "${message.type}"`);
}

/** The page went away: forget a waiting channel, or send its phone home. */
export function onHostClosed(socket: SignalingSocket, context: SignalingContext): void {
  context.counters.openHosts--;
  const channel = socket.channel;
  if (!channel) return;
  if (channel.identificationId !== null) context.identifications?.hostClosed(channel.identificationId, socket);
  if (channel.state === 'waiting') context.registry.release(channel);
  channel.state = 'retired';
  channel.phone?.close(CLOSE.normal, 'Host left');
}
