// The README's "Testing your page" snippet, read from the README itself, so the fresh apps (and the
// workspace's own Jest run) test exactly what users copy.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const HEADING = '## Testing your page';

/**
 * The first ```ts block under the library README's "Testing your page" heading: a whole spec
 * file. Throws when the heading or the block is gone, so a docs edit cannot silently drop the test.
 */
export function readmeTestingSnippet(repoRoot: string): string {
  const readme = readFileSync(join(repoRoot, 'projects/proofme-ng/README.md'), 'utf8');
  const section = readme.indexOf(HEADING);
  if (section < 0) throw new Error(`projects/proofme-ng/README.md has no "${HEADING}" section`);
  const block = /```ts\n([\s\S]*?)```/.exec(readme.slice(section));
  if (!block) throw new Error(`"${HEADING}" in projects/proofme-ng/README.md has no \`\`\`ts block`);
  return block[1];
}
