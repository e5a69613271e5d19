import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { parseSignalCli } from '../src/bin/signal-cli-options';
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
  ])('fails at start with a clear message for %j %j', async (args, env, message) => {
    const child = runCli('proofme-signal.ts', args, env);
    expect(await exitCode(child)).toBe(2);
    expect(child.output.stderr).toMatch(/^proofme-signal: invalid configuration: /);
    expect(child.output.stderr).toMatch(message);
  });
});

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
