import { CLOSE } from './close-codes';
import { hostMessage, PONG_FRAME } from './outbound-messages';
import type { InboundMessage } from './inbound-frame';
import { rejectFrame } from './reject-frame';
import type { SignalingContext, SignalingSocket } from './signaling-socket';

/** A page connected as host: open its channel and tell it the channelId right away. */
export function startHost(socket: SignalingSocket, context: SignalingContext): void {
  const channel = context.registry.open(socket, Date.now());
  socket.channel = channel;
  context.counters.openHosts++;
  context.counters.channelsCreated++;
  socket.send(JSON.stringify(hostMessage(channel.id, context.signalServer)));
}

/** Hosts only ever send `ping` (PROTOCOL.md §2). */
export function onHostMessage(socket: SignalingSocket, message: InboundMessage): void {
  if (message.type === 'ping') socket.send(PONG_FRAME);
  else rejectFrame(socket, 'unexpected', `a host may not send "${message.type}"`);
}

/** The page went away: forget a waiting channel, or send its phone home. */
export function onHostClosed(socket: SignalingSocket, context: SignalingContext): void {
  context.counters.openHosts--;
  const channel = socket.channel;
  if (!channel) return;
  if (channel.state === 'waiting') context.registry.release(channel);
  channel.state = 'retired';
  channel.phone?.close(CLOSE.normal, 'Host left');
}
