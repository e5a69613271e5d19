import { test as base, expect, Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { RunningSignalingServer, startSignalingServer } from '../../projects/signaling-server/src';
import { RunningDemoServer, startDemoServer } from '../../projects/demo-app/server/demo-server';
import { emulationFor } from '../../projects/demo-app/server/integrator/emulation-config';
import { generateIntegratorKeys, IntegratorKeys } from '../../projects/demo-app/server/integrator/integrator-keys';

export const SCREENSHOT_DIR = join(__dirname, '..', '..', 'test-output', 'e2e-screens');

/**
 * The whole flow on this machine: a real signaling server with its Proofme REST emulation, and the
 * built demo behind its CSP with the integrator's backend (fresh keys per test).
 */
export interface Stack {
  readonly demoUrl: string;
  /** The integrator's secrets: tests check none of them reaches the browser. */
  readonly keys: IntegratorKeys;
  readonly signaling: () => RunningSignalingServer;
  /** Kills the signaling server (every socket dropped) and starts a new one on the same port. */
  stopSignaling(): Promise<void>;
  startSignaling(): Promise<void>;
}

export const test = base.extend<{ stack: Stack; cspViolations: string[] }>({
  stack: async ({}, use) => {
    const keys = await generateIntegratorKeys();
    const rest = emulationFor(keys);
    let signaling = await startSignalingServer({ port: 0, logger: 'silent', rest });
    const port = signaling.port;
    const demo: RunningDemoServer = await startDemoServer({
      host: '127.0.0.1',
      port: 0,
      root: 'dist/demo-app/browser',
      signalingUrl: signaling.url,
      development: true,
      integrator: { proofmeApiUrl: signaling.httpUrl, keys },
    });
    let running = true;
    await use({
      demoUrl: demo.url,
      keys,
      signaling: () => signaling,
      stopSignaling: async () => {
        running = false;
        await signaling.close();
      },
      startSignaling: async () => {
        signaling = await startSignalingServer({ port, logger: 'silent', rest });
        running = true;
      },
    });
    await demo.close();
    if (running) await signaling.close();
  },
  // Collects every CSP violation the page reports; each test asserts the list stays empty.
  cspViolations: async ({ page }, use) => {
    const violations: string[] = [];
    await page.exposeFunction('__reportCspViolation', (text: string) => violations.push(text));
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (event) => {
        (window as unknown as { __reportCspViolation(text: string): void }).__reportCspViolation(
          `${event.violatedDirective} blocked ${event.blockedURI || 'inline'}`,
        );
      });
    });
    page.on('console', (message) => {
      if (/Content.Security.Policy/i.test(message.text())) violations.push(message.text());
    });
    await use(violations);
  },
});

export { expect };

/** Saves a screenshot of the page for people to look at (test-output/, not committed). */
export async function snapshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
}
