/*
 * Public API Surface of proofme-ng/testing
 */
export * from './fake-websocket';
export * from './proofme-testing-controller';
export * from './provide-proofme-testing';
export * from './proofme-harnesses';
