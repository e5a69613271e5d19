// Finds the Chromium the browser tests drive, and installs Debian's when there is none and we may.
// Playwright never downloads a browser here (only the npm registry and Debian's repositories are
// reachable), so `npm test` on a fresh machine needs this step to pass with no other set-up.
// Run as a script (`node scripts/ensure-chromium.mjs`) it exits 1 with the command to run by hand.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const DEBIAN_CHROMIUM = '/usr/bin/chromium';
const INSTALL_COMMAND = 'apt-get update && apt-get install -y chromium';

/** True when `command` is on PATH. */
function onPath(command) {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

/**
 * Returns the path of a Chromium binary: `CHROME_PATH` when set (never installed over: it names a
 * browser the user chose), else Debian's `/usr/bin/chromium`, which is installed with apt-get when
 * missing and this process runs as root on a machine with apt-get.
 * Throws an Error whose message is the exact command to run when no Chromium can be had.
 */
export function ensureChromium() {
  const chosen = process.env.CHROME_PATH;
  if (chosen) {
    if (existsSync(chosen)) return chosen;
    throw new Error(`CHROME_PATH=${chosen} does not exist. Point it at a Chromium binary, or unset it and run: ${INSTALL_COMMAND}`);
  }
  if (existsSync(DEBIAN_CHROMIUM)) return DEBIAN_CHROMIUM;
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!root || !onPath('apt-get')) {
    throw new Error(`No Chromium for the browser tests. Install Debian's as root: sudo sh -c '${INSTALL_COMMAND}' (or set CHROME_PATH to a Chromium binary).`);
  }
  console.log(`No Chromium at ${DEBIAN_CHROMIUM}: installing Debian's chromium with apt-get (about 30 s, once).`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [['update', '-qq'], ['install', '-y', '-qq', 'chromium']]) {
    const result = spawnSync('apt-get', args, { stdio: ['ignore', 'ignore', 'inherit'], env });
    if (result.status !== 0) throw new Error(`apt-get ${args.join(' ')} failed (exit ${result.status}). Run by hand: ${INSTALL_COMMAND}`);
  }
  if (!existsSync(DEBIAN_CHROMIUM)) throw new Error(`apt-get installed chromium but ${DEBIAN_CHROMIUM} is missing. Run by hand: ${INSTALL_COMMAND}`);
  return DEBIAN_CHROMIUM;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  try {
    console.log(`Chromium: ${ensureChromium()}`);
  } catch (error) {
    console.error(error.message);
    process.exit(1);
  }
}
