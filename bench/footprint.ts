// Footprint: the bytes proofme-ng adds to an app, side by side with the official @proofmeid/webrtc-web.
//
//   npx tsx bench/footprint.ts [--fresh] [--own-only]      (after `npm run build`)
//
// (a) The library's own FESM code, minified (esbuild, production defines), gzip -9 and brotli -11:
//     whole files as the old bench/library-size.mjs printed them, then the FESM as an Angular app
//     build sees it (the Angular linker plus the CLI's own babel passes: pure annotations, static
//     members wrapped, metadata elided; the same calls @angular/build makes), so that esbuild can
//     tree-shake it into subsets: protocol only; protocol+config+session (a headless ProofmeService);
//     everything. Angular, rxjs, the CDK and angularx-qrcode stay external.
// (c) The official @proofmeid/webrtc-web@0.1.3, installed in a temp folder with --ignore-scripts
//     (never in the project), bundled for the browser by esbuild with its dependencies, Node built-ins
//     replaced by empty modules (the least it could weigh in a page).
// Both sides: packages installed and node_modules size. Ours = what `npm install proofme-ng` adds to
// a fresh Angular app: the packed tarball plus its peers a fresh app lacks (angularx-qrcode, @angular/cdk),
// installed with --legacy-peer-deps so the peers every Angular app has (core, common, rxjs) stay out.
import { build, Plugin } from 'esbuild';
import { transformAsync } from '@babel/core';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import { Bytes, bytesOf, kb, mb, printTable, ratio, ROOT, run } from './lib/measure';
import { InstallFootprint, npmInstall, scratchDir } from './lib/scratch';

const DIST = join(ROOT, 'dist/proofme-ng');
const FESM = join(DIST, 'fesm2022');
const OFFICIAL_WEB = '@proofmeid/webrtc-web@0.1.3';

/** What the Angular CLI defines in a production build: dev-mode branches drop out. */
const PRODUCTION_DEFINES = { ngDevMode: 'false', ngJitMode: 'false', ngI18nClosureMode: 'false' };
const ANGULAR_SIDE = ['@angular/*', 'rxjs', 'rxjs/*', 'angularx-qrcode', 'tslib'];

export interface FootprintRow {
  readonly name: string;
  readonly bytes: Bytes;
}

export interface FootprintResult {
  readonly library: FootprintRow[];
  readonly official: FootprintRow[];
  readonly installs: { name: string; install: InstallFootprint; note: string }[];
  readonly tables: string[];
}

async function minify(entry: string, options: { external?: string[]; plugins?: Plugin[]; resolveDir?: string; defines?: boolean } = {}): Promise<string> {
  const result = await build({
    stdin: { contents: entry, resolveDir: options.resolveDir ?? ROOT, loader: 'js' },
    bundle: true,
    minify: true,
    write: false,
    format: 'esm',
    target: 'es2022',
    platform: 'browser',
    legalComments: 'none',
    logLevel: 'silent',
    external: options.external,
    plugins: options.plugins,
    define: options.defines === false ? { global: 'globalThis' } : { ...PRODUCTION_DEFINES, global: 'globalThis' },
  });
  return result.outputFiles[0].text;
}

/** Value exports of a library source folder's index.ts (esbuild reads them; types vanish). */
async function exportsOf(folder: string): Promise<string[]> {
  const result = await build({
    entryPoints: [join(ROOT, 'projects/proofme-ng/src/lib', folder, 'index.ts')],
    bundle: true,
    write: false,
    format: 'esm',
    metafile: true,
    packages: 'external',
    logLevel: 'silent',
    outdir: '/tmp/unused',
  });
  return Object.values(result.metafile.outputs).flatMap((output) => output.exports);
}

/** Node built-ins as empty modules, like webpack 5's `resolve.fallback: false`. */
const emptyNodeBuiltins: Plugin = {
  name: 'empty-node-builtins',
  setup(pluginBuild) {
    const names = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));
    pluginBuild.onResolve({ filter: /.*/ }, (args) => (names.has(args.path.replace(/\/$/, '')) ? { path: args.path, namespace: 'empty' } : undefined));
    pluginBuild.onLoad({ filter: /.*/, namespace: 'empty' }, () => ({ contents: 'module.exports = {};', loader: 'js' }));
  },
};

/**
 * The FESM linked and optimised as `ng build` does before bundling (see @angular/build's
 * javascript-transformer-worker): without this, the partial declarations (`ɵɵngDeclare*` in static
 * fields) look side-effectful and no bundler can drop an unused component.
 */
async function linkedFesm(file: string, outName = 'proofme-ng.linked.mjs'): Promise<string> {
  const linkerBabel = (await import('@angular/compiler-cli/linker/babel')) as unknown as {
    createEs2015LinkerPlugin(options: object): object;
  };
  // @angular/build does not export its babel plugins; load them by path, as its worker does.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const plugins = require(join(ROOT, 'node_modules/@angular/build/src/tools/babel/plugins/index.js')) as Record<string, object>;
  const quiet = { level: 2, debug() {}, info() {}, warn: console.warn, error: console.error };
  const linker = linkerBabel.createEs2015LinkerPlugin({
    linkerJitMode: false,
    sourceMapping: false,
    logger: quiet,
    fileSystem: { resolve, exists: existsSync, dirname, relative, readFile: readFileSync },
  });
  const result = await transformAsync(readFileSync(file, 'utf8'), {
    filename: file,
    compact: false,
    configFile: false,
    babelrc: false,
    browserslistConfigFile: false,
    plugins: [
      linker,
      [plugins['markTopLevelPure'], { topLevelSafeMode: true }],
      plugins['elideAngularMetadata'],
      plugins['adjustTypeScriptEnums'],
      [plugins['adjustStaticMembers'], { wrapDecorators: true }],
    ],
  });
  const out = join(scratchDir('linked'), outName);
  writeFileSync(out, result?.code ?? '');
  return out;
}

async function packOurs(): Promise<string> {
  const dir = scratchDir('pack');
  const out = await run('npm', ['pack', DIST, '--pack-destination', dir, '--loglevel=error']);
  const name = out.trim().split('\n').filter(Boolean).pop() as string;
  return join(dir, name);
}

export async function footprint(options: { fresh?: boolean; ownOnly?: boolean } = {}): Promise<FootprintResult> {
  if (!existsSync(join(FESM, 'proofme-ng.mjs'))) throw new Error(`No ${FESM}/proofme-ng.mjs: run \`npm run build\` first.`);
  const tables: string[] = [];
  const fesm = await linkedFesm(join(FESM, 'proofme-ng.mjs'), 'proofme-ng.subsets.linked.mjs');

  // (a) whole files, then subsets.
  const library: FootprintRow[] = [];
  for (const file of readdirSync(FESM).filter((f) => f.endsWith('.mjs'))) {
    const code = readFileSync(join(FESM, file), 'utf8');
    const min = await minify(`export * from ${JSON.stringify(join(FESM, file))};`, { external: [...ANGULAR_SIDE, 'proofme-ng'] });
    library.push({ name: `${file} (whole file; raw ${kb(code.length)})`, bytes: bytesOf(min) });
  }
  // Entry points by file name: dist/proofme-ng/fesm2022/proofme-ng.mjs is the primary entry and
  // proofme-ng-<name>.mjs the secondary ones, so this reads the library before and after its split
  // into proofme-ng/protocol, proofme-ng and proofme-ng/components.
  const entries = new Map<string, string>();
  for (const file of readdirSync(FESM).filter((f) => /^proofme-ng(-[a-z-]+)?\.mjs$/.test(f))) {
    const name = file === 'proofme-ng.mjs' ? 'proofme-ng' : `proofme-ng/${file.slice('proofme-ng-'.length, -'.mjs'.length)}`;
    if (name !== 'proofme-ng/testing') entries.set(name, await linkedFesm(join(FESM, file), file.replace(/\.mjs$/, '.linked.mjs')));
  }
  // One entry importing another resolves to that entry's linked file, so a bundle of several holds each once.
  const linkedEntries: Plugin = {
    name: 'linked-entries',
    setup(pluginBuild) {
      pluginBuild.onResolve({ filter: /^proofme-ng(\/[a-z-]+)?$/ }, (args) => {
        const path = entries.get(args.path);
        return path ? { path } : undefined;
      });
    },
  };
  const bundleOf = async (names: string[]) =>
    bytesOf(await minify(names.map((n) => `export * from ${JSON.stringify(n)};`).join('\n'), { external: ANGULAR_SIDE, plugins: [linkedEntries] }));
  let protocolOnly: Bytes;
  let core: Bytes;
  let all: Bytes;
  const split = entries.has('proofme-ng/protocol');
  if (split) {
    protocolOnly = await bundleOf(['proofme-ng/protocol']);
    core = await bundleOf(['proofme-ng/protocol', 'proofme-ng']);
    all = await bundleOf([...entries.keys()]);
    for (const name of entries.keys()) library.push({ name: `linked: ${name} alone (its imports of other entries included)`, bytes: await bundleOf([name]) });
  } else {
    // One entry point still: subsets by the source folders that become the entries.
    const protocol = await exportsOf('protocol');
    const headless = [...protocol, ...(await exportsOf('config')), ...(await exportsOf('session'))];
    const subset = (names: string[]) => `export { ${[...new Set(names)].join(', ')} } from ${JSON.stringify(fesm)};`;
    protocolOnly = bytesOf(await minify(subset(protocol), { external: ANGULAR_SIDE }));
    core = bytesOf(await minify(subset(headless), { external: ANGULAR_SIDE }));
    all = bytesOf(await minify(`export * from ${JSON.stringify(fesm)};`, { external: ANGULAR_SIDE }));
  }
  const target = (bytes: Bytes, goalKb: number) => `${kb(bytes.gzip)} gzip, target ≤ ${goalKb} KB: ${bytes.gzip <= goalKb * 1024 ? 'met' : 'not met'}`;
  library.push(
    { name: `linked as ng build links it: protocol only${split ? ' (proofme-ng/protocol)' : ''}`, bytes: protocolOnly },
    { name: `linked: headless, protocol + primary${split ? '' : ' (protocol+config+session)'}`, bytes: core },
    { name: 'linked: components+i18n on top (all − headless)', bytes: { raw: all.raw - core.raw, gzip: all.gzip - core.gzip, brotli: all.brotli - core.brotli } },
    { name: 'linked: every entry point except testing (all exports)', bytes: all },
  );
  console.log(`\nSize targets (issue 13, printed, not asserted): every entry but testing ${target(all, 10)}; headless ${target(core, 6)}.`);
  tables.push(
    printTable(
      '1a. proofme-ng own code (FESM, production defines, Angular/rxjs/CDK/angularx-qrcode external)',
      ['bundle', 'minified', 'gzip', 'brotli'],
      library.map((r) => [r.name, kb(r.bytes.raw), kb(r.bytes.gzip), kb(r.bytes.brotli)]),
    ),
  );

  // --own-only: the library's own sizes (1a) without the npm installs of (c) and (d).
  if (options.ownOnly) return { library, official: [], installs: [], tables };

  // (c) the official package, bundled for the browser.
  const officialInstall = await npmInstall('official-web', [OFFICIAL_WEB], [], options.fresh);
  const entry = `export { WebRtcProvider } from '@proofmeid/webrtc-web';`;
  const officialAll = bytesOf(await minify(entry, { resolveDir: officialInstall.dir, plugins: [emptyNodeBuiltins], defines: false }));
  const officialNoRx = bytesOf(
    await minify(entry, { resolveDir: officialInstall.dir, plugins: [emptyNodeBuiltins], external: ['rxjs', 'rxjs/*', 'tslib'], defines: false }),
  );
  const ownFile = bytesOf(readFileSync(join(officialInstall.dir, 'node_modules/@proofmeid/webrtc-web/proofmeid-webrtc-web.js')));
  const official: FootprintRow[] = [
    { name: 'webrtc-web.js as published (already minified, deps not included)', bytes: ownFile },
    { name: 'bundled for the browser, all deps (web3, …), Node built-ins empty', bytes: officialAll },
    { name: 'same, rxjs+tslib shared with the app (external)', bytes: officialNoRx },
  ];
  const oursAll = all;
  tables.push(
    printTable(
      `1c. ${OFFICIAL_WEB} for the browser (esbuild, minified), and the ratio to proofme-ng's own code (${kb(oursAll.gzip)} gzip)`,
      ['bundle', 'minified', 'gzip', 'brotli', '× ours (gzip)', '× ours (brotli)'],
      official.map((r) => [r.name, kb(r.bytes.raw), kb(r.bytes.gzip), kb(r.bytes.brotli), ratio(r.bytes.gzip, oursAll.gzip), ratio(r.bytes.brotli, oursAll.brotli)]),
    ),
  );

  // Installs, both sides.
  const tarball = await packOurs();
  const oursInstall = await npmInstall('ours-install', [tarball, 'angularx-qrcode@21.0.x', '@angular/cdk@21.2.x'], ['--legacy-peer-deps'], true);
  const installs = [
    { name: 'proofme-ng (tarball) + angularx-qrcode + @angular/cdk', install: oursInstall, note: '--ignore-scripts --legacy-peer-deps: Angular core/common and rxjs are already in any Angular app' },
    { name: OFFICIAL_WEB, install: officialInstall, note: '--ignore-scripts: the native @koush/wrtc build never ran, so this is a lower bound' },
  ];
  const listed = (dir: string) =>
    Object.keys((JSON.parse(readFileSync(join(dir, 'package-lock.json'), 'utf8')) as { packages: Record<string, unknown> }).packages)
      .filter((k) => k.startsWith('node_modules/'))
      .map((k) => k.replace(/^.*node_modules\//, ''));
  tables.push(
    printTable(
      '1d. What `npm install` adds (temp folders, never the project)',
      ['install', 'packages', 'node_modules', 'note'],
      installs.map((i) => [i.name, String(i.install.packages), mb(i.install.nodeModulesBytes), i.note]),
    ),
  );
  console.log(`\nours: ${listed(oursInstall.dir).join(', ')}`);
  return { library, official, installs, tables };
}

if (require.main === module) {
  footprint({ fresh: process.argv.includes('--fresh'), ownOnly: process.argv.includes('--own-only') }).catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
