// One harness per file; this file keeps the old import path working for the entry point's list.
export { ProofmeIdentificationHarness, type ProofmeIdentificationHarnessFilters } from './proofme-identification-harness';
export { ProofmeMobileButtonHarness, type ProofmeMobileButtonHarnessFilters } from './proofme-mobile-button-harness';
export { ProofmeQrHarness, type ProofmeQrHarnessFilters } from './proofme-qr-harness';
export { ProofmeStatusHarness, type ProofmeStatusHarnessFilters } from './proofme-status-harness';
