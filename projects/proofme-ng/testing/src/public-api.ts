/*
 * Public API Surface of proofme-ng/testing
 */
export * from './proofme-testing-controller';
export * from './provide-proofme-testing';
export * from './proofme-harnesses';
