import { describe, expect, it } from 'vitest';
import { makeRng } from '../../../src/index.js';
import { PairBatcher, subsample, windowPairs, type Pairs } from '../../../apps/word2vec/pairs.js';

/** A generator returning the given values in turn. */
const fixed = (vals: number[]) => {
  let i = 0;
  return () => vals[i++];
};

describe('skip-gram pairs', () => {
  it('one window b = 1 + floor(u·window) per center, pairs within it', () => {
    const pairs: [number, number][] = [];
    // u → b: 0.9 → 2, 0.1 → 1, 0.6 → 2, 0.0 → 1 (window 2)
    windowPairs([10, 11, 12, 13], 2, fixed([0.9, 0.1, 0.6, 0.0]), (c, x) => pairs.push([c, x]));
    expect(pairs).toEqual([
      [10, 11],
      [10, 12],
      [11, 10],
      [11, 12],
      [12, 10],
      [12, 11],
      [12, 13],
      [13, 12],
    ]);
  });

  it('a seeded run on a tiny text is reproducible and stays within the window', () => {
    const ids = [0, 1, 2, 3, 4, 5, 6, 7];
    const run = () => {
      const p: number[][] = [];
      windowPairs(ids, 3, makeRng('tiny'), (c, x) => p.push([c, x]));
      return p;
    };
    const a = run();
    expect(run()).toEqual(a);
    for (const [c, x] of a)
      (expect(Math.abs(c - x)).toBeGreaterThanOrEqual(1), expect(Math.abs(c - x)).toBeLessThanOrEqual(3));
    // every center sees at least its neighbours at distance 1
    for (const c of ids) for (const x of [c - 1, c + 1]) if (x >= 0 && x < 8) expect(a).toContainEqual([c, x]);
  });

  it('subsampling keeps a token when its draw is below its keep probability', () => {
    const keep = Float64Array.from([0.5, 1, 0.1]);
    expect(subsample([0, 1, 2, 0, 2], keep, fixed([0.4, 0.99, 0.2, 0.5, 0.05]))).toEqual([0, 1, 2]);
  });

  it('the batcher hands out every pair once, in full batches then the rest', () => {
    const b = new PairBatcher(3, 5, makeRng(1));
    const out: Pairs[] = [];
    for (let i = 0; i < 12; i++) b.push(i, 100 + i, out);
    b.flush(out, true);
    expect(out.map((p) => p.centers.length)).toEqual([3, 3, 3, 3]);
    const all = out.flatMap((p) => Array.from(p.centers, (c, k) => [c, p.contexts[k]]));
    expect(all.map(([c]) => c).sort((x, y) => x - y)).toEqual([...Array(12).keys()]);
    for (const [c, x] of all) expect(x).toBe(100 + c);
  });
});
