// Issue 10 §2–3 for the samplers: a unique draw that could never end is refused before drawing,
// huge sizes are refused before allocating, and a rejected construction takes no seed.
import { describe, expect, it, vi } from 'vitest';
import {
  FixedUnigramSampler,
  LearnedUnigramSampler,
  fixedUnigramCandidateSampler,
  logUniformCandidateSampler,
  uniformCandidateSampler,
} from '../../../src/nn/samplers/index.js';
import { classes, idsOf, refusal } from './helpers.js';

const call = { trueClasses: classes([[0]]), numTrue: 1, unique: true };

describe('unique draws that could never end are refused before drawing', () => {
  it('unigrams [1, 0, 0, 0], S = 2: only one id can be drawn', () => {
    const e = refusal(() =>
      fixedUnigramCandidateSampler({ ...call, numSampled: 2, rangeMax: 4, unigrams: [1, 0, 0, 0], seed: 1 }),
    );
    expect(e.fn).toBe('fixedUnigramCandidateSampler');
    expect(e.message).toBe(
      'fixedUnigramCandidateSampler: numSampled must be at most 1 when unique ' +
        '(the ids of non-zero probability; the others are never drawn), got 2',
    );
    // S = 1 is fine and gives the one id.
    expect(
      idsOf(fixedUnigramCandidateSampler({ ...call, numSampled: 1, rangeMax: 4, unigrams: [1, 0, 0, 0], seed: 1 })),
    ).toEqual([0]);
  });

  it('reserved ids have weight 0: 2 reserved + 2 counts, S = 3', () => {
    const o = { ...call, rangeMax: 4, unigrams: [1, 1], numReservedIds: 2, seed: 1 };
    expect(refusal(() => fixedUnigramCandidateSampler({ ...o, numSampled: 3 })).arg).toBe('numSampled');
    expect(idsOf(fixedUnigramCandidateSampler({ ...o, trueClasses: classes([[2]]), numSampled: 2 })).sort()).toEqual([
      2, 3,
    ]);
  });

  it('distortion 0 gives a zero count weight 0⁰ = 1, but a reserved id stays 0', () => {
    const o = { ...call, rangeMax: 3, unigrams: [0, 5], numReservedIds: 1, distortion: 0, seed: 1 };
    const s = new FixedUnigramSampler(o);
    expect([0, 1, 2].map((k) => s.probability(k))).toEqual([0, 0.5, 0.5]);
    expect(refusal(() => s.sample({ ...call, trueClasses: classes([[1]]), numSampled: 3 })).arg).toBe('numSampled');
    expect(idsOf(s.sample({ ...call, trueClasses: classes([[1]]), numSampled: 2 })).sort()).toEqual([1, 2]);
  });

  it('a zero count in a sampler object, and in one shard of several', () => {
    const s = new FixedUnigramSampler({ rangeMax: 3, unigrams: [3, 0, 2], seed: 2 });
    expect(refusal(() => s.sample({ ...call, numSampled: 3 })).fn).toBe('FixedUnigramSampler.sample');
    expect(idsOf(s.sample({ ...call, numSampled: 2 })).sort()).toEqual([0, 2]);
    // Shard 1 of 2 over [3, 0, 2, 0, 1]: global ids 1, 3 (counts 0, 0) → all zero is refused at construction.
    expect(
      refusal(() => new FixedUnigramSampler({ rangeMax: 2, unigrams: [3, 0, 2, 0, 1], numShards: 2, shard: 1 })).arg,
    ).toBe('unigrams');
  });

  it('learned unigram: every weight starts at 1, so S ≤ R is the bound', () => {
    const s = new LearnedUnigramSampler({ rangeMax: 3, seed: 1 });
    expect(refusal(() => s.sample({ ...call, numSampled: 4 })).arg).toBe('numSampled');
    expect(idsOf(s.sample({ ...call, numSampled: 3 })).sort()).toEqual([0, 1, 2]);
  });

  it('ids of positive but vanishing probability end the loop with an error, not a hang', () => {
    const e = refusal(() =>
      fixedUnigramCandidateSampler({ ...call, numSampled: 2, rangeMax: 2, unigrams: [1, 1e-300], seed: 1 }),
    );
    expect(e.arg).toBe('numSampled');
    expect(e.message).toContain(`1 distinct ids in ${2 ** 24} draws`);
  });
});

describe('huge sizes are refused before anything is allocated', () => {
  it('numSampled 2^31 (an Int32Array cannot hold it)', () => {
    const o = { ...call, unique: false, numSampled: 2 ** 31, rangeMax: 10, seed: 1 };
    expect(refusal(() => uniformCandidateSampler(o)).message).toBe(
      `uniformCandidateSampler: numSampled must be an integer in [1, ${2 ** 31 - 1}], got ${2 ** 31}`,
    );
  });
  it('a unique draw of more than 2^24 ids (what a Set holds)', () => {
    const o = { ...call, numSampled: 2 ** 24 + 1, rangeMax: 2 ** 31, seed: 1 };
    expect(refusal(() => logUniformCandidateSampler(o)).message).toBe(
      `logUniformCandidateSampler: numSampled must be at most ${2 ** 24} when unique, got ${2 ** 24 + 1}`,
    );
  });
});

describe('a rejected construction takes nothing from the default seed stream', () => {
  type Lib = typeof import('../../../src/index.js');
  /** The first draw of a seedless sampler made after `before` ran, in a fresh copy of the library. */
  async function firstDraw(before: (lib: Lib) => void): Promise<number[]> {
    vi.resetModules();
    const lib: Lib = await import('../../../src/index.js');
    before(lib);
    const trueClasses = lib.tensor([[0]], undefined, 'int32');
    const s = new lib.UniformSampler({ rangeMax: 1000 });
    return Array.from(s.sample({ trueClasses, numTrue: 1, unique: false, numSampled: 5 }).sampledCandidates.dataSync());
  }
  const rejected: Record<string, (lib: Lib) => unknown> = {
    'FixedUnigramSampler without unigrams': (lib) => new lib.FixedUnigramSampler({ rangeMax: 3 }),
    'FixedUnigramSampler with a string distortion': (lib) =>
      new lib.FixedUnigramSampler({ rangeMax: 2, unigrams: [1, 2], distortion: '1' as never }),
    'FixedUnigramSampler with the wrong rangeMax': (lib) => new lib.FixedUnigramSampler({ rangeMax: 3, unigrams: [1] }),
    'FixedUnigramSampler with a negative count': (lib) =>
      new lib.FixedUnigramSampler({ rangeMax: 2, unigrams: [1, -1] }),
    'LearnedUnigramSampler with rangeMax 2^27': (lib) => new lib.LearnedUnigramSampler({ rangeMax: 2 ** 27 }),
    'LogUniformSampler with rangeMax 0': (lib) => new lib.LogUniformSampler({ rangeMax: 0 }),
  };
  it('the first draw after each rejected construction is the first draw of a fresh library', async () => {
    const fresh = await firstDraw(() => {});
    for (const [what, make] of Object.entries(rejected)) {
      const after = await firstDraw((lib) => expect(() => make(lib), what).toThrow(lib.TapegradError));
      expect(after, what).toEqual(fresh);
    }
  });
});
