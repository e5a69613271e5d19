// `npm run deps` / the dependency step of `npm test`: dependency-cruiser with .dependency-cruiser.cjs
// over the library, the server, the demo, e2e and the benches. Each rule counts as one test in the
// closing line: it passes when nothing breaks it. Violations recorded in
// .dependency-cruiser-known-violations.json (the server's cycles, older than these rules) are
// reported but do not fail; that file should only shrink. `--json <file>` writes {passed, failed}.
import { cruise } from 'dependency-cruiser';
import extractTSConfig from 'dependency-cruiser/config-utl/extract-ts-config';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);
const args = process.argv.slice(2);
const jsonOut = args.includes('--json') ? args[args.indexOf('--json') + 1] : undefined;
const SCANNED = ['projects/proofme-ng', 'projects/signaling-server', 'projects/demo-app', 'e2e', 'bench'];

const config = createRequire(import.meta.url)('../.dependency-cruiser.cjs');
const knownFile = join(root, '.dependency-cruiser-known-violations.json');
const known = existsSync(knownFile) ? JSON.parse(readFileSync(knownFile, 'utf8')) : [];
const result = await cruise(
  SCANNED,
  { ruleSet: { forbidden: config.forbidden }, ...config.options, validate: true },
  undefined,
  { tsConfig: extractTSConfig(join(root, config.options.tsConfig.fileName)) },
);
// Matched here rather than by dependency-cruiser's own `knownViolations`, which skips folder-scope rules.
const key = (v) => JSON.stringify([v.rule.name, v.from, v.to, (v.cycle ?? []).map((step) => step.name ?? step)]);
const knownKeys = new Set(known.map(key));
const violations = result.output.summary.violations.map((v) => (knownKeys.has(key(v)) ? { ...v, rule: { ...v.rule, severity: 'ignore' } } : v));
const describe = (v) => [v.from, ...(v.cycle ?? []).map((step) => step.name ?? step), ...(v.cycle ? [] : [v.to])].join(' → ');
let failed = 0;
for (const rule of config.forbidden) {
  const broken = violations.filter((v) => v.rule.name === rule.name);
  const errors = broken.filter((v) => v.rule.severity === 'error');
  const ignored = broken.filter((v) => v.rule.severity === 'ignore');
  if (errors.length > 0) failed += 1;
  console.log(`${errors.length === 0 ? '✓' : '✗'} ${rule.name}${ignored.length ? ` (${ignored.length} known, in ${knownFile.slice(root.length + 1)})` : ''}`);
  for (const v of errors) console.log(`    ${describe(v)}`);
}
const passed = config.forbidden.length - failed;
const { totalCruised, totalDependenciesCruised } = result.output.summary;
console.log(`\nDependency rules: ${passed} passed, ${failed} failed (${totalCruised} modules, ${totalDependenciesCruised} dependencies)`);
if (jsonOut) writeFileSync(jsonOut, JSON.stringify({ passed, failed }));
process.exit(failed === 0 ? 0 : 1);
