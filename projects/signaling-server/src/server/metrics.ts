/** Why a frame was refused (and its socket closed). */
export type RejectedFrameReason = 'binary' | 'not-json' | 'not-object' | 'unknown-type' | 'invalid-field' | 'too-large' | 'unexpected';

/** Why an upgrade was answered with an HTTP error instead of a WebSocket. */
export type RefusedUpgradeReason = 'origin' | 'ip-limit' | 'bad-request' | 'shutting-down';

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
  /** Sockets dropped because they did not answer a protocol ping. */
  deadSocketsTerminated: number;
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
    rejectedFrames: { binary: 0, 'not-json': 0, 'not-object': 0, 'unknown-type': 0, 'invalid-field': 0, 'too-large': 0, unexpected: 0 },
    refusedUpgrades: { origin: 0, 'ip-limit': 0, 'bad-request': 0, 'shutting-down': 0 },
    deadSocketsTerminated: 0,
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
  };
}

function labelled(name: string, label: string, values: Readonly<Record<string, number>>): string[] {
  return Object.entries(values).map(([key, value]) => `${name}{${label}="${key}"} ${value}`);
}

function family(name: string, type: 'gauge' | 'counter', help: string, samples: string[] | number): string[] {
  const lines = typeof samples === 'number' ? [`${name} ${samples}`] : samples;
  return [`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`, ...lines];
}

/** Prometheus text exposition (format 0.0.4) of a snapshot plus this process's memory and CPU. */
export function renderPrometheus(m: SignalingMetricsSnapshot): string {
  const cpu = process.cpuUsage();
  return [
    ...family('proofme_signal_open_hosts', 'gauge', 'Open host (page) connections.', m.openHosts),
    ...family('proofme_signal_open_phones', 'gauge', 'Open phone connections.', m.openPhones),
    ...family('proofme_signal_waiting_channels', 'gauge', 'Channels waiting for their phone.', m.waitingChannels),
    ...family('proofme_signal_channels_created_total', 'counter', 'Channels handed to hosts.', m.channelsCreated),
    ...family('proofme_signal_channels_expired_total', 'counter', 'Channels closed unused after the TTL.', m.channelsExpired),
    ...family('proofme_signal_phones_paired_total', 'counter', 'Phones that joined a channel.', m.phonesPaired),
    ...family('proofme_signal_phones_refused_total', 'counter', 'Phones closed for an unknown, expired or taken channel.', m.phonesRefused),
    ...family('proofme_signal_results_total', 'counter', 'Results relayed to hosts, by outcome.', labelled('proofme_signal_results_total', 'outcome', m.results)),
    ...family('proofme_signal_rejected_frames_total', 'counter', 'Frames refused (socket closed), by reason.', labelled('proofme_signal_rejected_frames_total', 'reason', m.rejectedFrames)),
    ...family('proofme_signal_refused_upgrades_total', 'counter', 'Upgrades answered with an HTTP error, by reason.', labelled('proofme_signal_refused_upgrades_total', 'reason', m.refusedUpgrades)),
    ...family('proofme_signal_dead_sockets_terminated_total', 'counter', 'Sockets dropped for not answering a ping.', m.deadSocketsTerminated),
    ...family('process_resident_memory_bytes', 'gauge', 'Resident set size in bytes.', process.memoryUsage.rss()),
    ...family('process_cpu_user_seconds_total', 'counter', 'User CPU time in seconds.', cpu.user / 1e6),
    ...family('process_cpu_system_seconds_total', 'counter', 'System CPU time in seconds.', cpu.system / 1e6),
    '',
  ].join('\n');
}
