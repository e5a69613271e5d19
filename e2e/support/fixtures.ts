import { test as base, expect, Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { RunningSignalingServer, SignalingServerOptions } from '../../projects/signaling-server/src';
import { startLocalStack } from '../../projects/demo-app/server/local-stack';
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

/** The built demo: zoneless (`ng build demo-app`), or `DEMO_ZONE_ROOT`, its zone.js variant. */
export const DEMO_ROOT = 'dist/demo-app/browser';
export const DEMO_ZONE_ROOT = 'dist/demo-app-zone/browser';

export const test = base.extend<{ stack: Stack; cspViolations: string[]; demoRoot: string; signalingOptions: Partial<SignalingServerOptions> }>({
  demoRoot: [DEMO_ROOT, { option: true }],
  /** Options for the signaling server, e.g. a short `channelTtlMs` to see a code expire. */
  signalingOptions: [{}, { option: true }],
  stack: async ({ demoRoot, signalingOptions }, use) => {
    const keys = await generateIntegratorKeys();
    const local = await startLocalStack({ root: demoRoot, keys, signaling: signalingOptions });
    await use({
      demoUrl: local.demo.url,
      keys,
      signaling: () => local.signaling,
      stopSignaling: () => local.stopSignaling(),
      startSignaling: () => local.startSignaling(),
    });
    await local.close();
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
