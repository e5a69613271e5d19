#!/usr/bin/env node
// `npm run signal` / `proofme-signal`: the signaling server for development, CI, demos and staging.
// SIGTERM/SIGINT: stop accepting, close every socket with 1001, exit 0. Bad configuration: a
// one-line message, exit 2. It says at start which mode it runs in (simulator or production).
import { rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as openpgp from 'openpgp';
import { DEV_ORGANISATION_ID, DEV_PROOFME_ID, RestApiKey } from '../rest/rest-options';
import { SignalingConfigError } from '../server/options';
import { startSignalingServer } from '../server/signaling-server';
import { parseSignalCli, signalUsage } from './signal-cli-options';

async function main(): Promise<void> {
  const parsed = parseSignalCli(process.argv.slice(2), process.env);
  if (parsed === 'help') {
    console.log(signalUsage());
    return;
  }
  const { devApiKey, webhookTargets, ...options } = parsed;
  if (devApiKey !== undefined && !options.simulator) {
    throw new SignalingConfigError('--dev-api-key / PROOFME_SIGNAL_DEV_API_KEY needs --simulator: a development key belongs on a development server.');
  }
  const dev = devApiKey === undefined ? undefined : await developmentKey(devApiKey);
  const server = await startSignalingServer({ ...options, rest: { apiKeys: dev ? [dev.apiKey] : [], webhookTargets } }).catch((error: unknown) => {
    if (dev) rmSync(dev.privateKeyFile, { force: true });
    throw error;
  });
  console.log(
    server.simulator
      ? 'proofme-signal: simulator mode: phones may send the simulator\'s result and leave frames. For development, CI, demos and staging only.'
      : 'proofme-signal: production mode: the phone simulator\'s result and leave frames are refused (close 4405); start with --simulator to allow them.',
  );
  if (dev) {
    console.log(`proofme-signal: dev API key: ${dev.apiKey.key} (organisation ${DEV_ORGANISATION_ID}); its OpenPGP private key: ${dev.privateKeyFile}`);
    console.log(
      `proofme-signal: create an identification: curl -s -X POST ${server.httpUrl}/v1/identification -H 'Authorization: ${dev.apiKey.key}' -H 'Content-Type: application/json' -d '{"proofmeId":"${DEV_PROOFME_ID}"}'`,
    );
  }
  const stop = (): void => {
    if (dev) rmSync(dev.privateKeyFile, { force: true });
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error('proofme-signal: shutdown failed:', error);
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

/**
 * The dev key gets a fresh OpenPGP key pair: identification data is encrypted to its public half,
 * and the private half goes to a file only this user can read, so the data can be decrypted
 * (`decryptIdentificationData`). The file is removed when the server stops.
 */
async function developmentKey(key: string): Promise<{ apiKey: RestApiKey; privateKeyFile: string }> {
  const { publicKey, privateKey } = await openpgp.generateKey({ type: 'ecc', curve: 'curve25519Legacy', userIDs: [{ name: 'proofme-signal dev key' }], format: 'armored' });
  const privateKeyFile = join(tmpdir(), `proofme-signal-dev-key-${process.pid}.asc`);
  writeFileSync(privateKeyFile, privateKey, { mode: 0o600 });
  return { apiKey: { key, organisationId: DEV_ORGANISATION_ID, publicKeyArmored: publicKey }, privateKeyFile };
}

main().catch((error: unknown) => {
  if (error instanceof SignalingConfigError) {
    console.error(`proofme-signal: invalid configuration: ${error.message}`);
    process.exit(2);
  }
  console.error('proofme-signal: failed to start:', error);
  process.exit(1);
});
