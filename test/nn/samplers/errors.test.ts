// SPEC §6 for the samplers: every bad input raises a TapegradError naming the argument, before
// anything is drawn, so a sampler object's stream and counts are untouched by a rejected call.
import { describe, expect, it } from 'vitest';
import {
  FixedUnigramSampler,
  LearnedUnigramSampler,
  LogUniformSampler,
  allCandidateSampler,
  fixedUnigramCandidateSampler,
  learnedUnigramCandidateSampler,
  logUniformCandidateSampler,
  uniformCandidateSampler,
  type CandidateSample,
  type SampleOptions,
} from '../../../src/nn/samplers/index.js';
import { makeRng, TapegradError, tensor } from '../../../src/tensor/index.js';
import { classes, idsOf, refusal } from './helpers.js';

/** The `arg` of the TapegradError that `f` throws. */
const errArg = (f: () => unknown): string => refusal(f).arg;

const good = {
  trueClasses: classes([
    [0, 1],
    [2, 3],
  ]),
  numTrue: 2,
  numSampled: 3,
  unique: true,
  rangeMax: 5,
  seed: 1,
};
const bad: [string, Record<string, unknown>, string][] = [
  ['trueClasses of rank 1', { trueClasses: tensor([0, 1], undefined, 'int32') }, 'trueClasses'],
  ['trueClasses with 3 columns, numTrue 2', { trueClasses: classes([[0, 1, 2]]) }, 'trueClasses'],
  ['trueClasses as an array', { trueClasses: [[0, 1]] }, 'trueClasses'],
  [
    'an id ≥ R in the last row',
    {
      trueClasses: classes([
        [0, 1],
        [2, 5],
      ]),
    },
    'trueClasses (element 3)',
  ],
  ['a negative id', { trueClasses: classes([[-1, 1]]) }, 'trueClasses (element 0)'],
  ['float ids, even integer-valued (ids are int32 only)', { trueClasses: tensor([[0, 1]]) }, 'trueClasses'],
  ['a fractional id', { trueClasses: tensor([[0, 1.5]]) }, 'trueClasses'],
  ['numTrue 0', { numTrue: 0 }, 'numTrue'],
  ['numSampled 0', { numSampled: 0 }, 'numSampled'],
  ['numSampled 1.5', { numSampled: 1.5 }, 'numSampled'],
  ['numSampled NaN', { numSampled: NaN }, 'numSampled'],
  ['unique with S > R', { numSampled: 6 }, 'numSampled'],
  ['unique not a boolean', { unique: 'yes' }, 'unique'],
  ['rangeMax 0', { rangeMax: 0 }, 'rangeMax'],
  ['rangeMax 2.5', { rangeMax: 2.5 }, 'rangeMax'],
  ['rangeMax 2^31 + 1', { rangeMax: 2 ** 31 + 1 }, 'rangeMax'],
  ['rangeMax as a string', { rangeMax: '5' }, 'rangeMax'],
  ['a seed that is an object', { seed: {} }, 'seed'],
];

describe('bad inputs of the sampler functions', () => {
  const forms: Record<string, (o: Record<string, unknown>) => CandidateSample> = {
    logUniformCandidateSampler: (o) => logUniformCandidateSampler(o as never),
    uniformCandidateSampler: (o) => uniformCandidateSampler(o as never),
    learnedUnigramCandidateSampler: (o) => learnedUnigramCandidateSampler(o as never),
    fixedUnigramCandidateSampler: (o) => fixedUnigramCandidateSampler({ unigrams: [1, 2, 3, 4, 5], ...o } as never),
  };
  for (const [name, f] of Object.entries(forms)) {
    it(`${name}: every case names its argument and function`, () => {
      expect(idsOf(f(good)).length).toBe(3);
      for (const [what, change, arg] of bad) {
        expect(
          errArg(() => f({ ...good, ...change })),
          what,
        ).toBe(arg);
      }
      expect(() => f({ ...good, numSampled: 6 })).toThrow(
        `${name}: numSampled must be at most rangeMax = 5 when unique (range is too small), got 6`,
      );
    });
  }

  it('options that are not an object', () => {
    for (const f of [
      logUniformCandidateSampler,
      uniformCandidateSampler,
      learnedUnigramCandidateSampler,
      fixedUnigramCandidateSampler,
      allCandidateSampler,
    ]) {
      expect(errArg(() => f(null as never))).toBe('options');
    }
  });

  it('allCandidateSampler: ids must lie in [0, S); rangeMax, if given, equals S', () => {
    expect(errArg(() => allCandidateSampler({ ...good, rangeMax: undefined, trueClasses: classes([[0, 3]]) }))).toBe(
      'trueClasses (element 1)',
    );
    expect(errArg(() => allCandidateSampler({ ...good, rangeMax: 5 }))).toBe('rangeMax');
    expect(errArg(() => allCandidateSampler({ ...good, rangeMax: undefined, numTrue: 3 }))).toBe('trueClasses');
  });

  it('table samplers refuse a huge rangeMax before allocating', () => {
    expect(errArg(() => new LearnedUnigramSampler({ rangeMax: 2 ** 31 }))).toBe('rangeMax');
    expect(errArg(() => new FixedUnigramSampler({ rangeMax: 2 ** 31, unigrams: [1] }))).toBe('rangeMax');
  });

  it('fixed-unigram options', () => {
    const f = (o: Record<string, unknown>) => () => new FixedUnigramSampler({ rangeMax: 3, unigrams: [1, 2, 3], ...o });
    expect(errArg(f({ unigrams: [1, NaN, 3] }))).toBe('unigrams[1]');
    expect(errArg(f({ unigrams: [1, -2, 3] }))).toBe('unigrams[1]');
    expect(errArg(f({ unigrams: [0, 0, 0] }))).toBe('unigrams');
    expect(errArg(f({ unigrams: 7 }))).toBe('unigrams');
    expect(errArg(f({ distortion: NaN }))).toBe('distortion');
    expect(errArg(f({ unigrams: [0, 1, 2], distortion: -1 }))).toBe('distortion'); // 0^−1 = ∞
    expect(errArg(f({ numShards: 0 }))).toBe('numShards');
    expect(errArg(f({ numShards: 2, shard: 2 }))).toBe('shard');
    expect(errArg(f({ numReservedIds: -1 }))).toBe('numReservedIds');
    expect(errArg(f({ unigrams: undefined, vocabFile: 3 }))).toBe('vocabFile');
  });

  it('the `sampler` option: right class, no seed, same rangeMax, no table options', () => {
    const learned = new LearnedUnigramSampler({ rangeMax: 5 });
    const fixed = new FixedUnigramSampler({ rangeMax: 5, unigrams: [1, 2, 3, 4, 5] });
    const o = { ...good, seed: undefined, rangeMax: undefined };
    expect(errArg(() => learnedUnigramCandidateSampler({ ...o, sampler: fixed as never }))).toBe('sampler');
    expect(errArg(() => learnedUnigramCandidateSampler({ ...o, sampler: learned, seed: 3 }))).toBe('seed');
    expect(errArg(() => learnedUnigramCandidateSampler({ ...o, sampler: learned, rangeMax: 6 }))).toBe('rangeMax');
    expect(errArg(() => fixedUnigramCandidateSampler({ ...o, sampler: fixed, unigrams: [1] }))).toBe('unigrams');
    expect(idsOf(fixedUnigramCandidateSampler({ ...o, sampler: fixed, rangeMax: 5 })).length).toBe(3);
  });
});

describe('a rejected call changes no state', () => {
  const rejected: Partial<SampleOptions>[] = [
    {
      trueClasses: classes([
        [0, 1],
        [2, 9],
      ]),
    }, // the last id is out of range
    { numSampled: 6 },
    { numSampled: 0 },
    { unique: 'no' as never },
    { trueClasses: classes([[0, 1, 2]]) },
  ];
  const call: SampleOptions = {
    trueClasses: classes([
      [0, 1],
      [1, 3],
    ]),
    numTrue: 2,
    numSampled: 4,
    unique: true,
  };
  const same = (a: CandidateSample, b: CandidateSample) => {
    expect(a.sampledCandidates.dataSync()).toEqual(b.sampledCandidates.dataSync());
    expect(a.trueExpectedCount.dataSync()).toEqual(b.trueExpectedCount.dataSync());
    expect(a.sampledExpectedCount.dataSync()).toEqual(b.sampledExpectedCount.dataSync());
    expect(a.numTries).toBe(b.numTries);
  };
  const makers = {
    learned: () => new LearnedUnigramSampler({ rangeMax: 5, seed: 'twin' }),
    fixed: () => new FixedUnigramSampler({ rangeMax: 5, seed: 'twin', unigrams: [5, 1, 1, 2, 3] }),
    logUniform: () => new LogUniformSampler({ rangeMax: 5, seed: 'twin' }),
  };
  for (const [name, make] of Object.entries(makers)) {
    it(`${name}: the next draws equal those of a fresh twin`, () => {
      const x = make(),
        twin = make();
      same(x.sample(call), twin.sample(call));
      for (const change of rejected) expect(() => x.sample({ ...call, ...change })).toThrow(TapegradError);
      same(x.sample(call), twin.sample(call));
      same(x.sample(call), twin.sample(call));
      for (let k = 0; k < 5; k++) expect(x.probability(k)).toBe(twin.probability(k));
    });
  }

  it('a rejected function call does not advance an Rng passed as seed', () => {
    const rng = makeRng(9);
    expect(() => uniformCandidateSampler({ ...good, seed: rng, numSampled: 0 })).toThrow(TapegradError);
    expect(() => logUniformCandidateSampler({ ...good, seed: rng, trueClasses: classes([[0, 7]]) })).toThrow(
      TapegradError,
    );
    expect(idsOf(uniformCandidateSampler({ ...good, seed: rng }))).toEqual(
      idsOf(uniformCandidateSampler({ ...good, seed: 9 })),
    );
  });
});
