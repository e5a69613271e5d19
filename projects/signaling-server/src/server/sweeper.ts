import WebSocket from 'ws';
import { CLOSE } from './close-codes';
import type { SignalingContext, SignalingSocket } from './signaling-socket';

/** How often the single sweep runs at most: TTL expiry is accurate to this, or to a shorter TTL/heartbeat. */
const MAX_SWEEP_INTERVAL_MS = 1000;

/**
 * One interval for the whole server: expires unused channels and drives the protocol heartbeat.
 * Per-socket timers would cost a timer object per connection and thousands of wake-ups.
 */
export function startSweeper(context: SignalingContext, clients: ReadonlySet<WebSocket>): () => void {
  const { channelTtlMs, heartbeatIntervalMs } = context.options;
  let nextHeartbeat = Date.now() + heartbeatIntervalMs;
  const timer = setInterval(
    () => {
      const now = Date.now();
      expireChannels(context, now - channelTtlMs);
      if (now >= nextHeartbeat) {
        nextHeartbeat = now + heartbeatIntervalMs;
        heartbeat(context, clients);
      }
    },
    Math.min(MAX_SWEEP_INTERVAL_MS, heartbeatIntervalMs, Math.max(10, Math.floor(channelTtlMs / 4))),
  );
  timer.unref();
  return () => clearInterval(timer);
}

function expireChannels(context: SignalingContext, createdBefore: number): void {
  for (const channel of context.registry.takeExpired(createdBefore)) {
    context.counters.channelsExpired++;
    channel.state = 'retired';
    channel.host.close(CLOSE.channelExpired, 'Channel expired unused');
  }
}

function heartbeat(context: SignalingContext, clients: ReadonlySet<WebSocket>): void {
  for (const client of clients) {
    const socket = client as SignalingSocket;
    if (!socket.alive) {
      context.counters.deadSocketsTerminated++;
      socket.terminate();
      continue;
    }
    socket.alive = false;
    socket.ping();
  }
}
