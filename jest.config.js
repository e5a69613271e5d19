// One Jest run over every project; each project keeps its own environment (jsdom or node).

// jsdom's WebSocket and fetch dispatch through undici's global dispatcher, which the first undici to
// load installs on globalThis. Node 20's built-in fetch carries an older undici: if a Node-project
// test calls fetch() before any jsdom test opens a socket, jsdom gets that older Agent and the run
// dies with "InvalidArgumentError: invalid onError method". Loading the npm undici here, in the
// process that runs the tests, installs its Agent first (Node's fetch accepts it).
require('undici');
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
