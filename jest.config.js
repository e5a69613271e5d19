// One Jest run over every project; each project keeps its own environment (jsdom or node).
/** @type {import('jest').Config} */
module.exports = {
  projects: [
    '<rootDir>/projects/proofme-ng',
    '<rootDir>/projects/proofme-ng/test/ssr',
    '<rootDir>/projects/proofme-ng/test/zone',
    '<rootDir>/projects/proofme-ng/test/integration',
    '<rootDir>/projects/proofme-ng/schematics',
    '<rootDir>/projects/signaling-server',
    '<rootDir>/projects/demo-app/server',
  ],
};
