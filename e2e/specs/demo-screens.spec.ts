import { devices, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '../support/fixtures';

// Pictures of every demo state this issue changed, for people to look at (test-output/, git-ignored):
// desktop 1280×800 and an iPhone (390×844), each in light and dark. They assert only that each state
// was reached; what the pictures show is for eyes, not for pixel diffs.
const DIR = join(__dirname, '..', '..', 'test-output', 'demo-screens');
const iPhone = devices['iPhone 13'];

const variants = [
  { name: 'desktop-light', colorScheme: 'light', phone: false },
  { name: 'desktop-dark', colorScheme: 'dark', phone: false },
  { name: 'phone-light', colorScheme: 'light', phone: true },
  { name: 'phone-dark', colorScheme: 'dark', phone: true },
] as const;

for (const variant of variants) {
  test.describe(variant.name, () => {
    test.use({
      colorScheme: variant.colorScheme,
      ...(variant.phone
        ? { userAgent: iPhone.userAgent, viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true }
        : { viewport: { width: 1280, height: 800 } }),
    });

    test('every changed state', async ({ page, stack }) => {
      test.setTimeout(90_000);
      mkdirSync(DIR, { recursive: true });
      const shot = (name: string, target: Page = page) => target.screenshot({ path: join(DIR, `${variant.name}-${name}.png`), fullPage: true });
      const qr = page.locator('proofme-qr');

      await page.goto(stack.demoUrl);
      await expect(page.locator('[data-test=start]')).toBeVisible();
      await shot('01-start');

      await page.locator('[data-test=start]').click();
      await expect(qr).toHaveAttribute('data-state', 'ready');
      await page.locator('[data-test=preflight-details] summary').click();
      await shot('02-ready-details-open');

      await page.locator('[data-action=restart-server]').click();
      await expect(qr).toHaveAttribute('data-state', 'reconnecting');
      await shot('03-reconnecting');
      await expect(qr).toHaveAttribute('data-state', 'ready', { timeout: 20_000 });
      await expect(page.locator('[data-test=server-note]')).not.toBeEmpty();
      await shot('04-ready-after-restart');

      // A second tab on the same identification, while the first finishes it.
      const second = await page.context().newPage();
      await second.goto(page.url());
      await expect(second.locator('proofme-qr')).toHaveAttribute('data-state', 'ready');
      await page.locator('[data-action=scan]').click();
      await expect(qr).toHaveAttribute('data-state', 'scanned');
      await page.locator('[data-action=succeed]').click();
      await expect(page.locator('[data-test=summary-name]')).toBeVisible();
      await shot('05-succeeded');
      await expect(second.locator('[data-test=finished-elsewhere]')).toBeVisible();
      await expect(second.locator('[data-test=summary-name]')).toBeVisible();
      await shot('06-second-tab-finished-elsewhere', second);
      await second.close();

      await page.reload();
      await expect(page.locator('[data-test=finished]')).toBeVisible();
      await expect(page.locator('[data-test=summary-name]')).toBeVisible();
      await shot('07-reload-already-completed');

      await page.locator('[data-test=new-identification]').click();
      await page.locator('#typed-id').fill('6f1c1c59-4c38-4c5e-9c7b-0d4f0e1a2b3c');
      await page.locator('form.typed button[type=submit]').click();
      await expect(page.locator('[data-test=preflight-failure]')).toBeVisible();
      await page.locator('[data-test=preflight-details] summary').click();
      await shot('08-preflight-failed-details-open');

      await page.goto(stack.demoUrl);
      await page.locator('[data-test=language] [data-language=nl]').click();
      await expect(page.locator('html')).toHaveAttribute('lang', 'nl');
      await page.locator('[data-test=start]').click();
      await expect(qr).toHaveAttribute('data-state', 'ready');
      await shot('09-dutch-ready');
      await page.locator('[data-action=fail]').click();
      await expect(page.locator('[data-test=result]')).toHaveAttribute('data-outcome', 'FAILED');
      await expect(page.locator('[data-test=summary]')).toBeVisible();
      await shot('10-dutch-failed');
    });
  });
}
