/** Peak RSS of Adam training at C = 1M, measured in a child process (see rss-child.ts). */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RssResult } from './rss-child.js';

export type { RssResult };

/**
 * Runs the bundled child next to this bundle (bench/out/rss-child.mjs) and returns its
 * report. `C`, `D`, `steps` as the child's arguments.
 */
export function measureRss(C = 1_000_000, D = 128, steps = 100): Promise<RssResult> {
  const child = path.join(path.dirname(fileURLToPath(import.meta.url)), 'rss-child.mjs');
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [child, String(C), String(D), String(steps)],
      { maxBuffer: 1 << 20 },
      (err, stdout, stderr) => {
        if (err) return reject(new Error(`rss child failed: ${err.message}\n${stderr}`));
        try {
          resolve(JSON.parse(stdout.trim().split('\n').pop()!) as RssResult);
        } catch (e) {
          reject(new Error(`rss child printed no result: ${stdout}\n${stderr}`));
        }
      },
    );
  });
}

/** The peak RSS over the run: the larger of the sampled peak and the kernel's high-water mark. */
export const peakRss = (r: RssResult): number => Math.max(r.peakSampledRss, r.vmHWM);
