import { SchematicTestRunner, UnitTestTree } from '@angular-devkit/schematics/testing';
import { NodePackageInstallTask } from '@angular-devkit/schematics/tasks';
import { Rule, SchematicContext, Tree } from '@angular-devkit/schematics';
import { join } from 'node:path';
import { applyAllOrNothing, providerUsage } from './index';

// The bootstrap layouts real apps have: ng add either edits the right file or prints the by-hand
// lines, and in both cases still schedules the peers' install and succeeds.

const runner = new SchematicTestRunner('proofme-ng', join(__dirname, '../collection.json'));
const SRC = '/projects/shop/src';
const CONFIG = `${SRC}/app/app.config.ts`;
const [IMPORT_LINE, PROVIDER_CALL] = providerUsage();
const INSTALL = new NodePackageInstallTask().toConfiguration().name;

async function workspace(app: Record<string, unknown> = {}): Promise<UnitTestTree> {
  const tree = await runner.runExternalSchematic('@schematics/angular', 'workspace', {
    name: 'workspace',
    newProjectRoot: 'projects',
    version: '21.2.0',
  });
  return runner.runExternalSchematic('@schematics/angular', 'application', { name: 'shop', skipTests: true, ssr: false, ...app }, tree);
}

interface Outcome {
  readonly tree: UnitTestTree;
  readonly warnings: string;
  readonly tasks: readonly string[];
}

/** Runs ng add with the install on (the test runner only records the task) and collects warnings. */
async function ngAdd(tree: Tree): Promise<Outcome> {
  const warnings: string[] = [];
  const subscription = runner.logger.subscribe((entry) => {
    if (entry.level === 'warn') warnings.push(entry.message);
  });
  try {
    const result = await runner.runSchematic('ng-add', { project: 'shop' }, tree.branch());
    return { tree: result, warnings: warnings.join('\n'), tasks: runner.tasks.map((task) => task.name) };
  } finally {
    subscription.unsubscribe();
  }
}

function edited(tree: Tree, path: string, changes: Record<string, string>): Tree {
  const copy = tree.branch();
  let text = copy.readText(path);
  for (const [from, to] of Object.entries(changes)) {
    expect(text).toContain(from);
    text = text.replace(from, to);
  }
  copy.overwrite(path, text);
  return copy;
}

function expectProvided(text: string): void {
  expect(text).toContain(IMPORT_LINE);
  expect(text).toContain(PROVIDER_CALL);
}

function expectByHand(outcome: Outcome): void {
  expect(outcome.warnings).toContain(`  ${IMPORT_LINE}\n`);
  expect(outcome.warnings).toContain(`  ${PROVIDER_CALL}\n`);
  expect(outcome.tasks).toEqual([INSTALL]);
}

describe('ng add on the bootstrap layouts apps have', () => {
  let standalone: UnitTestTree;
  let zoneApp: UnitTestTree;
  let moduleApp: UnitTestTree;

  beforeAll(async () => {
    [standalone, zoneApp, moduleApp] = await Promise.all([
      workspace(),
      workspace({ zoneless: false }),
      workspace({ standalone: false }),
    ]);
  });

  it('main.ts + app.config.ts: edits app.config.ts', async () => {
    const outcome = await ngAdd(standalone);
    expectProvided(outcome.tree.readContent(CONFIG));
    expect(outcome.tree.readContent(`${SRC}/main.ts`)).toBe(standalone.readContent(`${SRC}/main.ts`));
    expect(outcome.warnings).toBe('');
    expect(outcome.tasks).toEqual([INSTALL]);
  });

  describe('config imported through a tsconfig path alias', () => {
    const aliased = (tree: Tree) => edited(tree, `${SRC}/main.ts`, { "'./app/app.config'": "'@app/app.config'" });

    it('resolves the alias from the root tsconfig.json (comments and all) and edits the real file', async () => {
      const tree = edited(aliased(standalone), '/tsconfig.json', {
        '"compilerOptions": {': '"compilerOptions": {\n    // app code by alias\n    "paths": { "@app/*": ["./projects/shop/src/app/*"], },',
      });
      const outcome = await ngAdd(tree);
      expectProvided(outcome.tree.readContent(CONFIG));
      expect(outcome.warnings).toBe('');
    });

    it("resolves it from the app's tsconfig.app.json with a baseUrl", async () => {
      const tree = edited(aliased(standalone), '/projects/shop/tsconfig.app.json', {
        '"compilerOptions": {': '"compilerOptions": {\n    "baseUrl": "src",\n    "paths": { "@app/*": ["app/*"] },',
      });
      const outcome = await ngAdd(tree);
      expectProvided(outcome.tree.readContent(CONFIG));
    });

    it('prints the by-hand lines when no tsconfig path matches, and still installs the peers', async () => {
      const outcome = await ngAdd(aliased(standalone));
      expectByHand(outcome);
      expect(outcome.warnings).toContain("cannot resolve '@app/app.config'");
      expect(outcome.tree.readContent(CONFIG)).not.toContain('provideProofme');
      expect(outcome.tree.readContent(`${SRC}/main.ts`)).toBe(aliased(standalone).readText(`${SRC}/main.ts`));
      expect(outcome.tree.readContent('/package.json')).toContain('angularx-qrcode');
    });
  });

  describe('bootstrap moved out of main.ts', () => {
    const moved = (tree: Tree, main: string) => {
      const copy = tree.branch();
      copy.create(`${SRC}/bootstrap.ts`, copy.readText(`${SRC}/main.ts`));
      copy.overwrite(`${SRC}/main.ts`, main);
      return copy;
    };

    it.each([
      ['a side-effect import', "import './bootstrap';\n"],
      ['a dynamic import()', "import('./bootstrap').catch((err) => console.error(err));\n"],
    ])('follows %s and edits app.config.ts', async (_kind, main) => {
      const outcome = await ngAdd(moved(standalone, main));
      expectProvided(outcome.tree.readContent(CONFIG));
      expect(outcome.warnings).toBe('');
    });

    it('follows it in an NgModule app too', async () => {
      const outcome = await ngAdd(moved(moduleApp, "import './bootstrap';\n"));
      expectProvided(outcome.tree.readContent(`${SRC}/app/app-module.ts`));
    });

    it('prints the by-hand lines when no imported file bootstraps', async () => {
      const outcome = await ngAdd(edited(standalone, `${SRC}/main.ts`, { 'bootstrapApplication(App, appConfig)': 'start(App, appConfig)' }));
      expectByHand(outcome);
      expect(outcome.warnings).toContain('found no bootstrapApplication() or bootstrapModule() call');
    });
  });

  it('NgModule app: adds the provider to the AppModule providers', async () => {
    const outcome = await ngAdd(moduleApp);
    const module = outcome.tree.readContent(`${SRC}/app/app-module.ts`);
    expectProvided(module);
    expect(module).toMatch(/providers: \[[^\]]*provideBrowserGlobalErrorListeners\(\),\s*provideProofme\(/s);
    expect(outcome.warnings).toBe('');
  });

  it('provideZoneChangeDetection(): adds the provider and keeps zone change detection', async () => {
    const before = zoneApp.readContent(CONFIG);
    expect(before).toContain('provideZoneChangeDetection({ eventCoalescing: true })');
    const outcome = await ngAdd(zoneApp);
    const config = outcome.tree.readContent(CONFIG);
    expect(config).toContain('provideZoneChangeDetection({ eventCoalescing: true }),');
    expect(config).toContain(`provideRouter(routes),\n    ${PROVIDER_CALL}\n  ]`);
    expect(config.replace(`\n${IMPORT_LINE}`, '').replace(`,\n    ${PROVIDER_CALL}`, '')).toBe(before);
    expect(outcome.warnings).toBe('');
  });

  it('bootstrapApplication(App) without a config: left to @schematics/angular, which adds one', async () => {
    const outcome = await ngAdd(edited(standalone, `${SRC}/main.ts`, { 'bootstrapApplication(App, appConfig)': 'bootstrapApplication(App)' }));
    expect(outcome.tree.readContent(`${SRC}/main.ts`)).toContain('provideProofme(');
    expect(outcome.warnings).toBe('');
  });

  it('providers held in a variable: by-hand lines, the config untouched', async () => {
    const tree = edited(standalone, CONFIG, { 'providers: [': 'providers: shared,\n  other: [' });
    const outcome = await ngAdd(tree);
    expectByHand(outcome);
    expect(outcome.warnings).toContain('are not an array literal');
    expect(outcome.tree.readContent(CONFIG)).toBe(tree.readText(CONFIG));
  });

  it('adds a config inline in bootstrapApplication(App, { providers: [...] })', async () => {
    const tree = edited(standalone, `${SRC}/main.ts`, { 'bootstrapApplication(App, appConfig)': 'bootstrapApplication(App, { providers: [] })' });
    const outcome = await ngAdd(tree);
    expect(outcome.tree.readContent(`${SRC}/main.ts`)).toContain(`{ providers: [${PROVIDER_CALL}] }`);
  });
});

describe('applyAllOrNothing', () => {
  const path = '/src/main.ts';
  const before = "bootstrapApplication(App, appConfig);\n";
  const base = () => {
    const tree = Tree.empty();
    tree.create(path, before);
    return tree;
  };
  const context = {} as SchematicContext;

  it("keeps nothing of a rule that edits, then throws (@schematics/angular 22.2's addRootProvider does)", async () => {
    const tree = base();
    const halfDone: Rule = (t) => {
      t.overwrite(path, `import { provideProofme } from 'proofme-ng';\n${before}`);
      throw new Error('Cannot statically analyze bootstrapApplication call');
    };
    await expect(applyAllOrNothing(halfDone, tree, context)).rejects.toThrow('Cannot statically analyze');
    expect(tree.readText(path)).toBe(before);
  });

  it('keeps every edit of a rule that completes', async () => {
    const tree = base();
    await applyAllOrNothing((t) => t.overwrite(path, 'edited'), tree, context);
    expect(tree.readText(path)).toBe('edited');
  });
});
