import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.ico': 'image/x-icon',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.txt': 'text/plain; charset=utf-8',
};

/** The page's Content-Security-Policy: the strict one the e2e tests hold the demo to. */
export function contentSecurityPolicy(nonce: string, apiOrigin?: string): string {
  // The page reads Proofme's public REST API (its preflight) from the browser: allow exactly that origin.
  const api = apiOrigin ? ` ${apiOrigin}` : '';
  return `default-src 'self'; connect-src 'self' ws://127.0.0.1:* ws://localhost:*${api}; style-src 'self' 'nonce-${nonce}'; base-uri 'self'; object-src 'none'; frame-ancestors 'none'`;
}

/**
 * Serves the built demo from `root`: files as they are, and index.html for every other path
 * (single-page app), with a fresh CSP nonce written into `ngCspNonce` on each request.
 */
export async function serveStatic(root: string, path: string, response: ServerResponse, apiOrigin?: string): Promise<void> {
  const relative = normalize(decodeURIComponent(path)).replace(/^([/\\])+/, '');
  const file = join(root, relative);
  const inside = file === root || file.startsWith(root.endsWith(sep) ? root : root + sep);
  if (inside && relative && extname(relative)) {
    try {
      const body = await readFile(file);
      response.writeHead(200, { 'Content-Type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream', 'Cache-Control': 'no-cache' });
      response.end(body);
      return;
    } catch {
      response.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found');
      return;
    }
  }
  const nonce = randomBytes(16).toString('base64');
  const index = await readFile(join(root, 'index.html'), 'utf8');
  response.writeHead(200, {
    'Content-Type': CONTENT_TYPES['.html'],
    'Content-Security-Policy': contentSecurityPolicy(nonce, apiOrigin),
    'Cache-Control': 'no-store',
  });
  response.end(index.replaceAll('CSP_NONCE', nonce));
}
