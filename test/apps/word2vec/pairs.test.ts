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
    windowPairs([10, 11, 12, 13], 4, 2, fixed([0.9, 0.1, 0.6, 0.0]), (c, x) => pairs.push([c, x]));
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
      windowPairs(ids, ids.length, 3, makeRng('tiny'), (c, x) => p.push([c, x]));
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
    const out = new Int32Array(5).fill(-1);
    expect(subsample([0, 1, 2, 0, 2], 0, 5, keep, fixed([0.4, 0.99, 0.2, 0.5, 0.05]), out)).toBe(3);
    expect(Array.from(out)).toEqual([0, 1, 2, -1, -1]);
    // ids[from, to) only: one draw for each of ids[1], ids[2], ids[3]
    expect(subsample([0, 1, 2, 0, 2], 1, 4, keep, fixed([0.99, 0.05, 0.6]), out)).toBe(2);
    expect(Array.from(out.subarray(0, 2))).toEqual([1, 2]);
  });

  it('addSentence makes the pairs of windowPairs, with the same draws, across buffer refills', () => {
    const sentences = [[3, 1, 4, 1, 5, 9, 2, 6], [5, 3], [5], [8, 9, 7, 9, 3, 2, 3, 8, 4, 6, 2, 6]];
    const byPush = new PairBatcher(4, 7, makeRng('shuffle')),
      bySentence = new PairBatcher(4, 7, makeRng('shuffle'));
    const winA = makeRng('window'),
      winB = makeRng('window');
    const a: Pairs[] = [],
      b: Pairs[] = [];
    for (const s of sentences) {
      windowPairs(s, s.length, 3, winA, (c, x) => byPush.push(c, x, a));
      bySentence.addSentence(Int32Array.from(s), s.length, 3, winB, b);
      expect(b).toEqual(a);
    }
    byPush.flush(a, true);
    bySentence.flush(b, true);
    expect(b).toEqual(a);
    expect(a.length).toBeGreaterThan(5); // several refills of the 7-pair buffer
    expect(winB()).toBe(winA()); // as many window draws
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
