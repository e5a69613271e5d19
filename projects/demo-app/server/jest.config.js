// The demo's Node side: the integrator backend and the demo server, over real HTTP on 127.0.0.1.
/** @type {import('jest').Config} */
module.exports = {
  displayName: 'demo-server',
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json' }] },
  moduleFileExtensions: ['ts', 'js', 'json'],
  // The signaling server it starts imports the library's protocol by name, as the root tsconfig `paths` map it.
  moduleNameMapper: require('../../proofme-ng/entry-points').moduleNameMapper('<rootDir>/../../proofme-ng', ['proofme-ng/protocol']),
  testMatch: ['<rootDir>/**/*.spec.ts'],
  testTimeout: 15000,
};
