import { strings } from '@angular-devkit/core';
import { Rule, SchematicContext, SchematicsException, Tree } from '@angular-devkit/schematics';
import { ProjectDefinition } from '@schematics/angular/utility';
import { posix } from 'node:path';
import { Insertion, appendToArrayProperty, applyInsertions, arrayPropertyHas, decoratorMetadata, importInsertion, property, ts } from './ast';

const COMPONENT_CLASS = 'ProofmeIdentification';
// The components live in their own entry point: the app's root provider comes from 'proofme-ng'.
const PACKAGE = 'proofme-ng/components';
const TAG = '<proofme-identification';

/** What ng add puts in the demo component's template. Never contains a backtick or `${`. */
export const DEMO_SNIPPET =
  '<!-- proofme-ng: asks the visitor to identify with the Proofme app. Put your Proofme id in\n' +
  '     [proofmeId] (or use [identificationId]) and handle the outcome with (result)="…". -->\n' +
  `${TAG} [proofmeId]="'YOUR_PROOFME_ID'" />\n`;

/** A component class found in a source file. */
interface FoundComponent {
  readonly path: string;
  readonly source: ts.SourceFile;
  readonly name: string;
  readonly metadata: ts.ObjectLiteralExpression;
}

/**
 * Imports `ProofmeIdentification` into a component (or, for `standalone: false`, the NgModule
 * that declares it) and appends {@link DEMO_SNIPPET} to its template. Does nothing twice.
 */
export function addDemoSnippet(project: ProjectDefinition, reference: string): Rule {
  return (tree: Tree, context: SchematicContext) => {
    const component = findComponent(tree, project, reference);
    // One recorder for every edit of the component file: each change's position is in the original text.
    const template = addToTemplate(tree, component);
    const changes = [...template.changes];
    if (isStandalone(component.metadata)) {
      changes.push(...componentImportChanges(component, context));
    } else {
      addToDeclaringModule(tree, project, component, context);
    }
    applyInsertions(tree, component.path, changes);
    if (template.added) {
      context.logger.info(`proofme-ng: added a <proofme-identification> snippet to ${component.path.slice(1)}.`);
    }
  };
}

/** Resolves `reference`: a .ts path (workspace-, project- or source-root-relative) or a component name. */
function findComponent(tree: Tree, project: ProjectDefinition, reference: string): FoundComponent {
  const sourceRoot = project.sourceRoot ?? posix.join(project.root, 'src');
  const cleaned = reference.trim().replace(/\\/g, '/');
  const withExtension = cleaned.endsWith('.ts') ? [cleaned] : [cleaned, `${cleaned}.ts`];
  const bases = ['/', `/${project.root}`, `/${sourceRoot}`, `/${sourceRoot}/app`];
  for (const base of bases) {
    for (const candidate of withExtension) {
      const path = posix.join(base, candidate);
      if (!tree.exists(path)) continue;
      const found = componentsIn(tree, path);
      if (found.length === 0) throw new SchematicsException(`${path} declares no @Component class.`);
      return found[0];
    }
  }

  const base = strings.classify(cleaned).replace(/Component$/, '');
  const wanted = new Set([base, `${base}Component`]);
  const matches: FoundComponent[] = [];
  tree.getDir(`/${sourceRoot}`).visit((path) => {
    if (!path.endsWith('.ts') || path.endsWith('.spec.ts') || path.endsWith('.d.ts')) return;
    if (path.includes('/node_modules/') || !tree.readText(path).includes('@Component')) return;
    matches.push(...componentsIn(tree, path).filter((component) => wanted.has(component.name)));
  });
  if (matches.length === 1) return matches[0];
  if (matches.length === 0) {
    throw new SchematicsException(
      `--demo-component "${reference}": no such file, and no component class named ${[...wanted].join(' or ')} ` +
        `under ${sourceRoot}. Pass the component's .ts path (e.g. src/app/app.ts) or its class name.`,
    );
  }
  throw new SchematicsException(
    `--demo-component "${reference}" matches several components (${matches.map((m) => m.path).join(', ')}): pass its .ts path.`,
  );
}

/** Every `@Component`-decorated class in a file, with its metadata literal. */
function componentsIn(tree: Tree, path: string): FoundComponent[] {
  const source = ts.createSourceFile(path, tree.readText(path), ts.ScriptTarget.Latest, true);
  const found: FoundComponent[] = [];
  for (const statement of source.statements) {
    if (!ts.isClassDeclaration(statement) || !statement.name) continue;
    const metadata = decoratorMetadata(statement, 'Component');
    if (metadata) found.push({ path, source, name: statement.name.text, metadata });
  }
  return found;
}

/** Components are standalone unless they say `standalone: false` (Angular 19+). */
function isStandalone(metadata: ts.ObjectLiteralExpression): boolean {
  return property(metadata, 'standalone')?.initializer.kind !== ts.SyntaxKind.FalseKeyword;
}

function componentImportChanges(component: FoundComponent, context: SchematicContext): Insertion[] {
  const { source, metadata } = component;
  const imports = importInsertion(source, COMPONENT_CLASS, PACKAGE);
  if (arrayPropertyHas(metadata, 'imports', COMPONENT_CLASS)) return imports;
  const added = appendToArrayProperty(source, metadata, 'imports', COMPONENT_CLASS);
  if (!added) {
    context.logger.warn(
      `proofme-ng: ${component.name}'s imports are not an array literal; add ${COMPONENT_CLASS} to them yourself.`,
    );
  }
  return [...(added ?? []), ...imports];
}

/** For a `standalone: false` component: import ProofmeIdentification into the NgModule declaring it. */
function addToDeclaringModule(tree: Tree, project: ProjectDefinition, component: FoundComponent, context: SchematicContext): void {
  const sourceRoot = project.sourceRoot ?? posix.join(project.root, 'src');
  let done = false;
  tree.getDir(`/${sourceRoot}`).visit((path) => {
    if (done || !path.endsWith('.ts') || path.endsWith('.spec.ts')) return;
    const text = tree.readText(path);
    if (!text.includes('@NgModule') || !text.includes(component.name)) return;
    const source = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true);
    for (const statement of source.statements) {
      if (!ts.isClassDeclaration(statement)) continue;
      const metadata = decoratorMetadata(statement, 'NgModule');
      const declarations = metadata && property(metadata, 'declarations')?.initializer;
      if (
        declarations &&
        ts.isArrayLiteralExpression(declarations) &&
        declarations.elements.some((e) => ts.isIdentifier(e) && e.text === component.name)
      ) {
        const added = arrayPropertyHas(metadata, 'imports', COMPONENT_CLASS)
          ? []
          : appendToArrayProperty(source, metadata, 'imports', COMPONENT_CLASS);
        if (!added) return;
        applyInsertions(tree, path, [...importInsertion(source, COMPONENT_CLASS, PACKAGE), ...added]);
        done = true;
        return;
      }
    }
  });
  if (!done) {
    context.logger.warn(
      `proofme-ng: found no NgModule declaring ${component.name}; import ${COMPONENT_CLASS} from '${PACKAGE}' in it yourself.`,
    );
  }
}

/**
 * Appends the snippet to the templateUrl file (written here) or to the inline template (returned as
 * changes to the component file), unless a tag is there already.
 */
function addToTemplate(tree: Tree, component: FoundComponent): { changes: Insertion[]; added: boolean } {
  const { path, metadata } = component;
  const templateUrl = property(metadata, 'templateUrl')?.initializer;
  if (templateUrl && ts.isStringLiteralLike(templateUrl)) {
    const htmlPath = posix.join(posix.dirname(path), templateUrl.text);
    if (!tree.exists(htmlPath)) throw new SchematicsException(`${component.name}'s templateUrl ${htmlPath} does not exist.`);
    const html = tree.readText(htmlPath);
    if (html.includes(TAG)) return { changes: [], added: false };
    tree.overwrite(htmlPath, `${html}${html === '' || html.endsWith('\n') ? '' : '\n'}\n${DEMO_SNIPPET}`);
    return { changes: [], added: true };
  }

  const template = property(metadata, 'template')?.initializer;
  if (!template) throw new SchematicsException(`${component.name} has neither template nor templateUrl.`);
  if (template.getText().includes(TAG)) return { changes: [], added: false };
  if (ts.isNoSubstitutionTemplateLiteral(template) || ts.isTemplateExpression(template)) {
    return { changes: [{ at: template.getEnd() - 1, text: `\n${DEMO_SNIPPET}` }], added: true };
  }
  if (ts.isStringLiteral(template)) {
    // A quoted one-liner becomes a template literal so the snippet keeps its lines.
    const literal = `\`${template.text.replace(/[\\`]|\$\{/g, (m) => `\\${m}`)}\n${DEMO_SNIPPET}\``;
    return { changes: [{ at: template.getStart(), text: literal, remove: template.getEnd() - template.getStart() }], added: true };
  }
  throw new SchematicsException(`${component.name}'s template is not a literal; add the snippet yourself:\n${DEMO_SNIPPET}`);
}
