// `npm test`: the dependency rules, every Jest project, the library build with its API reports,
// then the Chromium end-to-end tests, then the closing line CI reads ("N passed, N failed"). Each
// dependency rule and each API check counts as one test. `npm test -- --jest-only` skips the
// browser; other arguments go to Jest.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureChromium } from './ensure-chromium.mjs';

const args = process.argv.slice(2);
const jestOnly = args.includes('--jest-only');
const jestArgs = args.filter((arg) => arg !== '--jest-only');

// Before anything runs: a missing browser stops the run at once with the command that fixes it,
// instead of a failure at the end.
if (!jestOnly) {
  try {
    process.env.CHROME_PATH = ensureChromium();
  } catch (error) {
    console.error(error.message);
    process.exit(1);
  }
}
const dir = mkdtempSync(join(tmpdir(), 'proofme-tests-'));

/** Runs a command and reads its JSON report; a report it never wrote counts as one failure. */
function run(label, command, commandArgs, reportFile, count, env = {}) {
  console.log(`\n=== ${label} ===\n`);
  const result = spawnSync(process.execPath, [command, ...commandArgs], { stdio: 'inherit', env: { ...process.env, ...env } });
  try {
    return { ...count(JSON.parse(readFileSync(reportFile, 'utf8'))), ok: result.status === 0 };
  } catch {
    return { passed: 0, failed: 1, ok: false };
  }
}

const depsReport = join(dir, 'deps.json');
const jestReport = join(dir, 'jest.json');
const apiReport = join(dir, 'api.json');
const results = [
  run('Dependency rules (dependency-cruiser)', 'scripts/deps-check.mjs', ['--json', depsReport], depsReport, (r) => r),
  run('Jest: library, schematics, server, SSR', 'node_modules/jest/bin/jest.js', ['--runInBand', '--json', `--outputFile=${jestReport}`, ...jestArgs], jestReport, (r) => ({
    passed: r.numPassedTests,
    failed: r.numFailedTests + r.numRuntimeErrorTestSuites,
  })),
];

// The API checks read the built package: build it now, so they never judge a stale dist.
console.log('\n=== Library build (for the API reports) ===\n');
const build = spawnSync(process.execPath, ['scripts/build-library.mjs'], { stdio: 'inherit' });
results.push(
  build.status === 0
    ? run('Public API: goldens, typings and run-time exports', 'scripts/api-check.mjs', ['--json', apiReport], apiReport, (r) => r)
    : { passed: 0, failed: 1, ok: false },
);

if (!jestOnly) {
  const e2eReport = join(dir, 'e2e.json');
  results.push(
    run('Playwright: the demo in Chromium', 'node_modules/@playwright/test/cli.js', ['test', '-c', 'e2e/playwright.config.ts'], e2eReport, (r) => ({
      passed: r.stats.expected + r.stats.flaky,
      failed: r.stats.unexpected + (r.errors?.length ?? 0),
    }), { PLAYWRIGHT_JSON_OUTPUT_NAME: e2eReport }),
  );
}
rmSync(dir, { recursive: true, force: true });

const passed = results.reduce((sum, r) => sum + r.passed, 0);
const failed = results.reduce((sum, r) => sum + r.failed, 0);
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(results.every((r) => r.ok) && failed === 0 ? 0 : 1);
