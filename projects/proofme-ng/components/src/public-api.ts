/*
 * Public API Surface of proofme-ng/components: the four components. This entry is the only code
 * that imports @angular/cdk, angularx-qrcode and @angular/platform-browser, so a headless app (only
 * `ProofmeService` from 'proofme-ng') installs none of them. Every export is named and reviewed:
 * goldens/proofme-ng/components.api.md records them.
 */
export { ProofmeQr, type ProofmeQrErrorCorrection } from './qr/proofme-qr';
export { ProofmeMobileButton, type ProofmeMobileButtonMode } from './mobile-button/proofme-mobile-button';
export { ProofmeStatus } from './status/proofme-status';
export { ProofmeStatusTemplate, type ProofmeStatusAction, type ProofmeStatusContext } from './status/proofme-status-template';
export { ProofmeIdentification } from './identification/proofme-identification';
