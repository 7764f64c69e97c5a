#!/usr/bin/env node
/**
 * A tiny static server for the browser demo (node:http, no dependency). It serves only
 * examples/browser/ and dist/, and sends a strict Content-Security-Policy with every response:
 * no 'unsafe-eval', no inline script or style, so the library must run without `new Function`.
 *
 * Usage: node scripts/serve.mjs [--port 8080] [--no-build]
 *   builds dist/tapegrad.browser.js first (fast, esbuild), then serves
 *   http://127.0.0.1:8080/examples/browser/
 */
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { dirname, extname, join, normalize, sep } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** The policy the demo runs under: scripts and workers only from this origin, no eval. */
export const STRICT_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "worker-src 'self'",
  "connect-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const SERVED = ['examples/browser/', 'dist/'];
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
};

/** The file a URL path names, or null when it lies outside the served folders. */
function resolvePath(urlPath) {
  let rel;
  try {
    rel = normalize(decodeURIComponent(urlPath)).replace(/^[/\\]+/, '');
  } catch {
    return null;
  }
  if (rel.endsWith(sep) || rel.endsWith('/') || rel === 'examples/browser') rel = join(rel, 'index.html');
  const posix = rel.split(sep).join('/');
  if (posix.includes('..') || !SERVED.some((p) => posix.startsWith(p))) return null;
  return join(root, rel);
}

/**
 * Starts the server. `port: 0` picks a free port. Resolves once listening.
 * @param {{ port?: number, host?: string }} [options]
 * @returns {Promise<{ url: string, port: number, close: () => Promise<void> }>}
 */
export function startServer({ port = 0, host = '127.0.0.1' } = {}) {
  const server = createServer(async (req, res) => {
    const headers = {
      'Content-Security-Policy': STRICT_CSP,
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'no-store',
    };
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (path === '/') {
      res.writeHead(302, { ...headers, Location: '/examples/browser/' }).end();
      return;
    }
    const file = resolvePath(path);
    try {
      if (!file || (req.method !== 'GET' && req.method !== 'HEAD')) throw new Error('not served');
      if (!(await stat(file)).isFile()) throw new Error('not a file');
      const body = await readFile(file);
      const type = TYPES[extname(file)] ?? 'application/octet-stream';
      res.writeHead(200, { ...headers, 'Content-Type': type, 'Content-Length': body.length });
      res.end(req.method === 'HEAD' ? undefined : body);
    } catch {
      res.writeHead(404, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' }).end('not found\n');
    }
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const actual = /** @type {import('node:net').AddressInfo} */ (server.address()).port;
      resolve({
        url: `http://${host}:${actual}`,
        port: actual,
        close: () =>
          new Promise((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const args = process.argv.slice(2);
  const i = args.indexOf('--port');
  const port = Number(i >= 0 ? args[i + 1] : (process.env.PORT ?? 8080));
  if (!args.includes('--no-build')) {
    const { buildBrowserBundle } = await import('./build-browser.mjs');
    const { bytes } = await buildBrowserBundle();
    console.log(`built dist/tapegrad.browser.js (${(bytes / 1000).toFixed(1)} kB)`);
  }
  const { url } = await startServer({ port });
  console.log(`tapegrad demo: ${url}/examples/browser/  (strict CSP, Ctrl-C to stop)`);
}
