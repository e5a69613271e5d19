// Temporary folders for the benchmarks: npm installs of the official packages (never added to the
// project) and throw-away Angular workspaces. Kept between runs under the OS temp dir so a second
// `npm run bench` does not reinstall; `--fresh` (or deleting the folder) starts over.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { folderBytes, run } from './measure';

/** Where the benchmarks keep their temporary installs and workspaces. */
export const SCRATCH = process.env['PROOFME_BENCH_TMP'] || join(tmpdir(), 'proofme-ng-bench');

export function scratchDir(name: string, fresh = false): string {
  const dir = join(SCRATCH, name);
  if (fresh) rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** What an `npm install` put on disk. */
export interface InstallFootprint {
  readonly dir: string;
  /** Packages in the lock file (nested copies counted once each, as npm counts them). */
  readonly packages: number;
  readonly nodeModulesBytes: number;
}

/**
 * `npm install --ignore-scripts <specs>` into `scratch/<name>` (a folder of its own, outside the
 * project), unless a previous run left a complete install there. Extra flags go after the specs.
 */
export async function npmInstall(name: string, specs: readonly string[], flags: readonly string[] = [], fresh = false): Promise<InstallFootprint> {
  const dir = scratchDir(name, fresh);
  const marker = join(dir, '.installed');
  const wanted = JSON.stringify({ specs, flags });
  if (!existsSync(marker) || readFileSync(marker, 'utf8') !== wanted) {
    rmSync(join(dir, 'node_modules'), { recursive: true, force: true });
    rmSync(join(dir, 'package-lock.json'), { force: true });
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: `bench-${name}`, private: true }, null, 2));
    await run('npm', ['install', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error', ...flags, ...specs], { cwd: dir });
    writeFileSync(marker, wanted);
  }
  const lock = JSON.parse(readFileSync(join(dir, 'package-lock.json'), 'utf8')) as { packages: Record<string, unknown> };
  return {
    dir,
    packages: Object.keys(lock.packages).filter((key) => key.startsWith('node_modules/')).length,
    nodeModulesBytes: folderBytes(join(dir, 'node_modules')),
  };
}
