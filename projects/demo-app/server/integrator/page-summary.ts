import type { IdentificationStatus } from '../../../signaling-server/src';

/**
 * What the page may see of a finished identification: the outcome, a first name with the last
 * name's initial, and whether the person is an adult. Birth date, nationality, document type and
 * the full last name stay on the backend (a page that only greets and gates by age needs no more).
 */
export type PageSummary =
  | { readonly status: 'SUCCESS'; readonly firstName: string; readonly lastNameInitial: string; readonly over18: boolean }
  | { readonly status: Exclude<IdentificationStatus, 'SUCCESS' | 'PENDING'> };

/** One credential value from Proofme's decrypted shape (`credentials.EPASS.credentials.<KEY>.credentialSubject.credential.value`). */
function credentialValue(decrypted: unknown, key: string): unknown {
  const providers = (decrypted as { credentials?: Record<string, { credentials?: Record<string, unknown> }> } | null)?.credentials ?? {};
  for (const provider of Object.values(providers)) {
    const credential = provider?.credentials?.[key] as { credentialSubject?: { credential?: { value?: unknown } } } | undefined;
    if (credential?.credentialSubject?.credential && 'value' in credential.credentialSubject.credential) return credential.credentialSubject.credential.value;
  }
  return undefined;
}

/** Reduces decrypted credentials to the {@link PageSummary}; missing values become empty/false, never errors. */
export function summariseSuccess(decrypted: unknown): PageSummary {
  const firstName = credentialValue(decrypted, 'FIRST_NAME');
  const lastName = credentialValue(decrypted, 'LAST_NAME');
  return {
    status: 'SUCCESS',
    firstName: typeof firstName === 'string' ? firstName.slice(0, 64) : '',
    lastNameInitial: typeof lastName === 'string' ? (lastName.trim().split(/\s+/).pop() ?? '').charAt(0).toUpperCase() : '',
    over18: credentialValue(decrypted, 'OLDER_THAN_18') === true,
  };
}
