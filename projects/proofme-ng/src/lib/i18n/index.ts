export * from './proofme-labels';
export * from './labels-en';
export * from './labels-nl';
export * from './with-labels';
