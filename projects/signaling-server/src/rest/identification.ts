/** Documented identification statuses. */
export type IdentificationStatus = 'PENDING' | 'SUCCESS' | 'FAILED' | 'REVOKED';

/** `identificationData` as `GET /v1/identification/data/:id` returns it (documented fields). */
export interface IdentificationData {
  readonly id: string;
  readonly identificationId: string;
  /** base64(12-byte IV ‖ AES-256-GCM ciphertext ‖ 16-byte tag) of the credentials JSON. */
  readonly encryptedData: string;
  /** Armored OpenPGP message holding the AES secret (base64 of 32 random bytes). */
  readonly encryptedEncryptionSecret: string;
  readonly encryptionMode: 'GCM';
  readonly storage: 'DATABASE';
  readonly additionalInfo: readonly unknown[];
  readonly destroyDate: null;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** One identification in the emulation's store: the documented identification object, mutable. */
export interface Identification {
  readonly id: string;
  readonly organisationId: string;
  readonly proofmeId: string;
  readonly proofmeRevision: number;
  readonly description: string | null;
  scannedAt: string | null;
  status: IdentificationStatus;
  readonly isRequest: boolean;
  readonly redirectUrl: string | null;
  readonly webhookUrl: string | null;
  readonly myPageUrl: string | null;
  readonly metadata: unknown;
  readonly mode: 'live' | 'test';
  readonly notify: null;
  readonly createdAt: string;
  updatedAt: string;
}

/** What a browser may read without an API key (our assumption; see the README). */
export interface PublicIdentification {
  readonly id: string;
  readonly organisationId: string;
  readonly proofmeId: string;
  readonly status: IdentificationStatus;
}

/** Statuses after which no host may open a channel for the identification. */
export function isFinished(status: IdentificationStatus): boolean {
  return status !== 'PENDING';
}

/** The read-only view for pages (preflight): no description, URLs or metadata. */
export function publicView(identification: Identification): PublicIdentification {
  const { id, organisationId, proofmeId, status } = identification;
  return { id, organisationId, proofmeId, status };
}
