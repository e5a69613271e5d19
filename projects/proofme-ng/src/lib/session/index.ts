export * from './proofme-state';
export * from './proofme-session';
export * from './proofme.service';
