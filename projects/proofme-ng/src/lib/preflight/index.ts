export * from './preflight-report';
export * from './preflight-runner';
export * from './proofme-preflight';
export * from './with-preflight';
