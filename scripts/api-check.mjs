// `npm run api:update` / the API step of `npm test`: the public API of each entry point is a
// reviewed file (goldens/proofme-ng/<entry>.api.md, written by API Extractor from the built
// typings), and three views of it must agree:
//   1. the report in the repository  ==  the report API Extractor makes from dist's typings;
//   2. the names the typings export  ==  the names the report lists;
//   3. the values the FESM exports at run time  ==  the values the typings declare.
// (3) catches what typings hide: an `@internal` symbol stripped from the .d.ts still ships in the
// JavaScript. The FESM is parsed, not imported: it imports Angular, which does not load in Node.
// Reads dist/proofme-ng: build first (`npm test` does). `--update` rewrites the goldens instead of
// comparing them; `--json <file>` writes {passed, failed} for scripts/test.mjs.
import { Extractor, ExtractorConfig } from '@microsoft/api-extractor';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist/proofme-ng');
const goldens = join(root, 'goldens/proofme-ng');
const args = process.argv.slice(2);
const update = args.includes('--update');
const jsonOut = args.includes('--json') ? args[args.indexOf('--json') + 1] : undefined;

/** Every entry point: its import name, the golden's base name, its typings and FESM in dist. */
export const ENTRY_POINTS = [
  { name: 'proofme-ng', golden: 'index', file: 'proofme-ng' },
  { name: 'proofme-ng/protocol', golden: 'protocol', file: 'proofme-ng-protocol' },
  { name: 'proofme-ng/components', golden: 'components', file: 'proofme-ng-components' },
  { name: 'proofme-ng/testing', golden: 'testing', file: 'proofme-ng-testing' },
].map((entry) => ({ ...entry, typings: join(dist, 'types', `${entry.file}.d.ts`), fesm: join(dist, 'fesm2022', `${entry.file}.mjs`) }));

/** The names an ES module's closing `export { a, b as c };` statement exports (what ng-packagr's FESM ends with). */
export function fesmExports(code) {
  const statements = [...code.matchAll(/^export\s*\{([^}]*)\}\s*;?\s*$/gm)];
  if (statements.length !== 1 || /^export\s+(?:default|const|let|var|function|class|\*)/m.test(code)) {
    throw new Error('expected exactly one `export { … };` statement and no other export form');
  }
  return statements[0][1]
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => part.split(/\s+as\s+/).pop())
    .sort();
}

/** The names a typings file exports, and which of them are values (exist at run time). */
export function typingsExports(file) {
  const program = ts.createProgram([file], {
    noEmit: true,
    skipLibCheck: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    // The entries import each other by package name: resolve those to dist's own typings.
    paths: Object.fromEntries(ENTRY_POINTS.map((entry) => [entry.name, [entry.typings]])),
  });
  const checker = program.getTypeChecker();
  const module = checker.getSymbolAtLocation(program.getSourceFile(file));
  const all = [];
  const values = [];
  for (const symbol of checker.getExportsOfModule(module)) {
    const target = symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
    all.push(symbol.name);
    if (target.flags & ts.SymbolFlags.Value) values.push(symbol.name);
  }
  return { all: all.sort(), values: values.sort() };
}

/** The names an API Extractor report exports: top-level `export …` declarations and `export { a as b }`. */
export function reportExports(markdown) {
  const names = new Set();
  for (const match of markdown.matchAll(/^export (?:declare )?(?:abstract )?(?:const|let|function|class|interface|type|enum|namespace) ([\w$ɵ]+)/gmu)) {
    names.add(match[1]);
  }
  for (const match of markdown.matchAll(/^export \{([^}]*)\}/gm)) {
    for (const part of match[1].split(',')) if (part.trim()) names.add(part.trim().split(/\s+as\s+/).pop());
  }
  return [...names].sort();
}

const work = join(root, 'node_modules/.cache/proofme-api');

/**
 * Copies each entry's typings into a scratch folder whose node_modules/proofme-ng links to dist.
 * In dist itself, `import … from 'proofme-ng/protocol'` is a self-reference of the package, which
 * API Extractor takes for the entry's own code ("forgotten export"); from the scratch folder it
 * resolves through node_modules, as an app's does: an import from another entry point.
 */
function prepareWorkFolder() {
  rmSync(work, { recursive: true, force: true });
  mkdirSync(join(work, 'node_modules'), { recursive: true });
  symlinkSync(dist, join(work, 'node_modules/proofme-ng'), 'dir');
  for (const entry of ENTRY_POINTS) if (existsSync(entry.typings)) copyFileSync(entry.typings, join(work, `${entry.file}.d.ts`));
}

/** Runs API Extractor on one entry's typings; writes the golden with `update`, else compares with it. */
function extract(entry) {
  const config = ExtractorConfig.prepare({
    configObject: {
      projectFolder: root,
      mainEntryPointFilePath: join(work, `${entry.file}.d.ts`),
      bundledPackages: [],
      compiler: {
        // No `paths`: the entries import each other by package name, resolved through node_modules
        // (see prepareWorkFolder).
        overrideTsconfig: {
          compilerOptions: { target: 'ES2022', module: 'ESNext', moduleResolution: 'bundler', skipLibCheck: true, strict: true },
          files: [join(work, `${entry.file}.d.ts`)],
        },
      },
      apiReport: { enabled: true, reportFolder: goldens, reportTempFolder: join(work, 'reports'), reportFileName: `${entry.golden}.api.md` },
      docModel: { enabled: false },
      dtsRollup: { enabled: false },
      tsdocMetadata: { enabled: false },
      messages: {
        // Angular's typings use `ɵ` members and no release tags; the report is the review, not the tags.
        // Undocumented members show as `// (undocumented)` in the report itself, where review sees them.
        extractorMessageReporting: {
          default: { logLevel: 'warning' },
          'ae-missing-release-tag': { logLevel: 'none' },
          'ae-undocumented': { logLevel: 'none' },
        },
        tsdocMessageReporting: { default: { logLevel: 'none' } },
        compilerMessageReporting: { default: { logLevel: 'warning' } },
      },
    },
    configObjectFullPath: join(root, 'api-extractor.json'),
    packageJsonFullPath: join(dist, 'package.json'),
  });
  const messages = [];
  const result = Extractor.invoke(config, {
    localBuild: update,
    showVerboseMessages: false,
    messageCallback: (message) => {
      message.handled = true;
      // "The report changed / was copied" is the outcome itself, reported below; not a problem of its own.
      if (String(message.messageId).startsWith('console-api-report')) return;
      if (message.logLevel === 'error' || message.logLevel === 'warning') messages.push(message.formatMessageWithLocation(root));
    },
  });
  return { ok: result.succeeded && !(result.apiReportChanged && !update), changed: result.apiReportChanged, messages };
}

const checks = [];
function check(name, problems) {
  checks.push({ name, ok: problems.length === 0 });
  console.log(`${problems.length === 0 ? '✓' : '✗'} ${name}`);
  for (const problem of problems) console.log(`    ${problem}`);
}
/** What is in `a` and not in `b`, and the other way round, as readable lines. */
function difference(aName, a, bName, b) {
  const onlyA = a.filter((n) => !b.includes(n));
  const onlyB = b.filter((n) => !a.includes(n));
  return [...(onlyA.length ? [`only in ${aName}: ${onlyA.join(', ')}`] : []), ...(onlyB.length ? [`only in ${bName}: ${onlyB.join(', ')}`] : [])];
}

const isMain = process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1];
if (isMain) {
  prepareWorkFolder();
  for (const entry of ENTRY_POINTS) {
    if (!existsSync(entry.typings) || !existsSync(entry.fesm)) {
      check(`${entry.name}: built`, [`no ${entry.typings} or ${entry.fesm}: run \`npm run build\` first`]);
      continue;
    }
    const extracted = extract(entry);
    const goldenFile = join(goldens, `${entry.golden}.api.md`);
    check(
      `${entry.name}: goldens/proofme-ng/${entry.golden}.api.md is up to date`,
      extracted.ok
        ? extracted.messages
        : [...extracted.messages, extracted.changed ? 'the API changed: review it, then `npm run api:update` and commit the golden' : 'API Extractor failed'],
    );
    const typings = typingsExports(entry.typings);
    const report = existsSync(goldenFile) ? reportExports(readFileSync(goldenFile, 'utf8')) : [];
    check(`${entry.name}: typings and report export the same names (${typings.all.length})`, difference('typings', typings.all, 'report', report));
    let runtime = [];
    let problems = [];
    try {
      runtime = fesmExports(readFileSync(entry.fesm, 'utf8'));
    } catch (error) {
      problems = [`${entry.fesm}: ${error.message}`];
    }
    check(
      `${entry.name}: run-time exports match the typings' values (${runtime.length} vs ${typings.values.length})`,
      [...problems, ...difference('the FESM', runtime, 'the typings', typings.values)],
    );
  }
  const passed = checks.filter((c) => c.ok).length;
  const failed = checks.length - passed;
  if (jsonOut) writeFileSync(jsonOut, JSON.stringify({ passed, failed }));
  console.log(`\nAPI checks: ${passed} passed, ${failed} failed${update ? ' (goldens updated)' : ''}`);
  process.exit(failed === 0 ? 0 : 1);
}
