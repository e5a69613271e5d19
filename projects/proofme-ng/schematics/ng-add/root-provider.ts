import { Tree } from '@angular-devkit/schematics';
import { posix } from 'node:path';
import { Insertion, appendToArrayProperty, arrayPropertyHas, decoratorMetadata, importInsertion, parse, ts, unwrap } from './ast';

/** Where the app's root providers live: an application config or root NgModule metadata literal. */
export interface ProvidersHost {
  readonly path: string;
  readonly source: ts.SourceFile;
  /** The `ApplicationConfig` object or the `@NgModule({...})` metadata. */
  readonly literal: ts.ObjectLiteralExpression;
}

/** Either the host, or why it was not found (said to the user next to the by-hand lines). */
export type HostSearch = { readonly host: ProvidersHost } | { readonly reason: string };

/** How deep `import './bootstrap'` chains are followed from the main file. */
const MAX_IMPORT_DEPTH = 4;

/** tsconfig `paths`, with the directory its targets are relative to. */
interface PathAliases {
  readonly base: string;
  readonly paths: Readonly<Record<string, readonly string[]>>;
}

/**
 * Finds the object that holds the app's root providers, starting at the main file. Unlike
 * @schematics/angular's `addRootProvider`, it follows imports through tsconfig `paths` aliases and
 * finds a bootstrap call moved into a file that main.ts imports (statically or with `import()`).
 */
export function findProvidersHost(tree: Tree, mainPath: string, tsconfigPath: string | undefined): HostSearch {
  const aliases = readPathAliases(tree, tsconfigPath);
  const seen = new Set<string>();
  const visit = (path: string, depth: number): HostSearch | undefined => {
    if (seen.has(path) || depth > MAX_IMPORT_DEPTH) return undefined;
    seen.add(path);
    const source = parse(tree, path);
    const call = findBootstrapCall(source);
    if (call) return hostFromBootstrap(tree, source, call, aliases);
    for (const specifier of moduleSpecifiers(source)) {
      const next = resolveModule(tree, path, specifier, aliases);
      const found = next && visit(next, depth + 1);
      if (found) return found;
    }
    return undefined;
  };
  const mainFile = normalize(mainPath);
  if (!tree.exists(mainFile)) return { reason: `the main file ${mainPath} does not exist` };
  return (
    visit(mainFile, 0) ?? {
      reason: `found no bootstrapApplication() or bootstrapModule() call in ${mainPath} or the files it imports`,
    }
  );
}

/** Adds `import { provideProofme }` and the provider call to the host; undefined if it cannot. */
export function providerInsertions(host: ProvidersHost, symbol: string, module: string, call: string): Insertion[] | undefined {
  const provider = appendToArrayProperty(host.source, host.literal, 'providers', call);
  return provider && [...importInsertion(host.source, symbol, module), ...provider];
}

/** Whether the host's providers already call `symbol(...)`. */
export function hostProvides(host: ProvidersHost, symbol: string): boolean {
  return arrayPropertyHas(host.literal, 'providers', symbol);
}

type BootstrapCall = { readonly kind: 'application' | 'module'; readonly call: ts.CallExpression };

function findBootstrapCall(source: ts.SourceFile): BootstrapCall | undefined {
  let found: BootstrapCall | undefined;
  const walk = (node: ts.Node): void => {
    if (found) return;
    if (ts.isCallExpression(node)) {
      const callee = node.expression;
      const name = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : '';
      if (name === 'bootstrapApplication') found = { kind: 'application', call: node };
      else if (name === 'bootstrapModule') found = { kind: 'module', call: node };
    }
    ts.forEachChild(node, walk);
  };
  walk(source);
  return found;
}

function hostFromBootstrap(tree: Tree, source: ts.SourceFile, bootstrap: BootstrapCall, aliases: PathAliases | undefined): HostSearch {
  const where = source.fileName;
  const argument = bootstrap.call.arguments[bootstrap.kind === 'application' ? 1 : 0];
  if (!argument) {
    return {
      reason:
        bootstrap.kind === 'application'
          ? `bootstrapApplication() in ${where} has no config argument`
          : `bootstrapModule() in ${where} has no module argument`,
    };
  }
  const expression = unwrap(argument);
  if (bootstrap.kind === 'application' && ts.isObjectLiteralExpression(expression)) {
    return { host: { path: where, source, literal: expression } };
  }
  if (!ts.isIdentifier(expression)) {
    return { reason: `the ${bootstrap.kind === 'application' ? 'config' : 'module'} in ${where} is not a plain name` };
  }
  const declaration = findDeclaration(tree, source, expression.text, aliases);
  if ('reason' in declaration) return declaration;
  const { file, node } = declaration;
  if (bootstrap.kind === 'module') {
    const metadata = ts.isClassDeclaration(node) ? decoratorMetadata(node, 'NgModule') : undefined;
    return metadata
      ? { host: { path: file.fileName, source: file, literal: metadata } }
      : { reason: `${expression.text} in ${file.fileName} is not an @NgModule({...}) class` };
  }
  const initializer = ts.isVariableDeclaration(node) && node.initializer ? unwrap(node.initializer) : undefined;
  return initializer && ts.isObjectLiteralExpression(initializer)
    ? { host: { path: file.fileName, source: file, literal: initializer } }
    : { reason: `${expression.text} in ${file.fileName} is not an object literal (e.g. mergeApplicationConfig(...))` };
}

type Declaration = { readonly file: ts.SourceFile; readonly node: ts.Node } | { readonly reason: string };

/** The class or variable `name` refers to in `source`: declared there or imported from a file of the app. */
function findDeclaration(tree: Tree, source: ts.SourceFile, name: string, aliases: PathAliases | undefined): Declaration {
  const local = declarationIn(source, name, false);
  if (local) return { file: source, node: local };
  for (const statement of source.statements) {
    if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier)) continue;
    const bindings = statement.importClause?.namedBindings;
    if (!bindings || !ts.isNamedImports(bindings)) continue;
    const element = bindings.elements.find((e) => e.name.text === name);
    if (!element) continue;
    const specifier = statement.moduleSpecifier.text;
    const target = resolveModule(tree, source.fileName, specifier, aliases);
    if (!target) {
      return {
        reason: `cannot resolve '${specifier}' imported by ${source.fileName}${
          isRelative(specifier) ? '' : ' (not a relative path, and no tsconfig "paths" entry matches it)'
        }`,
      };
    }
    const file = parse(tree, target);
    const exported = declarationIn(file, (element.propertyName ?? element.name).text, true);
    return exported ? { file, node: exported } : { reason: `${target} does not declare ${name} itself` };
  }
  return { reason: `${name} is neither declared nor imported by name in ${source.fileName}` };
}

function declarationIn(source: ts.SourceFile, name: string, exported: boolean): ts.Node | undefined {
  const isExported = (node: ts.Node) =>
    !exported || (ts.canHaveModifiers(node) && !!ts.getModifiers(node)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword));
  for (const statement of source.statements) {
    if (ts.isClassDeclaration(statement) && statement.name?.text === name && isExported(statement)) return statement;
    if (ts.isVariableStatement(statement) && isExported(statement)) {
      const declaration = statement.declarationList.declarations.find((d) => ts.isIdentifier(d.name) && d.name.text === name);
      if (declaration) return declaration;
    }
  }
  return undefined;
}

/** Specifiers of static imports, re-exports and `import('...')` calls in a file. */
function moduleSpecifiers(source: ts.SourceFile): string[] {
  const specifiers: string[] = [];
  const walk = (node: ts.Node): void => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      specifiers.push(node.moduleSpecifier.text);
    } else if (
      ts.isCallExpression(node) &&
      node.expression.kind === ts.SyntaxKind.ImportKeyword &&
      node.arguments[0] &&
      ts.isStringLiteralLike(node.arguments[0])
    ) {
      specifiers.push(node.arguments[0].text);
    }
    ts.forEachChild(node, walk);
  };
  walk(source);
  return specifiers;
}

function isRelative(specifier: string): boolean {
  return specifier.startsWith('./') || specifier.startsWith('../');
}

function normalize(path: string): string {
  return posix.normalize(`/${path.replace(/\\/g, '/')}`);
}

/** A relative or tsconfig-aliased specifier as a .ts file of the tree; packages stay unresolved. */
function resolveModule(tree: Tree, from: string, specifier: string, aliases: PathAliases | undefined): string | undefined {
  if (isRelative(specifier)) return existingFile(tree, posix.join(posix.dirname(from), specifier));
  if (!aliases) return undefined;
  for (const [pattern, targets] of Object.entries(aliases.paths)) {
    const star = pattern.indexOf('*');
    let matched: string | undefined;
    if (star < 0) {
      matched = pattern === specifier ? '' : undefined;
    } else {
      const prefix = pattern.slice(0, star);
      const suffix = pattern.slice(star + 1);
      if (specifier.startsWith(prefix) && specifier.endsWith(suffix) && specifier.length >= prefix.length + suffix.length) {
        matched = specifier.slice(prefix.length, specifier.length - suffix.length);
      }
    }
    if (matched === undefined) continue;
    for (const target of targets) {
      const file = existingFile(tree, posix.join(aliases.base, target.replace('*', matched)));
      if (file) return file;
    }
  }
  return undefined;
}

function existingFile(tree: Tree, path: string): string | undefined {
  const base = normalize(path);
  const stem = base.replace(/\.(?:js|mjs|ts|mts)$/, '');
  const candidates = [base, `${stem}.ts`, `${stem}.mts`, `${base}/index.ts`];
  return candidates.find((candidate) => candidate.endsWith('ts') && tree.exists(candidate));
}

/**
 * The `paths` that apply to the app's tsconfig, following relative `extends` (the nearest config
 * that sets `paths` wins). Targets are relative to `baseUrl` if one is set, else to the config that
 * declares `paths`, as in TypeScript. Comments and trailing commas are read by TypeScript's own parser.
 */
function readPathAliases(tree: Tree, tsconfigPath: string | undefined): PathAliases | undefined {
  let path: string | undefined = tsconfigPath ? normalize(tsconfigPath) : '/tsconfig.json';
  let paths: Record<string, string[]> | undefined;
  let pathsDir: string | undefined;
  let baseUrl: string | undefined;
  const seen = new Set<string>();
  while (path && tree.exists(path) && !seen.has(path)) {
    seen.add(path);
    const { config } = ts.readConfigFile(path, (file) => tree.readText(file));
    const options = (config?.compilerOptions ?? {}) as { paths?: unknown; baseUrl?: unknown };
    if (!paths && options.paths && typeof options.paths === 'object') {
      paths = options.paths as Record<string, string[]>;
      pathsDir = posix.dirname(path);
    }
    if (baseUrl === undefined && typeof options.baseUrl === 'string') baseUrl = posix.join(posix.dirname(path), options.baseUrl);
    const parent: unknown = config?.extends;
    path = typeof parent === 'string' && isRelative(parent) ? normalize(posix.join(posix.dirname(path), parent)) : undefined;
    if (path && !path.endsWith('.json')) path = `${path}.json`;
  }
  if (!paths || !pathsDir) return undefined;
  const valid = Object.fromEntries(Object.entries(paths).filter(([, targets]) => Array.isArray(targets)));
  return { base: baseUrl ?? pathsDir, paths: valid };
}
