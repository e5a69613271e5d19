import { collectDefaultMetrics, Counter, Gauge, Registry } from 'prom-client';

/** Why a frame was refused (and its socket closed). `rate-limit`: more frames than `messagesPerSecond`/`messageBurst` allow. */
export type RejectedFrameReason = 'binary' | 'not-json' | 'not-object' | 'unknown-type' | 'invalid-field' | 'too-large' | 'unexpected' | 'rate-limit';

/** Why an upgrade was answered with an HTTP error instead of a WebSocket (`bad-request`: an unreadable request-target or a host without valid `data`). */
export type RefusedUpgradeReason = 'origin' | 'bad-request' | 'shutting-down';

/**
 * Why a TCP connection was closed before it became a WebSocket or got an answer:
 * `ip-limit` over `maxConnectionsPerIp` at accept (HTTP 429), `bad-request` a request Node's HTTP
 * parser refused (400/431), `header-timeout` headers not complete within `headersTimeoutMs` (or a
 * plain request over `requestTimeoutMs`).
 */
export type RefusedConnectionReason = 'ip-limit' | 'bad-request' | 'header-timeout';

/** The server's counters and gauges. */
export interface SignalingCounters {
  openHosts: number;
  openPhones: number;
  channelsCreated: number;
  channelsExpired: number;
  phonesPaired: number;
  /** Phones closed with 1000 because their channel was unknown, expired or taken. */
  phonesRefused: number;
  results: Record<'success' | 'failure', number>;
  rejectedFrames: Record<RejectedFrameReason, number>;
  refusedUpgrades: Record<RefusedUpgradeReason, number>;
  refusedConnections: Record<RefusedConnectionReason, number>;
  /** WebSockets closed (1013) because their unsent bytes passed `maxBufferedBytes`. */
  backpressureClosed: number;
  /** Sockets dropped because they did not answer a protocol ping. */
  deadSocketsTerminated: number;
  /** Exceptions caught at a handler's edge (request, upgrade, frame, close, timer). Any non-zero value is a bug to report. */
  handlerErrors: number;
}

/** A point-in-time copy of the counters, with the registry's size. */
export interface SignalingMetricsSnapshot extends Readonly<SignalingCounters> {
  readonly waitingChannels: number;
}

/** Fresh, zeroed counters. */
export function createCounters(): SignalingCounters {
  return {
    openHosts: 0,
    openPhones: 0,
    channelsCreated: 0,
    channelsExpired: 0,
    phonesPaired: 0,
    phonesRefused: 0,
    results: { success: 0, failure: 0 },
    rejectedFrames: { binary: 0, 'not-json': 0, 'not-object': 0, 'unknown-type': 0, 'invalid-field': 0, 'too-large': 0, unexpected: 0, 'rate-limit': 0 },
    refusedUpgrades: { origin: 0, 'bad-request': 0, 'shutting-down': 0 },
    refusedConnections: { 'ip-limit': 0, 'bad-request': 0, 'header-timeout': 0 },
    backpressureClosed: 0,
    deadSocketsTerminated: 0,
    handlerErrors: 0,
  };
}

/** Copies the counters out, so callers cannot change the live ones. */
export function snapshotCounters(counters: SignalingCounters, waitingChannels: number): SignalingMetricsSnapshot {
  return {
    ...counters,
    waitingChannels,
    results: { ...counters.results },
    rejectedFrames: { ...counters.rejectedFrames },
    refusedUpgrades: { ...counters.refusedUpgrades },
    refusedConnections: { ...counters.refusedConnections },
  };
}

type Pick<T> = (snapshot: SignalingMetricsSnapshot) => T;

/**
 * A prom-client registry for one server: prom-client's default process and Node metrics
 * (`process_resident_memory_bytes`, `process_open_fds`, `nodejs_eventloop_lag_seconds`, CPU, heap, …)
 * next to `proofme_signal_*`, read from `read()` at scrape time. Per server, not prom-client's global
 * registry, because one process (tests, `npm start`) may run several servers.
 */
export function createMetricsRegistry(read: () => SignalingMetricsSnapshot): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const registers = [registry];
  const gauge = (name: string, help: string, pick: Pick<number>): void => {
    new Gauge({ name, help, registers, collect() { this.set(pick(read())); } });
  };
  const counter = (name: string, help: string, pick: Pick<number>): void => {
    new Counter({ name, help, registers, collect() { this.reset(); this.inc(pick(read())); } });
  };
  const labelledCounter = (name: string, help: string, label: string, pick: Pick<Readonly<Record<string, number>>>): void => {
    new Counter({
      name,
      help,
      labelNames: [label],
      registers,
      collect() {
        this.reset();
        for (const [key, value] of Object.entries(pick(read()))) this.inc({ [label]: key }, value);
      },
    });
  };
  gauge('proofme_signal_open_hosts', 'Open host (page) connections.', (m) => m.openHosts);
  gauge('proofme_signal_open_phones', 'Open phone connections.', (m) => m.openPhones);
  gauge('proofme_signal_waiting_channels', 'Channels waiting for their phone.', (m) => m.waitingChannels);
  counter('proofme_signal_channels_created_total', 'Channels handed to hosts.', (m) => m.channelsCreated);
  counter('proofme_signal_channels_expired_total', 'Channels closed unused after the TTL.', (m) => m.channelsExpired);
  counter('proofme_signal_phones_paired_total', 'Phones that joined a channel.', (m) => m.phonesPaired);
  counter('proofme_signal_phones_refused_total', 'Phones closed for an unknown, expired or taken channel.', (m) => m.phonesRefused);
  labelledCounter('proofme_signal_results_total', 'Results relayed to hosts, by outcome.', 'outcome', (m) => m.results);
  labelledCounter('proofme_signal_rejected_frames_total', 'Frames refused (socket closed), by reason.', 'reason', (m) => m.rejectedFrames);
  labelledCounter('proofme_signal_refused_upgrades_total', 'Upgrades answered with an HTTP error, by reason.', 'reason', (m) => m.refusedUpgrades);
  labelledCounter('proofme_signal_refused_connections_total', 'TCP connections closed before an answer or upgrade, by reason.', 'reason', (m) => m.refusedConnections);
  counter('proofme_signal_backpressure_closed_total', 'WebSockets closed because their unsent bytes passed maxBufferedBytes.', (m) => m.backpressureClosed);
  counter('proofme_signal_dead_sockets_terminated_total', 'Sockets dropped for not answering a ping.', (m) => m.deadSocketsTerminated);
  counter('proofme_signal_handler_errors_total', 'Exceptions caught at a handler edge (should stay 0).', (m) => m.handlerErrors);
  return registry;
}
