/*
 * Public API Surface of proofme-ng/testing: a fake transport with a controller to script it, and
 * component harnesses. Every export is named and reviewed: goldens/proofme-ng/testing.api.md
 * records them.
 */
export { ProofmeTestingController, TEST_CHANNEL_ID, TestProofmeConnection } from './proofme-testing-controller';
export { provideProofmeTesting } from './provide-proofme-testing';
export { ProofmeIdentificationHarness, type ProofmeIdentificationHarnessFilters } from './proofme-identification-harness';
export { ProofmeMobileButtonHarness, type ProofmeMobileButtonHarnessFilters } from './proofme-mobile-button-harness';
export { ProofmeQrHarness, type ProofmeQrHarnessFilters } from './proofme-qr-harness';
export { ProofmeStatusHarness, type ProofmeStatusHarnessFilters } from './proofme-status-harness';
