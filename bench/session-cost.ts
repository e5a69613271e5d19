// Browser session cost, the leak check: JS heap, DOM nodes, listeners and object URLs before and after
// 1,000 refresh cycles of one proofme-ng session in Chromium.
//
//   npx tsx bench/session-cost.ts [--cycles 1000] [--phone-cycles 200]     (after `npm run build`)
//
// The page is a bench-only app (bench/apps/session/main.ts): one <proofme-identification> on one
// session from the built library, and a hook (`window.proofmeBench.refresh()`), so neither the library
// nor the demo (whose timeline grows by design) is touched. Two kinds of cycle, each = a new channel
// rendered as a new QR code:
//   refresh — the hook calls session.refresh(); the cycle ends when the QR of the new channel is in the DOM;
//   phone   — a simulated phone (Node) joins and leaves the channel, the page shows "phone left", and the
//             refresh button is clicked, as a person would.
// Measured through CDP after HeapProfiler.collectGarbage (twice): Performance.getMetrics JSHeapUsedSize,
// Nodes, JSEventListeners, Documents; plus outstanding blob: URLs and their bytes, counted by an init
// script around URL.createObjectURL/revokeObjectURL (angularx-qrcode makes one per render and never
// revokes it; blobs live outside the JS heap). 20 warm-up cycles first; samples every quarter.
// Each refresh cycle also times `host` frame → new QR in the DOM in a warm page.
import type { CDPSession, Page } from '@playwright/test';
import { parseArgs } from 'node:util';
import { PhoneSimulator } from '../projects/signaling-server/src';
import { buildApp, prepareWorkspace } from './lib/angular-workspace';
import { kb, median, ms, percentile, printTable } from './lib/measure';
import { launchChromium, startSignal, startStaticSite } from './lib/stack';

interface Probe {
  blobUrls: number;
  blobBytes: number;
  created: number;
  host: number | null;
}

/** Runs in the page first: counts object URLs and stamps `host` frames. */
function instrument(): void {
  const probe: Probe = { blobUrls: 0, blobBytes: 0, created: 0, host: null };
  (window as unknown as { __probe: Probe }).__probe = probe;
  const sizes = new Map<string, number>();
  const create = URL.createObjectURL.bind(URL);
  const revoke = URL.revokeObjectURL.bind(URL);
  URL.createObjectURL = (object: Blob | MediaSource) => {
    const url = create(object);
    const size = object instanceof Blob ? object.size : 0;
    sizes.set(url, size);
    probe.created++;
    probe.blobUrls++;
    probe.blobBytes += size;
    return url;
  };
  URL.revokeObjectURL = (url: string) => {
    const size = sizes.get(url);
    if (size !== undefined) {
      sizes.delete(url);
      probe.blobUrls--;
      probe.blobBytes -= size;
    }
    revoke(url);
  };
  const Native = window.WebSocket;
  window.WebSocket = class extends Native {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols);
      this.addEventListener('message', (event: MessageEvent) => {
        if (typeof event.data === 'string' && event.data.includes('"type":"host"')) probe.host = performance.now();
      });
    }
  };
}

/** In the page: `count` refresh() cycles; returns host → new-QR-in-DOM times. */
function refreshCycles(count: number): Promise<number[]> {
  type Bench = { refresh(): void; state(): { status: string; channelId?: string } };
  const bench = (window as unknown as { proofmeBench: Bench }).proofmeBench;
  const probe = (window as unknown as { __probe: Probe }).__probe;
  const qr = () => document.querySelector('proofme-qr qrcode svg');
  const times: number[] = [];
  const once = (): Promise<void> =>
    new Promise((resolve, reject) => {
      const before = bench.state().channelId;
      const old = qr();
      probe.host = null;
      const timeout = setTimeout(() => {
        observer.disconnect();
        reject(new Error(`no new QR after 10 s (state ${bench.state().status})`));
      }, 10_000);
      const observer = new MutationObserver(() => {
        const svg = qr();
        const state = bench.state();
        if (svg && svg !== old && state.status === 'ready' && state.channelId !== before) {
          const now = performance.now();
          clearTimeout(timeout);
          observer.disconnect();
          if (probe.host !== null) times.push(now - probe.host);
          resolve();
        }
      });
      observer.observe(document.body, { childList: true, subtree: true });
      bench.refresh();
    });
  return (async () => {
    for (let i = 0; i < count; i++) await once();
    return times;
  })();
}

interface Sample {
  cycles: number;
  heap: number;
  nodes: number;
  listeners: number;
  documents: number;
  blobUrls: number;
  blobBytes: number;
}

async function sample(page: Page, cdp: CDPSession, cycles: number): Promise<Sample> {
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  const { metrics } = await cdp.send('Performance.getMetrics');
  const metric = (name: string) => metrics.find((m) => m.name === name)?.value ?? NaN;
  const probe = await page.evaluate(() => (window as unknown as { __probe: Probe }).__probe);
  return {
    cycles,
    heap: metric('JSHeapUsedSize'),
    nodes: metric('Nodes'),
    listeners: metric('JSEventListeners'),
    documents: metric('Documents'),
    blobUrls: probe.blobUrls,
    blobBytes: probe.blobBytes,
  };
}

async function phoneCycle(page: Page): Promise<void> {
  const frame = page.locator('proofme-qr .proofme-qr__frame');
  const link = await frame.getAttribute('data-proofme-deeplink');
  if (!link) throw new Error('no deeplink on the QR frame');
  const phone = PhoneSimulator.fromDeeplink(link);
  await phone.join();
  await phone.leave();
  await page.locator('proofme-status[data-state=phone-left] .proofme-status__retry').click({ timeout: 10_000 });
  await page.waitForFunction(
    (old) => {
      const element = document.querySelector('proofme-qr .proofme-qr__frame');
      const current = element?.getAttribute('data-proofme-deeplink');
      return !!current && current !== old && !!document.querySelector('proofme-qr qrcode svg');
    },
    link,
    { timeout: 10_000 },
  );
}

export interface SessionCostResult {
  readonly modes: { mode: string; cycles: number; samples: Sample[] }[];
  readonly hostToQr: number[];
  readonly tables: string[];
}

export async function sessionCost(options: { cycles?: number; phoneCycles?: number } = {}): Promise<SessionCostResult> {
  const cycles = Math.max(4, Math.min(options.cycles ?? 1000, 20_000));
  const phoneCycles = Math.max(0, Math.min(options.phoneCycles ?? 200, 20_000));
  const root = await buildApp(prepareWorkspace(['session']), 'session');
  const signal = await startSignal();
  const site = await startStaticSite(root);
  const browser = await launchChromium();
  const modes: SessionCostResult['modes'] = [];
  let hostToQr: number[] = [];
  try {
    for (const mode of ['refresh', 'phone'] as const) {
      const total = mode === 'refresh' ? cycles : phoneCycles;
      if (total === 0) continue;
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.addInitScript({ content: 'globalThis.__name ??= (target) => target;' });
      await page.addInitScript(instrument);
      const cdp = await context.newCDPSession(page);
      await cdp.send('Performance.enable');
      await page.goto(`${site.url}/?signal=${encodeURIComponent(signal.url)}`);
      await page.locator('proofme-qr qrcode svg').waitFor({ timeout: 15_000 });
      const drive = async (n: number) => {
        if (mode === 'refresh') hostToQr.push(...(await page.evaluate(refreshCycles, n)));
        else for (let i = 0; i < n; i++) await phoneCycle(page);
      };
      await drive(20);
      if (mode === 'refresh') hostToQr = [];
      const samples = [await sample(page, cdp, 0)];
      const quarter = Math.ceil(total / 4);
      for (let done = 0; done < total; ) {
        const n = Math.min(quarter, total - done);
        await drive(n);
        done += n;
        samples.push(await sample(page, cdp, done));
      }
      modes.push({ mode, cycles: total, samples });
      await context.close();
    }
  } finally {
    await browser.close();
    await site.close();
    await signal.close();
  }
  const tables: string[] = [];
  const rows: string[][] = [];
  for (const { mode, cycles: total, samples } of modes) {
    const first = samples[0];
    const last = samples[samples.length - 1];
    for (const s of samples) {
      rows.push([
        mode,
        String(s.cycles),
        kb(s.heap),
        String(s.nodes),
        String(s.listeners),
        String(s.documents),
        String(s.blobUrls),
        kb(s.blobBytes),
      ]);
    }
    rows.push([
      `${mode}: growth per cycle`,
      `${total}`,
      `${((last.heap - first.heap) / total).toFixed(0)} B`,
      ((last.nodes - first.nodes) / total).toFixed(3),
      ((last.listeners - first.listeners) / total).toFixed(3),
      ((last.documents - first.documents) / total).toFixed(3),
      ((last.blobUrls - first.blobUrls) / total).toFixed(3),
      `${((last.blobBytes - first.blobBytes) / total).toFixed(0)} B`,
    ]);
  }
  tables.push(
    printTable(
      '4. Browser session cost (after GC; bench app with one <proofme-identification>; 20 warm-up cycles before 0)',
      ['mode', 'cycles', 'JS heap used', 'DOM nodes', 'JS listeners', 'documents', 'blob: URLs alive', 'blob bytes alive'],
      rows,
    ),
  );
  if (hostToQr.length) {
    tables.push(
      printTable('4b. Warm page: host frame → new QR in the DOM, per refresh cycle', ['cycles', 'median', 'p95', 'p99'], [
        [String(hostToQr.length), ms(median(hostToQr)), ms(percentile(hostToQr, 95)), ms(percentile(hostToQr, 99))],
      ]),
    );
  }
  return { modes, hostToQr, tables };
}

if (require.main === module) {
  const { values } = parseArgs({ options: { cycles: { type: 'string', default: '1000' }, 'phone-cycles': { type: 'string', default: '200' } } });
  sessionCost({ cycles: Number(values.cycles), phoneCycles: Number(values['phone-cycles']) }).catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
