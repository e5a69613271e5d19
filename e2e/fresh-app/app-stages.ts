// The stages one fresh app goes through, as a user would: `ng new`, pin and install, `ng add` the
// packed library, put a component on the page, build, and run the user's own tests.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { check } from './checks';
import { AngularLine, FreshAppSpec } from './matrix';
import { NodeRuntime } from './node-runtime';
import { readmeTestingSnippet } from './readme-snippet';
import { run } from './processes';
import { Signaling } from './servers';

/** One app of the matrix, being built in `dir`. */
export interface FreshApp {
  readonly spec: FreshAppSpec;
  readonly line: AngularLine;
  readonly runtime: NodeRuntime;
  /** The scratch folder the app is created in. */
  readonly workDir: string;
  readonly dir: string;
  readonly log: string;
}

interface Manifest {
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  overrides?: Record<string, string>;
}

/** The `<proofme-…>` components are given this identification id. */
export const IDENTIFICATION_ID = '0b6ad5a8-3c55-4b5c-9b63-7d0e4a1f2c11';

/**
 * `ng new` with the line's CLI, through `npm exec` as a user's `npx @angular/cli new` does. This
 * workspace's own `ng.js` cannot: it finds this repo's angular.json next to its install and refuses
 * `new` "inside a workspace".
 */
export async function ngNew(app: FreshApp): Promise<void> {
  const { spec, line } = app;
  const flags = ['--defaults', '--skip-git', '--skip-install', '--package-manager=npm', spec.ssr ? '--ssr' : '--ssr=false'];
  if (spec.zone) flags.push('--zoneless=false');
  await run('npm', ['exec', '--yes', `--package=@angular/cli@${line.tooling}`, '--', 'ng', 'new', spec.name, ...flags], app.workDir, app.log, app.runtime.env());
}

/**
 * Gives every `@angular/*` the line's exact version and copies this repo's `overrides`
 * (TOOLCHAIN.md): npm would otherwise resolve versions, or platform binaries, this registry lacks.
 */
export function pinManifest(app: FreshApp, repoRoot: string): void {
  const rootManifest = readJson<Manifest>(join(repoRoot, 'package.json'));
  const manifest = readJson<Manifest>(join(app.dir, 'package.json'));
  for (const section of ['dependencies', 'devDependencies'] as const) {
    const deps = manifest[section] ?? {};
    for (const name of Object.keys(deps)) {
      if (!name.startsWith('@angular/')) continue;
      const tool = ['@angular/cli', '@angular/build', '@angular/ssr'].includes(name);
      deps[name] = !tool ? app.line.framework : app.spec.ssr ? app.line.ssrTooling : app.line.tooling;
    }
  }
  manifest.overrides = { ...rootManifest.overrides };
  writeFileSync(join(app.dir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
}

export async function npmInstall(app: FreshApp, repoRoot: string): Promise<void> {
  pinManifest(app, repoRoot);
  await run('npm', ['install', '--no-audit', '--no-fund'], app.dir, app.log, app.runtime.env());
  const installed = installedVersion(app, '@angular/core');
  if (installed !== app.line.framework) throw new Error(`@angular/core ${installed} installed, ${app.line.framework} pinned`);
}

/** Runs the app's own Angular CLI on the app's Node. */
export function ng(app: FreshApp, args: readonly string[], env?: Record<string, string>): Promise<string> {
  return run(app.runtime.node, [join(app.dir, 'node_modules/@angular/cli/bin/ng.js'), ...args], app.dir, app.log, app.runtime.env(env));
}

/** `ng add <tarball>`, then what it must have done to the app. */
export async function ngAdd(app: FreshApp, tarball: string, signaling: Signaling): Promise<void> {
  const demo = app.spec.ssr ? ['--demo-component', 'app'] : [];
  await ng(app, ['add', tarball, '--skip-confirmation', '--signaling-url', signaling.url, ...demo]);
  const deps = readJson<Manifest>(join(app.dir, 'package.json')).dependencies ?? {};
  const missing = ['proofme-ng', '@angular/cdk', 'angularx-qrcode'].filter((dep) => !deps[dep]);
  if (missing.length) throw new Error(`package.json lacks ${missing.join(', ')}`);
  const config = readFileSync(join(app.dir, 'src/app/app.config.ts'), 'utf8');
  if (!config.includes(`provideProofme({ signalingUrl: '${signaling.url}' })`)) {
    throw new Error('src/app/app.config.ts does not call provideProofme() with the signaling URL');
  }
  const name = app.spec.name;
  if (app.spec.zone) check(`${name}: ng add kept provideZoneChangeDetection()`, config.includes('provideZoneChangeDetection('));
  for (const dep of ['@angular/cdk', 'angularx-qrcode']) {
    const version = installedVersion(app, dep);
    check(`${name}: ${dep} ${version} installed for Angular ${app.line.major}`, version.startsWith(`${app.line.major}.`));
  }
}

/** The versions the app ended up with, for the log: what "Angular 22" meant in this run. */
export function usedVersions(app: FreshApp): string {
  const packages = ['@angular/core', '@angular/cli', '@angular/build', '@angular/ssr', '@angular/cdk', 'angularx-qrcode', 'typescript', 'zone.js', 'vitest', 'rxjs'];
  return [`node ${app.runtime.version}`, ...packages.filter((dep) => existsSync(join(app.dir, 'node_modules', dep, 'package.json'))).map((dep) => `${dep} ${installedVersion(app, dep)}`)].join(', ');
}

/** The UI peers ng add installs: a headless app must build and run without them. */
export const UI_PEERS = ['@angular/cdk', 'angularx-qrcode'] as const;

/** `npm uninstall`s the UI peers, then checks that neither is left in node_modules. */
export async function removeUiPeers(app: FreshApp): Promise<void> {
  await run('npm', ['uninstall', '--no-audit', '--no-fund', ...UI_PEERS], app.dir, app.log, app.runtime.env());
  for (const dep of UI_PEERS) {
    check(`${app.spec.name}: ${dep} is not installed`, !existsSync(join(app.dir, 'node_modules', dep)));
  }
}

/** The headless page: a session from ProofmeService, its state and deeplink as text, no component. */
const HEADLESS_COMPONENT = `import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { ProofmeService } from 'proofme-ng';

@Component({
  selector: 'app-root',
  template: \`<main>
  <h1>Headless fresh app</h1>
  <p>State: <span id="proofme-state">{{ state().status }}</span></p>
  <p>Deeplink: <span id="proofme-deeplink">{{ deeplink() }}</span></p>
</main>\`,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class App {
  private readonly session = inject(ProofmeService).connect({ identificationId: '${IDENTIFICATION_ID}' });
  protected readonly state = this.session.state;
  protected readonly deeplink = computed(() => {
    const state = this.state();
    return 'deeplink' in state ? state.deeplink : '';
  });
}
`;

/**
 * Puts the library on the page. Client-only apps get a `<proofme-qr>`; SSR apps got
 * `ng add --demo-component app`'s `<proofme-identification>` snippet, which is pointed at an
 * identification, rendered per request (the generated `**` route is prerendered at build time) and
 * served on 127.0.0.1 only (the generated server listens on every interface). A headless app gets
 * a page of its own (see HEADLESS_COMPONENT). Every app exposes its
 * ApplicationRef so the browser check can ask whether it is stable.
 */
export function putLibraryOnPage(app: FreshApp): void {
  if (app.spec.ssr) {
    edit(join(app.dir, 'src/app/app.html'), `[proofmeId]="'YOUR_PROOFME_ID'"`, `identificationId="${IDENTIFICATION_ID}"`);
    edit(join(app.dir, 'src/app/app.routes.server.ts'), 'RenderMode.Prerender', 'RenderMode.Server');
    edit(join(app.dir, 'src/server.ts'), 'app.listen(port, (error) => {', "app.listen(Number(port), '127.0.0.1', (error) => {");
  } else if (app.spec.headless) {
    writeFileSync(join(app.dir, 'src/app/app.ts'), HEADLESS_COMPONENT);
  } else {
    writeFileSync(
      join(app.dir, 'src/app/app.html'),
      `<main>\n  <h1>Fresh app</h1>\n  <proofme-qr identificationId="${IDENTIFICATION_ID}" />\n</main>\n<router-outlet />\n`,
    );
    const component = join(app.dir, 'src/app/app.ts');
    edit(component, /imports: \[RouterOutlet\]/, 'imports: [RouterOutlet, ProofmeQr]');
    edit(component, /^/, "import { ProofmeQr } from 'proofme-ng/components';\n");
  }
  edit(
    join(app.dir, 'src/main.ts'),
    'bootstrapApplication(App, appConfig)',
    'bootstrapApplication(App, appConfig)\n  .then((ref) => ((globalThis as { freshAppRef?: unknown }).freshAppRef = ref))',
  );
}

export async function ngBuild(app: FreshApp): Promise<void> {
  await ng(app, app.spec.devBuild ? ['build', '--configuration', 'development'] : ['build']);
  const expected = app.spec.ssr ? ['browser/index.csr.html', 'server/server.mjs'] : ['browser/index.html'];
  const absent = expected.filter((file) => !existsSync(join(app.dir, 'dist', app.spec.name, file)));
  if (absent.length) throw new Error(`the build wrote no ${absent.join(', ')}`);
}

/**
 * The user's own test: the README's "Testing your page" snippet as a spec in the app, run by
 * `ng test` with the app's default runner (Vitest in jsdom for Angular 21 and 22).
 */
export async function userTests(app: FreshApp, repoRoot: string): Promise<void> {
  const spec = 'src/app/proofme-readme.spec.ts';
  writeFileSync(join(app.dir, spec), readmeTestingSnippet(repoRoot));
  const output = await ng(app, ['test', '--watch=false', '--include', spec]);
  const passed = /Tests\s+(\d+) passed/.exec(output);
  const runner = existsSync(join(app.dir, 'node_modules/vitest/package.json')) ? `vitest ${installedVersion(app, 'vitest')}` : 'unknown runner';
  check(`${app.spec.name}: the README's testing snippet passes under ng test (${runner})`, !!passed && Number(passed[1]) > 0, passed?.[0]);
}

/** Replaces `pattern` in a generated file; the generator changed if it is not there. */
function edit(file: string, pattern: RegExp | string, replacement: string): void {
  const text = readFileSync(file, 'utf8');
  const next = text.replace(pattern, replacement);
  if (next === text) throw new Error(`${file}: found no ${String(pattern)} to edit (did the CLI's template change?)`);
  writeFileSync(file, next);
}

function installedVersion(app: FreshApp, dep: string): string {
  return readJson<{ version: string }>(join(app.dir, 'node_modules', dep, 'package.json')).version;
}

function readJson<T>(file: string): T {
  return JSON.parse(readFileSync(file, 'utf8')) as T;
}
