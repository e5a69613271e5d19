// A throw-away Angular workspace in the temp folder, built with this repository's Angular CLI. Its
// node_modules is a folder of symlinks to the repository's packages plus `proofme-ng` → the built
// dist/proofme-ng, so an app imports the library exactly as an npm user would. The repository's
// angular.json is never touched.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync, copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, run } from './measure';
import { scratchDir } from './scratch';

const APPS = join(ROOT, 'bench/apps');

function linkNodeModules(workspace: string): void {
  const target = join(workspace, 'node_modules');
  rmSync(target, { recursive: true, force: true });
  mkdirSync(target);
  const source = join(ROOT, 'node_modules');
  for (const entry of readdirSync(source)) {
    if (entry === 'proofme-ng') continue;
    symlinkSync(join(source, entry), join(target, entry));
  }
  symlinkSync(join(ROOT, 'dist/proofme-ng'), join(target, 'proofme-ng'));
}

function project(name: string) {
  return {
    projectType: 'application',
    root: `apps/${name}`,
    sourceRoot: `apps/${name}`,
    prefix: 'app',
    architect: {
      build: {
        builder: '@angular/build:application',
        options: {
          browser: `apps/${name}/main.ts`,
          index: 'apps/index.html',
          tsConfig: `apps/${name}/tsconfig.app.json`,
          outputPath: `out/${name}`,
          allowedCommonJsDependencies: ['qrcode'],
          // esbuild's metafile (out/<name>/stats.json): app-delta reads which packages the bytes come from.
          statsJson: true,
          styles: [],
        },
        configurations: { production: { outputHashing: 'all' } },
        defaultConfiguration: 'production',
      },
    },
  };
}

/** Creates (or refreshes) the workspace with the apps under bench/apps/<name>/main.ts. */
export function prepareWorkspace(names: readonly string[]): string {
  const workspace = scratchDir('ng-workspace');
  if (!existsSync(join(ROOT, 'dist/proofme-ng/package.json'))) throw new Error('No dist/proofme-ng: run `npm run build` first.');
  linkNodeModules(workspace);
  writeFileSync(
    join(workspace, 'angular.json'),
    JSON.stringify({ version: 1, newProjectRoot: 'apps', cli: { analytics: false }, projects: Object.fromEntries(names.map((n) => [n, project(n)])) }, null, 2),
  );
  writeFileSync(
    join(workspace, 'tsconfig.json'),
    JSON.stringify(
      {
        compilerOptions: {
          strict: true,
          skipLibCheck: true,
          isolatedModules: true,
          experimentalDecorators: true,
          importHelpers: true,
          target: 'ES2022',
          module: 'preserve',
          moduleResolution: 'bundler',
          lib: ['ES2022', 'dom'],
        },
        angularCompilerOptions: { strictTemplates: true },
      },
      null,
      2,
    ),
  );
  writeFileSync(join(workspace, 'package.json'), JSON.stringify({ name: 'bench-workspace', private: true }, null, 2));
  mkdirSync(join(workspace, 'apps'), { recursive: true });
  copyFileSync(join(APPS, 'index.html'), join(workspace, 'apps/index.html'));
  for (const name of names) {
    const dir = join(workspace, 'apps', name);
    mkdirSync(dir, { recursive: true });
    copyFileSync(join(APPS, name, 'main.ts'), join(dir, 'main.ts'));
    writeFileSync(join(dir, 'tsconfig.app.json'), JSON.stringify({ extends: '../../tsconfig.json', files: ['main.ts'] }, null, 2));
  }
  return workspace;
}

/** `ng build <name>` (production) in the workspace; returns the browser output folder. */
export async function buildApp(workspace: string, name: string): Promise<string> {
  await run(process.execPath, [join(ROOT, 'node_modules/@angular/cli/bin/ng.js'), 'build', name], {
    cwd: workspace,
    env: { ...process.env, NG_CLI_ANALYTICS: 'false', NG_FORCE_TTY: 'false' },
  });
  return join(workspace, 'out', name, 'browser');
}

/** The files index.html loads up front: module scripts, modulepreloads and stylesheets. */
export function initialFiles(browserDir: string): string[] {
  const html = readFileSync(join(browserDir, 'index.html'), 'utf8');
  const refs = [...html.matchAll(/<(?:script[^>]*\ssrc|link[^>]*\shref)="([^"]+\.(?:m?js|css))"/g)].map((m) => m[1]);
  return [...new Set(refs)].map((ref) => join(browserDir, ref));
}
