// `npm start`: builds the demo, then runs the local signaling server (with its Proofme REST
// emulation) and the demo server (with the integrator's backend) together on this machine. The
// integrator's development keys are generated on first start into projects/demo-app/.dev-keys/
// (git-ignored). Ctrl-C stops both. Options: --no-build, --port <demo port>, --signal-port <port>.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { startSignalingServer } from '../../signaling-server/src';
import { startDemoServer } from './demo-server';
import { emulationFor } from './integrator/emulation-config';
import { DEV_KEYS_DIR, loadOrCreateIntegratorKeys } from './integrator/integrator-keys';

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

  const keys = await loadOrCreateIntegratorKeys();
  const signaling = await startSignalingServer({ port: Number(values['signal-port']), logger: 'warn', rest: emulationFor(keys) });
  const demo = await startDemoServer({
    host: '127.0.0.1',
    port: Number(values.port),
    root,
    signalingUrl: signaling.url,
    development: true,
    integrator: { proofmeApiUrl: signaling.httpUrl, keys },
  });

  console.log(
    `\n  proofme-ng demo:   ${demo.url}\n  signaling server:  ${signaling.url}\n  Proofme REST emulation: ${signaling.httpUrl}/v1\n  integrator keys:   ${DEV_KEYS_DIR} (never committed)\n\n  Press Ctrl-C to stop.\n`,
  );

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping…`);
    await Promise.allSettled([demo.close(), signaling.close()]);
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
