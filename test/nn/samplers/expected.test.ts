// Unique sampling, the two expected-count formulas, the all-candidate sampler and seeding.
import { describe, expect, it } from 'vitest';
import {
  FixedUnigramSampler,
  LearnedUnigramSampler,
  LogUniformSampler,
  allCandidateSampler,
  expectedCount,
  fixedUnigramCandidateSampler,
  learnedUnigramCandidateSampler,
  logUniformCandidateSampler,
  uniformCandidateSampler,
} from '../../../src/nn/samplers/index.js';
import { makeRng, tensor } from '../../../src/tensor/index.js';
import { classes, idsOf } from './helpers.js';

const closeAll = (got: ArrayLike<number>, want: number[], digits = 6): void => {
  expect(got.length).toBe(want.length);
  want.forEach((w, i) => expect(got[i], `element ${i}`).toBeCloseTo(w, digits));
};

/** The first seed in 0..999 whose draw satisfies `pred`. */
function seedWhere(pred: (seed: number) => boolean): number {
  for (let seed = 0; seed < 1000; seed++) if (pred(seed)) return seed;
  throw new Error('no seed found');
}

describe('expected counts', () => {
  it('expectedCount: S·p when numTries == S (above 1 allowed), else 1 − (1 − p)^numTries', () => {
    expect(expectedCount(0.5, 5, 5)).toBe(2.5);
    expect(expectedCount(0.5, 2, 3)).toBeCloseTo(0.875, 15);
    expect(expectedCount(1e-12, 2, 3)).toBeCloseTo(3e-12, 22); // no cancellation for tiny p
  });

  it('unique = false, log-uniform R = 3, S = 5: E = 5·p, above 1 for ids 0 and 1', () => {
    const p = [0.5, 0.2924812503605782, 0.20751874963942182]; // ln2/ln4, ln1.5/ln4, ln(4/3)/ln4
    const out = logUniformCandidateSampler({
      trueClasses: classes([[0, 1, 2]]),
      numTrue: 3,
      numSampled: 5,
      unique: false,
      rangeMax: 3,
      seed: 4,
    });
    expect(out.numTries).toBe(5);
    closeAll(out.trueExpectedCount.dataSync(), [2.5, 1.462406251802891, 1.0375937481971091]);
    closeAll(
      out.sampledExpectedCount.dataSync(),
      idsOf(out).map((k) => 5 * p[k]),
    );
  });

  it('unique, no duplicate drawn (numTries == S): E = S·p > 1 on log-uniform R = 2', () => {
    const run = (seed: number) =>
      logUniformCandidateSampler({
        trueClasses: classes([[0], [1]]),
        numTrue: 1,
        numSampled: 2,
        unique: true,
        rangeMax: 2,
        seed,
      });
    const out = run(seedWhere((s) => run(s).numTries === 2));
    expect(out.trueExpectedCount.shape).toEqual([2, 1]);
    closeAll(out.trueExpectedCount.dataSync(), [1.2618595071429148, 0.7381404928570853]); // 2·ln2/ln3, 2·ln(3/2)/ln3
  });

  it('unique with rejections (numTries 3 and 4): E = 1 − (1 − p)^numTries, hand values', () => {
    const run = (seed: number) =>
      logUniformCandidateSampler({
        trueClasses: classes([[0, 1, 2]]),
        numTrue: 3,
        numSampled: 2,
        unique: true,
        rangeMax: 3,
        seed,
      });
    // p = ln2/ln4, ln1.5/ln4, ln(4/3)/ln4 (log-uniform, R = 3); E after n tries = 1 − (1 − p)^n
    const p = [Math.log(2), Math.log(1.5), Math.log(4 / 3)].map((v) => v / Math.log(4));
    const E = (n: number) => p.map((pk) => 1 - (1 - pk) ** n);
    const three = run(seedWhere((s) => run(s).numTries === 3));
    closeAll(three.trueExpectedCount.dataSync(), E(3)); // [0.875, 0.6458…, 0.5023…]
    const four = run(seedWhere((s) => run(s).numTries === 4));
    closeAll(four.trueExpectedCount.dataSync(), E(4)); // [0.9375, 0.7494…, 0.6056…]
    const byId = E(4);
    closeAll(
      four.sampledExpectedCount.dataSync(),
      idsOf(four).map((k) => byId[k]),
    );
  });

  it('unique draws are distinct, in range, numTries ≥ S, counts by the pow formula', () => {
    const s = new LogUniformSampler({ rangeMax: 50, seed: 'distinct' });
    const out = s.sample({ trueClasses: classes([[0], [49]]), numTrue: 1, numSampled: 40, unique: true });
    const ids = idsOf(out);
    expect(new Set(ids).size).toBe(40);
    expect(ids.every((k) => k >= 0 && k < 50)).toBe(true);
    expect(out.numTries).toBeGreaterThan(40); // 40 of 50 Zipfian ids cannot come without repeats
    const e = (k: number) => 1 - Math.pow(1 - s.probability(k), out.numTries);
    closeAll(out.trueExpectedCount.dataSync(), [e(0), e(49)]);
    closeAll(out.sampledExpectedCount.dataSync(), ids.map(e));
  });

  it('unique with S = R returns a permutation of [0, R)', () => {
    const out = uniformCandidateSampler({
      trueClasses: classes([[3]]),
      numTrue: 1,
      numSampled: 8,
      unique: true,
      rangeMax: 8,
      seed: 2,
    });
    expect([...idsOf(out)].sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  });
});

describe('empty batch', () => {
  it('B = 0 gives trueExpectedCount [0, T] and still S candidates', () => {
    const out = logUniformCandidateSampler({
      trueClasses: tensor(new Int32Array(0), [0, 2]),
      numTrue: 2,
      numSampled: 3,
      unique: true,
      rangeMax: 10,
      seed: 1,
    });
    expect(out.trueExpectedCount.shape).toEqual([0, 2]);
    expect(out.sampledCandidates.shape).toEqual([3]);
  });
});

describe('allCandidateSampler', () => {
  it('returns 0..S−1 with every expected count 1', () => {
    const out = allCandidateSampler({
      trueClasses: classes([
        [3, 0],
        [1, 1],
      ]),
      numTrue: 2,
      numSampled: 4,
      unique: true,
    });
    expect(out.sampledCandidates.dtype).toBe('int32');
    expect(idsOf(out)).toEqual([0, 1, 2, 3]);
    expect(out.trueExpectedCount.toArray()).toEqual([
      [1, 1],
      [1, 1],
    ]);
    expect(Array.from(out.sampledExpectedCount.dataSync())).toEqual([1, 1, 1, 1]);
    expect(out.numTries).toBe(4);
  });
});

describe('seeds', () => {
  const base = { trueClasses: classes([[1, 2]]), numTrue: 2, numSampled: 30, unique: false, rangeMax: 100 };
  const forms = {
    logUniform: logUniformCandidateSampler,
    uniform: uniformCandidateSampler,
    learned: learnedUnigramCandidateSampler,
    fixed: (o: typeof base & { seed: number | string }) =>
      fixedUnigramCandidateSampler({ ...o, unigrams: Array.from({ length: 100 }, (_, i) => 1 + (i % 5)) }),
  };
  for (const [name, f] of Object.entries(forms)) {
    it(`${name}: same seed ⇒ identical draws and counts, different seed ⇒ different draws`, () => {
      const a = f({ ...base, seed: 42 }),
        b = f({ ...base, seed: 42 }),
        c = f({ ...base, seed: 43 });
      expect(a.sampledCandidates.dataSync()).toEqual(b.sampledCandidates.dataSync());
      expect(a.sampledExpectedCount.dataSync()).toEqual(b.sampledExpectedCount.dataSync());
      expect(a.trueExpectedCount.dataSync()).toEqual(b.trueExpectedCount.dataSync());
      expect(idsOf(a)).not.toEqual(idsOf(c));
    });
  }

  it('sampler objects advance their own stream; twins with one seed stay equal', () => {
    const make = () => new FixedUnigramSampler({ rangeMax: 4, seed: 'twin', unigrams: [1, 2, 3, 4] });
    const x = make(),
      y = make();
    const call = { trueClasses: classes([[0]]), numTrue: 1, numSampled: 20, unique: false };
    const x1 = idsOf(x.sample(call)),
      x2 = idsOf(x.sample(call));
    expect(x1).not.toEqual(x2);
    expect(idsOf(y.sample(call))).toEqual(x1);
    expect(idsOf(y.sample(call))).toEqual(x2);
  });

  it('an Rng seed is advanced, a number seed restarts', () => {
    const rng = makeRng(5);
    const a = idsOf(logUniformCandidateSampler({ ...base, seed: rng }));
    const b = idsOf(logUniformCandidateSampler({ ...base, seed: rng }));
    expect(a).toEqual(idsOf(logUniformCandidateSampler({ ...base, seed: 5 })));
    expect(b).not.toEqual(a);
    // Without a seed, each object derives its own stream from the default one.
    const call = { trueClasses: classes([[0]]), numTrue: 1, numSampled: 20, unique: false };
    expect(idsOf(new LearnedUnigramSampler({ rangeMax: 1000 }).sample(call))).not.toEqual(
      idsOf(new LearnedUnigramSampler({ rangeMax: 1000 }).sample(call)),
    );
  });
});
