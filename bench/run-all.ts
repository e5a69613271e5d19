// `npm run bench`: every benchmark, one after the other, each printing its table; then the goals
// against the figures. Prints only: nothing here is a test and nothing asserts a time.
//
//   npm run bench [-- --full] [--build] [--only footprint,app,qr,load,side,session,abuse] [--abuse-seconds N]
//                 [--pairs N] [--side-pairs N] [--runs N] [--cycles N] [--phone-cycles N]
//
// Defaults are a quick run (≈3-4 min on the 2-core machine): 1,000 pairs in bench/signaling-load.ts,
// 500 side by side, 25 time-to-QR runs per page, 1,000 refresh + 200 phone cycles. `--full` runs the
// server issue's 5,000 pairs (and `--pairs 10000` its goal; mind `ulimit -n`). `abuse` (bench/abuse.ts) replays
// issue 12's attacks against the server with an honest pair running, 8 s per attack.
// The tables are also written to bench/output/results.md (git-ignored) for BENCHMARKS.md.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { appDelta, AppDeltaResult } from './app-delta';
import { footprint, FootprintResult } from './footprint';
import { kb, machine, median, ms, percentile, printTable, ROOT, run } from './lib/measure';
import { buildDemo } from './lib/stack';
import { serverSideBySide, SideBySideResult } from './server-side-by-side';
import { sessionCost, SessionCostResult } from './session-cost';
import { timeToQr, TimeToQrResult } from './time-to-qr';

const ALL = ['footprint', 'app', 'qr', 'load', 'side', 'session', 'abuse'] as const;
type Bench = (typeof ALL)[number];

/** Runs a bench script in its own process tree (bench/signaling-load.ts, bench/abuse.ts), echoing its output. */
function benchProcess(script: string, args: readonly string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, script), ...args], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      process.stdout.write(chunk);
    });
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve(output) : reject(new Error(`${script} exited ${code}`))));
  });
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      full: { type: 'boolean', default: false },
      build: { type: 'boolean', default: false },
      only: { type: 'string' },
      pairs: { type: 'string' },
      'side-pairs': { type: 'string', default: '500' },
      runs: { type: 'string', default: '25' },
      cycles: { type: 'string', default: '1000' },
      'phone-cycles': { type: 'string', default: '200' },
      'abuse-seconds': { type: 'string', default: '8' },
    },
  });
  const only = new Set<Bench>(values.only ? (values.only.split(',') as Bench[]) : ALL);
  const pairs = Number(values.pairs ?? (values.full ? 5000 : 1000));
  const started = new Date();
  const header = `proofme-ng benchmarks, ${started.toISOString()}\nmachine: ${machine()}`;
  console.log(header);

  // The server benches (load, abuse) need no library build.
  const needsLibrary = [...only].some((bench) => bench !== 'load' && bench !== 'abuse');
  if (values.build || (needsLibrary && !existsSync(join(ROOT, 'dist/proofme-ng/fesm2022/proofme-ng.mjs')))) {
    console.log('\n> npm run build (the library)');
    await run('npm', ['run', 'build']);
  }
  const tables: string[] = [];
  let foot: FootprintResult | null = null;
  let delta: AppDeltaResult | null = null;
  let qr: TimeToQrResult | null = null;
  let load = '';
  let side: SideBySideResult | null = null;
  let session: SessionCostResult | null = null;
  let abuse = '';

  if (only.has('footprint')) tables.push(...(foot = await footprint()).tables);
  if (only.has('app')) tables.push(...(delta = await appDelta()).tables);
  if (only.has('qr')) {
    console.log('\n> ng build demo-app (production, into the temp folder)');
    tables.push(...(qr = await timeToQr({ runs: Number(values.runs), demoRoot: await buildDemo() })).tables);
  }
  if (only.has('load')) {
    console.log(`\n> bench/signaling-load.ts --pairs ${pairs}`);
    load = await benchProcess('bench/signaling-load.ts', ['--pairs', String(pairs)]);
    tables.push(`\n### 3. bench/signaling-load.ts (our server, ${pairs} pairs)\n\n\`\`\`${load.slice(load.indexOf('\nsignaling-load'))}\`\`\``);
  }
  if (only.has('side')) tables.push(...(side = await serverSideBySide({ pairs: Number(values['side-pairs']) })).tables);
  if (only.has('abuse')) {
    console.log(`\n> bench/abuse.ts --seconds ${values['abuse-seconds']}`);
    abuse = await benchProcess('bench/abuse.ts', ['--seconds', String(values['abuse-seconds'])]);
    tables.push(abuse.slice(abuse.indexOf('\n### ')));
  }
  if (only.has('session')) tables.push(...(session = await sessionCost({ cycles: Number(values.cycles), phoneCycles: Number(values['phone-cycles']) })).tables);

  // The goals against what was measured in this run.
  const goals: string[][] = [];
  const yes = (ok: boolean) => (ok ? 'met' : 'NOT met');
  if (foot) {
    const ours = foot.library.find((r) => r.name.startsWith('linked: everything'))?.bytes;
    const official = foot.official.find((r) => r.name.startsWith('bundled for the browser, all deps'))?.bytes;
    if (ours && official) {
      goals.push(['library code < 10 KB gzip', `${kb(ours.gzip)} (everything, linked)`, yes(ours.gzip < 10 * 1024)]);
      goals.push(['≥ 80× smaller than the official (gzip)', `${(official.gzip / ours.gzip).toFixed(1)}× (${kb(official.gzip)} / ${kb(ours.gzip)})`, yes(official.gzip / ours.gzip >= 80)]);
    }
  }
  if (delta) goals.push(['(info) app delta with <proofme-identification>', `${kb(delta.delta.gzip)} gzip / ${kb(delta.delta.brotli)} brotli`, '—']);
  if (qr) {
    const cold = median(qr.demo.map((s) => s.hostToDom));
    goals.push(['time to QR after `host` < 16 ms (cold page, median)', `${ms(cold)} to DOM, ${ms(median(qr.demo.map((s) => s.hostToFrame)))} to next frame`, yes(cold < 16)]);
  }
  if (session?.hostToQr.length) {
    const warm = median(session.hostToQr);
    goals.push(['time to QR after `host` < 16 ms (warm page, median / p95)', `${ms(warm)} / ${ms(percentile(session.hostToQr, 95))}`, yes(warm < 16)]);
  }
  if (session) {
    for (const { mode, cycles, samples } of session.modes) {
      const first = samples[0];
      const last = samples[samples.length - 1];
      const grew = last.nodes > first.nodes || last.listeners > first.listeners || last.blobUrls > first.blobUrls || last.heap - first.heap > 256 * 1024;
      goals.push([
        `no growth after ${cycles} cycles (${mode})`,
        `heap ${((last.heap - first.heap) / 1024).toFixed(0)} KB, nodes ${last.nodes - first.nodes}, listeners ${last.listeners - first.listeners}, blob URLs +${last.blobUrls - first.blobUrls} (${kb(last.blobBytes - first.blobBytes)})`,
        yes(!grew),
      ]);
    }
  }
  if (load) {
    const relay = /result relay p50 \/ p99\s*\|\s*([\d.]+) ms \/ ([\d.]+) ms/.exec(load);
    const rss = /server RSS per pair\s*\|\s*([\d.]+) KiB/.exec(load);
    if (relay) goals.push([`relay p99 < 10 ms (${pairs} pairs)`, `${relay[2]} ms`, yes(Number(relay[2]) < 10)]);
    if (rss) goals.push(['< 20 KB RSS per pair', `${rss[1]} KiB`, yes(Number(rss[1]) < 20)]);
    goals.push(['10,000 concurrent pairs', pairs >= 10_000 ? 'see the table' : `not run (${pairs}); \`npm run bench -- --only load --pairs 10000\``, pairs >= 10_000 ? 'see table' : 'not measured']);
  }
  if (abuse) {
    const failed = (attack: string): number => Number(new RegExp(`^\\| ${attack}\\s*\\|[^|]*\\|\\s*\\d+ / (\\d+)`, 'm').exec(abuse)?.[1] ?? NaN);
    const attacks = ['request-targets', 'slowloris', 'ping-flood'];
    const failures = attacks.map((attack) => `${attack} ${failed(attack)}`).join(', ');
    goals.push(['no honest failures under request-target, slowloris and flood attacks (issue 12)', failures, yes(attacks.every((attack) => failed(attack) === 0))]);
  }
  if (side) goals.push(['(info) official SignalServerV2 ran side by side', `${side.results[1].pairs} pairs, ${side.results[1].failures} failures`, '—']);
  tables.push(printTable('Goals (issue 7, and issue 3 for the server)', ['goal', 'measured', 'status'], goals));

  const finished = `finished ${new Date().toISOString()} (${((Date.now() - started.getTime()) / 1000).toFixed(0)} s); load average now: ${machine().split('load average ')[1]}`;
  console.log(`\n${finished}`);
  mkdirSync(join(ROOT, 'bench/output'), { recursive: true });
  writeFileSync(join(ROOT, 'bench/output/results.md'), `${header}\n${tables.join('\n')}\n\n${finished}\n`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
