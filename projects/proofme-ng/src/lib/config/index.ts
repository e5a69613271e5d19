export * from './proofme-config';
export * from './tokens';
export * from './provide-proofme';
export * from './network-online';
export * from './page-visible';
