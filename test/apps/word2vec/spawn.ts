/** Running the bundled `tapegrad` bin (as dist/bin/tapegrad.js is built) in a child process. */
import { spawnSync } from 'node:child_process';
import { chmodSync } from 'node:fs';
import { resolve } from 'node:path';
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

/** A user that file permissions apply to: when the tests run as root, the bin runs as nobody. */
export const asUser = (): { uid?: number; gid?: number } =>
  process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};

/** Runs the bin with `args`; the exit status (null when killed), its signal, stdout and stderr. */
export async function runBin(
  args: readonly string[],
  o: { cwd?: string; env?: Record<string, string>; user?: boolean } = {},
): Promise<{ status: number | null; signal: NodeJS.Signals | null; out: string; err: string }> {
  const bin = await bundledBin();
  const r = spawnSync(process.execPath, [bin, ...args], {
    encoding: 'utf8',
    cwd: o.cwd ?? resolve('.'),
    env: { ...process.env, ...o.env },
    timeout: 120_000,
    ...(o.user ? asUser() : {}),
  });
  return { status: r.status, signal: r.signal, out: r.stdout, err: r.stderr };
}
