// The primary entry's deliberate internals, as Angular's private_export.ts does it. The other
// entry points (`proofme-ng/components`) need these, apps do not: they are exported only under `ɵ`
// names, outside the reviewed API's promise, and may change in any release.
export { ɵmakeProofmeFeature } from './lib/config/proofme-feature';
export { PROOFME_PREFLIGHT as ɵPROOFME_PREFLIGHT, preflightNotProvided as ɵpreflightNotProvided } from './lib/session/preflight-runner';
