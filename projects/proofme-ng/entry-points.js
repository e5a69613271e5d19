// The library's entry points and their sources, in one place: every Jest config maps the package
// names to sources with this, as the root tsconfig `paths` do for the demo, tsx and ts-jest.

/** Entry point → its public-api file, relative to projects/proofme-ng. */
const ENTRY_POINTS = {
  'proofme-ng': 'src/public-api.ts',
  'proofme-ng/protocol': 'protocol/src/public-api.ts',
  'proofme-ng/components': 'components/src/public-api.ts',
  'proofme-ng/testing': 'testing/src/public-api.ts',
};

/** Jest `moduleNameMapper` entries for the entry points; `libraryRoot` is projects/proofme-ng (or `<rootDir>`). */
function moduleNameMapper(libraryRoot, names = Object.keys(ENTRY_POINTS)) {
  return Object.fromEntries(names.map((name) => [`^${name}$`, `${libraryRoot}/${ENTRY_POINTS[name]}`]));
}

module.exports = { ENTRY_POINTS, moduleNameMapper };
