// @angular/platform-server's .mjs files import domino's default export. Jest turns each .mjs into
// CommonJS with esbuild in Node mode, where a default import is the whole `module.exports`, so the
// bundled domino arrives as `{ default: domino }`. Hand it over as `module.exports` itself.
const bundled = require.resolve('@angular/platform-server').replace(/fesm2022[\\/].*$/, 'third_party/domino/bundled-domino.mjs');

module.exports = require(bundled).default;
