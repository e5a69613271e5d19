// The stability specs again, in an app that loads zone.js and uses provideZoneChangeDetection():
// the library must leave such an app stable while it waits for the phone, as it does a zoneless one.
// The README's "Testing your page" spec runs here too: users' zone.js apps copy it as well.
const { createCjsPreset } = require('jest-preset-angular/presets');
const library = require('../../jest.config.js');

/** @type {import('jest').Config} */
module.exports = {
  ...createCjsPreset({ tsconfig: '<rootDir>/tsconfig.spec.json' }),
  displayName: 'proofme-ng-zone',
  rootDir: '../..',
  testEnvironment: 'jest-preset-angular/environments/jest-jsdom-env',
  setupFilesAfterEnv: ['<rootDir>/test/zone/setup-jest-zone.ts'],
  testMatch: ['<rootDir>/test/stability/**/*.spec.ts', '<rootDir>/test/readme/verify-page.spec.ts'],
  moduleNameMapper: library.moduleNameMapper,
};
