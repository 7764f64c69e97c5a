/**
 * Bad inputs of every sampler class and function of src/nn/samplers. A call on a sampler
 * object must leave its next draw as a fresh twin's; a function given an Rng as seed must
 * not advance it.
 */
import {
  allCandidateSampler,
  computeAccidentalHits,
  expectedCount,
  FixedUnigramSampler,
  fixedUnigramCandidateSampler,
  LearnedUnigramSampler,
  learnedUnigramCandidateSampler,
  LogUniformSampler,
  logUniformCandidateSampler,
  makeRng,
  parseVocabCounts,
  readVocabCounts,
  tensor,
  UniformSampler,
  uniformCandidateSampler,
  type CandidateSampler,
} from '../../src/index.js';
import { badCase, type BadCase } from './cases.js';
import { int32, row } from './rows.js';

const call = { trueClasses: int32([[0], [1]]), numTrue: 1, numSampled: 2, unique: true };
const drawOf = (s: CandidateSampler) => Array.from(s.sample(call).sampledCandidates.dataSync());
const samplers: Record<string, () => CandidateSampler> = {
  UniformSampler: () => new UniformSampler({ rangeMax: 4, seed: 1 }),
  LogUniformSampler: () => new LogUniformSampler({ rangeMax: 4, seed: 1 }),
  LearnedUnigramSampler: () => new LearnedUnigramSampler({ rangeMax: 4, seed: 1 }),
  FixedUnigramSampler: () => new FixedUnigramSampler({ rangeMax: 4, unigrams: [3, 0, 2, 1], seed: 1 }),
};
const sampleCases = Object.entries(samplers).flatMap(([cls, make]) =>
  (
    [
      ['numSampled 5 > the ids that can be drawn', { numSampled: 5 }, 'numSampled'],
      ['an id ≥ rangeMax', { trueClasses: int32([[0], [4]]) }, 'trueClasses (element 1)'],
      ['float ids', { trueClasses: tensor([[0], [1]]) }, 'trueClasses'],
      ["unique 'true'", { unique: 'true' }, 'unique'],
      ['numTrue 2 for one column', { numTrue: 2 }, 'trueClasses'],
    ] as [string, Record<string, unknown>, string][]
  )
    .map(([what, patch, arg]) =>
      badCase({
        name: `${cls}.sample: ${what}`,
        setup: make,
        call: (s) => s.sample({ ...call, ...patch } as never),
        fn: `${cls}.sample`,
        arg,
        after: drawOf,
      }),
    )
    .concat(
      badCase({
        name: `${cls}.probability(rangeMax)`,
        setup: make,
        call: (s) => s.probability(4),
        fn: `${cls}.probability`,
        arg: 'k',
        after: drawOf,
      }),
    ),
);
const functionOptions = { ...call, rangeMax: 4 };
const samplerFunctions: Record<string, (o: never) => unknown> = {
  logUniformCandidateSampler,
  uniformCandidateSampler,
  learnedUnigramCandidateSampler,
  fixedUnigramCandidateSampler: (o) =>
    fixedUnigramCandidateSampler((o === null ? o : { unigrams: [1, 2, 3, 4], ...(o as object) }) as never),
};
const functionCases = Object.entries(samplerFunctions).flatMap(([name, f]) =>
  (
    [
      ['numSampled 0', { numSampled: 0 }, 'numSampled'],
      ['numSampled 2^31', { numSampled: 2 ** 31, unique: false }, 'numSampled'],
      ['numSampled 5 > rangeMax 4, unique', { numSampled: 5 }, 'numSampled'],
      ['rangeMax 0', { rangeMax: 0 }, 'rangeMax'],
      ['rangeMax as a string', { rangeMax: '4' }, 'rangeMax'],
      ['float ids', { trueClasses: tensor([[0], [1]]) }, 'trueClasses'],
      ["unique 'false'", { unique: 'false' }, 'unique'],
      ['options null', null, 'options'],
    ] as [string, Record<string, unknown> | null, string][]
  ).map(([what, patch, arg]) =>
    badCase({
      name: `${name}: ${what}`,
      setup: () => makeRng(3),
      call: (rng) => f((patch === null ? null : { ...functionOptions, seed: rng, ...patch }) as never),
      fn: name,
      arg,
      after: (rng) => rng(), // the seed stream did not advance
    }),
  ),
);

// ---- constructions and the rest, one row each ----
const F = 'FixedUnigramSampler';
const others: BadCase[] = [
  row(F, 'unigrams / vocabFile', 'no unigrams', () => new FixedUnigramSampler({ rangeMax: 3 })),
  row(F, 'unigrams[1]', 'a NaN count', () => new FixedUnigramSampler({ rangeMax: 2, unigrams: [1, NaN] })),
  row(
    F,
    'distortion',
    "distortion '1'",
    () => new FixedUnigramSampler({ rangeMax: 2, unigrams: [1, 2], distortion: '1' as never }),
  ),
  row(F, 'numShards', 'numShards 0', () => new FixedUnigramSampler({ rangeMax: 2, unigrams: [1, 2], numShards: 0 })),
  row(F, 'rangeMax', 'rangeMax ≠ the ids of the shard', () => new FixedUnigramSampler({ rangeMax: 3, unigrams: [1] })),
  row('UniformSampler', 'options', 'options null', () => new UniformSampler(null as never)),
  row('LogUniformSampler', 'rangeMax', 'rangeMax 2^31 + 1', () => new LogUniformSampler({ rangeMax: 2 ** 31 + 1 })),
  row('LearnedUnigramSampler', 'rangeMax', 'rangeMax 2^27', () => new LearnedUnigramSampler({ rangeMax: 2 ** 27 })),
  row('fixedUnigramCandidateSampler', 'numSampled', 'unigrams [1, 0, 0, 0], S = 2, unique', () =>
    fixedUnigramCandidateSampler({ ...call, numSampled: 2, rangeMax: 4, unigrams: [1, 0, 0, 0], seed: 1 }),
  ),
  row('learnedUnigramCandidateSampler', 'sampler', 'a sampler of another class', () =>
    learnedUnigramCandidateSampler({ ...call, sampler: new UniformSampler({ rangeMax: 4 }) as never }),
  ),
  row('allCandidateSampler', 'rangeMax', 'rangeMax ≠ numSampled', () => allCandidateSampler({ ...call, rangeMax: 3 })),
  row('allCandidateSampler', 'trueClasses (element 1)', 'an id ≥ numSampled', () =>
    allCandidateSampler({ ...call, trueClasses: int32([[0], [2]]) }),
  ),
  row('computeAccidentalHits', 'numTrue', 'numTrue 0', () => computeAccidentalHits(int32([[0]]), int32([1]), 0)),
  row('computeAccidentalHits', 'trueClasses', 'float ids', () => computeAccidentalHits(tensor([[0]]), int32([1]), 1)),
  row('computeAccidentalHits', 'sampledCandidates', 'rank 2', () =>
    computeAccidentalHits(int32([[0]]), int32([[1]]), 1),
  ),
  row('expectedCount', 'p', 'p = 2', () => expectedCount(2, 1, 1)),
  row('expectedCount', 'numTries', 'numTries < S', () => expectedCount(0.5, 3, 2)),
  row('parseVocabCounts', 'text', 'a number', () => parseVocabCounts(3 as never)),
  row('parseVocabCounts', 'text line 2', 'a line without a count', () => parseVocabCounts('a,1\nb,x')),
  row('readVocabCounts', 'vocabFile', 'an empty path', () => readVocabCounts('')),
  row('readVocabCounts', 'vocabFile', 'a missing file', () => readVocabCounts('/nonexistent/vocab.csv')),
];

export const cases: BadCase[] = [...sampleCases, ...functionCases, ...others];
