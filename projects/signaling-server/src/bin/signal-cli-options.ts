import { parseArgs } from 'node:util';
import type { LevelWithSilent } from 'pino';
import type { WebhookTargets } from '../rest/webhook-address';
import { SignalingConfigError, SignalingServerOptions } from '../server/options';

type OptionKind = 'string' | 'integer' | 'list' | 'level' | 'boolean' | 'webhook-targets';

/** Settings only the CLI has: it turns them into `rest` options (see proofme-signal.ts). */
export interface SignalCliExtras {
  /** An API key for the development organisation, accepted only with `--simulator`. At least 16 characters. */
  readonly devApiKey?: string;
  /** `rest.webhookTargets`. */
  readonly webhookTargets?: WebhookTargets;
}

/** What {@link parseSignalCli} reads. */
export type SignalCliOptions = Partial<SignalingServerOptions> & SignalCliExtras;

interface OptionSpec {
  readonly flag: string;
  readonly env: string;
  readonly key: keyof SignalingServerOptions | keyof SignalCliExtras;
  readonly kind: OptionKind;
  readonly help: string;
}

/** Every setting, as a flag and as an environment variable (flags win). */
export const SIGNAL_CLI_OPTIONS: readonly OptionSpec[] = [
  { flag: 'host', env: 'PROOFME_SIGNAL_HOST', key: 'host', kind: 'string', help: 'address to listen on (default 127.0.0.1)' },
  { flag: 'port', env: 'PROOFME_SIGNAL_PORT', key: 'port', kind: 'integer', help: 'TCP port, 0 = any free one (default 8787)' },
  { flag: 'public-url', env: 'PROOFME_SIGNAL_PUBLIC_URL', key: 'publicUrl', kind: 'string', help: 'signalServer advertised to hosts, e.g. wss://signal.example.com' },
  { flag: 'allowed-origins', env: 'PROOFME_SIGNAL_ALLOWED_ORIGINS', key: 'allowedOrigins', kind: 'list', help: 'comma-separated page origins (https://shop.example, http://localhost:*, *)' },
  { flag: 'turn-secret', env: 'PROOFME_SIGNAL_TURN_SECRET', key: 'turnSecret', kind: 'string', help: 'TURN REST shared secret (prefer the env var: flags show in ps)' },
  { flag: 'turn-urls', env: 'PROOFME_SIGNAL_TURN_URLS', key: 'turnUrls', kind: 'list', help: 'comma-separated turn:/turns:/stun: URLs for phones' },
  { flag: 'turn-ttl', env: 'PROOFME_SIGNAL_TURN_TTL', key: 'turnCredentialTtlSeconds', kind: 'integer', help: 'TURN credential lifetime in seconds (default 86400)' },
  { flag: 'max-payload', env: 'PROOFME_SIGNAL_MAX_PAYLOAD', key: 'maxPayload', kind: 'integer', help: 'largest frame in bytes (default 65536)' },
  { flag: 'heartbeat-ms', env: 'PROOFME_SIGNAL_HEARTBEAT_MS', key: 'heartbeatIntervalMs', kind: 'integer', help: 'protocol ping interval (default 30000)' },
  { flag: 'channel-ttl-ms', env: 'PROOFME_SIGNAL_CHANNEL_TTL_MS', key: 'channelTtlMs', kind: 'integer', help: 'unused channel lifetime (default 600000)' },
  { flag: 'max-connections-per-ip', env: 'PROOFME_SIGNAL_MAX_CONNECTIONS_PER_IP', key: 'maxConnectionsPerIp', kind: 'integer', help: 'TCP connections per IP, upgraded or not; 0 = no limit (default 256)' },
  { flag: 'headers-timeout-ms', env: 'PROOFME_SIGNAL_HEADERS_TIMEOUT_MS', key: 'headersTimeoutMs', kind: 'integer', help: 'time to send complete request headers (default 5000)' },
  { flag: 'request-timeout-ms', env: 'PROOFME_SIGNAL_REQUEST_TIMEOUT_MS', key: 'requestTimeoutMs', kind: 'integer', help: 'time for a whole plain HTTP request (default 10000)' },
  { flag: 'max-buffered-bytes', env: 'PROOFME_SIGNAL_MAX_BUFFERED_BYTES', key: 'maxBufferedBytes', kind: 'integer', help: 'unsent bytes per socket before it is cut (default 1048576)' },
  { flag: 'messages-per-second', env: 'PROOFME_SIGNAL_MESSAGES_PER_SECOND', key: 'messagesPerSecond', kind: 'integer', help: 'average frames per second per socket; 0 = no limit (default 20)' },
  { flag: 'message-burst', env: 'PROOFME_SIGNAL_MESSAGE_BURST', key: 'messageBurst', kind: 'integer', help: 'frames a socket may send at once (default 40)' },
  { flag: 'log-level', env: 'PROOFME_SIGNAL_LOG_LEVEL', key: 'logger', kind: 'level', help: 'fatal|error|warn|info|debug|trace|silent (default info)' },
  { flag: 'simulator', env: 'PROOFME_SIGNAL_SIMULATOR', key: 'simulator', kind: 'boolean', help: 'accept the phone simulator\'s result/leave frames (development, CI, demos; default off)' },
  { flag: 'dev-api-key', env: 'PROOFME_SIGNAL_DEV_API_KEY', key: 'devApiKey', kind: 'string', help: 'with --simulator: a REST API key for the development organisation (16+ characters)' },
  { flag: 'webhook-targets', env: 'PROOFME_SIGNAL_WEBHOOK_TARGETS', key: 'webhookTargets', kind: 'webhook-targets', help: 'webhook hosts a create may name: public|loopback|any (default public)' },
];

const LEVELS: readonly LevelWithSilent[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

/** `proofme-signal --help`. */
export function signalUsage(): string {
  const rows = SIGNAL_CLI_OPTIONS.map((o) => `  --${o.flag.padEnd(24)} ${o.env.padEnd(38)} ${o.help}`);
  return ['Usage: proofme-signal [options]   (each option also reads the environment variable shown)', '', ...rows, '  --help'].join('\n');
}

function convert(spec: OptionSpec, raw: string | boolean): string | number | boolean | string[] {
  if (typeof raw === 'boolean') return raw;
  const source = `--${spec.flag} / ${spec.env}`;
  switch (spec.kind) {
    case 'string':
      return raw;
    case 'integer':
      if (!/^\d+$/.test(raw.trim())) throw new SignalingConfigError(`${source} must be a whole number, got "${raw}".`);
      return Number(raw);
    case 'list':
      return raw.split(',').map((item) => item.trim()).filter((item) => item !== '');
    case 'level':
      if (!(LEVELS as readonly string[]).includes(raw)) throw new SignalingConfigError(`${source} must be one of ${LEVELS.join(', ')}, got "${raw}".`);
      return raw;
    case 'boolean':
      if (/^(true|1|yes)$/i.test(raw.trim())) return true;
      if (/^(false|0|no|)$/i.test(raw.trim())) return false;
      throw new SignalingConfigError(`${source} must be true or false, got "${raw}".`);
    case 'webhook-targets':
      if (!['public', 'loopback', 'any'].includes(raw)) throw new SignalingConfigError(`${source} must be public, loopback or any, got "${raw}".`);
      return raw;
  }
}

/** Reads flags over environment variables. Returns `'help'` for `--help`; throws {@link SignalingConfigError}. */
export function parseSignalCli(argv: readonly string[], env: NodeJS.ProcessEnv): SignalCliOptions | 'help' {
  let values: Readonly<Record<string, unknown>>;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: Object.fromEntries([
        ...SIGNAL_CLI_OPTIONS.map((o) => [o.flag, { type: o.kind === 'boolean' ? ('boolean' as const) : ('string' as const) }]),
        ['help', { type: 'boolean' as const }],
      ]),
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new SignalingConfigError(`${(error as Error).message} (see --help)`);
  }
  if (values['help']) return 'help';
  const options: Record<string, unknown> = {};
  for (const spec of SIGNAL_CLI_OPTIONS) {
    const raw = values[spec.flag] ?? env[spec.env];
    if (typeof raw === 'string' || typeof raw === 'boolean') options[spec.key] = convert(spec, raw);
  }
  return options as SignalCliOptions;
}
