import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseSignalCli } from '../src/bin/signal-cli-options';
import { DEV_ORGANISATION_ID } from '../src/rest/rest-options';
import { SignalingConfigError } from '../src/server/options';
import { connectTestHost } from '../src/testing/test-host';
import { openPair, startTestServer } from './helpers';

const BIN = join(__dirname, '../src/bin');
const children = new Set<ChildProcess>();

/** Runs a CLI under tsx, as `npm run signal` / `npm run phone` do. */
function runCli(script: string, args: string[], env: NodeJS.ProcessEnv = {}): ChildProcess & { output: { stdout: string; stderr: string } } {
  const child = spawn(process.execPath, ['--import', 'tsx', join(BIN, script), ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output = { stdout: '', stderr: '' };
  child.stdout.on('data', (chunk: Buffer) => (output.stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output.stderr += chunk.toString()));
  children.add(child);
  child.once('exit', () => children.delete(child));
  return Object.assign(child, { output });
}

function exitCode(child: ChildProcess): Promise<number | null> {
  return child.exitCode !== null ? Promise.resolve(child.exitCode) : new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

async function listeningUrl(child: ReturnType<typeof runCli>): Promise<string> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const line = child.output.stdout.split('\n').find((l) => l.includes('"msg":"listening"'));
    if (line) return (JSON.parse(line) as { url: string }).url;
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`The server did not start: ${child.output.stderr}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

afterEach(() => {
  // Whatever a failed test left running is stopped by its own pid.
  for (const child of children) if (child.pid) process.kill(child.pid, 'SIGKILL');
  children.clear();
});

describe('proofme-signal CLI', () => {
  it('shuts down gracefully on SIGTERM: clients get 1001 and the process exits 0', async () => {
    const child = runCli('proofme-signal.ts', ['--port', '0', '--log-level', 'info']);
    const url = await listeningUrl(child);
    const { host, phone } = await openPair({ url });
    process.kill(child.pid as number, 'SIGTERM');
    expect(await host.closed).toMatchObject({ code: 1001 });
    expect(await phone.closed).toMatchObject({ code: 1001 });
    expect(await exitCode(child)).toBe(0);
    expect(child.output.stdout).toContain('"msg":"stopped"');
  });

  it.each([
    [['--port', '70000'], {}, /port must be an integer from 0 to 65535/],
    [['--port', '0'], { PROOFME_SIGNAL_TURN_URLS: 'turn:turn.example:3478' }, /turnSecret is missing/],
    [['--public-url', 'https://signal.example'], {}, /publicUrl must be a ws: or wss: URL/],
    [['--host', '0.0.0.0', '--port', '0'], {}, /needs publicUrl/],
    [['--allowed-origins', 'https://shop.example/path'], {}, /Not an origin pattern/],
    [['--bogus'], {}, /Unknown option '--bogus'/],
    [['--port', '0', '--dev-api-key', 'dev_key_0123456789abcdef'], {}, /--dev-api-key .* needs --simulator/],
    [['--port', '0', '--simulator', '--dev-api-key', 'short'], {}, /at least 16 characters/],
    [['--port', '0', '--webhook-targets', 'intranet'], {}, /must be public, loopback or any/],
  ])('fails at start with a clear message for %j %j', async (args, env, message) => {
    const child = runCli('proofme-signal.ts', args, env);
    expect(await exitCode(child)).toBe(2);
    expect(child.output.stderr).toMatch(/^proofme-signal: invalid configuration: /);
    expect(child.output.stderr).toMatch(message);
  });
});

describe('proofme-signal modes', () => {
  it('says at start that it runs in production mode by default, and then refuses the simulator\'s frames', async () => {
    const child = runCli('proofme-signal.ts', ['--port', '0']);
    const url = await listeningUrl(child);
    expect(child.output.stdout).toContain('"mode":"production"');
    await waitFor(() => child.output.stdout.includes('proofme-signal: production mode'));
    expect(child.output.stdout).toMatch(/production mode: .*refused .*--simulator/);
    const host = await connectTestHost(url);
    const phone = runCli('proofme-phone.ts', [host.deeplink, '--result', 'success']);
    expect(await exitCode(phone)).toBe(1);
    expect(phone.output.stderr).toMatch(/PROOFME_PHONE_SIMULATOR_MODE_OFF: .*--simulator/);
    await host.close();
    process.kill(child.pid as number, 'SIGTERM');
    expect(await exitCode(child)).toBe(0);
  });

  it('with --simulator and a dev API key, the curl line it prints creates an identification', async () => {
    const key = 'dev_key_0123456789abcdef';
    const child = runCli('proofme-signal.ts', ['--port', '0', '--simulator'], { PROOFME_SIGNAL_DEV_API_KEY: key });
    await listeningUrl(child);
    await waitFor(() => child.output.stdout.includes('create an identification: curl'));
    expect(child.output.stdout).toContain('proofme-signal: simulator mode');
    expect(child.output.stdout).toContain(`dev API key: ${key}`);
    const curl = /create an identification: (curl .*)$/m.exec(child.output.stdout)?.[1] as string;
    const created = spawnSync('sh', ['-c', curl], { encoding: 'utf8' });
    expect(created.status).toBe(0);
    const body = JSON.parse(created.stdout) as { identification: { id: string; status: string; organisationId: string } };
    expect(body.identification).toMatchObject({ status: 'PENDING', organisationId: DEV_ORGANISATION_ID });
    const keyFile = /its OpenPGP private key: (\S+)/.exec(child.output.stdout)?.[1] as string;
    expect(existsSync(keyFile)).toBe(true);
    process.kill(child.pid as number, 'SIGTERM');
    expect(await exitCode(child)).toBe(0);
    expect(existsSync(keyFile)).toBe(false);
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('proofme-phone CLI', () => {
  it('plays a phone from a deeplink against a running server', async () => {
    const server = await startTestServer();
    try {
      const host = await connectTestHost(server.url);
      const child = runCli('proofme-phone.ts', [host.deeplink, '--result', 'failure', '--message', 'IDENTIFICATION']);
      expect(await host.next(10_000)).toEqual({ type: 'clientconnected', success: true });
      expect(await host.next(10_000)).toEqual({ type: 'result', success: false, message: 'IDENTIFICATION' });
      expect(await exitCode(child)).toBe(0);
      expect(child.output.stdout).toContain(`joined channel ${host.host.channelId}`);
      await host.close();
    } finally {
      await server.close();
    }
  });

  it('reports a refused channel with its code and exits 1', async () => {
    const server = await startTestServer();
    try {
      const child = runCli('proofme-phone.ts', [`https://proofme.id/app?p=da451ba2-fcb3-40b0-8a3f-b3f5b9676709:${encodeURIComponent(server.url)}`]);
      expect(await exitCode(child)).toBe(1);
      expect(child.output.stderr).toMatch(/PROOFME_PHONE_REFUSED/);
    } finally {
      await server.close();
    }
  });
});

describe('parseSignalCli', () => {
  it('reads environment variables, and flags win over them', () => {
    const env = { PROOFME_SIGNAL_PORT: '9000', PROOFME_SIGNAL_ALLOWED_ORIGINS: 'https://a.example, https://b.example', PROOFME_SIGNAL_TURN_SECRET: 's' };
    expect(parseSignalCli(['--port', '9001'], env)).toEqual({ port: 9001, allowedOrigins: ['https://a.example', 'https://b.example'], turnSecret: 's' });
  });

  it('reads --simulator as a flag and PROOFME_SIGNAL_SIMULATOR as true/false', () => {
    expect(parseSignalCli(['--simulator'], {})).toEqual({ simulator: true });
    expect(parseSignalCli([], { PROOFME_SIGNAL_SIMULATOR: 'true' })).toEqual({ simulator: true });
    expect(parseSignalCli([], { PROOFME_SIGNAL_SIMULATOR: '0' })).toEqual({ simulator: false });
    expect(parseSignalCli([], {})).toEqual({});
    expect(() => parseSignalCli([], { PROOFME_SIGNAL_SIMULATOR: 'maybe' })).toThrow(/true or false/);
  });

  it('reads the transport limits', () => {
    const env = { PROOFME_SIGNAL_MAX_BUFFERED_BYTES: '65536', PROOFME_SIGNAL_MESSAGES_PER_SECOND: '0' };
    expect(parseSignalCli(['--headers-timeout-ms', '2000', '--request-timeout-ms', '4000', '--message-burst', '10'], env)).toEqual({
      headersTimeoutMs: 2000,
      requestTimeoutMs: 4000,
      messageBurst: 10,
      maxBufferedBytes: 65536,
      messagesPerSecond: 0,
    });
  });

  it('refuses values that are not numbers or levels', () => {
    expect(() => parseSignalCli(['--port', '80a'], {})).toThrow(SignalingConfigError);
    expect(() => parseSignalCli([], { PROOFME_SIGNAL_LOG_LEVEL: 'loud' })).toThrow(/must be one of/);
  });
});
