// Child processes for the scripts outside the library (e2e/fresh-app, bench/): one copy of how they
// start, log, run to completion and stop. Every child is stopped by its own pid (or its process
// group's, for commands that spawn workers), never by name.
import { ChildProcess, spawn, SpawnOptions } from 'node:child_process';
import { createWriteStream } from 'node:fs';

/** Hung commands (a stuck `npm install`) end after this, so CI gets a result. */
const COMMAND_TIMEOUT_MS = 15 * 60_000;

const children = new Set<ChildProcess>();
let verbose = false;

/** Streams every logged child's output to this process's stdout as well as to its log. */
export function streamOutput(on: boolean): void {
  verbose = on;
}

/**
 * The environment for a child: this one without the `npm_*` settings `npm run` adds
 * (npm_config_local_prefix=<this repo> would point a temp app's npm at this workspace), plus `extra`.
 */
export function childEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!/^npm_/i.test(key) && key !== 'INIT_CWD') env[key] = value;
  }
  return { ...env, NG_CLI_ANALYTICS: 'false', NO_COLOR: '1', FORCE_COLOR: '0', ...extra };
}

/** Starts a child in its own process group, its output appended to `logFile`; `stopAll()` stops it. */
export function start(command: string, args: readonly string[], cwd: string, logFile: string, env = childEnv()): ChildProcess {
  const child = spawn(command, args, { cwd, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(child);
  child.once('exit', () => children.delete(child));
  const log = createWriteStream(logFile, { flags: 'a' });
  log.write(`$ ${command} ${args.join(' ')}\n`);
  for (const stream of [child.stdout, child.stderr]) {
    stream?.pipe(log, { end: false });
    if (verbose) stream?.pipe(process.stdout, { end: false });
  }
  child.once('close', () => log.end());
  return child;
}

/** SIGTERM to the child's process group: `ng add`'s npm install, an SSR server's workers. */
export function stop(child: ChildProcess): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    child.kill('SIGTERM');
  }
}

/** Stops every child `start()` made that is still running. */
export function stopAll(): void {
  children.forEach(stop);
}

/** Runs a logged command to completion and returns its output; rejects with the end of it on failure. */
export function runLogged(command: string, args: readonly string[], cwd: string, logFile: string, env = childEnv()): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = start(command, args, cwd, logFile, env);
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
      if (code === 0) return resolve(output);
      const tail = output.trimEnd().split('\n').slice(-40).join('\n');
      console.log(`--- last lines of \`${command} ${args.join(' ')}\` (full log: ${logFile}) ---\n${tail}\n---`);
      reject(new Error(`\`${[command, ...args].join(' ')}\` exited with ${signal ?? code}`));
    });
  });
}

/** Runs a command to completion with its output kept in memory (no log file); rejects with its output on a non-zero exit. */
export function runQuiet(command: string, args: readonly string[], options: SpawnOptions): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0 ? resolve(output) : reject(new Error(`${command} ${args.join(' ')} exited ${code}:\n${output.slice(-4000)}`)),
    );
  });
}

/** Stops a child by its pid: SIGTERM, then SIGKILL after `graceMs`; resolves once it has exited. */
export function stopByPid(child: ChildProcess, graceMs = 5000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || !child.pid) return Promise.resolve();
  const pid = child.pid;
  return new Promise((resolve) => {
    const force = setTimeout(() => {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        /* already gone */
      }
    }, graceMs);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    try {
      process.kill(pid, 'SIGTERM');
    } catch {
      clearTimeout(force);
      resolve();
    }
  });
}
