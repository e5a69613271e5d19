// `npm run e2e:fresh-app` (issue 6, parts 3 and 4): packs the built library, `ng new`s two fresh
// apps (client-only and `--ssr`), `ng add`s the tarball to each as a user would, builds them, and
// checks in Chromium that the QR code connects to our signaling server and decodes to a deeplink a
// phone can join. The SSR app must render on the server without opening a socket and hydrate cleanly.
// Prints a timing table and a closing `N passed, N failed` line; exits non-zero on any failure.
// Options: --keep (leave the temp dir), --tarball <path> (skip build and pack), --only plain|ssr,
// --verbose (stream every command's output).
import { ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { IncomingMessage, Server, ServerResponse, createServer } from 'node:http';
import { AddressInfo, Socket, connect, createServer as createTcpServer } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { Browser, Page, chromium } from '@playwright/test';
import { parseDeeplink } from '../../projects/proofme-ng/src/lib/protocol';
import { PhoneSimulator, RunningSignalingServer, startSignalingServer } from '../../projects/signaling-server/src';
import { CHROMIUM_ARGS, chromiumPath } from '../support/chromium';
import { readQr } from '../support/qr';

const repoRoot = resolve(__dirname, '../..');
const args = process.argv.slice(2);
const keep = args.includes('--keep');
const verbose = args.includes('--verbose');
const givenTarball = valueOf('--tarball');
const only = valueOf('--only');
if (only !== undefined && only !== 'plain' && only !== 'ssr') fail('--only takes plain or ssr.');

const COMMAND_TIMEOUT_MS = 15 * 60_000;
/** What the fresh apps' templates ask the component to open. */
const IDENTIFICATION_ID = randomUUID();

type AppKind = 'plain' | 'ssr';
const APP_NAMES: Record<AppKind, string> = { plain: 'fresh-plain', ssr: 'fresh-ssr' };
const STAGES = ['ng new', 'npm install', 'ng add', 'ng build', 'server render', 'browser check'] as const;
type StageName = (typeof STAGES)[number];

// ---------------------------------------------------------------------------------------------
// Checks, stages and their timings

interface Check {
  readonly name: string;
  readonly ok: boolean;
}
const checks: Check[] = [];
const timings = new Map<string, { ms: number; ok: boolean }>();

function check(name: string, ok: boolean, detail?: string): boolean {
  checks.push({ name, ok });
  console.log(`${ok ? '  ✔' : '  ✘'} ${name}${detail ? ` (${detail})` : ''}`);
  return ok;
}

/** Thrown after a stage failed: the rest of that app's stages cannot run. */
class StageFailed extends Error {}

async function stage<T>(app: string, name: string, body: () => Promise<T>): Promise<T> {
  console.log(`\n=== ${app}: ${name} ===`);
  const started = performance.now();
  try {
    const value = await body();
    timings.set(`${app}/${name}`, { ms: performance.now() - started, ok: true });
    check(`${app}: ${name}`, true);
    return value;
  } catch (error) {
    timings.set(`${app}/${name}`, { ms: performance.now() - started, ok: false });
    check(`${app}: ${name}`, false, messageOf(error));
    throw new StageFailed(messageOf(error));
  }
}

// ---------------------------------------------------------------------------------------------
// Processes: every child is started in its own process group and killed by its pid at the end.

const children = new Set<ChildProcess>();

/** npm run puts its own `npm_*` settings (npm_config_local_prefix=<this repo>!) into the env: drop them. */
function childEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!/^npm_/i.test(key) && key !== 'INIT_CWD') env[key] = value;
  }
  return { ...env, NG_CLI_ANALYTICS: 'false', NO_COLOR: '1', FORCE_COLOR: '0', ...extra };
}

function start(command: string, commandArgs: readonly string[], cwd: string, logFile: string, env = childEnv()): ChildProcess {
  const child = spawn(command, commandArgs, { cwd, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(child);
  child.once('exit', () => children.delete(child));
  const log = createWriteStream(logFile, { flags: 'a' });
  log.write(`$ ${command} ${commandArgs.join(' ')}\n`);
  for (const stream of [child.stdout, child.stderr]) {
    stream?.pipe(log, { end: false });
    if (verbose) stream?.pipe(process.stdout, { end: false });
  }
  child.once('close', () => log.end());
  return child;
}

function stop(child: ChildProcess): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, 'SIGTERM'); // its process group: ng add's npm install, the SSR server
  } catch {
    child.kill('SIGTERM');
  }
}

/** Runs a command to completion; rejects with the end of its output when it fails. */
function run(command: string, commandArgs: readonly string[], cwd: string, logFile: string, env = childEnv()): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    const child = start(command, commandArgs, cwd, logFile, env);
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const timer = setTimeout(() => stop(child), COMMAND_TIMEOUT_MS);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) return resolvePromise(output);
      const tail = output.trimEnd().split('\n').slice(-40).join('\n');
      console.log(`--- last lines of \`${command} ${commandArgs.join(' ')}\` (full log: ${logFile}) ---\n${tail}\n---`);
      reject(new Error(`\`${[command, ...commandArgs].join(' ')}\` exited with ${signal ?? code}`));
    });
  });
}

// ---------------------------------------------------------------------------------------------
// Servers: a counting TCP proxy in front of our signaling server, a static server, free ports.

interface Signaling {
  /** What the apps are given (`ng add --signaling-url`) and the server advertises: the proxy. */
  readonly url: string;
  readonly server: RunningSignalingServer;
  /** TCP connections to the signaling port so far, upgrades or not. */
  connections(): number;
  close(): Promise<void>;
}

/**
 * Our signaling server behind a TCP proxy that counts connections: the SSR check needs to know
 * that nothing at all reached the port, not only that no WebSocket upgrade succeeded.
 */
async function startSignaling(): Promise<Signaling> {
  let target = 0;
  let count = 0;
  const sockets = new Set<Socket>();
  const proxy = createTcpServer((client) => {
    count++;
    const upstream = connect(target, '127.0.0.1');
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.once('close', () => sockets.delete(socket));
      socket.on('error', () => {
        client.destroy();
        upstream.destroy();
      });
    }
    client.pipe(upstream).pipe(client);
  });
  const port = await listen(proxy);
  const url = `ws://127.0.0.1:${port}`;
  const server = await startSignalingServer({ port: 0, logger: 'silent', publicUrl: url });
  target = server.port;
  return {
    url,
    server,
    connections: () => count,
    close: async () => {
      await server.close();
      sockets.forEach((socket) => socket.destroy());
      await new Promise<void>((done) => proxy.close(() => done()));
    },
  };
}

function listen(server: Server | ReturnType<typeof createTcpServer>, port = 0): Promise<number> {
  return new Promise((done, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => done((server.address() as AddressInfo).port));
  });
}

async function freePort(): Promise<number> {
  const probe = createTcpServer();
  const port = await listen(probe);
  await new Promise<void>((done) => probe.close(() => done()));
  return port;
}

/** What an Angular browser build holds; anything else is served as bytes. */
const CONTENT_TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.ico': 'image/x-icon' };

/** Serves a browser build on 127.0.0.1; unknown paths get index.html, as a SPA host does. */
async function serveStatic(root: string): Promise<{ url: string; server: Server }> {
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://127.0.0.1').pathname);
    let file = normalize(join(root, path));
    if (!file.startsWith(root + sep) || !existsSync(file) || !statSync(file).isFile()) file = join(root, 'index.html');
    response.writeHead(200, { 'Content-Type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(response);
  });
  const port = await listen(server);
  return { url: `http://127.0.0.1:${port}/`, server };
}

async function waitForHttp(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode} before it listened`);
    try {
      await fetch(url, { method: 'HEAD', signal: AbortSignal.timeout(2000) });
      return;
    } catch {
      if (Date.now() > deadline) throw new Error(`nothing answered at ${url} within ${timeoutMs} ms`);
      await delay(200);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// The stages

interface Workspace {
  readonly dir: string;
  readonly logs: string;
}

/** `npm run build`, then `npm pack ./dist/proofme-ng`: returns the tarball's path. */
async function buildAndPack(work: Workspace): Promise<string> {
  const log = join(work.logs, 'build-and-pack.log');
  await run('npm', ['run', 'build'], repoRoot, log);
  // `./` matters: without it npm reads dist/proofme-ng as a GitHub shorthand.
  const json = await run('npm', ['pack', './dist/proofme-ng', '--pack-destination', work.dir, '--json'], repoRoot, log);
  const [packed] = JSON.parse(json.slice(json.indexOf('['))) as { filename: string; size: number; unpackedSize: number; entryCount: number }[];
  console.log(`  ${packed.filename}: ${kb(packed.size)} packed, ${kb(packed.unpackedSize)} unpacked, ${packed.entryCount} files`);
  return join(work.dir, packed.filename);
}

/**
 * `ng new` with the same CLI version as this workspace. This workspace's own `ng.js` cannot do it:
 * the CLI also looks for angular.json next to its own install (…/node_modules/@angular/cli), finds
 * this repo's and refuses `new` "inside a workspace" wherever it runs. So `npm exec` runs that
 * exact version from npm's cache, as a user's `npx @angular/cli new` does.
 */
async function ngNew(work: Workspace, kind: AppKind): Promise<string> {
  const cli = readJson(join(repoRoot, 'node_modules/@angular/cli/package.json')) as { version: string };
  const name = APP_NAMES[kind];
  await run(
    'npm',
    ['exec', '--yes', `--package=@angular/cli@${cli.version}`, '--', 'ng', 'new', name, '--defaults', '--skip-git', '--skip-install', '--package-manager=npm', kind === 'ssr' ? '--ssr' : '--ssr=false'],
    work.dir,
    join(work.logs, `${name}.log`),
  );
  return join(work.dir, name);
}

/**
 * Gives the app this repo's exact Angular pins and overrides (TOOLCHAIN.md): npm would otherwise
 * resolve versions that this registry lacks. @angular/ssr stops at the framework's version here
 * (21.2.24) while @angular/build 21.2.27 wants @angular/ssr ^21.2.27, so an SSR app takes
 * @angular/ssr, @angular/build and @angular/cli at the framework's version.
 */
function pinManifest(appDir: string): void {
  const rootManifest = readJson(join(repoRoot, 'package.json')) as Manifest;
  const pins: Record<string, string> = { ...rootManifest.dependencies, ...rootManifest.devDependencies };
  const framework = pins['@angular/core'];
  const manifest = readJson(join(appDir, 'package.json')) as Manifest;
  const ssr = Boolean(manifest.dependencies?.['@angular/ssr']);
  for (const section of ['dependencies', 'devDependencies'] as const) {
    const deps = manifest[section] ?? {};
    for (const name of Object.keys(deps)) {
      if (!name.startsWith('@angular/')) continue;
      const pin = ssr && ['@angular/ssr', '@angular/build', '@angular/cli'].includes(name) ? framework : pins[name];
      if (!pin) throw new Error(`${name} has no pin in this repo's package.json: add it to TOOLCHAIN.md's table and here`);
      deps[name] = pin;
    }
  }
  manifest.overrides = { ...rootManifest.overrides };
  writeFileSync(join(appDir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
}

async function npmInstall(work: Workspace, appDir: string, name: string): Promise<void> {
  pinManifest(appDir);
  await run('npm', ['install', '--no-audit', '--no-fund'], appDir, join(work.logs, `${name}.log`));
  const pins = readJson(join(appDir, 'package.json')) as Manifest;
  const wanted = pins.dependencies?.['@angular/core'];
  const installed = (readJson(join(appDir, 'node_modules/@angular/core/package.json')) as { version: string }).version;
  if (installed !== wanted) throw new Error(`@angular/core ${installed} installed, ${wanted} pinned`);
}

function ng(work: Workspace, appDir: string, name: string, ngArgs: readonly string[], env?: NodeJS.ProcessEnv): Promise<string> {
  return run(process.execPath, [join(appDir, 'node_modules/@angular/cli/bin/ng.js'), ...ngArgs], appDir, join(work.logs, `${name}.log`), env);
}

/** `ng add <tarball>`, then what it must have done to the app. */
async function ngAdd(work: Workspace, appDir: string, name: string, tarball: string, signaling: Signaling, extra: readonly string[]): Promise<void> {
  await ng(work, appDir, name, ['add', tarball, '--skip-confirmation', '--signaling-url', signaling.url, ...extra]);
  const manifest = readJson(join(appDir, 'package.json')) as Manifest;
  const deps = manifest.dependencies ?? {};
  const missing = ['proofme-ng', '@angular/cdk', 'angularx-qrcode'].filter((dep) => !deps[dep]);
  if (missing.length) throw new Error(`package.json lacks ${missing.join(', ')}`);
  const config = readFileSync(join(appDir, 'src/app/app.config.ts'), 'utf8');
  if (!config.includes(`provideProofme({ signalingUrl: '${signaling.url}' })`)) {
    throw new Error('src/app/app.config.ts does not call provideProofme() with the signaling URL');
  }
  for (const dep of ['@angular/cdk', 'angularx-qrcode']) {
    const version = (readJson(join(appDir, 'node_modules', dep, 'package.json')) as { version: string }).version;
    check(`${name}: ${dep} ${version} installed for Angular 21`, version.startsWith('21.'));
  }
}

/** Replaces `pattern` in a generated file; the generator changed if it is not there. */
function edit(file: string, pattern: RegExp | string, replacement: string): void {
  const text = readFileSync(file, 'utf8');
  const next = text.replace(pattern, replacement);
  if (next === text) throw new Error(`${file}: found no ${String(pattern)} to edit (did the CLI's template change?)`);
  writeFileSync(file, next);
}

/** The client-only app: the CLI's placeholder page becomes a heading and a `<proofme-qr>`. */
function addQrToPlainApp(appDir: string): void {
  writeFileSync(
    join(appDir, 'src/app/app.html'),
    `<main>\n  <h1>Fresh app</h1>\n  <proofme-qr identificationId="${IDENTIFICATION_ID}" />\n</main>\n<router-outlet />\n`,
  );
  const component = join(appDir, 'src/app/app.ts');
  edit(component, /imports: \[RouterOutlet\]/, 'imports: [RouterOutlet, ProofmeQr]');
  edit(component, /^/, "import { ProofmeQr } from 'proofme-ng';\n");
}

/**
 * The SSR app got `ng add --demo-component app`'s snippet: point it at an identification, render
 * `/` per request (the generated `**` route is prerendered at build time), and listen on 127.0.0.1
 * only (the generated server.ts listens on every interface).
 */
function prepareSsrApp(appDir: string): void {
  edit(join(appDir, 'src/app/app.html'), `[proofmeId]="'YOUR_PROOFME_ID'"`, `identificationId="${IDENTIFICATION_ID}"`);
  edit(join(appDir, 'src/app/app.routes.server.ts'), 'RenderMode.Prerender', 'RenderMode.Server');
  edit(join(appDir, 'src/server.ts'), 'app.listen(port, (error) => {', "app.listen(Number(port), '127.0.0.1', (error) => {");
}

async function ngBuild(work: Workspace, appDir: string, name: string, expected: readonly string[]): Promise<void> {
  await ng(work, appDir, name, ['build']);
  const absent = expected.filter((file) => !existsSync(join(appDir, 'dist', name, file)));
  if (absent.length) throw new Error(`the build wrote no ${absent.join(', ')}`);
}

/** Console errors and uncaught exceptions of a page. */
function watchConsole(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (message) => {
    const text = message.text();
    if (message.type() === 'error' || /NG0\d{3}/.test(text)) problems.push(`console.${message.type()}: ${text}`);
  });
  page.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`));
  return problems;
}

/** Reads the QR code, checks it is our deeplink, and has a simulated phone join its channel. */
async function checkQrAndPhone(name: string, page: Page, signaling: Signaling): Promise<void> {
  const qr = page.locator('proofme-qr').first();
  const text = await readQr(qr, 20_000);
  const parsed = parseDeeplink(text);
  check(`${name}: the QR code decodes to a Proofme deeplink`, parsed.ok, parsed.ok ? text : parsed.message);
  if (!parsed.ok) return;
  check(`${name}: the deeplink names our signaling server`, parsed.deeplink.signalServer === signaling.url, parsed.deeplink.signalServer);
  check(`${name}: the QR matches the page's data-proofme-deeplink`, (await qr.locator('[data-proofme-deeplink]').getAttribute('data-proofme-deeplink')) === text);
  const phone = PhoneSimulator.fromDeeplink(text, { joinTimeoutMs: 10_000 });
  try {
    const client = await phone.join();
    check(`${name}: a simulated phone joins the channel`, client.channelId === parsed.deeplink.channelId);
    const scanned = await qr
      .and(page.locator('[data-state="scanned"]'))
      .waitFor({ timeout: 10_000 })
      .then(() => true, () => false);
    check(`${name}: the page shows the phone joined (data-state="scanned")`, scanned);
  } catch (error) {
    check(`${name}: a simulated phone joins the channel`, false, messageOf(error));
  } finally {
    await phone.close();
  }
}

async function browserCheckPlain(browser: Browser, name: string, site: string, signaling: Signaling): Promise<void> {
  const page = await browser.newPage();
  const problems = watchConsole(page);
  try {
    await page.goto(site);
    await checkQrAndPhone(name, page, signaling);
    check(`${name}: the signaling server saw the page's host`, signaling.server.metrics().channelsCreated >= 1);
    check(`${name}: no console errors`, problems.length === 0, problems.join(' | ') || undefined);
  } finally {
    await page.close();
  }
}

/** The SSR server bundle, started on a free port; `/` fetched with plain HTTP. */
async function serverRender(work: Workspace, appDir: string, name: string, signaling: Signaling): Promise<{ url: string; child: ChildProcess; output: () => string }> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}/`;
  // Angular 21 checks the Host header: without 127.0.0.1 allowed it logs an error and falls back to
  // client-side rendering (a 400 in a later major).
  const env = childEnv({ PORT: String(port), NG_ALLOWED_HOSTS: '127.0.0.1' });
  const child = start(process.execPath, [join(appDir, 'dist', name, 'server/server.mjs')], appDir, join(work.logs, `${name}-server.log`), env);
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  await waitForHttp(url, child, 20_000);

  const response = await fetch(url, { signal: AbortSignal.timeout(20_000) });
  const html = await response.text();
  await delay(1000); // a socket opened late during rendering would show up here
  check(`${name}: GET / answers 200`, response.status === 200, String(response.status));
  check(`${name}: / was rendered on the server (ng-server-context="ssr")`, html.includes('ng-server-context="ssr"'));
  check(`${name}: the server HTML has <proofme-identification> with the QR placeholder`, html.includes('<proofme-identification') && html.includes('proofme-qr__placeholder'));
  check(`${name}: the server HTML has no <qrcode>`, !html.includes('<qrcode'));
  const metrics = signaling.server.metrics();
  const refused = Object.values(metrics.refusedUpgrades).reduce((sum, n) => sum + n, 0);
  check(
    `${name}: no connection to the signaling server from build or server rendering`,
    signaling.connections() === 0 && metrics.channelsCreated === 0 && metrics.openHosts === 0 && refused === 0,
    `tcp ${signaling.connections()}, channels ${metrics.channelsCreated}, open hosts ${metrics.openHosts}, refused upgrades ${refused}`,
  );
  const serverErrors = output.split('\n').filter((line) => /error|NG0\d{3}/i.test(line));
  check(`${name}: the SSR server logged no errors`, serverErrors.length === 0, serverErrors.join(' | ') || undefined);
  return { url, child, output: () => output };
}

async function browserCheckSsr(browser: Browser, name: string, site: string, signaling: Signaling, serverOutput: () => string): Promise<void> {
  const page = await browser.newPage();
  const problems = watchConsole(page);
  // Marks the server-rendered element once the HTML is parsed and before the app's module scripts
  // run: if hydration reuses the DOM, the element the app ends up with still carries the mark.
  await page.addInitScript(() => {
    document.addEventListener('readystatechange', () => {
      const element = document.querySelector('proofme-identification');
      if (document.readyState === 'interactive' && element) element.setAttribute('data-e2e-server-rendered', '');
    });
  });
  try {
    await page.goto(site);
    await checkQrAndPhone(name, page, signaling);
    const reused = await page.locator('proofme-identification[data-e2e-server-rendered]').count();
    check(`${name}: hydration kept the server-rendered <proofme-identification>`, reused === 1);
    check(`${name}: the page connected after hydration`, signaling.server.metrics().channelsCreated >= 1 && signaling.connections() > 0);
    const hydration = problems.filter((problem) => /NG05\d\d|hydrat/i.test(problem));
    check(`${name}: no hydration errors (NG05xx) in the console`, hydration.length === 0, hydration.join(' | ') || undefined);
    check(`${name}: no console errors`, problems.length === 0, problems.join(' | ') || undefined);
    const serverErrors = serverOutput().split('\n').filter((line) => /error|NG0\d{3}/i.test(line));
    check(`${name}: the SSR server logged no errors while the page ran`, serverErrors.length === 0, serverErrors.join(' | ') || undefined);
  } finally {
    await page.close();
  }
}

// ---------------------------------------------------------------------------------------------
// The run

interface Manifest {
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  overrides?: Record<string, string>;
}

async function main(): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'proofme-fresh-app-'));
  const work: Workspace = { dir, logs: dir };
  console.log(`Fresh-app e2e in ${dir}${keep ? ' (kept: --keep)' : ''}`);
  const closers: (() => Promise<unknown> | void)[] = [];
  let browser: Browser | undefined;
  let tarballSize: number | undefined;
  const onSignal = (signal: NodeJS.Signals): void => {
    children.forEach(stop);
    if (!keep) rmSync(dir, { recursive: true, force: true });
    process.exit(signal === 'SIGINT' ? 130 : 143);
  };
  process.once('SIGINT', onSignal).once('SIGTERM', onSignal);

  try {
    let tarball = givenTarball ? resolve(givenTarball) : undefined;
    try {
      tarball = await stage('library', tarball ? 'given tarball' : 'build + npm pack', async () => {
        if (tarball) {
          if (!existsSync(tarball)) throw new Error(`no tarball at ${tarball}`);
          return tarball;
        }
        return buildAndPack(work);
      });
      tarballSize = statSync(tarball).size;
    } catch (error) {
      if (!(error instanceof StageFailed)) throw error;
      return report(tarballSize);
    }
    const launchBrowser = async (): Promise<Browser> =>
      (browser ??= await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS }));

    for (const kind of ['plain', 'ssr'] as const) {
      if (only && only !== kind) continue;
      const name = APP_NAMES[kind];
      try {
        // Our signaling server first: ng add writes its URL into the app.
        const signaling = await startSignaling();
        closers.push(() => signaling.close());
        const appDir = await stage(name, 'ng new', () => ngNew(work, kind));
        await stage(name, 'npm install', () => npmInstall(work, appDir, name));
        const demo = kind === 'ssr' ? ['--demo-component', 'app'] : [];
        await stage(name, 'ng add', () => ngAdd(work, appDir, name, tarball!, signaling, demo));
        if (kind === 'plain') {
          await stage(name, 'ng build', async () => {
            addQrToPlainApp(appDir);
            await ngBuild(work, appDir, name, ['browser/index.html']);
          });
          const site = await serveStatic(join(appDir, 'dist', name, 'browser'));
          closers.push(() => new Promise((done) => site.server.close(done)));
          await stage(name, 'browser check', async () => browserCheckPlain(await launchBrowser(), name, site.url, signaling));
        } else {
          await stage(name, 'ng build', async () => {
            prepareSsrApp(appDir);
            await ngBuild(work, appDir, name, ['browser/index.csr.html', 'server/server.mjs']);
          });
          const ssr = await stage(name, 'server render', () => serverRender(work, appDir, name, signaling));
          closers.push(() => stop(ssr.child));
          await stage(name, 'browser check', async () => browserCheckSsr(await launchBrowser(), name, ssr.url, signaling, ssr.output));
        }
      } catch (error) {
        if (!(error instanceof StageFailed)) check(`${name}: harness`, false, messageOf(error));
      }
    }
  } finally {
    await browser?.close().catch(() => undefined);
    for (const close of closers.reverse()) await Promise.resolve(close()).catch(() => undefined);
    children.forEach(stop);
    if (keep) console.log(`\nKept ${dir} (logs: ${dir}/*.log)`);
    else rmSync(dir, { recursive: true, force: true });
  }
  return report(tarballSize);
}

function report(tarballSize: number | undefined): number {
  const cell = (key: string): string => {
    const timing = timings.get(key);
    return timing ? `${(timing.ms / 1000).toFixed(1)} s${timing.ok ? '' : ' FAILED'}` : '-';
  };
  const rows: string[][] = [['stage', APP_NAMES.plain, APP_NAMES.ssr]];
  for (const name of STAGES) rows.push([name, cell(`${APP_NAMES.plain}/${name}`), cell(`${APP_NAMES.ssr}/${name}`)]);
  const total = (app: string): string => {
    const ms = STAGES.reduce((sum, name) => sum + (timings.get(`${app}/${name}`)?.ms ?? 0), 0);
    return ms ? `${(ms / 1000).toFixed(1)} s` : '-';
  };
  rows.push(['total', total(APP_NAMES.plain), total(APP_NAMES.ssr)]);
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  const line = (row: string[]): string => `| ${row.map((text, column) => text.padEnd(widths[column])).join(' | ')} |`;

  const library = timings.get('library/build + npm pack') ?? timings.get('library/given tarball');
  console.log('\n=== Summary ===');
  console.log(`tarball: ${tarballSize === undefined ? '-' : kb(tarballSize)}${library ? `, build + pack ${(library.ms / 1000).toFixed(1)} s` : ''}`);
  console.log(line(rows[0]));
  console.log(`|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`);
  rows.slice(1).forEach((row) => console.log(line(row)));
  const failed = checks.filter((c) => !c.ok);
  if (failed.length) console.log(`\nFailed:\n${failed.map((c) => `  ✘ ${c.name}`).join('\n')}`);
  console.log(`\n${checks.length - failed.length} passed, ${failed.length} failed`);
  return failed.length === 0 && checks.length > 0 ? 0 : 1;
}

// ---------------------------------------------------------------------------------------------

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

function readJson(file: string): unknown {
  return JSON.parse(readFileSync(file, 'utf8'));
}

function kb(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} kB`;
}

function delay(ms: number): Promise<void> {
  return new Promise((done) => setTimeout(done, ms));
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error);
    children.forEach(stop);
    process.exit(1);
  },
);
