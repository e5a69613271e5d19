// What a fresh app must do in Chromium: draw a QR code that decodes to a deeplink for our server,
// let a phone join it, stay stable while it waits (zone.js or not), and, with SSR, render on the
// server without opening a socket and hydrate without errors.
import { ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { Browser, Page } from '@playwright/test';
import { parseDeeplink } from 'proofme-ng/protocol';
import { PhoneSimulator } from '../../projects/signaling-server/src';
import { readQr } from '../support/qr';
import { FreshApp } from './app-stages';
import { check, messageOf } from './checks';
import { start } from './processes';
import { Signaling, freePort, waitForHttp } from './servers';

/** Hydration's NG0506 fires 10 s after the page starts when the app is not stable by then. */
const HYDRATION_STABILITY_WINDOW_MS = 10_000;

/** Console errors, uncaught exceptions and Angular NG0xxx messages of a page. */
function watchConsole(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (message) => {
    const text = message.text();
    if (message.type() === 'error' || /NG0\d{3}/.test(text)) problems.push(`console.${message.type()}: ${text}`);
  });
  page.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`));
  return problems;
}

/**
 * Runs in the page, as plain JavaScript text: tsx would wrap a TypeScript function's inner
 * functions in its `__name` helper, which does not exist in the page.
 */
const STABILITY_PROBE = `(async () => {
  const ref = globalThis.freshAppRef;
  if (!ref) return { exposed: false, stable: false, ms: 0, blips: 0, stableAgain: false };
  const within = (ms) => Promise.race([ref.whenStable().then(() => true), new Promise((done) => setTimeout(() => done(false), ms))]);
  const started = performance.now();
  const stable = await within(1000);
  const ms = performance.now() - started;
  let blips = 0;
  const subscription = ref.isStable.subscribe((value) => { if (!value) blips++; });
  await new Promise((done) => setTimeout(done, 3000));
  subscription.unsubscribe();
  return { exposed: true, stable, ms, blips, stableAgain: await within(1000) };
})()`;

/**
 * While the QR code waits for a phone, the app must be stable: `whenStable()` resolves within 1 s,
 * and over the next 3 s it does not stay unstable (a change-detection pass may flip it briefly).
 * A timer run inside Angular's zone, or a pending task held while waiting, fails this.
 */
async function checkStableWhileWaiting(name: string, page: Page): Promise<void> {
  const report = (await page.evaluate(STABILITY_PROBE)) as { exposed: boolean; stable: boolean; ms: number; blips: number; stableAgain: boolean };
  if (!check(`${name}: the page exposes its ApplicationRef`, report.exposed)) return;
  check(`${name}: whenStable() resolves within 1 s of the QR code showing`, report.stable, `${report.ms.toFixed(0)} ms`);
  check(`${name}: still stable after 3 s waiting for the phone`, report.stableAgain, `${report.blips} unstable moments`);
}

/** Reads the QR code, checks the app is stable, then has a simulated phone join the channel. */
async function checkQrAndPhone(name: string, page: Page, signaling: Signaling): Promise<void> {
  const qr = page.locator('proofme-qr').first();
  const text = await readQr(qr, 20_000);
  const parsed = parseDeeplink(text);
  check(`${name}: the QR code decodes to a Proofme deeplink`, parsed.ok, parsed.ok ? text : parsed.message);
  if (!parsed.ok) return;
  check(`${name}: the deeplink names our signaling server`, parsed.deeplink.signalServer === signaling.url, parsed.deeplink.signalServer);
  check(`${name}: the QR matches the page's data-proofme-deeplink`, (await qr.locator('[data-proofme-deeplink]').getAttribute('data-proofme-deeplink')) === text);
  await checkStableWhileWaiting(name, page);
  const phone = PhoneSimulator.fromDeeplink(text, { joinTimeoutMs: 10_000 });
  try {
    const client = await phone.join();
    check(`${name}: a simulated phone joins the channel`, client.channelId === parsed.deeplink.channelId);
    const scanned = await qr
      .and(page.locator('[data-state="scanned"]'))
      .waitFor({ timeout: 10_000 })
      .then(() => true, () => false);
    check(`${name}: the page shows the phone joined (data-state="scanned")`, scanned);
  } catch (error) {
    check(`${name}: a simulated phone joins the channel`, false, messageOf(error));
  } finally {
    await phone.close();
  }
}

export async function browserCheckPlain(browser: Browser, app: FreshApp, site: string, signaling: Signaling): Promise<void> {
  const name = app.spec.name;
  const page = await browser.newPage();
  const problems = watchConsole(page);
  try {
    await page.goto(site);
    await checkQrAndPhone(name, page, signaling);
    check(`${name}: the signaling server saw the page's host`, signaling.server.metrics().channelsCreated >= 1);
    check(`${name}: no console errors`, problems.length === 0, problems.join(' | ') || undefined);
  } finally {
    await page.close();
  }
}

/**
 * The headless page: its state text reaches 'ready', its deeplink text names our server, and a
 * simulated phone joins (the state text then says 'scanned'). No QR code: there is no component.
 */
export async function browserCheckHeadless(browser: Browser, app: FreshApp, site: string, signaling: Signaling): Promise<void> {
  const name = app.spec.name;
  const page = await browser.newPage();
  const problems = watchConsole(page);
  const state = page.locator('#proofme-state');
  const shows = (status: string) => state.filter({ hasText: new RegExp(`^${status}$`) }).waitFor({ timeout: 20_000 }).then(() => true, () => false);
  try {
    await page.goto(site);
    if (!check(`${name}: the page's session reaches 'ready'`, await shows('ready'), (await state.textContent()) ?? undefined)) return;
    const text = ((await page.locator('#proofme-deeplink').textContent()) ?? '').trim();
    const parsed = parseDeeplink(text);
    check(`${name}: the page shows a Proofme deeplink`, parsed.ok, parsed.ok ? text : parsed.message);
    if (!parsed.ok) return;
    check(`${name}: the deeplink names our signaling server`, parsed.deeplink.signalServer === signaling.url, parsed.deeplink.signalServer);
    const phone = PhoneSimulator.fromDeeplink(text, { joinTimeoutMs: 10_000 });
    try {
      const client = await phone.join();
      check(`${name}: a simulated phone joins the channel`, client.channelId === parsed.deeplink.channelId);
      check(`${name}: the page's session says 'scanned'`, await shows('scanned'), (await state.textContent()) ?? undefined);
    } catch (error) {
      check(`${name}: a simulated phone joins the channel`, false, messageOf(error));
    } finally {
      await phone.close();
    }
    check(`${name}: no console errors`, problems.length === 0, problems.join(' | ') || undefined);
  } finally {
    await page.close();
  }
}

/** The SSR server bundle on the app's Node and a free port; `/` fetched with plain HTTP. */
export async function serverRender(app: FreshApp, signaling: Signaling): Promise<{ url: string; child: ChildProcess; output: () => string }> {
  const name = app.spec.name;
  const port = await freePort();
  const url = `http://127.0.0.1:${port}/`;
  // Angular checks the Host header: without 127.0.0.1 allowed, 21 falls back to client rendering
  // with an error and 22 answers 400.
  const env = app.runtime.env({ PORT: String(port), NG_ALLOWED_HOSTS: '127.0.0.1' });
  const child = start(app.runtime.node, [join(app.dir, 'dist', name, 'server/server.mjs')], app.dir, join(app.workDir, `${name}-server.log`), env);
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  await waitForHttp(url, child, 20_000);

  const response = await fetch(url, { signal: AbortSignal.timeout(20_000) });
  const html = await response.text();
  await new Promise((done) => setTimeout(done, 1000)); // a socket opened late during rendering would show up here
  check(`${name}: GET / answers 200`, response.status === 200, String(response.status));
  check(`${name}: / was rendered on the server (ng-server-context="ssr")`, html.includes('ng-server-context="ssr"'));
  check(`${name}: the server HTML has <proofme-identification> with the QR placeholder`, html.includes('<proofme-identification') && html.includes('proofme-qr__placeholder'));
  check(`${name}: the server HTML has no <qrcode>`, !html.includes('<qrcode'));
  const metrics = signaling.server.metrics();
  const refused = Object.values(metrics.refusedUpgrades).reduce((sum, n) => sum + n, 0);
  check(
    `${name}: no connection to the signaling server from build or server rendering`,
    signaling.connections() === 0 && metrics.channelsCreated === 0 && metrics.openHosts === 0 && refused === 0,
    `tcp ${signaling.connections()}, channels ${metrics.channelsCreated}, open hosts ${metrics.openHosts}, refused upgrades ${refused}`,
  );
  const serverErrors = output.split('\n').filter((line) => /error|NG0\d{3}/i.test(line));
  check(`${name}: the SSR server logged no errors`, serverErrors.length === 0, serverErrors.join(' | ') || undefined);
  return { url, child, output: () => output };
}

export async function browserCheckSsr(browser: Browser, app: FreshApp, site: string, signaling: Signaling, serverOutput: () => string): Promise<void> {
  const name = app.spec.name;
  const page = await browser.newPage();
  const problems = watchConsole(page);
  // Marks the server-rendered element once the HTML is parsed and before the app's module scripts
  // run: if hydration reuses the DOM, the element the app ends up with still carries the mark.
  await page.addInitScript(() => {
    document.addEventListener('readystatechange', () => {
      const element = document.querySelector('proofme-identification');
      if (document.readyState === 'interactive' && element) element.setAttribute('data-e2e-server-rendered', '');
    });
  });
  try {
    const loaded = Date.now();
    await page.goto(site);
    await checkQrAndPhone(name, page, signaling);
    const reused = await page.locator('proofme-identification[data-e2e-server-rendered]').count();
    check(`${name}: hydration kept the server-rendered <proofme-identification>`, reused === 1);
    check(`${name}: the page connected after hydration`, signaling.server.metrics().channelsCreated >= 1 && signaling.connections() > 0);
    if (app.spec.devBuild) {
      // A development build runs hydration's stability check: give it its 10 s, plus a margin.
      const left = HYDRATION_STABILITY_WINDOW_MS + 1500 - (Date.now() - loaded);
      if (left > 0) await page.waitForTimeout(left);
      const ng0506 = problems.filter((problem) => problem.includes('NG0506'));
      check(`${name}: no NG0506 (app stable for hydration) after ${HYDRATION_STABILITY_WINDOW_MS / 1000} s`, ng0506.length === 0, ng0506.join(' | ') || undefined);
    }
    const hydration = problems.filter((problem) => /NG05\d\d|hydrat/i.test(problem));
    check(`${name}: no hydration errors (NG05xx) in the console`, hydration.length === 0, hydration.join(' | ') || undefined);
    check(`${name}: no console errors`, problems.length === 0, problems.join(' | ') || undefined);
    const serverErrors = serverOutput().split('\n').filter((line) => /error|NG0\d{3}/i.test(line));
    check(`${name}: the SSR server logged no errors while the page ran`, serverErrors.length === 0, serverErrors.join(' | ') || undefined);
  } finally {
    await page.close();
  }
}
