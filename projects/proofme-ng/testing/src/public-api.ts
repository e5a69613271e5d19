/*
 * Public API Surface of proofme-ng/testing: a fake transport with a controller to script it, and
 * component harnesses. Every export is named and reviewed: goldens/proofme-ng/testing.api.md
 * records them.
 */
export { FakeWebSocket } from './fake-websocket';
export { ProofmeTestingController, TEST_CHANNEL_ID, TestProofmeConnection } from './proofme-testing-controller';
export { provideProofmeTesting } from './provide-proofme-testing';
export { ProofmeMobileButtonHarness, ProofmeQrHarness, ProofmeStatusHarness } from './proofme-harnesses';
