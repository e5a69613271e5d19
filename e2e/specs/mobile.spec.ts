import { devices } from '@playwright/test';
import { DemoPage } from '../support/demo-page';
import { expect, snapshot, test } from '../support/fixtures';

for (const [name, device] of [
  ['iPhone', devices['iPhone 13']],
  ['Android', devices['Pixel 7']],
] as const) {
  test.describe(`on an ${name}`, () => {
    test.use({
      userAgent: device.userAgent,
      viewport: device.viewport,
      deviceScaleFactor: device.deviceScaleFactor,
      isMobile: device.isMobile,
      hasTouch: device.hasTouch,
    });

    test('shows the open-in-app button with the same deeplink as the QR code', async ({ page, stack }) => {
      const demo = new DemoPage(page);
      const link = await demo.start(stack.demoUrl);
      const button = page.locator('proofme-mobile-button a');
      await expect(button).toBeVisible();
      await expect(button).toHaveText('Open in the Proofme app');
      expect(await button.getAttribute('href')).toBe(link);
      await snapshot(page, `07-mobile-${name.toLowerCase()}`);
    });
  });
}

test('shows no open-in-app button on a desktop', async ({ page, stack }) => {
  const demo = new DemoPage(page);
  await demo.start(stack.demoUrl);
  await expect(page.locator('proofme-mobile-button')).toHaveCount(0);
});
