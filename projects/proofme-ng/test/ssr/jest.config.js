// Server-side rendering runs in plain Node, like a real SSR server: no jsdom, no browser test setup.
const { createCjsPreset } = require('jest-preset-angular/presets');
const library = require('../../jest.config.js');

/** @type {import('jest').Config} */
module.exports = {
  ...createCjsPreset({ tsconfig: '<rootDir>/tsconfig.spec.json' }),
  displayName: 'proofme-ng-ssr',
  rootDir: '../..',
  testEnvironment: 'node',
  testMatch: ['<rootDir>/test/ssr/**/*.spec.ts'],
  moduleNameMapper: {
    ...library.moduleNameMapper,
    '^\\.\\./third_party/domino/bundled-domino\\.mjs$': '<rootDir>/test/ssr/domino-interop.js',
  },
};
