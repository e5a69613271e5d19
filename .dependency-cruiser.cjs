// The dependency rules `npm test` enforces (scripts/deps-check.mjs runs them; `npm run deps`).
// Layering, bottom up: proofme-ng/protocol (pure TS) ← proofme-ng (config ← session ← preflight,
// api, i18n) ← proofme-ng/components ← proofme-ng/testing; everything outside the library reaches
// it only through an entry point's name ('proofme-ng/protocol', …), which the root tsconfig `paths`
// map to that entry's public-api.ts. The library's own specs (beside the code and in test/) may
// reach internals and import the testing kit, so they are left out of the cruise.
const LIB = '^projects/proofme-ng/';
const PROTOCOL = `${LIB}protocol/src/`;
const PRIMARY = `${LIB}src/`;
const COMPONENTS = `${LIB}components/src/`;
const TESTING = `${LIB}testing/src/`;
const ENTRIES = `${LIB}(?:src|protocol/src|components/src|testing/src)/`;
// An import by entry-point name: resolved through the tsconfig `paths`, never a relative path.
const BY_NAME = ['aliased-tsconfig-paths'];
const OUTSIDE = '^(?:projects/(?:signaling-server|demo-app)|e2e|bench)/';
// Jest configs share the entry-point map (projects/proofme-ng/entry-points.js): build config, not library code.
const ENTRY_MAP = `${LIB}entry-points\\.js$`;

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'A module must not reach itself again through its imports.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'no-folder-cycles',
      comment: 'Folders form layers: a folder must not reach itself again (config ↔ session was one).',
      severity: 'error',
      scope: 'folder',
      from: {},
      to: { circular: true },
    },
    {
      name: 'not-to-unresolvable',
      comment: 'Every import resolves; otherwise the rules below would pass for the wrong reason.',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
    {
      name: 'protocol-imports-nothing',
      comment: 'proofme-ng/protocol is pure TypeScript: no Angular, no RxJS, no Node, no other library code.',
      severity: 'error',
      from: { path: PROTOCOL },
      to: { pathNot: PROTOCOL },
    },
    {
      name: 'primary-needs-only-core-common-rxjs',
      comment: "proofme-ng needs only @angular/core, @angular/common and rxjs (and tslib): no CDK, no QR code, no platform-browser.",
      severity: 'error',
      from: { path: PRIMARY },
      to: { dependencyTypes: ['npm', 'npm-dev', 'npm-peer', 'npm-optional', 'npm-no-pkg', 'npm-unknown', 'core'], pathNot: '(?:^|/)node_modules/(?:@angular/core|@angular/common|rxjs|tslib)/' },
    },
    {
      name: 'primary-not-above-it',
      comment: 'proofme-ng never imports the components or the testing kit.',
      severity: 'error',
      from: { path: PRIMARY },
      to: { path: `${LIB}(?:components|testing)/` },
    },
    {
      name: 'components-through-entries',
      comment: "proofme-ng/components reaches the rest only through 'proofme-ng' (and 'proofme-ng/protocol'), never by relative path.",
      severity: 'error',
      from: { path: COMPONENTS },
      to: { path: `${LIB}(?:src|protocol/src)/`, dependencyTypesNot: BY_NAME },
    },
    {
      name: 'components-not-testing',
      comment: 'The components never import the testing kit.',
      severity: 'error',
      from: { path: COMPONENTS },
      to: { path: `${LIB}testing/` },
    },
    {
      name: 'testing-through-entries',
      comment: 'proofme-ng/testing reaches the library only through its public entry points.',
      severity: 'error',
      from: { path: TESTING },
      to: { path: `${LIB}(?:src|protocol/src|components/src)/`, dependencyTypesNot: BY_NAME },
    },
    {
      name: 'outside-through-entries',
      comment: "The server, the demo, e2e and the benches import the library by entry-point name ('proofme-ng/protocol', …), never its files.",
      severity: 'error',
      from: { path: OUTSIDE },
      to: { path: LIB, pathNot: ENTRY_MAP, dependencyTypesNot: BY_NAME },
    },
    {
      name: 'entries-only-by-public-api',
      comment: "An entry point's name maps to its public-api.ts and nothing else.",
      severity: 'error',
      from: { pathNot: LIB },
      to: { path: ENTRIES, pathNot: `${ENTRIES}public-api\\.ts$` },
    },
    {
      name: 'server-only-protocol',
      comment: "The signaling server is plain Node: of the library it imports only 'proofme-ng/protocol'.",
      severity: 'error',
      from: { path: '^projects/signaling-server/' },
      to: { path: LIB, pathNot: [PROTOCOL, ENTRY_MAP] },
    },
    {
      name: 'library-not-apps',
      comment: 'Nothing in the library imports the server, the demo, e2e or the benches.',
      severity: 'error',
      from: { path: LIB },
      to: { path: OUTSIDE },
    },
  ],
  options: {
    // The library's specs and its test/ folder reach internals on purpose (see the header).
    exclude: { path: ['^dist/', `${LIB}.*\\.spec\\.ts$`, `${LIB}test/`, `${LIB}schematics/`] },
    doNotFollow: { path: '(?:^|/)node_modules/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'], extensions: ['.ts', '.mjs', '.js', '.d.ts', '.json'] },
  },
};
