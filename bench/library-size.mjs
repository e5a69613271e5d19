// Prints the size of the built library's FESM bundles: raw, minified, gzip and brotli.
// Run after `npm run build`: `node bench/library-size.mjs`.
import { transform } from 'esbuild';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, gzipSync, constants } from 'node:zlib';

const dir = 'dist/proofme-ng/fesm2022';
const files = readdirSync(dir).filter((file) => file.endsWith('.mjs'));
if (files.length === 0) {
  console.error(`No bundles in ${dir}: run \`npm run build\` first.`);
  process.exit(1);
}

const kb = (bytes) => `${(bytes / 1024).toFixed(2)} KB`;
const rows = [];
for (const file of files) {
  const code = readFileSync(join(dir, file), 'utf8');
  const { code: min } = await transform(code, { minify: true, format: 'esm', target: 'es2022', legalComments: 'none' });
  rows.push({
    bundle: file,
    raw: kb(code.length),
    minified: kb(min.length),
    gzip: kb(gzipSync(min, { level: 9 }).length),
    brotli: kb(brotliCompressSync(min, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length),
  });
}
console.table(rows);
