import { DemoPage, channelOf } from '../support/demo-page';
import { expect, snapshot, test } from '../support/fixtures';

test.describe('the identification flow in Chromium', () => {
  test('shows a real QR code: a Proofme deeplink for a channel on this server', async ({ page, stack, cspViolations }) => {
    const demo = new DemoPage(page);
    const link = await demo.start(stack.demoUrl);
    expect(link).toMatch(/^https:\/\/proofme\.id\/app\?p=[0-9a-f-]{36}:ws%3A%2F%2F127\.0\.0\.1%3A\d+$/);
    expect(channelOf(link).signalServer).toBe(stack.signaling().url);
    expect(stack.signaling().metrics().openHosts).toBe(1);
    await expect(demo.status).toHaveText('Scan the QR code with the Proofme app.');
    await snapshot(page, '01-ready');
    expect(cspViolations).toEqual([]);
  });

  test('succeeds: the phone scans the decoded link, then reports success', async ({ page, stack, cspViolations }) => {
    const demo = new DemoPage(page);
    const phone = await demo.scan(await demo.start(stack.demoUrl));
    await expect(page.locator('proofme-qr')).toHaveAttribute('data-state', 'scanned');
    await snapshot(page, '02-scanned');
    await phone.succeed();
    await expect(demo.result).toContainText('Identity verified');
    await expect(demo.status).toHaveText('Identification successful.');
    await snapshot(page, '03-succeeded');
    await phone.close();
    expect(cspViolations).toEqual([]);
  });

  test('fails: the phone reports a failed identification', async ({ page, stack }) => {
    const demo = new DemoPage(page);
    const phone = await demo.scan(await demo.start(stack.demoUrl));
    await phone.fail('IDENTIFICATION_FAILED');
    await expect(demo.result).toContainText('Not verified');
    await expect(demo.status).toHaveText('Identification failed.');
    await snapshot(page, '04-failed');
    await phone.close();
  });

  test('the phone leaves: a new QR code for a new channel', async ({ page, stack }) => {
    const demo = new DemoPage(page);
    const first = await demo.start(stack.demoUrl);
    const phone = await demo.scan(first);
    await phone.leave();
    await expect(page.locator('proofme-qr')).toHaveAttribute('data-state', 'phone-left');
    await expect(demo.qr.locator('svg[viewBox]')).toHaveCount(0);
    await snapshot(page, '05-phone-left');
    await page.getByRole('button', { name: 'New QR code' }).click();
    // The button left with its state; keyboard focus stays in the component, not on <body>.
    await expect(page.locator('proofme-status')).toBeFocused();
    const second = await demo.readQr();
    expect(channelOf(second).channelId).not.toBe(channelOf(first).channelId);
    // The new channel works end to end.
    const again = await demo.scan(second);
    await again.succeed();
    await expect(demo.result).toContainText('Identity verified');
    await again.close();
  });

  test('survives a signaling server restart without a reload', async ({ page, stack }) => {
    const demo = new DemoPage(page);
    const before = await demo.start(stack.demoUrl);
    await stack.stopSignaling();
    await expect(page.locator('proofme-qr')).toHaveAttribute('data-state', 'reconnecting');
    await snapshot(page, '06-reconnecting');
    await stack.startSignaling();
    await expect(page.locator('proofme-qr')).toHaveAttribute('data-state', 'ready', { timeout: 20_000 });
    const after = await demo.readQr();
    expect(channelOf(after).channelId).not.toBe(channelOf(before).channelId);
    const phone = await demo.scan(after);
    await phone.succeed();
    await expect(demo.result).toContainText('Identity verified');
    await phone.close();
  });

  test('checks every part first: an unknown identification gets instructions, not a dead QR code', async ({ page, stack, cspViolations }) => {
    await page.goto(stack.demoUrl);
    await page.locator('#typed-id').fill('6f1c1c59-4c38-4c5e-9c7b-0d4f0e1a2b3c');
    await page.getByRole('button', { name: 'Use' }).click();
    const failure = page.locator('[data-test=preflight-failure]');
    await expect(failure).toHaveAttribute('data-failure', 'IDENTIFICATION_NOT_FOUND');
    await expect(failure).toContainText('This identification does not exist.');
    await expect(failure).toContainText('Start a new identification');
    await expect(page.locator('proofme-qr')).toHaveCount(0);
    expect(stack.signaling().metrics().openHosts).toBe(0);
    await snapshot(page, '08-preflight-failed');
    // A created identification passes all four checks and gets its QR code.
    await page.getByRole('button', { name: 'Start over' }).click();
    await new DemoPage(page).start(stack.demoUrl);
    await expect(page.locator('[data-test=preflight-summary] [data-check=identification]')).toHaveAttribute('data-status', 'passed');
    expect(cspViolations).toEqual([]);
  });

  test('the simulate-the-phone panel drives every step from the page', async ({ page, stack }) => {
    const demo = new DemoPage(page);
    await demo.start(stack.demoUrl);
    await page.locator('[data-action=scan]').click();
    await expect(demo.status).toHaveText('QR code scanned. Continue on your phone.');
    await page.locator('[data-action=succeed]').click();
    await expect(demo.result).toContainText('Identity verified');
  });
});
