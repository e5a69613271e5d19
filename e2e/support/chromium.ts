import { existsSync } from 'node:fs';

/** The flags Chromium needs here: headless as root, and quiet on a machine with no outside network. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/**
 * The Chromium to test in: `CHROME_PATH`, else Debian's `/usr/bin/chromium`. Playwright never
 * downloads a browser here, so a missing one is an error that says how to install it, not a skip.
 */
export function chromiumPath(): string {
  const path = process.env['CHROME_PATH'] || '/usr/bin/chromium';
  if (!existsSync(path)) {
    throw new Error(
      `No Chromium at ${path}. Install Debian's (as root: apt-get update && apt-get install -y chromium) ` +
        'or point CHROME_PATH at a Chromium or Chrome binary.',
    );
  }
  return path;
}
