// `npm start`: builds the demo, then runs the local signaling server (with its Proofme REST
// emulation) and the demo server (with the integrator's backend) together on this machine. The
// integrator's development keys are generated on first start into projects/demo-app/.dev-keys/
// (git-ignored). Ctrl-C stops both. Options: --no-build, --port <demo port>, --signal-port <port>.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { DEV_KEYS_DIR, loadOrCreateIntegratorKeys } from './integrator/integrator-keys';
import { startLocalStack } from './local-stack';

const { values } = parseArgs({
  options: {
    build: { type: 'boolean', default: true },
    'no-build': { type: 'boolean', default: false },
    port: { type: 'string', default: process.env['DEMO_PORT'] ?? '4200' },
    'signal-port': { type: 'string', default: process.env['SIGNAL_PORT'] ?? '8787' },
  },
});

const root = 'dist/demo-app/browser';

async function main(): Promise<void> {
  if (!values['no-build'] || !existsSync(`${root}/index.html`)) {
    console.log('Building the demo (production)…');
    const build = spawnSync(process.execPath, ['node_modules/@angular/cli/bin/ng.js', 'build', 'demo-app'], { stdio: 'inherit' });
    if (build.status !== 0) process.exit(build.status ?? 1);
  }

  const stack = await startLocalStack({
    root,
    keys: await loadOrCreateIntegratorKeys(),
    signalPort: Number(values['signal-port']),
    demoPort: Number(values.port),
    signaling: { logger: 'warn' },
  });
  const { signaling, demo } = stack;

  console.log(
    `\n  proofme-ng demo:   ${demo.url}\n  signaling server:  ${signaling.url} (simulator mode)\n  Proofme REST emulation: ${signaling.httpUrl}/v1\n  integrator keys:   ${DEV_KEYS_DIR} (never committed)\n\n  Press Ctrl-C to stop.\n`,
  );

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping…`);
    await stack.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
