import { randomBytes, randomUUID } from 'node:crypto';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as openpgp from 'openpgp';

/**
 * Everything the demo integrator's backend holds: what Proofme's dashboard would hand an
 * integrator (API key, its OpenPGP private key, the organisation and template ids) plus the
 * webhook secret. Server-side only: none of it may reach the page.
 */
export interface IntegratorKeys {
  readonly apiKey: string;
  readonly organisationId: string;
  readonly proofmeId: string;
  readonly webhookSecret: string;
  readonly publicKeyArmored: string;
  readonly privateKeyArmored: string;
}

/** Where `npm start` keeps its development keys (git-ignored). */
export const DEV_KEYS_DIR = join(__dirname, '..', '..', '.dev-keys');
const FILE = 'integrator.json';

/** Fresh development keys; the OpenPGP pair is curve25519, as Proofme generates for API keys. */
export async function generateIntegratorKeys(): Promise<IntegratorKeys> {
  const { publicKey, privateKey } = await openpgp.generateKey({
    type: 'ecc',
    curve: 'curve25519Legacy',
    userIDs: [{ name: 'proofme-ng demo integrator', comment: 'development key' }],
    format: 'armored',
  });
  return {
    apiKey: `proofme_dev_${randomBytes(24).toString('base64url')}`,
    organisationId: randomUUID(),
    proofmeId: randomUUID(),
    webhookSecret: randomBytes(32).toString('base64url'),
    publicKeyArmored: publicKey,
    privateKeyArmored: privateKey,
  };
}

/** Reads `<dir>/integrator.json`, or generates it on first start (mode 0600). */
export async function loadOrCreateIntegratorKeys(dir = DEV_KEYS_DIR): Promise<IntegratorKeys> {
  const file = join(dir, FILE);
  try {
    const keys = JSON.parse(await readFile(file, 'utf8')) as IntegratorKeys;
    if (keys.apiKey && keys.privateKeyArmored && keys.publicKeyArmored && keys.organisationId && keys.proofmeId && keys.webhookSecret) return keys;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw new Error(`Cannot read ${file}: ${(error as Error).message}. Delete it to generate new development keys.`);
  }
  const keys = await generateIntegratorKeys();
  await mkdir(dir, { recursive: true, mode: 0o700 });
  await writeFile(file, `${JSON.stringify(keys, null, 2)}\n`, { mode: 0o600 });
  await chmod(file, 0o600);
  return keys;
}
