import WebSocket from 'ws';
import { CLOSE } from './close-codes';
import type { ConnectionGate } from './connection-gate';
import type { SignalingContext, SignalingSocket } from './signaling-socket';

/** How often the single sweep runs at most: TTL expiry and header deadlines are accurate to this, or to a quarter of a shorter TTL/timeout. */
const MAX_SWEEP_INTERVAL_MS = 1000;

/**
 * One interval for the whole server: closes connections past their header deadline, expires unused
 * channels and drives the protocol heartbeat.
 * Per-socket timers would cost a timer object per connection and thousands of wake-ups.
 */
export function startSweeper(context: SignalingContext, clients: ReadonlySet<WebSocket>, gate: ConnectionGate): () => void {
  const { channelTtlMs, heartbeatIntervalMs, headersTimeoutMs } = context.options;
  let nextHeartbeat = Date.now() + heartbeatIntervalMs;
  const timer = setInterval(
    () => {
      // A throw here would end the process from a timer: count it and try again next round.
      try {
        const now = Date.now();
        gate.sweep(now);
        expireChannels(context, now - channelTtlMs);
        if (now >= nextHeartbeat) {
          nextHeartbeat = now + heartbeatIntervalMs;
          heartbeat(context, clients);
        }
      } catch (error) {
        context.counters.handlerErrors++;
        context.logger.error({ handler: 'sweep', err: error }, 'sweep failed');
      }
    },
    Math.min(MAX_SWEEP_INTERVAL_MS, heartbeatIntervalMs, Math.max(10, Math.floor(channelTtlMs / 4)), Math.max(10, Math.floor(headersTimeoutMs / 4))),
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
