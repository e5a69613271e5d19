const { createCjsPreset } = require('jest-preset-angular/presets');

// The ng-add schematic runs in Node: SchematicTestRunner over workspaces made by @schematics/angular.
/** @type {import('jest').Config} */
module.exports = {
  ...createCjsPreset({ tsconfig: '<rootDir>/tsconfig.spec.json' }),
  displayName: 'proofme-ng-schematics',
  testEnvironment: 'node',
  testMatch: ['<rootDir>/**/*.spec.ts'],
  moduleNameMapper: {
    // ESM-only, pulled in by @angular-devkit/schematics/tasks; the tests never run an install.
    '^ora$': '<rootDir>/test/ora-stub.js',
  },
};
