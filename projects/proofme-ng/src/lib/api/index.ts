export * from './api-models';
export * from './proofme-api';
