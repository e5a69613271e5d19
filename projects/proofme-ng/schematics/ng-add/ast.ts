// TypeScript comes from the `typescript` package of the workspace ng add runs in: the CLI installs
// proofme-ng into that workspace's node_modules, so `require('typescript')` in the compiled schematic
// resolves to the app's own compiler (5.9 on Angular 21, 6.0 on Angular 22). tsc leaves the require
// as it is (nothing is bundled or pinned), and proofme-ng does not list it: every Angular workspace
// has it. Only APIs that are stable across 5.x and 6.x are used (parsing, not type checking).
// Never take it from another package's internal files: @schematics/angular 22.2 dropped its copy,
// and the CLI then reported "no ng add actions" instead of running ng add.
import * as ts from 'typescript';
import { Tree } from '@angular-devkit/schematics';

export { ts };

/** Parses a file of the tree with parent pointers (needed for `getStart()`/`getText()`). */
export function parse(tree: Tree, path: string): ts.SourceFile {
  return ts.createSourceFile(path, tree.readText(path), ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
}

/** Text put at a position of the original text, replacing `remove` characters there. */
export interface Insertion {
  readonly at: number;
  readonly text: string;
  readonly remove?: number;
}

/** Applies insertions (positions in the original text) in one recorder. */
export function applyInsertions(tree: Tree, path: string, insertions: readonly Insertion[]): void {
  if (insertions.length === 0) return;
  const recorder = tree.beginUpdate(path);
  for (const insertion of insertions) {
    if (insertion.remove) recorder.remove(insertion.at, insertion.remove);
    recorder.insertLeft(insertion.at, insertion.text);
  }
  tree.commitUpdate(recorder);
}

/** The object literal passed to `@<decorator>({...})` on a class. */
export function decoratorMetadata(node: ts.ClassDeclaration, decorator: string): ts.ObjectLiteralExpression | undefined {
  for (const modifier of ts.getDecorators(node) ?? []) {
    const call = modifier.expression;
    if (
      ts.isCallExpression(call) &&
      ts.isIdentifier(call.expression) &&
      call.expression.text === decorator &&
      call.arguments.length === 1 &&
      ts.isObjectLiteralExpression(call.arguments[0])
    ) {
      return call.arguments[0];
    }
  }
  return undefined;
}

/** A `name: value` property of an object literal. */
export function property(literal: ts.ObjectLiteralExpression, name: string): ts.PropertyAssignment | undefined {
  return literal.properties.find(
    (p): p is ts.PropertyAssignment =>
      ts.isPropertyAssignment(p) && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)) && p.name.text === name,
  );
}

/** Strips `as X`, `satisfies X`, `<X>` and parentheses around an expression. */
export function unwrap(expression: ts.Expression): ts.Expression {
  let current = expression;
  while (
    ts.isAsExpression(current) ||
    ts.isSatisfiesExpression(current) ||
    ts.isParenthesizedExpression(current) ||
    ts.isTypeAssertionExpression(current)
  ) {
    current = current.expression;
  }
  return current;
}

function indentOf(source: ts.SourceFile, node: ts.Node): string {
  return ' '.repeat(source.getLineAndCharacterOfPosition(node.getStart()).character);
}

function onOwnLine(source: ts.SourceFile, before: number, node: ts.Node): boolean {
  return source.getLineAndCharacterOfPosition(before).line !== source.getLineAndCharacterOfPosition(node.getStart()).line;
}

/**
 * Appends `element` to the array literal `name: [...]` of `literal`, or adds that property. Returns
 * undefined when `name` is there but not an array literal (a variable, a spread call): the caller
 * cannot edit it safely.
 */
export function appendToArrayProperty(
  source: ts.SourceFile,
  literal: ts.ObjectLiteralExpression,
  name: string,
  element: string,
): Insertion[] | undefined {
  const existing = property(literal, name);
  if (!existing) {
    const last = literal.properties[literal.properties.length - 1];
    if (!last) return [{ at: literal.getEnd() - 1, text: `${name}: [${element}]` }];
    const separator = onOwnLine(source, literal.getStart(), last) ? `\n${indentOf(source, last)}` : ' ';
    return [{ at: last.getEnd(), text: `,${separator}${name}: [${element}]` }];
  }
  const array = unwrap(existing.initializer);
  if (!ts.isArrayLiteralExpression(array)) return undefined;
  const elements = array.elements;
  const last = elements[elements.length - 1];
  if (!last) return [{ at: array.getEnd() - 1, text: element }];
  const separator = onOwnLine(source, array.getStart(), last) ? `\n${indentOf(source, last)}` : ' ';
  return [{ at: last.getEnd(), text: `,${separator}${element}` }];
}

/** Whether an array property of `literal` already holds `name` or a call `name(...)`. */
export function arrayPropertyHas(literal: ts.ObjectLiteralExpression, property_: string, name: string): boolean {
  const existing = property(literal, property_);
  const array = existing && unwrap(existing.initializer);
  if (!array || !ts.isArrayLiteralExpression(array)) return false;
  return array.elements.some((element) => {
    const target = ts.isCallExpression(element) ? element.expression : element;
    return ts.isIdentifier(target) && target.text === name;
  });
}

/** `import { symbol } from 'module'`, merged into an existing named import of that module. */
export function importInsertion(source: ts.SourceFile, symbol: string, module: string): Insertion[] {
  const imports = source.statements.filter(ts.isImportDeclaration);
  for (const declaration of imports) {
    const specifier = declaration.moduleSpecifier;
    if (!ts.isStringLiteral(specifier) || specifier.text !== module) continue;
    const bindings = declaration.importClause?.namedBindings;
    if (!bindings || !ts.isNamedImports(bindings) || declaration.importClause?.isTypeOnly) continue;
    if (bindings.elements.some((element) => element.name.text === symbol)) return [];
    const last = bindings.elements[bindings.elements.length - 1];
    return last ? [{ at: last.getEnd(), text: `, ${symbol}` }] : [{ at: bindings.getEnd() - 1, text: ` ${symbol} ` }];
  }
  const line = `import { ${symbol} } from '${module}';`;
  const lastImport = imports[imports.length - 1];
  return lastImport ? [{ at: lastImport.getEnd(), text: `\n${line}` }] : [{ at: 0, text: `${line}\n` }];
}
