// What SSR hydration waits for: ApplicationRef.whenStable(). An app that never becomes stable while
// a QR code is shown logs NG0506 and never finishes hydrating. Checked in the zoneless demo and in
// its zone.js build (provideZoneChangeDetection()), through the page's window.proofmeStability.
import type { StabilityProbe } from '../../projects/demo-app/src/stability-probe';
import { DemoPage } from '../support/demo-page';
import { DEMO_ROOT, DEMO_ZONE_ROOT, expect, test } from '../support/fixtures';

type ProbedWindow = { proofmeStability: StabilityProbe };
/** Gives up at 3 s, so an app that never becomes stable fails here rather than at the test timeout. */
const WHEN_STABLE_CAP_MS = 3000;

for (const [variant, root, zone] of [
  ['zoneless', DEMO_ROOT, false],
  ['zone.js', DEMO_ZONE_ROOT, true],
] as const) {
  test.describe(`app stability in Chromium (${variant})`, () => {
    test.use({ demoRoot: root });

    test('whenStable() resolves within 1 s of the QR code being shown, and the app stays stable while it waits', async ({ page, stack }) => {
      const errors: string[] = [];
      page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
      const demo = new DemoPage(page);
      await page.goto(stack.demoUrl);
      await page.locator('[data-test=start]').click();
      await page.locator('proofme-qr .proofme-qr__frame svg[viewBox]').first().waitFor({ state: 'visible' });
      expect(await page.evaluate(() => (window as unknown as ProbedWindow).proofmeStability.zone)).toBe(zone);

      const whenStableMs = await page.evaluate(
        (cap) => Promise.race([(window as unknown as ProbedWindow).proofmeStability.whenStableMs(), new Promise<number>((resolve) => setTimeout(() => resolve(cap), cap))]),
        WHEN_STABLE_CAP_MS,
      );
      expect(whenStableMs).toBeLessThan(1000);
      const unstableBefore = await page.evaluate(() => (window as unknown as ProbedWindow).proofmeStability.unstableCount());
      await demo.readQr();
      // Waiting for the phone: a while with the page left alone, the socket open.
      await page.waitForTimeout(1500);
      expect(await page.evaluate(() => (window as unknown as ProbedWindow).proofmeStability.isStable())).toBe(true);
      expect(await page.evaluate(() => (window as unknown as ProbedWindow).proofmeStability.unstableCount())).toBe(unstableBefore);
      await expect(demo.status).toHaveText('Scan the QR code with the Proofme app.');
      expect(errors).toEqual([]);
    });
  });
}
