// The protocol entry's deliberate internals, as Angular's private_export.ts does it: helpers the
// other entry points (and the signaling server) share, exported only under `ɵ` names so no app
// mistakes them for supported API. They may change in any release.
export { objectFields as ɵobjectFields, ownField as ɵownField, parseUrl as ɵparseUrl } from './untrusted-input';
