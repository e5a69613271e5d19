/*
 * Public API Surface of proofme-ng
 */
export * from './lib/protocol';
export * from './lib/config';
export * from './lib/session';
export * from './lib/api';
export * from './lib/preflight';
export * from './lib/i18n';
export * from './lib/components';
