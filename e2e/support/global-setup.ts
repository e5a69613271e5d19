import { spawnSync } from 'node:child_process';

// The e2e tests run against the production build of the demo: build it once per run.
export default function globalSetup(): void {
  const build = spawnSync(process.execPath, ['node_modules/@angular/cli/bin/ng.js', 'build', 'demo-app'], { stdio: 'inherit' });
  if (build.status !== 0) throw new Error('Building the demo failed; see the output above.');
}
