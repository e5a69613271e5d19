const { createCjsPreset } = require('jest-preset-angular/presets');

/** @type {import('jest').Config} */
module.exports = {
  ...createCjsPreset({ tsconfig: '<rootDir>/tsconfig.spec.json' }),
  displayName: 'proofme-ng',
  testEnvironment: 'jest-preset-angular/environments/jest-jsdom-env',
  setupFilesAfterEnv: ['<rootDir>/test/setup-jest.ts'],
  testMatch: [
    '<rootDir>/src/**/*.spec.ts',
    '<rootDir>/protocol/**/*.spec.ts',
    '<rootDir>/components/**/*.spec.ts',
    '<rootDir>/testing/**/*.spec.ts',
    '<rootDir>/test/**/*.spec.ts',
  ],
  // Server rendering and the socket integration tests run in Node projects of their own.
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/ssr/', '<rootDir>/test/integration/'],
  moduleNameMapper: {
    // Jest ignores the `browser` field; qrcode's server build renders text instead of SVG.
    '^qrcode$': require.resolve('qrcode/lib/browser.js'),
    // The entry points by name, as the root tsconfig `paths` map them for the demo.
    ...require('./entry-points').moduleNameMapper('<rootDir>'),
    // The stability specs run a real `ws` server inside jsdom, whose `browser` condition picks ws's stub.
    '^ws$': require.resolve('ws'),
  },
};
