import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import * as ts from 'typescript';
import { COMPONENT_USAGE, providerUsage } from './index';

// Guards for what broke ng add on Angular 22 and for docs that drift from what ng add prints.

const schematicsRoot = join(__dirname, '..');
const repoRoot = join(schematicsRoot, '../../..');

/**
 * What the shipped schematic may load: its own files, Node's, the CLI's schematics runtime, the
 * public utility entry of @schematics/angular, and `typescript` (every Angular workspace has it).
 * Another package's internal files come and go between its versions (@schematics/angular 22.2
 * removed `third_party/.../typescript`, and ng add silently did nothing).
 */
const ALLOWED = [/^\.\.?\//, /^node:/, /^@angular-devkit\/(core|schematics)$/, /^@schematics\/angular\/utility$/, /^typescript$/];

function shippedSources(): string[] {
  return readdirSync(schematicsRoot, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts') && !file.endsWith('.spec.ts') && !file.startsWith('test'))
    .map((file) => join(schematicsRoot, file));
}

/** Modules a file loads: import/export declarations, `require('…')` and `import('…')`. */
function specifiers(file: string, code: string): string[] {
  const found: string[] = [];
  const walk = (node: ts.Node): void => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      found.push(node.moduleSpecifier.text);
    } else if (ts.isCallExpression(node) && node.arguments.length > 0 && ts.isStringLiteralLike(node.arguments[0])) {
      const callee = node.expression;
      if (callee.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(callee) && callee.text === 'require')) {
        found.push(node.arguments[0].text);
      }
    }
    ts.forEachChild(node, walk);
  };
  walk(ts.createSourceFile(file, code, ts.ScriptTarget.Latest, true));
  return found;
}

function disallowed(files: ReadonlyMap<string, string>): string[] {
  const bad: string[] = [];
  for (const [file, code] of files) {
    if (code.includes('third_party')) bad.push(`${file}: mentions third_party`);
    for (const specifier of specifiers(file, code)) {
      if (!ALLOWED.some((allowed) => allowed.test(specifier))) bad.push(`${file}: ${specifier}`);
    }
  }
  return bad;
}

describe('the shipped schematic', () => {
  it('has sources to check (the guard below is not vacuous)', () => {
    expect(shippedSources().map((file) => relative(schematicsRoot, file))).toEqual(
      expect.arrayContaining([join('ng-add', 'index.ts'), join('ng-add', 'demo-component.ts')]),
    );
  });

  it("imports no other package's internal files (sources)", () => {
    const files = new Map(shippedSources().map((file) => [relative(schematicsRoot, file), readFileSync(file, 'utf8')]));
    expect(disallowed(files)).toEqual([]);
  });

  it("imports no other package's internal files, and requires typescript rather than bundling it (compiled)", () => {
    const configPath = join(schematicsRoot, '../tsconfig.schematics.json');
    const { config } = ts.readConfigFile(configPath, ts.sys.readFile);
    const { options } = ts.parseJsonConfigFileContent(config, ts.sys, dirname(configPath));
    const compiled = new Map(
      shippedSources().map((file) => [
        relative(schematicsRoot, file).replace(/\.ts$/, '.js'),
        ts.transpileModule(readFileSync(file, 'utf8'), { compilerOptions: options, fileName: file }).outputText,
      ]),
    );
    expect(disallowed(compiled)).toEqual([]);
    expect(compiled.get(join('ng-add', 'ast.js'))).toMatch(/require\("typescript"\)/);
  });

  it('lists no typescript dependency of its own (the workspace provides it, at its own version)', () => {
    const manifest = JSON.parse(readFileSync(join(schematicsRoot, '../package.json'), 'utf8')) as Record<string, unknown>;
    for (const section of ['dependencies', 'peerDependencies']) {
      expect(Object.keys((manifest[section] as Record<string, string> | undefined) ?? {})).not.toContain('typescript');
    }
  });
});

describe('what ng add prints is what the READMEs show', () => {
  const readmes = ['README.md', 'projects/proofme-ng/README.md'];

  it.each(readmes)('%s has the by-hand import and provider lines and the component usage', (readme) => {
    const text = readFileSync(join(repoRoot, readme), 'utf8');
    for (const line of [...providerUsage(), ...COMPONENT_USAGE]) expect(text).toContain(line);
  });

  it.each(readmes)('%s has an app.config.ts snippet with the provider in its providers', (readme) => {
    const text = readFileSync(join(repoRoot, readme), 'utf8');
    const [importLine, call] = providerUsage();
    const snippet = /```ts\n\/\/ app\.config\.ts\n([\s\S]*?)```/.exec(text)?.[1] ?? '';
    expect(snippet).toContain(importLine);
    expect(snippet).toMatch(new RegExp(`providers: \\[[^\\]]*${call.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
  });
});
