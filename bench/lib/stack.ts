// What the browser benchmarks run against: the local signaling server, the production demo (built into
// the temp folder, so the shared dist/demo-app is left alone), the docs' plain-JS page, a static
// server for bench apps, and Chromium. Everything binds 127.0.0.1 and is closed by the caller.
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Browser, chromium } from '@playwright/test';
import { CHROMIUM_ARGS, chromiumPath } from '../../e2e/support/chromium';
import { serveStatic } from '../../projects/demo-app/server/static-files';
import { LocalStack, startLocalStack } from '../../projects/demo-app/server/local-stack';
import { generateIntegratorKeys } from '../../projects/demo-app/server/integrator/integrator-keys';
import { RunningSignalingServer, startSignalingServer } from '../../projects/signaling-server/src';
import { ROOT, run } from './measure';
import { scratchDir } from './scratch';

/** The signaling server alone (no per-IP limit: a benchmark opens many sockets from one address). */
export function startSignal(): Promise<RunningSignalingServer> {
  return startSignalingServer({ host: '127.0.0.1', port: 0, logger: 'silent', simulator: true, maxConnectionsPerIp: 0 });
}

/** The demo's whole local stack, as `npm start` and the e2e tests run it, without the per-IP limit. */
export async function startDemoStack(demoRoot: string): Promise<LocalStack> {
  return startLocalStack({ root: demoRoot, keys: await generateIntegratorKeys(), signaling: { maxConnectionsPerIp: 0 } });
}

/** `ng build demo-app` (production) into the temp folder; returns its browser folder. */
export async function buildDemo(): Promise<string> {
  const out = join(scratchDir('demo-app'), 'dist');
  await run(process.execPath, [join(ROOT, 'node_modules/@angular/cli/bin/ng.js'), 'build', 'demo-app', '--output-path', out], {
    env: { ...process.env, NG_CLI_ANALYTICS: 'false' },
  });
  return join(out, 'browser');
}

export interface LocalSite {
  readonly url: string;
  close(): Promise<void>;
}

async function listen(server: Server): Promise<LocalSite> {
  await new Promise<void>((done, fail) => server.once('error', fail).listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}

/** The docs' plain-JS example page (bench/docs-page) against `signal`, with npm's qrcode as /qrcode.js. */
export async function startDocsPage(signal: RunningSignalingServer): Promise<LocalSite> {
  const host = new URL(signal.url).host;
  const html = readFileSync(join(ROOT, 'bench/docs-page/index.html'), 'utf8')
    .replaceAll('__SIGNAL_HOST__', host)
    .replaceAll('__SIGNAL_ENCODED__', encodeURIComponent(`ws://${host}`));
  const qrcode = await build({
    entryPoints: [require.resolve('qrcode/lib/browser.js', { paths: [ROOT] })],
    bundle: true,
    minify: true,
    write: false,
    format: 'iife',
    globalName: 'QRCodeLib',
    platform: 'browser',
    logLevel: 'silent',
  });
  const script = qrcode.outputFiles[0].contents;
  return listen(
    createServer((request, response) => {
      const path = new URL(request.url ?? '/', 'http://localhost').pathname;
      if (path === '/qrcode.js') {
        response.writeHead(200, { 'Content-Type': 'text/javascript', 'Cache-Control': 'no-cache' }).end(script);
      } else if (path === '/') {
        response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-cache' }).end(html);
      } else {
        response.writeHead(404).end();
      }
    }),
  );
}

/** A built Angular app folder, as files (index.html for any other path). */
export function startStaticSite(root: string): Promise<LocalSite> {
  return listen(
    createServer((request, response) => {
      const path = new URL(request.url ?? '/', 'http://localhost').pathname;
      serveStatic(root, path, response).catch(() => response.writeHead(500).end());
    }),
  );
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
}
