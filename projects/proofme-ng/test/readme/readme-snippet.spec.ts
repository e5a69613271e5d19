import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readmeTestingSnippet } from '../../../../e2e/fresh-app/readme-snippet';

// verify-page.spec.ts beside this file runs the README's "Testing your page" snippet in this Jest
// run; the fresh-app check runs the same snippet under `ng test` (Vitest) in new apps. This keeps
// the three the same text.
describe('the README testing snippet', () => {
  it('is exactly verify-page.spec.ts, which this Jest run executes', () => {
    const repoRoot = join(__dirname, '../../../..');
    expect(readFileSync(join(__dirname, 'verify-page.spec.ts'), 'utf8')).toBe(readmeTestingSnippet(repoRoot));
  });
});
