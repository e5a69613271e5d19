import { createHmac } from 'node:crypto';

/** A TURN REST API credential pair (the "TURN REST" draft coturn implements with `use-auth-secret`). */
export interface TurnCredentials {
  /** `<unix expiry seconds>:<role>`, e.g. `1795402803:client`. */
  readonly username: string;
  /** base64(HMAC-SHA1(secret, username)). */
  readonly credential: string;
}

/** The credential for `username`: base64(HMAC-SHA1(secret, username)), as coturn checks it. */
export function turnCredential(secret: string, username: string): string {
  return createHmac('sha1', secret).update(username).digest('base64');
}

/**
 * Credentials valid until `expiresAt` (unix seconds) for a phone: the username is
 * `<expiresAt>:client`, as Proofme's V2 server hands them out.
 */
export function clientTurnCredentials(secret: string, expiresAt: number): TurnCredentials {
  const username = `${Math.floor(expiresAt)}:client`;
  return { username, credential: turnCredential(secret, username) };
}
