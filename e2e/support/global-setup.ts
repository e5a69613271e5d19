import { spawnSync } from 'node:child_process';

// The e2e tests run against the production build of the demo: build it once per run, and once
// more as an app that loads zone.js (the `zone` configuration). E2E_NO_BUILD=1 reuses the builds
// already in dist/ (iterating on specs only, on a shared machine where a build costs a minute).
export default function globalSetup(): void {
  if (process.env['E2E_NO_BUILD'] === '1') return;
  for (const configuration of ['production', 'production,zone']) {
    const build = spawnSync(process.execPath, ['node_modules/@angular/cli/bin/ng.js', 'build', 'demo-app', '--configuration', configuration], {
      stdio: 'inherit',
    });
    if (build.status !== 0) throw new Error(`Building the demo (${configuration}) failed; see the output above.`);
  }
}
