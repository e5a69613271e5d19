import { createCipheriv, createDecipheriv, randomBytes, randomInt, randomUUID } from 'node:crypto';
import * as openpgp from 'openpgp';
import type { IdentificationData } from './identification';

const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_BYTES = 32;

/**
 * Encrypts `payload` as Proofme documents it (GCM mode), with a key WebCrypto accepts: the secret
 * is 32 random bytes, base64-encoded; that string is what the OpenPGP message carries, and its
 * decoded bytes are the AES-256-GCM key. (Proofme's own sample imports a 36-character UUID string
 * as a raw key, which AES rejects: 36 bytes is no AES key length.)
 */
export async function encryptIdentificationData(
  identificationId: string,
  payload: unknown,
  encryptionKeys: readonly openpgp.Key[],
  now = new Date(),
): Promise<IdentificationData> {
  const key = randomBytes(KEY_BYTES);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const ciphertext = Buffer.concat([cipher.update(JSON.stringify(payload), 'utf8'), cipher.final()]);
  const encryptedEncryptionSecret = await openpgp.encrypt({
    message: await openpgp.createMessage({ text: key.toString('base64') }),
    encryptionKeys: [...encryptionKeys],
  });
  const at = now.toISOString();
  return {
    id: randomUUID(),
    identificationId,
    encryptedData: Buffer.concat([iv, ciphertext, cipher.getAuthTag()]).toString('base64'),
    encryptedEncryptionSecret,
    encryptionMode: 'GCM',
    storage: 'DATABASE',
    additionalInfo: [],
    destroyDate: null,
    createdAt: at,
    updatedAt: at,
  };
}

/**
 * The integrator's side: OpenPGP-decrypt the secret with the API key's private key, then
 * AES-256-GCM-decrypt the data, and parse it. Throws when the key does not fit or the data was
 * tampered with (the GCM tag fails).
 */
export async function decryptIdentificationData(
  data: Pick<IdentificationData, 'encryptedData' | 'encryptedEncryptionSecret' | 'encryptionMode'>,
  privateKeyArmored: string,
  passphrase?: string,
): Promise<unknown> {
  if (data.encryptionMode !== 'GCM') throw new Error(`Unsupported encryptionMode "${String(data.encryptionMode)}": only GCM is emulated.`);
  let privateKey = await openpgp.readPrivateKey({ armoredKey: privateKeyArmored });
  if (passphrase !== undefined) privateKey = await openpgp.decryptKey({ privateKey, passphrase });
  const { data: secret } = await openpgp.decrypt({
    message: await openpgp.readMessage({ armoredMessage: data.encryptedEncryptionSecret }),
    decryptionKeys: privateKey,
  });
  const key = Buffer.from(String(secret), 'base64');
  if (key.length !== KEY_BYTES) throw new Error('The decrypted secret is not a base64 AES-256 key.');
  const sealed = Buffer.from(data.encryptedData, 'base64');
  if (sealed.length < IV_BYTES + TAG_BYTES) throw new Error('encryptedData is too short.');
  const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, IV_BYTES));
  decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
  const plain = Buffer.concat([decipher.update(sealed.subarray(IV_BYTES, sealed.length - TAG_BYTES)), decipher.final()]);
  return JSON.parse(plain.toString('utf8')) as unknown;
}

const FIRST_NAMES = ['Anna', 'Daan', 'Sanne', 'Luuk', 'Noor', 'Bram'];
const LAST_NAMES = ['de Vries', 'Jansen', 'Bakker', 'Visser', 'Smit', 'Mulder'];

/** One credential in Proofme's documented shape (`credentials.<PROVIDER>.credentials.<KEY>`). */
function credential(type: string, value: string | boolean, issuedAt: string): Record<string, unknown> {
  return {
    credentialSubject: { credential: { type, value } },
    issuanceDate: issuedAt,
    issuer: { authorityId: 'Proofme', authorityName: 'Proofme', name: 'proofme-signal emulation' },
    provider: 'EPASS',
    type: ['VerifiableCredential', `${type.replace(/\s+/g, '')}Credential`],
    version: '1.1.0',
    verified: true,
  };
}

/**
 * A made-up identity for the simulated phone, shaped like Proofme's decrypted credentials
 * (`{ credentials: { EPASS: { credentials: { FIRST_NAME: { credentialSubject: { credential: { value }}}, … }}}}`).
 * Adults only, so `OLDER_THAN_18` is true; every value is fake.
 */
export function simulatedIdentity(now = new Date()): unknown {
  const issuedAt = now.toISOString();
  const birthYear = now.getUTCFullYear() - 19 - randomInt(40);
  const birthDate = `${birthYear}-${String(1 + randomInt(12)).padStart(2, '0')}-${String(1 + randomInt(28)).padStart(2, '0')}`;
  return {
    credentials: {
      EPASS: {
        credentials: {
          FIRST_NAME: credential('First Name', FIRST_NAMES[randomInt(FIRST_NAMES.length)], issuedAt),
          LAST_NAME: credential('Last Name', LAST_NAMES[randomInt(LAST_NAMES.length)], issuedAt),
          BIRTH_DATE: credential('Birth Date', birthDate, issuedAt),
          NATIONALITY: credential('Nationality', 'NLD', issuedAt),
          DOCUMENT_TYPE: credential('Document Type', 'PASSPORT', issuedAt),
          OLDER_THAN_18: credential('Older Than 18', true, issuedAt),
        },
      },
    },
    proof: { nonce: now.getTime(), type: 'SIMULATED' },
  };
}
