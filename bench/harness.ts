/**
 * A small benchmark harness: time a function (median over repeated runs after warm-up) and
 * print results as an aligned table. Wall-clock `performance.now()`, one process, one core.
 */

/** Options of `measure`. */
export interface MeasureOptions {
  /** Untimed calls first, so that the JIT has compiled the hot paths (default 3). */
  warmup?: number;
  /** Timed calls; the median is reported (default 10). */
  runs?: number;
}

/** The timings of one case, in milliseconds. */
export interface Measurement {
  name: string;
  medianMs: number;
  minMs: number;
  maxMs: number;
  runs: number;
}

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/**
 * Times `fn`: `warmup` untimed calls, then `runs` timed ones. `fn` may return a promise
 * (awaited inside the timed span), e.g. for a backend whose results arrive asynchronously.
 */
export async function measure(
  name: string,
  fn: () => unknown,
  { warmup = 3, runs = 10 }: MeasureOptions = {},
): Promise<Measurement> {
  // Start from a collected heap (node --expose-gc, as `npm run bench` runs), so that no case
  // pays for the garbage of the one before it.
  (globalThis as { gc?: () => void }).gc?.();
  for (let i = 0; i < warmup; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  return { name, medianMs: median(times), minMs: Math.min(...times), maxMs: Math.max(...times), runs };
}

/** Billions of floating-point operations per second for `flops` done in `ms` milliseconds. */
export const gflops = (flops: number, ms: number): number => flops / ms / 1e6;

/** A table cell: numbers are printed with `digits` decimals. */
export type Cell = string | number;

/** Prints rows (objects with the same keys) as a table with aligned columns, under a title. */
export function printTable(title: string, rows: readonly Record<string, Cell>[], digits = 2): void {
  if (rows.length === 0) return;
  const keys = Object.keys(rows[0]);
  const text = (c: Cell) => (typeof c === 'number' ? c.toFixed(digits) : c);
  const cells = rows.map((r) => keys.map((k) => text(r[k] ?? '')));
  const widths = keys.map((k, i) => Math.max(k.length, ...cells.map((r) => r[i].length)));
  const line = (r: readonly string[]) =>
    r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  console.log(`\n${title}`);
  console.log(line(keys));
  console.log(line(widths.map((w) => '-'.repeat(w))));
  for (const r of cells) console.log(line(r));
}
