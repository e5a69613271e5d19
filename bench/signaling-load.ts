// Load benchmark for projects/signaling-server (not part of `npm test`: it prints figures, asserts nothing).
//
//   npx tsx bench/signaling-load.ts [--pairs 5000] [--batch 200] [--result-batch 50]
//
// The server runs in its own child process (its RSS and CPU come from its /metrics), the clients in
// one or more worker processes (a process may hold only `ulimit -n` sockets). Every pair runs the
// whole flow: host → host message, phone joins (client + clientconnected), phone result relayed to
// the host, phone leaves (disconnect), host closes. Everything it starts is stopped by pid.
import { ChildProcess, fork, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { PhoneSimulator } from '../projects/signaling-server/src/phone/phone-simulator';
import { connectTestHost, TestHost } from '../projects/signaling-server/src/testing/test-host';
import { scrapeMetrics } from './lib/server-metrics';

const ROOT = join(__dirname, '..');
const SERVER_BIN = join(ROOT, 'projects/signaling-server/src/bin/proofme-signal.ts');
/** Phones connect from here (hosts from 127.0.0.1): loopback answers on all of 127.0.0.0/8. */
const PHONE_ADDRESS = '127.0.0.2';
/** Sockets a worker may hold besides its pairs' (stdio, IPC, the event loop's own). */
const FD_HEADROOM = 64;

type Phase = 'hosts' | 'phones' | 'results' | 'close';
interface WorkerCommand {
  readonly phase: Phase;
}
interface WorkerReport {
  readonly phase: Phase;
  /** Milliseconds per pair: time-to-host for `hosts`, result relay latency for `results`. */
  readonly samples: number[];
  readonly failures: number;
}

// ---------------------------------------------------------------- worker: the clients

async function inBatches<T>(items: T[], size: number, work: (item: T) => Promise<void>): Promise<void> {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map(work));
}

const elapsedMs = (start: bigint): number => Number(process.hrtime.bigint() - start) / 1e6;

async function runWorker(url: string, pairs: number, batch: number, resultBatch: number): Promise<void> {
  const indexes = Array.from({ length: pairs }, (_, i) => i);
  const hosts: TestHost[] = [];
  const phones: PhoneSimulator[] = [];
  const send = (report: WorkerReport): void => void process.send?.(report);

  const phases: Record<Phase, () => Promise<WorkerReport>> = {
    hosts: async () => {
      const samples: number[] = [];
      await inBatches(indexes, batch, async (i) => {
        const start = process.hrtime.bigint();
        hosts[i] = await connectTestHost(url, { timeoutMs: 30_000 });
        samples.push(elapsedMs(start));
      });
      return { phase: 'hosts', samples, failures: 0 };
    },
    phones: async () => {
      let failures = 0;
      await inBatches(indexes, batch, async (i) => {
        // From another loopback address: 20,000 sockets from one address to one port exhaust the
        // kernel's fast ephemeral-port search and would measure the client's connect(), not the server.
        phones[i] = PhoneSimulator.fromDeeplink(hosts[i].deeplink, { joinTimeoutMs: 30_000, localAddress: PHONE_ADDRESS });
        await phones[i].join();
        if ((await hosts[i].next(30_000)).type !== 'clientconnected') failures++;
      });
      return { phase: 'phones', samples: [], failures };
    },
    results: async () => {
      const samples: number[] = [];
      let failures = 0;
      await inBatches(indexes, resultBatch, async (i) => {
        const start = process.hrtime.bigint();
        const relayed = hosts[i].next(30_000);
        await phones[i].succeed();
        const message = await relayed;
        samples.push(elapsedMs(start));
        if (message.type !== 'result' || !message.success) failures++;
      });
      return { phase: 'results', samples, failures };
    },
    close: async () => {
      let failures = 0;
      await inBatches(indexes, batch, async (i) => {
        await phones[i].leave();
        if ((await hosts[i].next(30_000)).type !== 'disconnect') failures++;
        await hosts[i].close();
      });
      return { phase: 'close', samples: [], failures };
    },
  };
  process.on('message', (command: WorkerCommand) => {
    phases[command.phase]().then(send, (error: unknown) => {
      console.error(`worker ${process.pid}: ${command.phase} failed:`, error);
      process.exit(1);
    });
  });
}

// ---------------------------------------------------------------- main: server, workers, table

function openFileLimit(): number {
  const line = readFileSync('/proc/self/limits', 'utf8').split('\n').find((l) => l.startsWith('Max open files'));
  const soft = Number(line?.split(/\s{2,}/)[1]);
  return Number.isFinite(soft) ? soft : 1024;
}

function startServer(): Promise<{ child: ChildProcess; url: string; port: number }> {
  const child = spawn(process.execPath, ['--import', 'tsx', SERVER_BIN, '--port', '0', '--max-connections-per-ip', '0', '--simulator', '--log-level', 'info'], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const line = output.split('\n').find((l) => l.includes('"msg":"listening"'));
      if (line) {
        const { url, port } = JSON.parse(line) as { url: string; port: number };
        resolve({ child, url, port });
      }
    });
    child.once('exit', (code) => reject(new Error(`The server exited (${code}) before listening.`)));
  });
}

interface ServerSample {
  readonly rssBytes: number;
  readonly cpuSeconds: number;
  readonly openHosts: number;
}

async function serverSample(port: number): Promise<ServerSample> {
  const value = await scrapeMetrics(port);
  return {
    rssBytes: value('process_resident_memory_bytes'),
    cpuSeconds: value('process_cpu_user_seconds_total') + value('process_cpu_system_seconds_total'),
    openHosts: value('proofme_signal_open_hosts'),
  };
}

function percentile(sorted: number[], p: number): number {
  return sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function runPhase(workers: ChildProcess[], phase: Phase): Promise<{ samples: number[]; failures: number; seconds: number }> {
  const start = process.hrtime.bigint();
  const reports = await Promise.all(
    workers.map(
      (worker) =>
        new Promise<WorkerReport>((resolve, reject) => {
          worker.once('message', (report: WorkerReport) => resolve(report));
          worker.once('exit', (code) => reject(new Error(`A client worker exited (${code}) during ${phase}.`)));
          worker.send({ phase } satisfies WorkerCommand);
        }),
    ),
  );
  const samples = reports.flatMap((r) => r.samples).sort((a, b) => a - b);
  return { samples, failures: reports.reduce((sum, r) => sum + r.failures, 0), seconds: elapsedMs(start) / 1000 };
}

function stopByPid(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || !child.pid) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.pid && process.kill(child.pid, 'SIGKILL'), 5000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    process.kill(child.pid as number, 'SIGTERM');
  });
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      pairs: { type: 'string', default: '5000' },
      batch: { type: 'string', default: '200' },
      'result-batch': { type: 'string', default: '50' },
    },
  });
  const requested = Number(values.pairs);
  const batch = Number(values.batch);
  const resultBatch = Number(values['result-batch']);
  // The server holds two sockets per pair: the open-file limit caps the pairs one process can serve.
  const fdLimit = openFileLimit();
  const pairs = Math.min(requested, Math.floor((fdLimit - FD_HEADROOM) / 2));
  if (pairs < requested) console.log(`note: ulimit -n is ${fdLimit}: running ${pairs} pairs instead of ${requested} (raise it with \`ulimit -n\`).`);
  const workerCount = Math.ceil((pairs * 2) / (fdLimit - FD_HEADROOM));

  const server = await startServer();
  const workers: ChildProcess[] = [];
  try {
    const share = Math.ceil(pairs / workerCount);
    for (let w = 0; w < workerCount; w++) {
      const count = Math.min(share, pairs - w * share);
      workers.push(fork(__filename, ['--worker', server.url, String(count), String(batch), String(resultBatch)], { execArgv: ['--import', 'tsx'] }));
    }
    const before = await serverSample(server.port);
    const hosts = await runPhase(workers, 'hosts');
    const phones = await runPhase(workers, 'phones');
    const peak = await serverSample(server.port);
    const results = await runPhase(workers, 'results');
    const closing = await runPhase(workers, 'close');
    const after = await serverSample(server.port);

    const ms = (n: number): string => `${n.toFixed(2)} ms`;
    const rows: [string, string][] = [
      ['pairs (concurrent, full flow)', `${pairs} (${workerCount} client process${workerCount > 1 ? 'es' : ''})`],
      ['time-to-host p50 / p99', `${ms(percentile(hosts.samples, 50))} / ${ms(percentile(hosts.samples, 99))}  (batches of ${batch})`],
      ['result relay p50 / p99', `${ms(percentile(results.samples, 50))} / ${ms(percentile(results.samples, 99))}  (batches of ${resultBatch})`],
      ['server RSS before / at peak', `${(before.rssBytes / 2 ** 20).toFixed(1)} MiB / ${(peak.rssBytes / 2 ** 20).toFixed(1)} MiB`],
      ['server RSS per pair', `${((peak.rssBytes - before.rssBytes) / pairs / 1024).toFixed(1)} KiB`],
      ['server CPU per completed flow', ms(((after.cpuSeconds - before.cpuSeconds) * 1000) / pairs)],
      ['phase wall time hosts/phones/results/close', [hosts, phones, results, closing].map((p) => `${p.seconds.toFixed(1)} s`).join(' / ')],
      ['failures', String(phones.failures + results.failures + closing.failures)],
      ['open hosts after the run', String(after.openHosts)],
    ];
    const width = Math.max(...rows.map(([k]) => k.length));
    console.log(`\nsignaling-load (Node ${process.version})`);
    for (const [key, value] of rows) console.log(`| ${key.padEnd(width)} | ${value}`);
  } finally {
    await Promise.all([...workers.map(stopByPid), stopByPid(server.child)]);
  }
}

if (process.argv[2] === '--worker') {
  const [url, pairs, batch, resultBatch] = process.argv.slice(3);
  void runWorker(url, Number(pairs), Number(batch), Number(resultBatch));
} else {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
