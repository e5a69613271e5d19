export * from './proofme-config';
export * from './tokens';
export * from './provide-proofme';
