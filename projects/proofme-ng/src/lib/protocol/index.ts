// The Proofme signaling protocol: pure TypeScript, no Angular, no DOM. Node code (the signaling
// server, the phone simulator) imports this folder directly.
export * from './uuid';
export * from './untrusted-input';
export * from './messages';
export * from './parse-signal-message';
export * from './signal-server';
export * from './deeplink';
export * from './connect-url';
export * from './qr-capacity';
export { ProofmeError, type ProofmeThrownErrorCode } from './proofme-error';
