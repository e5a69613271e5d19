import { MergeStrategy, Rule, SchematicContext, SchematicsException, Tree, callRule, chain, noop } from '@angular-devkit/schematics';
import {
  DependencyType,
  ExistingBehavior,
  InstallBehavior,
  ProjectDefinition,
  addDependency,
  addRootProvider,
  readWorkspace,
  updateWorkspace,
} from '@schematics/angular/utility';
import { posix } from 'node:path';
import { addDemoSnippet } from './demo-component';
import { applyInsertions } from './ast';
import { findProvidersHost, hostProvides, providerInsertions } from './root-provider';
import { NgAddOptions } from './schema';

/** The signaling server `provideProofme()` uses when the app names none. */
const DEFAULT_SIGNALING_URL = 'wss://api.proofme.id';

/** Runtime peers by Angular major: angularx-qrcode and the CDK follow Angular's majors. */
const PEER_RANGES: Readonly<Record<number, { readonly cdk: string; readonly qrcode: string }>> = {
  21: { cdk: '^21.2.0', qrcode: '~21.0.0' },
  22: { cdk: '^22.0.0', qrcode: '~22.0.0' },
};
const FALLBACK_ANGULAR_MAJOR = 21;

const PROVIDER = 'provideProofme';
const PACKAGE = 'proofme-ng';

/**
 * What a user adds by hand when ng add cannot edit the app: the import and the provider call. The
 * READMEs show these exact lines (a test reads them there).
 */
export function providerUsage(signalingUrl: string = DEFAULT_SIGNALING_URL): readonly [string, string] {
  return [`import { ${PROVIDER} } from '${PACKAGE}';`, `${PROVIDER}({ signalingUrl: ${quote(signalingUrl)} })`];
}

/** The lines ng add prints about using the component; the READMEs show them too. */
export const COMPONENT_USAGE: readonly [string, string] = [
  "import { ProofmeIdentification } from 'proofme-ng/components';",
  '<proofme-identification [identificationId]="identificationId" (result)="onResult($event)" />',
];

/**
 * `ng add proofme-ng`: adds the runtime peers (keeping ranges already there), registers
 * `provideProofme({ signalingUrl })` at the app's root, allows `qrcode` as a CommonJS build
 * dependency and, with `--demo-component`, drops a `<proofme-identification>` snippet into that
 * component. Running it again changes nothing. When it cannot edit the app it still adds the peers
 * and prints the lines to add by hand; it fails only on bad options (or when the install fails).
 */
export function ngAdd(options: NgAddOptions): Rule {
  return async (tree: Tree, context: SchematicContext) => {
    const signalingUrl = parseSignalingUrl(options.signalingUrl ?? DEFAULT_SIGNALING_URL);
    const workspace = await readWorkspace(tree);
    const [projectName, project] = pickApplication(workspace.projects, options.project);
    const peers = PEER_RANGES[angularMajor(tree)] ?? PEER_RANGES[FALLBACK_ANGULAR_MAJOR];
    const install = options.skipInstall ? InstallBehavior.None : InstallBehavior.Auto;
    const dependency = { type: DependencyType.Default, existing: ExistingBehavior.Skip, install };

    if (!options.demoComponent) {
      context.logger.info(
        `proofme-ng: to show it, put ${COMPONENT_USAGE[1]} in a template and ${COMPONENT_USAGE[0]} into its ` +
          'component (or rerun with --demo-component <component>).',
      );
    }
    return chain([
      // Peers first: whatever happens to the edits below, the app gets what its build needs.
      addDependency('@angular/cdk', peers.cdk, dependency),
      addDependency('angularx-qrcode', peers.qrcode, dependency),
      registerProvider(projectName, project, signalingUrl),
      allowsQrcodeCommonJs(project) ? noop() : allowQrcodeCommonJs(projectName),
      options.demoComponent ? addDemoSnippet(project, options.demoComponent) : noop(),
    ]);
  };
}

/**
 * Adds the provider where the app keeps its root providers. Our own search comes first (it follows
 * tsconfig path aliases and a bootstrap moved out of main.ts); @schematics/angular's
 * `addRootProvider` gets the layouts it does not know (e.g. `bootstrapApplication(App)` without a
 * config). Neither may fail ng add: anything they cannot do becomes the by-hand lines.
 */
function registerProvider(projectName: string, project: ProjectDefinition, signalingUrl: string): Rule {
  return async (tree: Tree, context: SchematicContext) => {
    const [importLine, call] = providerUsage(signalingUrl);
    const byHand = (reason: string) =>
      context.logger.warn(
        `proofme-ng: could not add ${PROVIDER}() to your app: ${reason}.\n` +
          'Add it yourself to the providers of your application config (app.config.ts) or root NgModule:\n' +
          `  ${importLine}\n` +
          `  ${call}\n` +
          'The peers (@angular/cdk, angularx-qrcode) are added to package.json anyway.',
      );

    const buildOptions = project.targets.get('build')?.options ?? {};
    const main = buildOptions['browser'] ?? buildOptions['main'];
    const tsConfig = buildOptions['tsConfig'];
    let reason: string;
    try {
      if (typeof main !== 'string') throw new Error(`the build target of "${projectName}" names no browser or main file`);
      const search = findProvidersHost(tree, main, typeof tsConfig === 'string' ? tsConfig : undefined);
      if ('reason' in search) {
        reason = search.reason;
      } else {
        const { host } = search;
        if (hostProvides(host, PROVIDER)) return;
        const insertions = providerInsertions(host, PROVIDER, PACKAGE, call);
        // Not handed to addRootProvider when it cannot be edited: on such a config it writes a second `providers` key.
        if (!insertions) return byHand(`the providers in ${host.path.slice(1)} are not an array literal`);
        applyInsertions(tree, host.path, insertions);
        context.logger.info(`proofme-ng: added ${call} to ${host.path.slice(1)}.`);
        return;
      }
    } catch (error) {
      reason = error instanceof Error ? error.message : String(error);
    }

    if (mentionsProvider(tree, project)) return;
    try {
      await applyAllOrNothing(
        addRootProvider(projectName, ({ code, external }) => code`${external(PROVIDER, PACKAGE)}({ signalingUrl: ${quote(signalingUrl)} })`),
        tree,
        context,
      );
    } catch (error) {
      byHand(`${reason} (@schematics/angular: ${error instanceof Error ? error.message : String(error)})`);
    }
  };
}

/**
 * Runs `rule` on a branch and keeps its edits only if it completes; rejects with its error. The
 * caller's catch, not the CLI, then sees the error, and a rule that edits before it throws (22.2's
 * addRootProvider adds the import to main.ts, then fails on a config it cannot follow) leaves nothing
 * half-done behind.
 */
export async function applyAllOrNothing(rule: Rule, tree: Tree, context: SchematicContext): Promise<void> {
  const result = await new Promise<Tree>((resolve, reject) => {
    let last = tree.branch();
    callRule(rule, last, context).subscribe({ next: (next) => (last = next), error: reject, complete: () => resolve(last) });
  });
  tree.merge(result, MergeStrategy.Overwrite);
}

/** Whether a source file of the project already calls provideProofme (so a rerun adds nothing). */
function mentionsProvider(tree: Tree, project: ProjectDefinition): boolean {
  const sourceRoot = project.sourceRoot ?? posix.join(project.root, 'src');
  let found = false;
  tree.getDir(`/${sourceRoot}`).visit((path) => {
    if (found || !path.endsWith('.ts') || path.endsWith('.spec.ts') || path.includes('/node_modules/')) return;
    found = new RegExp(`\\b${PROVIDER}\\s*\\(`).test(tree.readText(path));
  });
  return found;
}

/**
 * Accepts what `provideProofme()` accepts at start-up (the library's `isWebSocketUrl`): a ws: or
 * wss: URL without credentials or fragment. Failing here beats an app that throws when it boots.
 */
function parseSignalingUrl(raw: string): string {
  const value = raw.trim();
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  const valid =
    !!url && (url.protocol === 'ws:' || url.protocol === 'wss:') && !url.username && !url.password && !url.hash;
  if (!valid || /\s/.test(value)) {
    throw new SchematicsException(
      `--signaling-url must be a ws: or wss: URL without credentials or #fragment, such as ` +
        `${DEFAULT_SIGNALING_URL}; got "${raw}".`,
    );
  }
  return value;
}

/** The named project, or the workspace's only application; never a library. */
function pickApplication(
  projects: ReadonlyMap<string, ProjectDefinition>,
  requested: string | undefined,
): [string, ProjectDefinition] {
  const applications = [...projects].filter(([, project]) => project.extensions['projectType'] === 'application');
  const names = applications.map(([name]) => name).join(', ') || 'none';
  if (!requested) {
    if (applications.length === 1) return applications[0];
    throw new SchematicsException(
      applications.length === 0
        ? 'proofme-ng needs an application project, and this workspace has none. Create one with `ng generate application`.'
        : `This workspace has several applications (${names}): choose one with --project.`,
    );
  }
  const project = projects.get(requested);
  if (!project) {
    throw new SchematicsException(`Project "${requested}" is not in this workspace. Applications: ${names}.`);
  }
  if (project.extensions['projectType'] !== 'application') {
    throw new SchematicsException(
      `Project "${requested}" is a library: proofme-ng is added to applications, which provide it with ` +
        `provideProofme(). Run ng add with --project set to an application (${names}). A library that ` +
        `uses proofme-ng lists it in its own peerDependencies instead.`,
    );
  }
  return [requested, project];
}

/** The app's Angular major from its `@angular/core` range, so the peers match it. */
function angularMajor(tree: Tree): number {
  const manifest = tree.exists('/package.json') ? (tree.readJson('/package.json') as Record<string, unknown>) : {};
  const sections = ['dependencies', 'devDependencies', 'peerDependencies'] as const;
  for (const section of sections) {
    const range = (manifest[section] as Record<string, string> | undefined)?.['@angular/core'];
    const major = range ? /(\d+)/.exec(range)?.[1] : undefined;
    if (major) return Number(major);
  }
  return FALLBACK_ANGULAR_MAJOR;
}

/**
 * angularx-qrcode depends on the CommonJS `qrcode`; listing it in `allowedCommonJsDependencies`
 * keeps a fresh app's `ng build` free of the optimisation-bailout warning.
 */
function allowsQrcodeCommonJs(project: ProjectDefinition): boolean {
  const options = project.targets.get('build')?.options;
  const allowed = options?.['allowedCommonJsDependencies'];
  return !options || (Array.isArray(allowed) && allowed.includes('qrcode'));
}

function allowQrcodeCommonJs(projectName: string): Rule {
  return updateWorkspace((workspace) => {
    const options = workspace.projects.get(projectName)?.targets.get('build')?.options;
    if (!options) return;
    const allowed = options['allowedCommonJsDependencies'];
    options['allowedCommonJsDependencies'] = [...(Array.isArray(allowed) ? allowed : []), 'qrcode'];
  });
}

/** A single-quoted TypeScript string literal. */
function quote(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}
