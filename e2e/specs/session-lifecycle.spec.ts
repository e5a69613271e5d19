import type { Locator, Page } from '@playwright/test';
import { PROOFME_CLOSE_CODES } from 'proofme-ng/protocol';
import { DemoPage, channelOf } from '../support/demo-page';
import { Stack, expect, test } from '../support/fixtures';
import { HostileConnection, HostileMode, HostileSignaling } from '../support/hostile-signaling';

// The session's lifecycle in a real Chromium over real WebSockets (127.0.0.1), against servers that
// misbehave on purpose. The page's clock is faked (Playwright's page.clock) so that backoffs, pings
// and expiries measured in tens of seconds pass in a few: the sockets stay real, only time jumps.

/** The demo's own reconnect policy (projects/demo-app/src/app/app.config.ts): maxAttempts 8, the rest the library's defaults. */
const DEMO_MAX_ATTEMPTS = 8;
/** The library's defaults (projects/proofme-ng/src/lib/config/proofme-config.ts). */
const PING_INTERVAL_MS = 20_000;
const PONG_TIMEOUT_MS = 10_000;
const ROTATE_BEFORE_EXPIRY_MS = 15_000;
const RECONNECT = { initialDelayMs: 1000, multiplier: 2, maxDelayMs: 30_000, jitter: 0.5 };

/**
 * The page's clock. It runs with real time, plus every jump the test makes; while paused, no timer
 * of the page fires at all, so whatever happens then was not waiting for one.
 */
class PageClock {
  /** Page time minus this process's time, as last read. The page's clock drifts from real time (its natural flow is approximate), so every jump reads it again. */
  private offset = 0;
  private paused = false;

  constructor(private readonly page: Page) {}

  async install(): Promise<void> {
    await this.page.clock.install({ time: Date.now() });
  }

  /** The page's `Date.now()` as of the last jump (within a few ms): for the server, which must answer synchronously. */
  now(): number {
    return Date.now() + this.offset;
  }

  /** The page's own `Date.now()`, asked. */
  async read(): Promise<number> {
    const asked = Date.now();
    const pageNow = await this.page.evaluate(() => Date.now());
    this.offset = pageNow - asked;
    return pageNow;
  }

  /** Jumps the page's time ahead, firing whatever fell due once, at the end of the jump. */
  async forward(ms: number): Promise<void> {
    // Counted before the jump: a socket that the jump opens may reach the server before the call returns.
    this.offset += ms;
    await this.page.clock.fastForward(ms);
    await this.read();
  }

  /** Runs the page's time ahead, firing every timer at its own time (so the page's `Date.now()` in it is exact). */
  async run(ms: number): Promise<void> {
    this.offset += ms;
    await this.page.clock.runFor(ms);
    await this.read();
  }

  async pause(): Promise<void> {
    // A little ahead of the page: its clock cannot go back.
    await this.page.clock.pauseAt((await this.read()) + 50);
    this.paused = true;
  }

  async resume(): Promise<void> {
    if (!this.paused) return;
    this.paused = false;
    await this.page.clock.resume();
    await this.read();
  }
}

/** Opens the demo against `signal` with the page's clock faked from the first script on, and starts an identification. */
async function startAgainst(page: Page, stack: Stack, signal: HostileSignaling, clock = new PageClock(page)): Promise<PageClock> {
  await clock.install();
  const url = new URL(stack.demoUrl);
  // Development mode: the demo connects its sessions to `?signal=` instead of the stack's server.
  url.searchParams.set('signal', signal.url);
  await page.goto(url.href);
  await page.locator('[data-test=start]').click();
  return clock;
}

function statusOf(page: Page): Locator {
  return page.locator('proofme-status');
}

function qrOf(page: Page): Locator {
  return page.locator('proofme-qr');
}

/** The newest state in the demo's developer timeline (oldest first: the last entry), which names states with their codes. */
function latestTimelineState(page: Page): Locator {
  return page.locator('demo-session-timeline .entry[data-kind=state] .text').last();
}

/** The channel whose QR code the page shows now, read from the code's pixels. */
async function shownChannel(page: Page): Promise<string> {
  return channelOf(await new DemoPage(page).readQr()).channelId;
}

/** The one connection the page holds open; fails if it holds none or several. */
function liveConnection(server: HostileSignaling): HostileConnection {
  const open = server.open();
  expect(open, 'the page holds exactly one connection').toHaveLength(1);
  return open[0];
}

/**
 * Lets the page hide and show itself on demand. Headless Chromium is always visible, so
 * `visibilityState` is overridden before the app reads it (PROOFME_PAGE_VISIBLE reads
 * `document.visibilityState` and listens for `visibilitychange`).
 */
async function controlVisibility(page: Page): Promise<(visible: boolean) => Promise<void>> {
  await page.addInitScript(() => {
    let hidden = false;
    Object.defineProperty(Document.prototype, 'visibilityState', { configurable: true, get: () => (hidden ? 'hidden' : 'visible') });
    Object.defineProperty(Document.prototype, 'hidden', { configurable: true, get: () => hidden });
    (window as unknown as { __setHidden(value: boolean): void }).__setHidden = (value: boolean) => {
      hidden = value;
      document.dispatchEvent(new Event('visibilitychange'));
    };
  });
  return (visible) => page.evaluate((hide) => (window as unknown as { __setHidden(value: boolean): void }).__setHidden(hide), !visible);
}

/**
 * Records, at every DOM change, whether the QR component still shows a code; `gaps()` lists the
 * moments it did not (a placeholder, a spinner, another state). A mutation observer hears every
 * change, in the microtask after it: at least as often as the screen could be painted, so nothing
 * a person could see slips between two samples (a frame sampler could miss a one-frame flash).
 */
async function watchQrContinuity(page: Page): Promise<{ gaps(): Promise<string[]>; samples(): Promise<number> }> {
  await page.evaluate(() => {
    const record = { gaps: [] as string[], samples: 0 };
    (window as unknown as { __qrWatch: typeof record }).__qrWatch = record;
    const check = (): void => {
      record.samples++;
      const qr = document.querySelector('proofme-qr');
      const state = qr?.getAttribute('data-state') ?? 'absent';
      const code = qr?.querySelector('.proofme-qr__code svg') ?? null;
      if (state !== 'ready' || !code) record.gaps.push(`${state}${code ? '' : ', no code'}`);
    };
    new MutationObserver(check).observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
  });
  type Watch = { __qrWatch: { gaps: string[]; samples: number } };
  return {
    gaps: () => page.evaluate(() => (window as unknown as Watch).__qrWatch.gaps),
    samples: () => page.evaluate(() => (window as unknown as Watch).__qrWatch.samples),
  };
}

/** One WebSocket the page made, in the page's own clock. */
interface SocketRecord {
  /** When the page constructed it. */
  readonly createdAt: number;
  /** When the page called `close()` on it while it was open: the moment it gave the socket up. */
  closeCalledAt: number | null;
  /** When its `close` event reached the page: the moment the page learnt it was gone. */
  closedAt: number | null;
}

/**
 * Has the page log every WebSocket it makes, in its own (faked) clock: with `runFor`, a timer's
 * callback sees exactly its due time, so the log measures the library's own waits to the ms,
 * whatever the delays of this process and of the jumps.
 */
async function recordSockets(page: Page): Promise<() => Promise<SocketRecord[]>> {
  await page.addInitScript(() => {
    const log: SocketRecord[] = [];
    (window as unknown as { __sockets: SocketRecord[] }).__sockets = log;
    const Native = window.WebSocket;
    const close = Native.prototype.close;
    Native.prototype.close = function (this: WebSocket & { __record?: SocketRecord }, ...args: Parameters<WebSocket['close']>) {
      if (this.__record && this.readyState === Native.OPEN) this.__record.closeCalledAt ??= Date.now();
      return close.apply(this, args);
    };
    window.WebSocket = new Proxy(Native, {
      construct(target, args) {
        const socket = Reflect.construct(target, args) as WebSocket & { __record?: SocketRecord };
        const record: SocketRecord = { createdAt: Date.now(), closeCalledAt: null, closedAt: null };
        socket.__record = record;
        socket.addEventListener('close', () => (record.closedAt ??= Date.now()));
        log.push(record);
        return socket;
      },
    });
  });
  return () => page.evaluate(() => (window as unknown as { __sockets: SocketRecord[] }).__sockets);
}

const realWait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A server for one test, closed however the test ends. */
async function hostile(mode: HostileMode, expiresAt?: () => number | undefined): Promise<HostileSignaling> {
  const server = await HostileSignaling.start({ mode, expiresAt });
  servers.push(server);
  return server;
}
const servers: HostileSignaling[] = [];
test.afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

test('a server that hosts and then cuts every connection: the waits grow, then PROOFME_UNREACHABLE and no more attempts', async ({ page, stack }) => {
  test.setTimeout(60_000);
  const sockets = await recordSockets(page);
  const server = await hostile('flap');
  const clock = await startAgainst(page, stack, server);
  await server.waitForConnections(1);
  const startedAt = clock.now();
  while (clock.now() - startedAt < 200_000) {
    await clock.run(250);
    if (server.open().length === 0 && (await statusOf(page).getAttribute('data-state')) === 'error') break;
  }
  const log = await sockets();
  const first = log[0].createdAt;
  const inFirstMinute = log.filter((socket) => socket.createdAt - first <= 60_000).length;
  // From each drop, as the page heard it, to the next connection: the wait the page chose.
  const waits = log.slice(1).map((socket, index) => socket.createdAt - log[index].closedAt!);
  console.log(`[session-lifecycle] flapping server: ${inFirstMinute} connections in the first 60 s (page time), ${log.length} in all`);
  console.log(`[session-lifecycle] flapping server: waits between a drop and the next connection ${waits.join(', ')} ms`);

  await expect(statusOf(page)).toHaveAttribute('data-state', 'error');
  await expect(qrOf(page)).toHaveAttribute('data-state', 'error');
  await expect(latestTimelineState(page)).toHaveText('error · PROOFME_UNREACHABLE');
  await expect(statusOf(page).getByRole('button', { name: 'Try again' })).toBeVisible();
  expect(server.connections.length, 'the server saw every socket the page made').toBe(log.length);
  // The last DEMO_MAX_ATTEMPTS connections are the retries; before them, the session's first
  // connection (and the preflight's probe, when the session could not adopt it before the cut).
  expect(log.length).toBeGreaterThanOrEqual(DEMO_MAX_ATTEMPTS + 1);
  expect(log.length).toBeLessThanOrEqual(DEMO_MAX_ATTEMPTS + 2);
  const retryWaits = waits.slice(-DEMO_MAX_ATTEMPTS);
  retryWaits.forEach((wait, index) => {
    // Each wait within the policy's band for its attempt: exponential, capped, jittered downwards.
    const full = Math.min(RECONNECT.maxDelayMs, RECONNECT.initialDelayMs * RECONNECT.multiplier ** index);
    expect(wait, `wait before retry ${index + 1}`).toBeGreaterThanOrEqual(full * (1 - RECONNECT.jitter));
    expect(wait, `wait before retry ${index + 1}`).toBeLessThanOrEqual(full + 50);
  });
  expect(retryWaits[DEMO_MAX_ATTEMPTS - 1]).toBeGreaterThan(8 * retryWaits[0]);

  // Given up means given up: another two minutes of page time bring no connection.
  const made = server.connections.length;
  for (let jumped = 0; jumped < 120_000; jumped += 10_000) await clock.forward(10_000);
  await realWait(200);
  expect(server.connections.length).toBe(made);
});

test.describe('a socket that goes silent', () => {
  test('a server that stops answering after answering pings is noticed within pingInterval + pongTimeout', async ({ page, stack }) => {
    test.setTimeout(45_000);
    const sockets = await recordSockets(page);
    const server = await hostile('steady');
    const clock = await startAgainst(page, stack, server);
    await expect(qrOf(page)).toHaveAttribute('data-state', 'ready');
    const live = liveConnection(server);
    // Long enough for a few pings, each answered: the page learns that this server answers.
    // It goes silent a second after a ping was answered: no ping in flight to blur when the silence began.
    for (let jumped = 0; jumped < 3 * PING_INTERVAL_MS + 1000; jumped += 1000) {
      await clock.forward(1000);
    }
    expect(live.pongs).toBeGreaterThanOrEqual(2);
    await expect(qrOf(page)).toHaveAttribute('data-state', 'ready');

    // Read before the server goes silent, so the time measured can only be longer than the real one.
    const silentFrom = await clock.read();
    server.blackHole();
    while (live.endedBy === null && clock.now() - silentFrom < 2 * (PING_INTERVAL_MS + PONG_TIMEOUT_MS)) {
      await clock.run(250);
    }
    const givenUp = (await sockets()).filter((socket) => socket.closeCalledAt !== null && socket.closeCalledAt >= silentFrom);
    expect(givenUp, 'the page closed one socket').toHaveLength(1);
    const detectedAfter = givenUp[0].closeCalledAt! - silentFrom;
    console.log(`[session-lifecycle] black-holed socket: the page gave it up ${detectedAfter} ms (page time) after the server went silent`);
    expect(live.endedBy, 'the page closed the silent socket').toBe('client');
    expect(detectedAfter).toBeLessThanOrEqual(PING_INTERVAL_MS + PONG_TIMEOUT_MS);
    await expect(qrOf(page)).toHaveAttribute('data-state', 'reconnecting');
    await expect(statusOf(page)).toHaveAttribute('data-state', 'reconnecting');
  });

  test('a server that never answers pings is not dropped for it', async ({ page, stack }) => {
    test.setTimeout(45_000);
    const server = await hostile('mute');
    const clock = await startAgainst(page, stack, server);
    await expect(qrOf(page)).toHaveAttribute('data-state', 'ready');
    const live = liveConnection(server);
    const channel = await shownChannel(page);
    for (let jumped = 0; jumped < 6 * PING_INTERVAL_MS; jumped += 1000) {
      await clock.forward(1000);
    }
    // The page kept pinging, so a pong watchdog had every chance to fire.
    expect(live.pings).toBeGreaterThanOrEqual(5);
    expect(live.endedBy).toBeNull();
    expect(server.open()).toEqual([live]);
    await expect(qrOf(page)).toHaveAttribute('data-state', 'ready');
    expect(await shownChannel(page)).toBe(channel);
  });
});

test('offline shows offline; back online it connects at once, with no backoff left to wait', async ({ page, stack }) => {
  const server = await hostile('steady');
  const clock = await startAgainst(page, stack, server);
  await expect(qrOf(page)).toHaveAttribute('data-state', 'ready');
  const before = await shownChannel(page);

  // Into a backoff first: the server is down and a later attempt is pending.
  await server.stop();
  await expect(statusOf(page)).toHaveAttribute('data-state', 'reconnecting');
  await expect(latestTimelineState(page)).toContainText('attempt 3');

  await page.context().setOffline(true);
  await expect(statusOf(page)).toHaveAttribute('data-state', 'offline');
  await expect(qrOf(page)).toHaveAttribute('data-state', 'offline');
  // No code a phone could not reach, and the state is visible, not only announced.
  await expect(qrOf(page).locator('.proofme-qr__code')).toHaveCount(0);
  await expect(statusOf(page).locator('.proofme-status__text')).toBeVisible();
  await expect(qrOf(page).locator('.proofme-qr__overlay[data-icon=offline]')).toBeVisible();
  // Named after the state for assistive technology (the overlay's title is hidden from it).
  await expect(qrOf(page).getByRole('img', { name: 'Offline' })).toBeVisible();

  await server.restart();
  const made = server.connections.length;
  // No timer of the page can fire from here on: a connection now is the online event's own.
  await clock.pause();
  const onlineAt = Date.now();
  await page.context().setOffline(false);
  await server.waitForConnections(made + 1, 5000);
  console.log(`[session-lifecycle] back online: the page connected ${server.connections[made].at - onlineAt} ms (real time) later, with its clock stopped`);
  await clock.resume();
  await expect(qrOf(page)).toHaveAttribute('data-state', 'ready');
  expect(await shownChannel(page)).not.toBe(before);
});

test.describe('a hidden tab', () => {
  test('whose socket died while hidden reconnects the moment it is shown', async ({ page, stack }) => {
    const setVisible = await controlVisibility(page);
    const server = await hostile('steady');
    const clock = await startAgainst(page, stack, server);
    await expect(qrOf(page)).toHaveAttribute('data-state', 'ready');
    const before = await shownChannel(page);

    await setVisible(false);
    await clock.pause();
    server.cut(liveConnection(server));
    const made = server.connections.length;
    // The retry it armed cannot fire with the clock stopped: still no connection.
    await realWait(300);
    expect(server.connections.length).toBe(made);
    await setVisible(true);
    await server.waitForConnections(made + 1, 5000);
    await clock.resume();
    await expect(qrOf(page)).toHaveAttribute('data-state', 'ready');
    expect(await shownChannel(page)).not.toBe(before);
  });

  test('whose channel expired while hidden gets a new one the moment it is shown', async ({ page, stack }) => {
    const setVisible = await controlVisibility(page);
    const clock = new PageClock(page);
    const server = await hostile('steady', () => clock.now() + 20_000);
    await startAgainst(page, stack, server, clock);
    await expect(qrOf(page)).toHaveAttribute('data-state', 'ready');
    const before = await shownChannel(page);
    const made = server.connections.length;

    await setVisible(false);
    // Past the expiry: a hidden page neither rotates nor refreshes (its timers would run late anyway).
    for (let jumped = 0; jumped < 25_000; jumped += 1000) {
      await clock.forward(1000);
    }
    expect(server.connections.length).toBe(made);
    await clock.pause();
    await setVisible(true);
    await server.waitForConnections(made + 1, 5000);
    await clock.resume();
    await expect(qrOf(page)).toHaveAttribute('data-state', 'ready');
    expect(await shownChannel(page)).not.toBe(before);
  });

  test('whose channel the server ended as expired while hidden gets a new one the moment it is shown', async ({ page, stack }) => {
    const setVisible = await controlVisibility(page);
    const server = await hostile('steady');
    const clock = await startAgainst(page, stack, server);
    await expect(qrOf(page)).toHaveAttribute('data-state', 'ready');
    const before = await shownChannel(page);

    await setVisible(false);
    // What our signaling server sends when a channel's time is up.
    server.end(liveConnection(server), PROOFME_CLOSE_CODES.channelExpired);
    await expect(qrOf(page)).toHaveAttribute('data-state', 'expired');
    const made = server.connections.length;
    // Expired is not an outage: nothing retries it, however long the tab stays hidden.
    for (let jumped = 0; jumped < 60_000; jumped += 5000) await clock.forward(5000);
    expect(server.connections.length).toBe(made);
    await clock.pause();
    await setVisible(true);
    await server.waitForConnections(made + 1, 5000);
    await clock.resume();
    await expect(qrOf(page)).toHaveAttribute('data-state', 'ready');
    expect(await shownChannel(page)).not.toBe(before);
  });
});

test('a channel about to expire is replaced before it does, with no gap on screen; not while the tab is hidden', async ({ page, stack }) => {
  test.setTimeout(45_000);
  const setVisible = await controlVisibility(page);
  const clock = new PageClock(page);
  // Longer than the rotation lead, or the library rightly never rotates it (a rotation loop against short TTLs).
  const lifetime = ROTATE_BEFORE_EXPIRY_MS + 5000;
  const server = await hostile('steady', () => clock.now() + lifetime);
  await startAgainst(page, stack, server, clock);
  await expect(qrOf(page)).toHaveAttribute('data-state', 'ready');
  const first = liveConnection(server);
  const firstExpiresAt = first.expiresAt!;
  expect(await shownChannel(page)).toBe(first.channelId);
  const watch = await watchQrContinuity(page);

  const made = server.connections.length;
  while (first.endedBy === null && clock.now() < firstExpiresAt) await clock.forward(250);
  expect(first.endedBy, 'the page gave the first channel up').toBe('client');
  expect(clock.now(), 'before it expired').toBeLessThan(firstExpiresAt);
  const second = server.connections[made];
  expect(second, 'a second connection').toBeDefined();
  // The old code stayed until the new one had its channel: its socket closed only after the new one opened.
  expect(first.endedAt!).toBeGreaterThanOrEqual(second.at);
  expect(liveConnection(server)).toBe(second);
  await expect(qrOf(page).locator('.proofme-qr__frame')).toHaveAttribute('data-proofme-deeplink', new RegExp(second.channelId));
  expect(await shownChannel(page)).toBe(second.channelId);

  // Hidden: up to 5 s before the second channel expires, well past its rotation point, nothing happens.
  await setVisible(false);
  const secondExpiresAt = second.expiresAt!;
  while (clock.now() < secondExpiresAt - 5000) await clock.forward(500);
  expect(server.connections.length).toBe(made + 1);
  expect(second.endedBy).toBeNull();
  expect(await shownChannel(page)).toBe(second.channelId);
  // Shown again inside the rotation window: it rotates at once, before the expiry.
  await setVisible(true);
  await server.waitForConnections(made + 2, 5000);
  await server.waitUntil(() => second.endedBy !== null, 5000, 'the second channel to be given up');
  expect(second.endedBy).toBe('client');
  expect(await clock.read()).toBeLessThan(secondExpiresAt);
  const third = server.connections[made + 1];
  await expect(qrOf(page).locator('.proofme-qr__frame')).toHaveAttribute('data-proofme-deeplink', new RegExp(third.channelId));
  expect(await shownChannel(page)).toBe(third.channelId);

  expect(await watch.samples()).toBeGreaterThan(0);
  expect(await watch.gaps()).toEqual([]);
});

test('"Retry now" while reconnecting connects at once instead of after the countdown', async ({ page, stack }) => {
  const server = await hostile('steady');
  const clock = await startAgainst(page, stack, server);
  await expect(qrOf(page)).toHaveAttribute('data-state', 'ready');
  await server.stop();
  await expect(statusOf(page)).toHaveAttribute('data-state', 'reconnecting');
  const retryNow = statusOf(page).getByRole('button', { name: 'Retry now' });
  await expect(retryNow).toBeVisible();

  await server.restart();
  const made = server.connections.length;
  // With the clock stopped the pending attempt cannot come by itself.
  await clock.pause();
  await realWait(300);
  expect(server.connections.length).toBe(made);
  await retryNow.click();
  await server.waitForConnections(made + 1, 5000);
  await clock.resume();
  await expect(qrOf(page)).toHaveAttribute('data-state', 'ready');
  await expect(statusOf(page)).toHaveAttribute('data-state', 'ready');
});
