// Item 7 of issue 12: `npm run signal` and the server's own script stop on SIGTERM and SIGINT with
// no orphan left, 1001 to every socket, exit 0. Each process is started here and stopped by its pid.
import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { openPair } from './helpers';

const ROOT = join(__dirname, '../../..');
const started = new Set<number>();

interface Started {
  readonly child: ChildProcess;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** The server's own pid and URL, from its `listening` log line (pino logs the pid). */
  readonly listening: Promise<{ pid: number; url: string }>;
}

function start(command: string, args: string[]): Started {
  const child = spawn(command, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  if (child.pid) started.add(child.pid);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  let stdout = '';
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const listening = new Promise<{ pid: number; url: string }>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const line = stdout.split('\n').find((l) => l.includes('"msg":"listening"'));
      if (line) {
        const { pid, url } = JSON.parse(line) as { pid: number; url: string };
        started.add(pid);
        resolve({ pid, url });
      }
    });
    void exited.then(() => reject(new Error(`exited before listening: ${stderr}`)));
  });
  return { child, exited, listening };
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

afterEach(() => {
  // Whatever a failed test left running is stopped by its own pid.
  for (const pid of started) if (isRunning(pid)) process.kill(pid, 'SIGKILL');
  started.clear();
});

describe('stopping the server by signal', () => {
  it.each([
    ['npm run signal', 'SIGTERM'],
    ['npm run signal', 'SIGINT'],
    ['node --import tsx proofme-signal.ts', 'SIGINT'],
  ] as const)('%s on %s: 1001 to every socket, exit 0, no process left', async (how, signal) => {
    const { child, exited, listening } =
      how === 'npm run signal'
        ? start('npm', ['run', '--silent', 'signal', '--', '--port', '0', '--log-level', 'info'])
        : start(process.execPath, ['--import', 'tsx', 'projects/signaling-server/src/bin/proofme-signal.ts', '--port', '0', '--log-level', 'info']);
    const server = await listening;
    const { host, phone } = await openPair({ url: server.url });
    process.kill(child.pid as number, signal);
    expect(await host.closed).toMatchObject({ code: 1001 });
    expect(await phone.closed).toMatchObject({ code: 1001 });
    expect(await exited).toEqual({ code: 0, signal: null });
    // The server itself (a child of npm's shell before the fix) is gone too.
    const deadline = Date.now() + 5000;
    while (isRunning(server.pid) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(isRunning(server.pid)).toBe(false);
  }, 30_000);
});
