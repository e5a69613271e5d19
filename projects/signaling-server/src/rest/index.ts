// The REST emulation's public surface (re-exported from the package index).
export { RestEmulation } from './rest-emulation';
export { DEFAULT_WEBHOOK_RETRY, DEV_ORGANISATION_ID, DEV_PROOFME_ID } from './rest-options';
export type { MyPageSite, RequestedCredential, RestApiKey, RestEmulationOptions, WebhookRetryOptions } from './rest-options';
export type { Identification, IdentificationData, IdentificationStatus, PublicIdentification } from './identification';
export { decryptIdentificationData, simulatedIdentity } from './identification-data';
export { signWebhookBody, verifyWebhookSignature, WEBHOOK_SIGNATURE_HEADER } from './webhooks';
export type { WebhookAttempt } from './webhooks';
export { UNAUTHORIZED_BODY } from './rest-http';
export type { RestErrorCode } from './rest-http';
