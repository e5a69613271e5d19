import { Rule, SchematicContext, SchematicsException, Tree, chain, noop } from '@angular-devkit/schematics';
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
import { getAppModulePath, isStandaloneApp } from '@schematics/angular/utility/ng-ast-utils';
import { findAppConfig } from '@schematics/angular/utility/standalone/app_config';
import { findBootstrapApplicationCall, getMainFilePath } from '@schematics/angular/utility/standalone/util';
import { addDemoSnippet } from './demo-component';
import { NgAddOptions } from './schema';

/** The signaling server `provideProofme()` uses when the app names none. */
const DEFAULT_SIGNALING_URL = 'wss://api.proofme.id';

/** Runtime peers by Angular major: angularx-qrcode and the CDK follow Angular's majors. */
const PEER_RANGES: Readonly<Record<number, { readonly cdk: string; readonly qrcode: string }>> = {
  21: { cdk: '^21.2.0', qrcode: '~21.0.0' },
  22: { cdk: '^22.0.0', qrcode: '~22.0.0' },
};
const FALLBACK_ANGULAR_MAJOR = 21;

/**
 * `ng add proofme-ng`: adds the runtime peers (keeping ranges already there), registers
 * `provideProofme({ signalingUrl })` at the app's root, allows `qrcode` as a CommonJS build
 * dependency and, with `--demo-component`, drops a `<proofme-identification>` snippet into that
 * component. Running it again changes nothing.
 */
export function ngAdd(options: NgAddOptions): Rule {
  return async (tree: Tree, context: SchematicContext) => {
    const signalingUrl = parseSignalingUrl(options.signalingUrl ?? DEFAULT_SIGNALING_URL);
    const workspace = await readWorkspace(tree);
    const [projectName, project] = pickApplication(workspace.projects, options.project);
    const peers = PEER_RANGES[angularMajor(tree)] ?? PEER_RANGES[FALLBACK_ANGULAR_MAJOR];
    const install = options.skipInstall ? InstallBehavior.None : InstallBehavior.Auto;
    const dependency = { type: DependencyType.Default, existing: ExistingBehavior.Skip, install };

    const providerPresent = await hasProofmeProvider(tree, projectName);
    if (!options.demoComponent) {
      context.logger.info(
        'proofme-ng: add <proofme-identification [proofmeId]="…" (result)="…"/> to a template and import ' +
          "ProofmeIdentification from 'proofme-ng' (or rerun with --demo-component <component>).",
      );
    }
    return chain([
      addDependency('@angular/cdk', peers.cdk, dependency),
      addDependency('angularx-qrcode', peers.qrcode, dependency),
      providerPresent
        ? noop()
        : addRootProvider(
            projectName,
            ({ code, external }) => code`${external('provideProofme', 'proofme-ng')}({ signalingUrl: ${quote(signalingUrl)} })`,
          ),
      allowsQrcodeCommonJs(project) ? noop() : allowQrcodeCommonJs(projectName),
      options.demoComponent ? addDemoSnippet(project, options.demoComponent) : noop(),
    ]);
  };
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

/** Whether the file `addRootProvider` would edit (app config, main file or root NgModule) already calls `provideProofme`. */
async function hasProofmeProvider(tree: Tree, projectName: string): Promise<boolean> {
  const mainFilePath = await getMainFilePath(tree, projectName);
  let rootFile: string;
  if (isStandaloneApp(tree, mainFilePath)) {
    const bootstrapCall = findBootstrapApplicationCall(tree, mainFilePath);
    rootFile = findAppConfig(bootstrapCall, tree, mainFilePath)?.filePath ?? mainFilePath;
  } else {
    rootFile = getAppModulePath(tree, mainFilePath);
  }
  return /\bprovideProofme\s*\(/.test(tree.readText(rootFile));
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
