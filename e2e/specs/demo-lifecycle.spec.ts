import type { Page } from '@playwright/test';
// The label files alone: the i18n index pulls in Angular, which does not load in the Node test runner.
import { PhoneSimulator } from '../../projects/signaling-server/src';
import { DemoPage, channelOf } from '../support/demo-page';
import { expect, test } from '../support/fixtures';

// What a user reads (the library's bundled English and Dutch labels), written out: the e2e reach the
// library only through its entry points, and those need Angular, which the test runner does not load.
const ALREADY_COMPLETED = 'This identification has already been completed.';
const NL_READY = 'Scan de QR-code met de Proofme-app.';

/** The identification id the page keeps in its address bar. */
function idInUrl(page: Page): string | null {
  return new URL(page.url()).searchParams.get('id');
}

/** The page's own words a person reads (the verify and result cards, the phone panel), without the developer's timeline. */
async function readableText(page: Page): Promise<string> {
  return page.evaluate(() =>
    [...document.querySelectorAll('main section')]
      .filter((section) => !section.querySelector('demo-session-timeline'))
      .map((section) => (section as HTMLElement).innerText)
      .join('\n'),
  );
}

/** A protocol code such as IDENTIFICATION_SUCCESS or PROOFME_HOST_REFUSED. */
const RAW_CODE = /\b[A-Z]{2,}(?:_[A-Z]{2,})+\b/;

test.describe('the demo keeps the identification in the URL', () => {
  test('a reload mid-flow resumes the same identification on a new channel', async ({ page, stack }) => {
    const demo = new DemoPage(page);
    const before = await demo.start(stack.demoUrl);
    const id = idInUrl(page);
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    await expect(page.locator('[data-test=identification-id]')).toHaveText(id!);

    await page.reload();
    const after = await demo.readQr();
    expect(idInUrl(page)).toBe(id);
    await expect(page.locator('[data-test=identification-id]')).toHaveText(id!);
    expect(channelOf(after).channelId).not.toBe(channelOf(before).channelId);
    // The resumed channel is the real thing: the phone completes the same identification on it.
    const phone = await demo.scan(after);
    await phone.succeed();
    await expect(demo.result).toContainText('Identity verified');
    await expect(page.locator('[data-test=summary]')).toBeVisible();
    await phone.close();
  });

  test('a finished identification shows its outcome and "already completed", not a QR code', async ({ page, stack }) => {
    const demo = new DemoPage(page);
    const phone = await demo.scan(await demo.start(stack.demoUrl));
    await phone.succeed();
    await expect(demo.result).toContainText('Identity verified');
    await phone.close();

    await page.reload();
    const finished = page.locator('[data-test=finished]');
    await expect(finished).toHaveAttribute('data-outcome', 'SUCCESS');
    await expect(page.locator('[data-test=already-completed]')).toHaveText(ALREADY_COMPLETED);
    await expect(demo.result).toContainText('Identity verified');
    await expect(page.locator('[data-test=summary-name]')).toBeVisible();
    await expect(page.locator('proofme-qr')).toHaveCount(0);
    // No "refused to start", no "Check again": one way on, a new identification.
    await expect(page.locator('[data-test=preflight-failure]')).toHaveCount(0);
    await page.locator('[data-test=new-identification]').click();
    await expect(page.locator('[data-test=start]')).toBeVisible();
    expect(idInUrl(page)).toBeNull();
  });

  test('a failed identification reloads as failed', async ({ page, stack }) => {
    const demo = new DemoPage(page);
    const phone = await demo.scan(await demo.start(stack.demoUrl));
    await phone.fail();
    await expect(demo.result).toContainText('Not verified');
    await phone.close();
    await page.reload();
    await expect(page.locator('[data-test=finished]')).toHaveAttribute('data-outcome', 'FAILED');
    await expect(demo.result).toContainText('Not verified');
  });
});

test.describe('a second tab on the same identification', () => {
  test('in the same browser: told at once when the first tab succeeds', async ({ page, stack }) => {
    const first = new DemoPage(page);
    const link = await first.start(stack.demoUrl);
    const second = await page.context().newPage();
    await second.goto(page.url());
    const secondDemo = new DemoPage(second);
    const secondLink = await secondDemo.readQr();
    expect(channelOf(secondLink).channelId).not.toBe(channelOf(link).channelId);

    const phone = await first.scan(link);
    await phone.succeed();
    await expect(first.result).toContainText('Identity verified');
    await expect(second.locator('[data-test=finished-elsewhere]')).toBeVisible();
    await expect(second.locator('[data-test=already-completed]')).toHaveText(ALREADY_COMPLETED);
    await expect(second.locator('proofme-qr')).toHaveCount(0);
    await expect(secondDemo.result).toContainText('Identity verified');
    await phone.close();
  });

  test('in another browser: sees it finished when the tab comes back into view', async ({ page, stack, browser }) => {
    const first = new DemoPage(page);
    const link = await first.start(stack.demoUrl);
    // Another browser context: no BroadcastChannel reaches it, as with another browser or device.
    const other = await browser.newContext();
    const second = await other.newPage();
    await second.goto(page.url());
    await new DemoPage(second).readQr();

    const phone = await first.scan(link);
    await phone.succeed();
    await expect(first.result).toContainText('Identity verified');
    // Headless tabs never go hidden; send the event a tab gets when the user switches back to it.
    await expect(async () => {
      await second.evaluate(() => document.dispatchEvent(new Event('visibilitychange')));
      await expect(second.locator('[data-test=finished-elsewhere]')).toBeVisible({ timeout: 500 });
    }).toPass({ timeout: 10_000 });
    await expect(second.locator('proofme-qr')).toHaveCount(0);
    await phone.close();
    await other.close();
  });
});

test.describe('languages', () => {
  test('switches to Dutch (the library and the demo), keeps the choice and the identification', async ({ page, stack }) => {
    const demo = new DemoPage(page);
    await demo.start(stack.demoUrl);
    const id = idInUrl(page);
    await page.locator('[data-test=language] [data-language=nl]').click();
    await expect(page.locator('html')).toHaveAttribute('lang', 'nl');
    await expect(page.locator('h1')).toHaveText('Bevestig je identiteit');
    await expect(demo.status).toHaveText(NL_READY);
    expect(idInUrl(page)).toBe(id);
    await expect(page.locator('[data-test=language] [data-language=nl]')).toHaveAttribute('aria-pressed', 'true');

    await page.goto(stack.demoUrl);
    await expect(page.locator('[data-test=start]')).toHaveText('Identificatie starten');
    await page.locator('[data-test=language] [data-language=en]').click();
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(page.locator('[data-test=start]')).toHaveText('Start identification');
  });
});

test('no raw codes reach the reader, in English or Dutch, after success and failure', async ({ page, stack }) => {
  for (const language of ['en', 'nl']) {
    await page.goto(stack.demoUrl);
    await page.locator(`[data-test=language] [data-language=${language}]`).click();
    await expect(page.locator('html')).toHaveAttribute('lang', language);
    const demo = new DemoPage(page);
    for (const outcome of ['succeed', 'fail'] as const) {
      await page.locator('[data-test=start]').click();
      // Not demo.scan(): it expects the English status text.
      const phone = PhoneSimulator.fromDeeplink(await demo.readQr());
      await phone.join();
      await expect(page.locator('proofme-qr')).toHaveAttribute('data-state', 'scanned');
      await (outcome === 'succeed' ? phone.succeed() : phone.fail());
      await expect(demo.result).toBeVisible();
      await expect(page.locator('[data-test=summary], [data-test=summary-unavailable]')).toBeVisible();
      // The details panel open too: its check names and statuses are words, not codes.
      await page.locator('[data-test=preflight-details] summary').click();
      expect(await readableText(page)).not.toMatch(RAW_CODE);
      await phone.close();
      await page.reload();
      await expect(page.locator('[data-test=finished]')).toBeVisible();
      expect(await readableText(page)).not.toMatch(RAW_CODE);
      await page.locator('[data-test=new-identification]').click();
    }
  }
});

test('the preflight details are folded away in a <details> panel', async ({ page, stack }) => {
  await new DemoPage(page).start(stack.demoUrl);
  const details = page.locator('[data-test=preflight-details]');
  await expect(details).toHaveJSProperty('open', false);
  await expect(details.locator('li')).toHaveCount(4);
  await expect(details.locator('li').first()).toBeHidden();
  await details.locator('summary').click();
  await expect(details.locator('[data-check=identification]')).toBeVisible();
  await expect(details.locator('[data-check=identification]')).toHaveAttribute('data-status', 'passed');
});

test('no request fails or is aborted over whole flows', async ({ page, stack }) => {
  const failed: string[] = [];
  let finished = 0;
  page.on('requestfailed', (request) => failed.push(`${request.method()} ${request.url()}: ${request.failure()?.errorText}`));
  page.on('requestfinished', () => finished++);
  const demo = new DemoPage(page);
  // The abort was a race (about one request in three): several flows give it many chances.
  for (let round = 0; round < 3; round++) {
    const phone = await demo.scan(await demo.start(stack.demoUrl));
    await phone.succeed();
    await expect(page.locator('[data-test=summary-name]')).toBeVisible();
    await phone.close();
    await page.reload();
    await expect(page.locator('[data-test=finished]')).toBeVisible();
    await expect(page.locator('[data-test=summary-name]')).toBeVisible();
    await page.locator('[data-test=new-identification]').click();
  }
  expect(finished).toBeGreaterThan(30);
  expect(failed).toEqual([]);
});

test('the phone panel restarts the signaling server: reconnecting, then a new QR code that works', async ({ page, stack }) => {
  const demo = new DemoPage(page);
  const before = await demo.start(stack.demoUrl);
  await page.locator('[data-action=restart-server]').click();
  await expect(page.locator('proofme-qr')).toHaveAttribute('data-state', 'reconnecting');
  await expect(page.locator('[data-action=restart-server]')).toBeDisabled();
  await expect(page.locator('proofme-qr')).toHaveAttribute('data-state', 'ready', { timeout: 20_000 });
  await expect(page.locator('[data-test=server-note]')).toHaveText('The signaling server is back.');
  const after = await demo.readQr();
  expect(channelOf(after).channelId).not.toBe(channelOf(before).channelId);
  // The emulation kept the identification across the restart: the outcome reaches the backend's summary.
  const phone = await demo.scan(after);
  await phone.succeed();
  await expect(page.locator('[data-test=summary-name]')).toBeVisible();
  await phone.close();
});
