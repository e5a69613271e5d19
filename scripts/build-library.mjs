// `npm run build`: the library with ng-packagr, then the ng-add schematics into the same package.
// ng-packagr wipes dist/proofme-ng, so the schematics come second; they are CommonJS inside a
// package ng-packagr marks as ESM, hence their own package.json.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const source = join(root, 'projects/proofme-ng/schematics');
const dist = join(root, 'dist/proofme-ng');
const distSchematics = join(dist, 'schematics');

function run(script, args) {
  console.log(`> ${script} ${args.join(' ')}`);
  const result = spawnSync(process.execPath, [join(root, script), ...args], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

/** Files under `dir` (recursively) that the compiled schematics read at run time. */
function assets(dir) {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))
    .filter((file) => /(?:^|[\\/])(?:collection|schema)\.json$/.test(file) || /[\\/]files[\\/]/.test(file));
}

run('node_modules/@angular/cli/bin/ng.js', ['build', 'proofme-ng']);
run('node_modules/typescript/bin/tsc', ['-p', 'projects/proofme-ng/tsconfig.schematics.json']);

for (const file of assets(source)) {
  const target = join(distSchematics, relative(source, file));
  mkdirSync(dirname(target), { recursive: true });
  copyFileSync(file, target);
}
writeFileSync(join(distSchematics, 'package.json'), `${JSON.stringify({ type: 'commonjs' }, null, 2)}\n`);

// ng-packagr's .npmignore drops every nested package.json; without this one the CLI loads the
// schematics as ESM and `ng add` says "The package does not provide any ng add actions".
const npmignore = join(dist, '.npmignore');
const keep = '!schematics/package.json';
const ignored = existsSync(npmignore) ? readFileSync(npmignore, 'utf8') : '';
if (!ignored.split(/\r?\n/).includes(keep)) {
  writeFileSync(npmignore, `${ignored}${ignored === '' || ignored.endsWith('\n') ? '' : '\n'}${keep}\n`);
}
console.log(`Schematics built into ${relative(root, distSchematics)}`);
