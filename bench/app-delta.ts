// Footprint (b): a blank Angular 21 app against the same app with <proofme-identification> (and with a
// headless ProofmeService only), built by the workspace's Angular CLI in a temp workspace
// (bench/lib/angular-workspace.ts). Initial production bundle bytes, raw/gzip/brotli, each file
// compressed on its own as a server would send it.
//
//   npx tsx bench/app-delta.ts      (after `npm run build`)
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { buildApp, initialFiles, prepareWorkspace } from './lib/angular-workspace';
import { addBytes, Bytes, bytesOf, kb, printTable, ZERO_BYTES } from './lib/measure';

export interface AppDeltaResult {
  readonly apps: { name: string; files: string[]; bytes: Bytes }[];
  /** identification − blank. */
  readonly delta: Bytes;
  readonly tables: string[];
}

const APPS = ['blank', 'headless', 'identification'] as const;

export async function appDelta(): Promise<AppDeltaResult> {
  const workspace = prepareWorkspace(APPS);
  const apps = [];
  for (const name of APPS) {
    const dir = await buildApp(workspace, name);
    const files = initialFiles(dir);
    const bytes = files.map((file) => bytesOf(readFileSync(file))).reduce(addBytes, ZERO_BYTES);
    apps.push({ name, files: files.map((f) => basename(f)), bytes });
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
  console.log('\nblank: the root component only; headless: + ProofmeService.connect() and a status text; identification: + <proofme-identification> (QR via angularx-qrcode/qrcode, status, mobile button, CDK live announcer).');
  return { apps, delta, tables };
}

if (require.main === module) {
  appDelta().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
