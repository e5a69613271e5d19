/*
 * Public API Surface of proofme-ng
 */
export * from './lib/protocol';
