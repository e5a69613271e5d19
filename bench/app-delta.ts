// Footprint (b): a blank Angular 21 app against the same app with <proofme-identification> (and with a
// headless ProofmeService only), built by the workspace's Angular CLI in a temp workspace
// (bench/lib/angular-workspace.ts). Initial production bundle bytes, raw/gzip/brotli, each file
// compressed on its own as a server would send it.
//
//   npx tsx bench/app-delta.ts      (after `npm run build`)
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { buildApp, initialFiles, prepareWorkspace } from './lib/angular-workspace';
import { addBytes, Bytes, bytesOf, kb, printTable, ZERO_BYTES } from './lib/measure';

export interface AppDeltaResult {
  readonly apps: { name: string; files: string[]; bytes: Bytes }[];
  /** identification − blank. */
  readonly delta: Bytes;
  readonly tables: string[];
}

const APPS = ['blank', 'headless', 'identification'] as const;

/** Minified bytes per source package in the app's initial files, from esbuild's metafile (stats.json). */
function bytesByPackage(browserDir: string, files: readonly string[]): Map<string, number> {
  const stats = join(dirname(browserDir), 'stats.json');
  const byPackage = new Map<string, number>();
  if (!existsSync(stats)) return byPackage;
  const meta = JSON.parse(readFileSync(stats, 'utf8')) as { outputs: Record<string, { inputs: Record<string, { bytesInOutput: number }> }> };
  const initial = new Set(files.map((f) => basename(f)));
  for (const [output, { inputs }] of Object.entries(meta.outputs)) {
    if (!initial.has(basename(output))) continue;
    for (const [input, { bytesInOutput }] of Object.entries(inputs)) {
      // node_modules/@scope/name/… or node_modules/name/…; the CDK and Angular split by entry point, the rest by package.
      const match = /node_modules\/((?:@angular\/(?:cdk|common|core|platform-browser)\/fesm2022\/[^/]+?)|(?:@[^/]+\/[^/]+)|[^/]+)(?:\/|$)/.exec(input);
      const key = match ? match[1].replace('/fesm2022/', '/').replace(/\.mjs$/, '') : input.startsWith('apps/') ? 'app code' : input;
      byPackage.set(key, (byPackage.get(key) ?? 0) + bytesInOutput);
    }
  }
  return byPackage;
}

export async function appDelta(): Promise<AppDeltaResult> {
  const workspace = prepareWorkspace(APPS);
  const apps = [];
  const packages = new Map<string, Map<string, number>>();
  for (const name of APPS) {
    const dir = await buildApp(workspace, name);
    const files = initialFiles(dir);
    const bytes = files.map((file) => bytesOf(readFileSync(file))).reduce(addBytes, ZERO_BYTES);
    apps.push({ name, files: files.map((f) => basename(f)), bytes });
    packages.set(name, bytesByPackage(dir, files));
  }
  const blank = apps[0].bytes;
  const minus = (b: Bytes): Bytes => ({ raw: b.raw - blank.raw, gzip: b.gzip - blank.gzip, brotli: b.brotli - blank.brotli });
  const delta = minus(apps[2].bytes);
  const tables = [
    printTable(
      '1b. Initial production bundle of an Angular 21 app (ng build, temp workspace, proofme-ng from dist)',
      ['app', 'initial files', 'raw', 'gzip', 'brotli', 'Δ raw', 'Δ gzip', 'Δ brotli'],
      apps.map((a) => {
        const d = minus(a.bytes);
        return [a.name, String(a.files.length), kb(a.bytes.raw), kb(a.bytes.gzip), kb(a.bytes.brotli), kb(d.raw), kb(d.gzip), kb(d.brotli)];
      }),
    ),
  ];
  // What <proofme-identification> brings, package by package (minified, before compression: the
  // metafile has no per-input gzip figure), against the blank app.
  const blankPackages = packages.get('blank') ?? new Map<string, number>();
  const identification = packages.get('identification') ?? new Map<string, number>();
  const grown = [...identification]
    .map(([pkg, bytes]) => [pkg, bytes - (blankPackages.get(pkg) ?? 0)] as const)
    .filter(([, bytes]) => bytes > 200)
    .sort((a, b) => b[1] - a[1]);
  if (grown.length) {
    tables.push(
      printTable(
        '1b′. What the identification app adds over the blank one, by package (minified bytes in the initial files, esbuild metafile)',
        ['package (entry)', 'minified Δ'],
        grown.map(([pkg, bytes]) => [pkg, kb(bytes)]),
      ),
    );
  }
  const target = delta.gzip <= 32 * 1024 ? 'met' : 'not met';
  console.log(`\nSize target (issue 13, printed, not asserted): app delta of <proofme-identification> ${kb(delta.gzip)} gzip, target ≤ 32 KB: ${target}.`);
  console.log('\nblank: the root component only; headless: + ProofmeService.connect() and a status text; identification: + <proofme-identification> (QR via angularx-qrcode/qrcode, status, mobile button, CDK live announcer).');
  return { apps, delta, tables };
}

if (require.main === module) {
  appDelta().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
