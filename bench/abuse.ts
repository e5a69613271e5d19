// Abuse bench for projects/signaling-server (issue 12): replays hostile clients against a server with
// its default limits while one honest host+phone pair keeps running flows, and prints per attack what
// the honest pair saw and what the server paid. It prints; it asserts nothing.
//
//   npx tsx bench/abuse.ts [--seconds 8] [--only request-targets,slowloris,ping-flood,bad-frames]
//   npm run bench -- --only abuse
//
// Processes: the server (the real CLI, default limits), one attacker process per attack, and this
// one for the honest pair, so neither the attacker's nor the honest client's work is the server's.
// Every loop is bounded in count and in time; all traffic goes to 127.0.0.1, attackers bind 127.0.0.2.
// Everything started here is stopped by its pid.
import { ChildProcess, fork, spawn } from 'node:child_process';
import { connect, Socket } from 'node:net';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import WebSocket from 'ws';
import { HonestFlowTally, runHonestFlows } from '../projects/signaling-server/src/testing/honest-flows';
import { machine, printTable, ROOT, stopByPid } from './lib/measure';
import { scrapeMetrics } from './lib/server-metrics';

const SERVER_BIN = join(ROOT, 'projects/signaling-server/src/bin/proofme-signal.ts');
const ATTACKER = '127.0.0.2';
const ATTACKS = ['request-targets', 'slowloris', 'ping-flood', 'bad-frames'] as const;
type Attack = (typeof ATTACKS)[number];
/** How long after an attack the server may take to return to its open-file baseline before we call it "not recovered". */
const RECOVERY_LIMIT_MS = 30_000;
const SAMPLE_EVERY_MS = 100;

// ---------------------------------------------------------------- attacker process

const HOST_QUERY = '/?channel=undefined&data=proofme:b7264dd0-b9f4-479f-adc3-db7c3d0cdcf3';
const UPGRADE_TAIL = 'Host: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n';
const BAD_TARGETS = ['http://[/?channel=x', 'http://[::1/', 'ws://a:99999/', 'http://%zz/', `/?channel=undefined&data=id:nope`, '*', '//', 'http://a:b@[/'];
const PING_FRAME = (() => {
  const ping = Buffer.from('{"type":"ping"}');
  return Buffer.concat([Buffer.from([0x81, 0x80 | ping.length, 0, 0, 0, 0]), ping]);
})();

interface AttackReport {
  /** Connections the attacker opened. */
  readonly connections: number;
  /** Requests or frames it sent. */
  readonly sent: number;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function rawConnect(port: number): Promise<Socket | null> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port, localAddress: ATTACKER });
    socket.on('error', () => resolve(null));
    socket.once('connect', () => resolve(socket));
    socket.resume(); // read and drop the answers, so the server's close is seen
  });
}

/** Bad request-targets on upgrades with no Origin (the request that used to end the process), 50 at a time. */
async function requestTargets(port: number, until: number): Promise<AttackReport> {
  let sent = 0;
  const LIMIT = 50_000;
  await Promise.all(
    Array.from({ length: 50 }, async () => {
      while (Date.now() < until && sent < LIMIT) {
        const socket = await rawConnect(port);
        if (!socket) continue;
        sent++;
        socket.write(`GET ${BAD_TARGETS[sent % BAD_TARGETS.length]} HTTP/1.1\r\n${UPGRADE_TAIL}`);
        await new Promise<void>((resolve) => {
          socket.once('close', () => resolve());
          setTimeout(() => socket.destroy(), 2000);
        });
      }
    }),
  );
  return { connections: sent, sent };
}

/** Up to 3,000 unfinished upgrades held at once, one more header line each second, reopened when closed. */
async function slowloris(port: number, until: number): Promise<AttackReport> {
  const HELD = 3000;
  const TOTAL = 30_000;
  let connections = 0;
  let sent = 0;
  const open = new Set<Socket>();
  while (Date.now() < until && connections < TOTAL) {
    const missing = Math.min(HELD - open.size, TOTAL - connections, 500);
    const opened = await Promise.all(Array.from({ length: missing }, () => rawConnect(port)));
    for (const socket of opened) {
      if (!socket) continue;
      connections++;
      open.add(socket);
      socket.once('close', () => open.delete(socket));
      socket.write(`GET /?channel=x HTTP/1.1\r\nHost: 127.0.0.1\r\n`);
    }
    for (const socket of open) {
      socket.write(`X-Slow-${sent++}: 1\r\n`);
    }
    await sleep(1000);
  }
  // The sockets stay open (silent) until this process is stopped: recovery is the server's own doing.
  return { connections, sent };
}

/** 32 host sockets that never read and flood `ping` frames; each one cut is replaced, at most 2,000 in all. */
async function pingFlood(url: string, until: number): Promise<AttackReport> {
  const FLOODERS = 32;
  const TOTAL = 2000;
  const chunk = Buffer.concat(Array.from({ length: 2000 }, () => PING_FRAME));
  let connections = 0;
  let sent = 0;
  await Promise.all(
    Array.from({ length: FLOODERS }, async () => {
      while (Date.now() < until && connections < TOTAL) {
        connections++;
        const ws = new WebSocket(url + HOST_QUERY, { localAddress: ATTACKER, perMessageDeflate: false });
        ws.on('error', () => undefined);
        const opened = await new Promise<boolean>((resolve) => {
          ws.once('open', () => resolve(true));
          ws.once('close', () => resolve(false));
          ws.once('unexpected-response', () => resolve(false));
        });
        if (!opened) {
          ws.terminate();
          await sleep(100);
          continue;
        }
        const tcp = (ws as unknown as { _socket: Socket })._socket;
        tcp.pause(); // never read a pong
        while (Date.now() < until && !tcp.destroyed && tcp.writable) {
          sent += 2000;
          if (!tcp.write(chunk)) await new Promise((resolve) => tcp.once('drain', resolve).once('close', resolve));
        }
        ws.terminate();
      }
    }),
  );
  return { connections, sent };
}

/** Phones and hosts that upgrade and then send random bytes as frames, 20 at a time, at most 20,000. */
async function badFrames(url: string, until: number): Promise<AttackReport> {
  const TOTAL = 20_000;
  let connections = 0;
  let sent = 0;
  await Promise.all(
    Array.from({ length: 20 }, async () => {
      while (Date.now() < until && connections < TOTAL) {
        connections++;
        const ws = new WebSocket(connections % 2 ? url + HOST_QUERY : `${url}/?channel=${connections}`, { localAddress: ATTACKER, perMessageDeflate: false });
        ws.on('error', () => undefined);
        const opened = await new Promise<boolean>((resolve) => {
          ws.once('open', () => resolve(true));
          ws.once('close', () => resolve(false));
          ws.once('unexpected-response', () => resolve(false));
        });
        if (opened) {
          const tcp = (ws as unknown as { _socket: Socket })._socket;
          tcp.write(Buffer.from(Array.from({ length: 64 }, () => Math.floor(Math.random() * 256))));
          sent++;
          await new Promise((resolve) => {
            ws.once('close', resolve);
            setTimeout(resolve, 2000);
          });
        }
        ws.terminate();
      }
    }),
  );
  return { connections, sent };
}

type AttackerMessage = { readonly type: 'ready' } | ({ readonly type: 'report' } & AttackReport);

async function runAttacker(attack: Attack, url: string, port: number, seconds: number): Promise<void> {
  // The honest pair's window starts now, not when this process was forked (tsx takes a second or two).
  process.send?.({ type: 'ready' } satisfies AttackerMessage);
  const until = Date.now() + seconds * 1000;
  const report =
    attack === 'request-targets' ? await requestTargets(port, until)
    : attack === 'slowloris' ? await slowloris(port, until)
    : attack === 'ping-flood' ? await pingFlood(url, until)
    : await badFrames(url, until);
  // Stays (holding whatever it still has open) until the bench has measured recovery and stops it by pid.
  process.send?.({ type: 'report', ...report } satisfies AttackerMessage);
}

// ---------------------------------------------------------------- main: server, samples, table

interface ServerSample {
  readonly rssBytes: number;
  readonly openFds: number;
  /** User + system CPU since the server's start. */
  readonly cpuSeconds: number;
  /** p99 event-loop delay since the previous scrape (prom-client resets its histogram on each). */
  readonly lagP99Seconds: number;
}

async function serverSample(port: number): Promise<ServerSample> {
  // Under attack the server may be slow to answer: a scrape that hangs is a lost sample, not a hang.
  const value = await scrapeMetrics(port, 5000);
  return {
    rssBytes: value('process_resident_memory_bytes'),
    openFds: value('process_open_fds'),
    cpuSeconds: value('process_cpu_seconds_total'),
    lagP99Seconds: value('nodejs_eventloop_lag_p99_seconds'),
  };
}

function startServer(): Promise<{ child: ChildProcess; url: string; port: number }> {
  // Default limits and log level: the bench measures what a user runs (logging every refusal included).
  const child = spawn(process.execPath, ['--import', 'tsx', SERVER_BIN, '--port', '0', '--simulator'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let output = '';
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      const match = /"url":"(ws:\/\/127\.0\.0\.1:(\d+))"/.exec(output);
      if (!match) return;
      // From here on the logs are read and dropped: the pipe must not fill, nor this process's memory.
      child.stdout?.off('data', onData);
      child.stdout?.resume();
      resolve({ child, url: match[1], port: Number(match[2]) });
    };
    child.stdout?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`The server exited (${code}) before listening.`)));
  });
}

interface AttackRow {
  readonly attack: string;
  /** Honest flows per second in a window of the same length just before the attack (the machine is shared: a fixed baseline would drift). */
  readonly baselineRate: number;
  readonly baselineCpuPercent: number;
  readonly report: AttackReport | null;
  readonly completed: number;
  readonly failed: number;
  readonly seconds: number;
  readonly peakRss: number;
  /** Server CPU while the honest pair ran, in % of one core. */
  readonly serverCpuPercent: number;
  readonly peakLagMs: number;
  readonly fds: { before: number; peak: number; after: number };
  readonly recoverMs: number | null;
}

/** Runs one attack (or none) for `seconds` next to the honest pair, sampling the server all along. */
async function measure(server: { url: string; port: number }, attack: Attack | null, seconds: number): Promise<AttackRow> {
  const before = await serverSample(server.port);
  let peakRss = before.rssBytes;
  let peakFds = before.openFds;
  let peakLag = 0;
  let sampling = true;
  const sampler = (async () => {
    while (sampling) {
      const sample = await serverSample(server.port).catch(() => null);
      if (sample) {
        peakRss = Math.max(peakRss, sample.rssBytes);
        peakFds = Math.max(peakFds, sample.openFds);
        peakLag = Math.max(peakLag, sample.lagP99Seconds);
      }
      await sleep(SAMPLE_EVERY_MS);
    }
  })();
  const honest = new AbortController();
  let started = Date.now();
  let flows: Promise<HonestFlowTally> = Promise.resolve({ completed: 0, failed: 0, errors: [] });
  let report: AttackReport | null = null;
  let attacker: ChildProcess | null = null;
  let after = before;
  let recoverMs: number | null = null;
  let tally: HonestFlowTally;
  let elapsed: number;
  let cpuAtStart = before.cpuSeconds;
  let serverCpuPercent = NaN;
  const startHonestFlows = (): void => {
    started = Date.now();
    void serverSample(server.port).then((sample) => (cpuAtStart = sample.cpuSeconds), () => undefined);
    flows = runHonestFlows(server.url, { signal: honest.signal, stepTimeoutMs: 5000 });
  };
  try {
    try {
      if (attack) {
        const child = fork(__filename, ['--attacker', attack, server.url, String(server.port), String(seconds)], { execArgv: ['--import', 'tsx'] });
        attacker = child;
        report = await new Promise<AttackReport>((resolve, reject) => {
          child.on('message', (message: AttackerMessage) => {
            if (message.type === 'ready') startHonestFlows();
            else resolve(message);
          });
          child.once('exit', (code) => reject(new Error(`attacker ${attack} exited ${code} without a report`)));
        });
      } else {
        startHonestFlows();
        await sleep(seconds * 1000);
      }
    } finally {
      honest.abort();
    }
    tally = await flows;
    elapsed = (Date.now() - started) / 1000;
    serverCpuPercent = (((await serverSample(server.port)).cpuSeconds - cpuAtStart) / elapsed) * 100;
    // Recovered: the server's open files are back where they were (± the honest pair and this probe),
    // while the attacker still holds whatever it has open, silently.
    const attackEnded = Date.now();
    while (Date.now() - attackEnded < RECOVERY_LIMIT_MS) {
      after = await serverSample(server.port);
      if (after.openFds <= before.openFds + 2) {
        recoverMs = Date.now() - attackEnded;
        break;
      }
      await sleep(SAMPLE_EVERY_MS);
    }
  } finally {
    sampling = false;
    await sampler;
    if (attacker) await stopByPid(attacker);
  }
  if (tally.errors.length) console.log(`  ${attack ?? 'no attack'}: first honest failures: ${tally.errors.join(' | ')}`);
  return {
    attack: attack ?? 'none',
    baselineRate: 0,
    baselineCpuPercent: 0,
    report,
    completed: tally.completed,
    failed: tally.failed,
    seconds: elapsed,
    peakRss,
    serverCpuPercent,
    peakLagMs: peakLag * 1000,
    fds: { before: before.openFds, peak: peakFds, after: after.openFds },
    recoverMs,
  };
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { seconds: { type: 'string', default: '8' }, only: { type: 'string' } } });
  const seconds = Math.min(60, Math.max(1, Number(values.seconds)));
  const attacks = values.only ? (values.only.split(',') as Attack[]).filter((a) => ATTACKS.includes(a)) : [...ATTACKS];
  console.log(`abuse bench: ${seconds} s per attack, server with default limits; ${machine()}`);
  const server = await startServer();
  const rows: AttackRow[] = [];
  try {
    // Warm-up (JIT, first sockets) so that the first baseline is not the slowest.
    await runHonestFlows(server.url, { maxFlows: 200 });
    for (const attack of attacks) {
      console.log(`> ${attack}`);
      const quiet = await measure(server, null, seconds);
      rows.push({ ...(await measure(server, attack, seconds)), baselineRate: quiet.completed / quiet.seconds, baselineCpuPercent: quiet.serverCpuPercent });
    }
  } finally {
    await stopByPid(server.child);
  }

  const mib = (bytes: number): string => `${(bytes / 2 ** 20).toFixed(0)} MiB`;
  printTable(
    `Abuse bench (bench/abuse.ts, ${seconds} s per attack, attackers on ${ATTACKER}, honest pair on 127.0.0.1)`,
    ['attack', 'attacker connections / requests or frames written', 'honest flows completed / failed', 'honest flows/s: just before → during', 'server CPU, % of a core: just before → during / worst event-loop p99', 'server peak RSS', 'server open files before / peak / after', 'time to recover'],
    rows.map((row) => [
      row.attack,
      row.report ? `${row.report.connections.toLocaleString('en')} / ${row.report.sent.toLocaleString('en')}` : '—',
      `${row.completed} / ${row.failed}`,
      `${row.baselineRate.toFixed(0)} → ${(row.completed / row.seconds).toFixed(0)} (${((row.completed / row.seconds / row.baselineRate) * 100).toFixed(0)}%)`,
      `${row.baselineCpuPercent.toFixed(0)}% → ${row.serverCpuPercent.toFixed(0)}% / ${row.peakLagMs.toFixed(0)} ms`,
      mib(row.peakRss),
      `${row.fds.before} / ${row.fds.peak} / ${row.fds.after}`,
      row.recoverMs === null ? `not within ${RECOVERY_LIMIT_MS / 1000} s` : `${(row.recoverMs / 1000).toFixed(1)} s`,
    ]),
  );
}

if (process.argv[2] === '--attacker') {
  const [attack, url, port, seconds] = process.argv.slice(3);
  runAttacker(attack as Attack, url, Number(port), Number(seconds)).catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
} else {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
