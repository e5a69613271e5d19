export * from './proofme-state';
export * from './reconnect-delay';
export * from './proofme-session';
export * from './proofme.service';
