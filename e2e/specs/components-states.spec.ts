import AxeBuilder from '@axe-core/playwright';
import { Page, devices } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { PhoneSimulator } from '../../projects/signaling-server/src';
import { DemoPage } from '../support/demo-page';
import { expect, test } from '../support/fixtures';

// Pictures of every component state for people to look at (not committed).
const DIR = join(__dirname, '..', '..', 'test-output', 'components');
const IPAD_IN_APP = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_4) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148';

async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(DIR, { recursive: true });
  await page.locator('proofme-identification').screenshot({ path: join(DIR, `${name}.png`), animations: 'disabled' });
}

async function serious(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).include('proofme-identification').analyze();
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id);
}

/**
 * Every layout shift since the page loaded (Layout Instability API, buffered), with what moved, so
 * a failure names the element instead of only a number.
 */
async function layoutShifts(page: Page): Promise<{ total: number; shifts: string[]; component: number; componentShifts: string[] }> {
  return page.evaluate(
    () =>
      new Promise<{ total: number; shifts: string[]; component: number; componentShifts: string[] }>((resolve) => {
        type Shift = PerformanceEntry & { value: number; hadRecentInput: boolean; sources: { node?: Node; previousRect: DOMRectReadOnly; currentRect: DOMRectReadOnly }[] };
        const describe = (node?: Node): string => {
          if (!(node instanceof Element)) return node?.nodeName ?? '?';
          return `${node.tagName.toLowerCase()}${node.className && typeof node.className === 'string' ? '.' + node.className.trim().split(/\s+/).join('.') : ''}`;
        };
        const rect = (r: DOMRectReadOnly) => `${Math.round(r.x)},${Math.round(r.y)} ${Math.round(r.width)}x${Math.round(r.height)}`;
        const inComponent = (node?: Node): boolean => {
          const element = node instanceof Element ? node : node?.parentElement;
          return !!element?.closest('proofme-identification');
        };
        let total = 0;
        let component = 0;
        const shifts: string[] = [];
        const componentShifts: string[] = [];
        new PerformanceObserver((list) => {
          for (const entry of list.getEntries() as Shift[]) {
            if (entry.hadRecentInput) continue;
            const line = `${entry.value.toFixed(4)}: ${entry.sources.map((s) => `${describe(s.node)} ${rect(s.previousRect)} -> ${rect(s.currentRect)}`).join('; ')}`;
            total += entry.value;
            shifts.push(line);
            if (entry.sources.some((s) => inComponent(s.node))) {
              component += entry.value;
              componentShifts.push(line);
            }
          }
        }).observe({ type: 'layout-shift', buffered: true });
        setTimeout(() => resolve({ total, shifts, component, componentShifts }), 300);
      }),
  );
}

for (const [device, use] of [
  ['desktop', { viewport: { width: 1280, height: 800 } }],
  ['phone', { viewport: { width: 390, height: 844 }, userAgent: devices['iPhone 13'].userAgent, isMobile: true, hasTouch: true, deviceScaleFactor: 2 }],
] as const) {
  test.describe(`on a ${device}`, () => {
    test.use(use);

    for (const colorScheme of ['light', 'dark'] as const) {
      test(`every state, ${colorScheme}: pictures, axe, no layout shift, focus`, async ({ page, stack }) => {
        await page.emulateMedia({ colorScheme });
        const demo = new DemoPage(page);
        const link = await demo.start(stack.demoUrl);
        // Start's button is gone: focus is somewhere on purpose (the demo moves it itself), not on <body>.
        expect(await page.evaluate(() => document.activeElement?.tagName)).not.toBe('BODY');
        await shot(page, `${device}-${colorScheme}-ready`);
        expect(await serious(page)).toEqual([]);
        // The demo's lead follows the device and the state too (one instruction, not a stale one).
        const lead = page.locator('.live-lead');
        await expect(lead).toHaveText(device === 'phone' ? 'Open the Proofme app with the button below.' : 'Scan the code with the Proofme app.', { useInnerText: true });
        if (device === 'phone') {
          await expect(page.locator('proofme-mobile-button a')).toBeVisible();
          await expect(demo.status).not.toContainText('QR');
        }
        const phone = PhoneSimulator.fromDeeplink(link);
        await phone.join();
        await expect(page.locator('proofme-status')).toHaveAttribute('data-state', 'scanned');
        await expect(lead).toHaveText('Continue in the Proofme app.');
        await shot(page, `${device}-${colorScheme}-scanned`);
        expect(await serious(page)).toEqual([]);
        if (device === 'phone') await expect(page.locator('proofme-mobile-button a')).toBeHidden();
        await phone.leave();
        await expect(page.locator('proofme-status')).toHaveAttribute('data-state', 'phone-left');
        await shot(page, `${device}-${colorScheme}-phone-left`);
        expect(await serious(page)).toEqual([]);
        await page.locator('proofme-status button').click();
        expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('PROOFME-STATUS');
        await expect(page.locator('proofme-status')).toHaveAttribute('data-state', 'ready');
        const second = PhoneSimulator.fromDeeplink(await demo.readQr());
        await second.join();
        await expect(page.locator('proofme-status')).toHaveAttribute('data-state', 'scanned');
        await second.fail('Your document could not be read.');
        await expect(page.locator('proofme-status')).toHaveAttribute('data-state', 'failed');
        await expect(page.locator('.proofme-status__reason')).toHaveText('Your document could not be read.');
        await shot(page, `${device}-${colorScheme}-failed`);
        expect(await serious(page)).toEqual([]);
        const shifts = await layoutShifts(page);
        console.log(`CLS ${device} ${colorScheme}: page ${shifts.total.toFixed(4)}, component ${shifts.component.toFixed(4)}`, shifts.shifts);
        expect(shifts.componentShifts).toEqual([]);
        // The demo page around the components must not shift either (its result card, its timeline).
        expect(shifts.shifts).toEqual([]);
        // The timeline keeps still by appending and scrolling to its end: its newest entry is the one in view.
        const newest = await page.locator('demo-session-timeline ol').evaluate((list) => {
          const last = list.lastElementChild!.getBoundingClientRect();
          const box = list.getBoundingClientRect();
          return { text: list.lastElementChild!.textContent ?? '', inView: last.top >= box.top - 1 && last.bottom <= box.bottom + 1 };
        });
        expect(newest).toEqual({ text: expect.stringContaining('failed'), inView: true });
        // Try again: a new session, a live code, focus on the status.
        // The demo asks its backend for a new identification first: focus lands once that one is shown.
        await page.getByRole('button', { name: 'Try again' }).click();
        await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).toBe('PROOFME-STATUS');
        await expect(page.locator('proofme-status')).toHaveAttribute('data-state', 'ready');
        await stack.stopSignaling();
        await expect(page.locator('proofme-status')).toHaveAttribute('data-state', /reconnecting|error/);
        await expect(page.locator('.proofme-status__countdown')).toHaveText(/Trying again in \d:\d\d/);
        await shot(page, `${device}-${colorScheme}-reconnecting`);
        expect(await serious(page)).toEqual([]);
        // "Retry now" while the server is still down. The page's own retry timer (0.5-1 s, then
        // 1-2 s…) keeps running: once the server is back it may reconnect before a click lands, and
        // the button is gone (the timeline then reads ready, reconnecting, ← host, ready, and the
        // click waits out the test's timeout). While the server is down, that timer only fails again.
        await page.getByRole('button', { name: 'Retry now' }).click();
        expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('PROOFME-STATUS');
        await expect(page.locator('proofme-status')).toHaveAttribute('data-state', 'reconnecting');
        await stack.startSignaling();
        // Whichever comes first, the pending attempt or "Retry now": the click is made in the page,
        // in one task, and only while the button is there, so it cannot lose a race with the timer.
        await expect(async () => {
          await page.locator('proofme-status').evaluate((status) => status.querySelector<HTMLElement>('[data-action=retry-now]')?.click());
          await expect(page.locator('proofme-status')).toHaveAttribute('data-state', 'ready', { timeout: 1000 });
        }).toPass({ timeout: 10_000 });
        await page.context().setOffline(true);
        await page.evaluate(() => window.dispatchEvent(new Event('offline')));
        await expect(page.locator('proofme-status')).toHaveAttribute('data-state', 'offline');
        await shot(page, `${device}-${colorScheme}-offline`);
        expect(await serious(page)).toEqual([]);
        await page.context().setOffline(false);
        await page.evaluate(() => window.dispatchEvent(new Event('online')));
        await expect(page.locator('proofme-status')).toHaveAttribute('data-state', 'ready');
        const last = PhoneSimulator.fromDeeplink(await demo.readQr());
        await last.join();
        await last.succeed();
        await expect(page.locator('proofme-status')).toHaveAttribute('data-state', 'succeeded');
        await expect(lead).toHaveText('This identification is over.');
        await shot(page, `${device}-${colorScheme}-succeeded`);
        expect(await serious(page)).toEqual([]);
      });
    }
  });
}

// The state the long flow above does not reach: a code that expired unused.
for (const [device, use] of [
  ['desktop', { viewport: { width: 1280, height: 800 } }],
  ['phone', { viewport: { width: 390, height: 844 }, userAgent: devices['iPhone 13'].userAgent, isMobile: true, hasTouch: true, deviceScaleFactor: 2 }],
] as const) {
  test.describe(`expired on a ${device}`, () => {
    // A channel shorter than the rotation lead time is never rotated: the server's 4408 ends it.
    test.use({ ...use, signalingOptions: { channelTtlMs: 2000 } });

    for (const colorScheme of ['light', 'dark'] as const) {
      test(`${colorScheme}: pictures, axe, focus`, async ({ page, stack }) => {
        await page.emulateMedia({ colorScheme });
        const demo = new DemoPage(page);
        await demo.start(stack.demoUrl);
        await expect(page.locator('proofme-status')).toHaveAttribute('data-state', 'expired');
        await shot(page, `${device}-${colorScheme}-expired`);
        expect(await serious(page)).toEqual([]);
        await page.locator('proofme-status button').click();
        expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('PROOFME-STATUS');
        await expect(page.locator('proofme-status')).toHaveAttribute('data-state', /ready|expired/);
      });
    }
  });
}

test.describe('on a phone, with a slow backend', () => {
  test.use({ viewport: { width: 390, height: 844 }, userAgent: devices['iPhone 13'].userAgent, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });

  test('Start shifts nothing below the card, even when the code comes more than 0.5 s after the click', async ({ page, stack }) => {
    // Shifts within 0.5 s of a click count as expected; a backend slower than that makes them count.
    await page.route('**/api/identifications', async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 1200));
      await route.continue();
    });
    const demo = new DemoPage(page);
    await demo.start(stack.demoUrl);
    const shifts = await layoutShifts(page);
    expect(shifts.shifts).toEqual([]);
  });
});

test("follows the page's color-scheme, not only the system's: a light-only page on a dark system keeps dark text", async ({ page, stack }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  const demo = new DemoPage(page);
  await demo.start(stack.demoUrl);
  const statusText = page.locator('proofme-status .proofme-status__text');
  // The library's own defaults, not the demo's palette: an unset --proofme-text falls back to them.
  const colourWith = (scheme: string) =>
    page.evaluate((colorScheme) => {
      document.documentElement.style.setProperty('--proofme-text', 'initial');
      document.documentElement.style.colorScheme = colorScheme;
      return getComputedStyle(document.querySelector('proofme-status .proofme-status__text')!).color;
    }, scheme);
  await expect(statusText).toBeVisible();
  expect(await colourWith('light')).toBe('rgb(27, 31, 36)');
  expect(await colourWith('light dark')).toBe('rgb(230, 232, 235)');
});

test.describe('on an iPad in-app browser (a "Mac" UA without Safari, with touch)', () => {
  test.use({ userAgent: IPAD_IN_APP, viewport: { width: 820, height: 1180 }, hasTouch: true, isMobile: true });

  test('shows the open-in-app button', async ({ page, stack }) => {
    await page.addInitScript(() => Object.defineProperty(Navigator.prototype, 'maxTouchPoints', { get: () => 5 }));
    const demo = new DemoPage(page);
    const link = await demo.start(stack.demoUrl);
    await expect(page.locator('proofme-mobile-button a')).toHaveAttribute('href', link);
  });
});

type AXNode = {
  nodeId: string;
  ignored: boolean;
  role?: { value: string };
  childIds?: string[];
  name?: { value: string };
  properties?: { name: string; value: { value: unknown } }[];
};

/**
 * The text of every polite live region Chromium exposes to assistive technology right now. A node
 * outside an open modal <dialog> is `ignored` in the accessibility tree, and so never announced.
 */
async function exposedPoliteRegions(page: Page): Promise<string[]> {
  const client = await page.context().newCDPSession(page);
  const { nodes } = (await client.send('Accessibility.getFullAXTree')) as { nodes: AXNode[] };
  await client.detach();
  const byId = new Map(nodes.map((node) => [node.nodeId, node]));
  // A StaticText's name is its whole text (its InlineTextBox children are pieces of lines).
  const text = (node: AXNode): string =>
    node.role?.value === 'StaticText'
      ? (node.name?.value ?? '')
      : (node.childIds ?? []).map((id) => byId.get(id)).filter((child): child is AXNode => !!child).map(text).join('');
  return nodes
    .filter((node) => !node.ignored && node.properties?.some((p) => p.name === 'live' && p.value.value === 'polite'))
    .map(text);
}

test('announces status changes inside a modal <dialog>, and a repeated message again', async ({ page, stack }) => {
  const demo = new DemoPage(page);
  const link = await demo.start(stack.demoUrl);
  // Move the component into a native modal dialog: everything outside it leaves the accessibility tree.
  await page.evaluate(() => {
    const dialog = document.createElement('dialog');
    document.body.append(dialog);
    dialog.append(document.querySelector('proofme-identification')!);
    dialog.showModal();
  });
  const phone = PhoneSimulator.fromDeeplink(link);
  await phone.join();
  await expect(page.locator('proofme-status')).toHaveAttribute('data-state', 'scanned');
  await expect.poll(() => exposedPoliteRegions(page)).toContain('QR code scanned. Continue on your phone.');

  // The same sentence twice in a row (the phone leaves, a new code, it leaves again): the region is
  // emptied and filled again, which is what makes a screen reader say it a second time.
  await phone.leave();
  await expect(page.locator('proofme-status')).toHaveAttribute('data-state', 'phone-left');
  // The region is filled a frame after the state: wait for it, or the sentence read here is ''.
  await expect(page.locator('proofme-status .proofme-status__live')).toHaveText(/\S/);
  const said = await page.evaluate(() => {
    const region = document.querySelector('proofme-status .proofme-status__live')!;
    const texts: string[] = [];
    new MutationObserver(() => texts.push(region.textContent ?? '')).observe(region, { childList: true, characterData: true, subtree: true });
    (window as unknown as { __said: string[] }).__said = texts;
    return region.textContent;
  });
  await page.locator('proofme-status button').click();
  await expect(page.locator('proofme-status')).toHaveAttribute('data-state', 'ready');
  const second = PhoneSimulator.fromDeeplink(await demo.readQr());
  await second.join();
  await second.leave();
  await expect(page.locator('proofme-status')).toHaveAttribute('data-state', 'phone-left');
  await expect.poll(() => page.evaluate(() => (window as unknown as { __said: string[] }).__said.at(-1))).toBe(said);
  const texts = await page.evaluate(() => (window as unknown as { __said: string[] }).__said);
  // Emptied right before the repeat, never left empty.
  expect(texts.at(-2)).toBe('');
  await expect.poll(() => exposedPoliteRegions(page)).toContain(said);
});
