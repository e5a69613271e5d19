/*
 * Public API Surface of proofme-ng: configuration, the signaling session and its service, the
 * Proofme REST API, the preflight and the labels. It needs only @angular/core, @angular/common and
 * rxjs. The protocol is `proofme-ng/protocol`; the components are `proofme-ng/components`.
 * Every export is named and reviewed: goldens/proofme-ng/index.api.md records them.
 */

// config
export {
  DEFAULT_PROOFME_CONFIG,
  PROOFME_CONFIG,
  resolveProofmeConfig,
  type ProofmeConfig,
  type ProofmeOptions,
  type ProofmeReconnectPolicy,
} from './lib/config/proofme-config';
export { PROOFME_LOGGER, PROOFME_WEBSOCKET, type ProofmeLogger, type WebSocketConstructor } from './lib/config/tokens';
export type { ProofmeFeature, ProofmeFeatureKind } from './lib/config/proofme-feature';
export { PROOFME_ONLINE } from './lib/config/network-online';
export { PROOFME_PAGE_VISIBLE } from './lib/config/page-visible';

// session
export { provideProofme, withWebSocket } from './lib/session/provide-proofme';
export { ProofmeService, type ProofmeConnectOptions } from './lib/session/proofme.service';
export { ProofmeSession } from './lib/session/proofme-session';
export {
  isRecoverableState,
  isTerminalState,
  type ProofmeChannel,
  type ProofmeErrorCode,
  type ProofmeFailedResult,
  type ProofmeResult,
  type ProofmeState,
  type ProofmeStateStatus,
} from './lib/session/proofme-state';
export {
  preflightReport,
  type ProofmePreflightCheck,
  type ProofmePreflightCheckName,
  type ProofmePreflightFailure,
  type ProofmePreflightReport,
} from './lib/session/preflight-report';
export type { ProofmePreflightRunner } from './lib/session/preflight-runner';

// api
export { ProofmeApi } from './lib/api/proofme-api';
export {
  ProofmeApiError,
  type ProofmeApiErrorCode,
  type ProofmeIdentificationStatus,
  type ProofmeIdentificationSummary,
  type ProofmeMyPageConfig,
} from './lib/api/api-models';

// preflight
export { withPreflight } from './lib/preflight/with-preflight';

// i18n
export { PROOFME_LABELS } from './lib/i18n/labels-token';
export type { ProofmeLabelOverrides, ProofmeLabels } from './lib/i18n/proofme-labels';
export { PROOFME_LABELS_EN } from './lib/i18n/labels-en';
export { PROOFME_LABELS_NL } from './lib/i18n/labels-nl';
export { withLabels } from './lib/i18n/with-labels';

// deliberate internals, for the other entry points only
export { ɵPROOFME_PREFLIGHT, ɵmakeProofmeFeature, ɵpreflightNotProvided } from './private-export';
