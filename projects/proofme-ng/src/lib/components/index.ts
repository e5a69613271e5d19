export * from './qr/proofme-qr';
export * from './mobile-button/proofme-mobile-button';
export * from './status/proofme-status';
export * from './status/proofme-status-template';
export * from './identification/proofme-identification';
