// Integration tests: the session over real sockets in plain Node, where `ws` and the signaling
// server run as they do in production (no jsdom, no browser shims).
const { createCjsPreset } = require('jest-preset-angular/presets');
const library = require('../../jest.config.js');

/** @type {import('jest').Config} */
module.exports = {
  ...createCjsPreset({ tsconfig: '<rootDir>/tsconfig.spec.json' }),
  displayName: 'proofme-ng-integration',
  rootDir: '../..',
  testEnvironment: 'node',
  testMatch: ['<rootDir>/test/integration/**/*.spec.ts'],
  moduleNameMapper: library.moduleNameMapper,
};
