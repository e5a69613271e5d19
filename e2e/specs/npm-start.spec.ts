// `npm start` stopped by its pid (what `timeout`, IDEs and CI send: SIGTERM to npm only) must stop
// the demo and the signaling server with it. Found by a cold trial: npm's `sh` died and left tsx
// and both servers listening. Runs after the e2e global set-up has built the demo (--no-build).
import { ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';

const ROOT = join(__dirname, '../..');

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

async function answers(url: string): Promise<boolean> {
  try {
    await fetch(url, { signal: AbortSignal.timeout(1000) });
    return true;
  } catch {
    return false;
  }
}

let npm: ChildProcess | undefined;

test.afterEach(() => {
  // Whatever a failure left behind is in npm's own process group: stopped by that group's pid.
  if (npm?.pid) {
    try {
      process.kill(-npm.pid, 'SIGKILL');
    } catch {
      // the group is gone: nothing was left
    }
  }
});

test('SIGTERM to the npm process stops the demo and the signaling server: no orphan', async () => {
  test.setTimeout(60_000);
  const [port, signalPort] = [await freePort(), await freePort()];
  npm = spawn('npm', ['start', '--', '--no-build', '--port', String(port), '--signal-port', String(signalPort)], {
    cwd: ROOT,
    detached: true,
    stdio: 'ignore',
  });
  const exited = new Promise<void>((resolve) => npm!.once('exit', () => resolve()));
  const demo = `http://127.0.0.1:${port}/`;
  const signaling = `http://127.0.0.1:${signalPort}/healthz`;
  await expect.poll(() => answers(demo), { timeout: 30_000 }).toBe(true);
  await expect.poll(() => answers(signaling), { timeout: 10_000 }).toBe(true);

  process.kill(npm.pid!, 'SIGTERM');
  await exited;
  await expect.poll(async () => (await answers(demo)) || (await answers(signaling)), { timeout: 10_000 }).toBe(false);
});
