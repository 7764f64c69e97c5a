#!/usr/bin/env node
/**
 * Emits the browser bundle: dist/tapegrad.browser.js, one minified ESM file with ndarray,
 * ndarray-ops and seedrandom inside (they are CommonJS).
 *
 * `platform: 'browser'` with no externals doubles as the check that the library core imports
 * no Node built-in: esbuild refuses to resolve `fs`, `node:fs`, ... for the browser, and the
 * build fails naming the importing file.
 *
 * Usage: node scripts/build-browser.mjs [--quiet]   (also exported: buildBrowserBundle())
 */
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const BUNDLE = join(root, 'dist', 'tapegrad.browser.js');

/**
 * Builds the bundle and returns its size in bytes: raw (minified) and gzipped.
 * @returns {Promise<{ file: string, bytes: number, gzipBytes: number }>}
 */
export async function buildBrowserBundle() {
  await build({
    entryPoints: [join(root, 'src', 'index.ts')],
    outfile: BUNDLE,
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    sourcemap: 'linked',
    legalComments: 'eof',
    logLevel: 'error',
  });
  const code = readFileSync(BUNDLE);
  return { file: BUNDLE, bytes: code.length, gzipBytes: gzipSync(code, { level: 9 }).length };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { file, bytes, gzipBytes } = await buildBrowserBundle();
  if (!process.argv.includes('--quiet')) {
    const kB = (n) => (n / 1000).toFixed(1) + ' kB';
    console.log(`${relative(root, file)}: ${kB(bytes)} minified, ${kB(gzipBytes)} gzipped`);
  }
}
