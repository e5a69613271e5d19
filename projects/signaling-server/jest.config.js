// The signaling server and phone simulator: plain Node, real sockets on 127.0.0.1.
/** @type {import('jest').Config} */
module.exports = {
  displayName: 'signaling-server',
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json' }] },
  moduleFileExtensions: ['ts', 'js', 'json'],
  // The library's protocol by its package name, as the root tsconfig `paths` map it for tsc and tsx.
  moduleNameMapper: require('../proofme-ng/entry-points').moduleNameMapper('<rootDir>/../proofme-ng', ['proofme-ng/protocol']),
  testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/test/**/*.spec.ts'],
  // Sockets and child processes: a stuck test must fail, not hang the whole run.
  testTimeout: 15000,
};
