export * from './preflight-report';
export * from './proofme-preflight';
