import { SchematicTestRunner, UnitTestTree } from '@angular-devkit/schematics/testing';
import { NodePackageInstallTask } from '@angular-devkit/schematics/tasks';
import { Tree } from '@angular-devkit/schematics';
import { join } from 'node:path';
import { DEMO_SNIPPET } from './demo-component';
import { NgAddOptions } from './schema';

const runner = new SchematicTestRunner('proofme-ng', join(__dirname, '../collection.json'));

/** A real workspace from @schematics/angular, with one application and one library. */
async function workspace(app: { standalone?: boolean } = {}): Promise<UnitTestTree> {
  let tree = await runner.runExternalSchematic('@schematics/angular', 'workspace', {
    name: 'workspace',
    newProjectRoot: 'projects',
    version: '21.2.0',
  });
  tree = await runner.runExternalSchematic(
    '@schematics/angular',
    'application',
    { name: 'shop', skipTests: true, ssr: false, ...app },
    tree,
  );
  return runner.runExternalSchematic('@schematics/angular', 'library', { name: 'ui-kit', skipInstall: true }, tree);
}

/** Runs ng-add on a copy: rules edit the tree they are given, and the base workspaces are shared. */
function ngAdd(tree: Tree, options: NgAddOptions = {}): Promise<UnitTestTree> {
  return runner.runSchematic('ng-add', { project: 'shop', skipInstall: true, ...options }, tree.branch());
}

/** A copy of `base` whose package.json dependencies are patched. */
function withDependencies(base: UnitTestTree, patch: Record<string, string>): Tree {
  const tree = base.branch();
  const manifest = tree.readJson('/package.json') as { dependencies: Record<string, string> };
  Object.assign(manifest.dependencies, patch);
  tree.overwrite('/package.json', JSON.stringify(manifest, null, 2));
  return tree;
}

/** Every file's content, to compare whole trees. */
function snapshot(tree: UnitTestTree): Map<string, string> {
  return new Map(tree.files.map((path) => [path, tree.readContent(path)]));
}

function dependencies(tree: UnitTestTree): Record<string, string> {
  return (tree.readJson('/package.json') as { dependencies: Record<string, string> }).dependencies;
}

function occurrences(text: string, part: string): number {
  return text.split(part).length - 1;
}

describe('ng add proofme-ng', () => {
  let standaloneApp: UnitTestTree;
  let moduleApp: UnitTestTree;

  beforeAll(async () => {
    standaloneApp = await workspace();
    moduleApp = await workspace({ standalone: false });
  });

  describe('in a standalone app', () => {
    it('adds provideProofme with the signaling URL to app.config.ts', async () => {
      const tree = await ngAdd(standaloneApp, { signalingUrl: 'wss://signal.example.com/ws' });
      const config = tree.readContent('/projects/shop/src/app/app.config.ts');
      expect(config).toContain("import { provideProofme } from 'proofme-ng';");
      expect(config).toContain("provideProofme({ signalingUrl: 'wss://signal.example.com/ws' })");
      expect(config).toContain('provideBrowserGlobalErrorListeners()');
    });

    it("defaults to Proofme's hosted signaling server", async () => {
      const tree = await ngAdd(standaloneApp);
      expect(tree.readContent('/projects/shop/src/app/app.config.ts')).toContain(
        "provideProofme({ signalingUrl: 'wss://api.proofme.id' })",
      );
    });

    it('adds the runtime peers that are missing', async () => {
      const tree = await ngAdd(standaloneApp);
      expect(dependencies(tree)).toEqual(
        expect.objectContaining({ '@angular/cdk': '^21.2.0', 'angularx-qrcode': '~21.0.0' }),
      );
    });

    it("allows angularx-qrcode's CommonJS qrcode in the build, keeping what is there", async () => {
      const buildOptions = (tree: Tree) => JSON.parse(tree.readText('/angular.json')).projects.shop.architect.build.options;
      const workspace = standaloneApp.branch();
      const angularJson = JSON.parse(workspace.readText('/angular.json'));
      angularJson.projects.shop.architect.build.options.allowedCommonJsDependencies = ['lodash'];
      workspace.overwrite('/angular.json', JSON.stringify(angularJson, null, 2));

      expect(buildOptions(await ngAdd(standaloneApp)).allowedCommonJsDependencies).toEqual(['qrcode']);
      expect(buildOptions(await ngAdd(workspace)).allowedCommonJsDependencies).toEqual(['lodash', 'qrcode']);
    });

    it('picks the only application when --project is omitted', async () => {
      const tree = await runner.runSchematic('ng-add', { skipInstall: true }, standaloneApp.branch());
      expect(tree.readContent('/projects/shop/src/app/app.config.ts')).toContain('provideProofme(');
    });
  });

  it('adds provideProofme to the root NgModule of a module app', async () => {
    const tree = await ngAdd(moduleApp, { signalingUrl: 'ws://localhost:4100' });
    const module = tree.readContent('/projects/shop/src/app/app-module.ts');
    expect(module).toContain("import { provideProofme } from 'proofme-ng';");
    expect(module).toMatch(/providers: \[[^\]]*provideProofme\(\{ signalingUrl: 'ws:\/\/localhost:4100' \}\)/s);
    expect(tree.exists('/projects/shop/src/app/app.config.ts')).toBe(false);
  });

  it.each([
    ['standalone', () => standaloneApp],
    ['module', () => moduleApp],
  ])('changes nothing more when run twice (%s app, with --demo-component)', async (_kind, app) => {
    const options = { demoComponent: 'app' };
    const once = await ngAdd(app(), options);
    const before = snapshot(once);
    const twice = await ngAdd(once, options);
    expect(snapshot(twice)).toEqual(before);
  });

  it('keeps dependency ranges that are already there', async () => {
    const tree = withDependencies(standaloneApp, { '@angular/cdk': '~21.2.3', 'angularx-qrcode': '21.0.1' });
    const result = await ngAdd(tree);
    expect(dependencies(result)).toEqual(
      expect.objectContaining({ '@angular/cdk': '~21.2.3', 'angularx-qrcode': '21.0.1' }),
    );
  });

  it('matches the peers to an Angular 22 app', async () => {
    const result = await ngAdd(withDependencies(standaloneApp, { '@angular/core': '^22.0.0' }));
    expect(dependencies(result)).toEqual(
      expect.objectContaining({ '@angular/cdk': '^22.0.0', 'angularx-qrcode': '~22.0.0' }),
    );
  });

  it('refuses a library project', async () => {
    await expect(ngAdd(standaloneApp, { project: 'ui-kit' })).rejects.toThrow(
      /Project "ui-kit" is a library.*--project set to an application \(shop\)/s,
    );
  });

  it('refuses an unknown project', async () => {
    await expect(ngAdd(standaloneApp, { project: 'nope' })).rejects.toThrow(/"nope" is not in this workspace/);
  });

  it.each(['https://api.proofme.id', 'api.proofme.id', 'wss://user:pw@api.proofme.id', 'wss://api.proofme.id/#x', ''])(
    'refuses --signaling-url %j',
    async (signalingUrl) => {
      await expect(ngAdd(standaloneApp, { signalingUrl })).rejects.toThrow(/--signaling-url must be a ws: or wss: URL/);
    },
  );

  describe('install task', () => {
    it('is scheduled when peers were added', async () => {
      await runner.runSchematic('ng-add', { project: 'shop' }, standaloneApp.branch());
      expect(runner.tasks.map((task) => task.name)).toEqual([new NodePackageInstallTask().toConfiguration().name]);
    });

    it('is not scheduled with --skip-install', async () => {
      await ngAdd(standaloneApp);
      expect(runner.tasks).toEqual([]);
    });
  });

  describe('--demo-component', () => {
    it('imports ProofmeIdentification and appends the snippet to a templateUrl file (by path)', async () => {
      const tree = await ngAdd(standaloneApp, { demoComponent: 'projects/shop/src/app/app.ts' });
      const component = tree.readContent('/projects/shop/src/app/app.ts');
      expect(component).toContain("import { ProofmeIdentification } from 'proofme-ng/components';");
      expect(component).toMatch(/imports: \[RouterOutlet, ProofmeIdentification\]/);
      const html = tree.readContent('/projects/shop/src/app/app.html');
      expect(html.endsWith(`\n\n${DEMO_SNIPPET}`)).toBe(true);
      expect(html).toContain(`<proofme-identification [proofmeId]="'YOUR_PROOFME_ID'" />`);
      expect(html).toContain('<!-- proofme-ng:');
    });

    it('finds a component by name and edits an inline template', async () => {
      let tree = await runner.runExternalSchematic(
        '@schematics/angular',
        'component',
        { name: 'login', project: 'shop', inlineTemplate: true, skipTests: true },
        standaloneApp.branch(),
      );
      tree = await ngAdd(tree, { demoComponent: 'Login' });
      const component = tree.readContent('/projects/shop/src/app/login/login.ts');
      expect(component).toContain("import { ProofmeIdentification } from 'proofme-ng/components';");
      expect(component).toMatch(/imports: \[ProofmeIdentification\]/);
      expect(occurrences(component, '<proofme-identification')).toBe(1);
      expect(component).toMatch(/template: `[\s\S]*<proofme-identification [^`]*\/>\n`/);

      const again = await ngAdd(tree, { demoComponent: 'LoginComponent' });
      expect(again.readContent('/projects/shop/src/app/login/login.ts')).toBe(component);
    });

    it('turns a quoted inline template into a template literal and adds an imports array', async () => {
      const path = '/projects/shop/src/app/badge.ts';
      const tree = standaloneApp.branch();
      tree.create(
        path,
        "import { Component } from '@angular/core';\n\n" +
          "@Component({\n  selector: 'app-badge',\n  template: '<b>it`s ${me}</b>',\n})\nexport class Badge {}\n",
      );
      const result = await ngAdd(tree, { demoComponent: 'src/app/badge.ts' });
      const component = result.readContent(path);
      expect(component).toContain("template: `<b>it\\`s \\${me}</b>\n" + DEMO_SNIPPET + '`,');
      expect(component).toContain("  template: `<b>");
      expect(component).toMatch(/`,\n  imports: \[ProofmeIdentification\],\n\}\)/);
    });

    it('imports ProofmeIdentification into the NgModule of a standalone: false component', async () => {
      const tree = await ngAdd(moduleApp, { demoComponent: 'App' });
      const module = tree.readContent('/projects/shop/src/app/app-module.ts');
      expect(module).toContain("import { provideProofme } from 'proofme-ng';");
      expect(module).toContain("import { ProofmeIdentification } from 'proofme-ng/components';");
      expect(module).toMatch(/imports: \[[^\]]*ProofmeIdentification/s);
      expect(tree.readContent('/projects/shop/src/app/app.ts')).not.toContain('ProofmeIdentification');
      expect(tree.readContent('/projects/shop/src/app/app.html')).toContain('<proofme-identification');
    });

    it('says which component it could not find', async () => {
      await expect(ngAdd(standaloneApp, { demoComponent: 'checkout' })).rejects.toThrow(
        /--demo-component "checkout": no such file, and no component class named Checkout or CheckoutComponent/,
      );
    });
  });
});
