// Learned-unigram state across calls; fixed-unigram distortion, reserved ids, shards, vocab files.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  FixedUnigramSampler,
  LearnedUnigramSampler,
  fixedUnigramCandidateSampler,
  learnedUnigramCandidateSampler,
  parseVocabCounts,
  readVocabCounts,
} from '../../../src/nn/samplers/index.js';
import { nodeFs } from '../../../src/nn/samplers/vocab.js';
import { TapegradError } from '../../../src/tensor/index.js';
import { classes, idsOf } from './helpers.js';

const close = (got: ArrayLike<number>, want: number[]): void =>
  want.forEach((w, i) => expect(got[i], `element ${i}`).toBeCloseTo(w, 6));

describe('LearnedUnigramSampler', () => {
  it('weights start at 1 and each true id adds 1 after the call; counts follow 2·w/Σw', () => {
    const s = new LearnedUnigramSampler({ rangeMax: 4, seed: 1 });
    const call = { trueClasses: classes([[1], [1], [3]]), numTrue: 1, numSampled: 2, unique: false };
    const first = s.sample(call);
    close(first.trueExpectedCount.dataSync(), [0.5, 0.5, 0.5]); // 2 · 1/4
    close(first.sampledExpectedCount.dataSync(), [0.5, 0.5]);
    expect([0, 1, 2, 3].map((k) => s.weight(k))).toEqual([1, 3, 1, 2]);
    const second = s.sample(call); // p = [1, 3, 1, 2] / 7 during this call
    close(second.trueExpectedCount.dataSync(), [6 / 7, 6 / 7, 4 / 7]);
    const w = [1, 3, 1, 2];
    close(
      second.sampledExpectedCount.dataSync(),
      idsOf(second).map((k) => (2 * w[k]) / 7),
    );
    expect([0, 1, 2, 3].map((k) => s.probability(k))).toEqual([0.1, 0.5, 0.1, 0.3]); // [1,5,1,3]/10
  });

  it('the function form continues a sampler given as `sampler`, repeats in a row count twice', () => {
    const s = new LearnedUnigramSampler({ rangeMax: 3, seed: 'x' });
    const o = { trueClasses: classes([[2, 2]]), numTrue: 2, numSampled: 1, unique: false, sampler: s };
    learnedUnigramCandidateSampler(o);
    expect(s.weight(2)).toBe(3);
    const out = learnedUnigramCandidateSampler(o); // p(2) = 3/5
    close(out.trueExpectedCount.dataSync(), [0.6, 0.6]);
    // Without a sampler, a fresh one: uniform.
    const fresh = learnedUnigramCandidateSampler({ ...o, sampler: undefined, rangeMax: 3, seed: 1 });
    close(fresh.trueExpectedCount.dataSync(), [1 / 3, 1 / 3]);
  });

  it('draws follow the learned weights exactly on a degenerate case', () => {
    // After 999 observations of id 0 among R = 2, p(0) = 1000/1001: nearly every draw is 0.
    const s = new LearnedUnigramSampler({ rangeMax: 2, seed: 3 });
    s.sample({
      trueClasses: classes(Array.from({ length: 999 }, () => [0])),
      numTrue: 1,
      numSampled: 1,
      unique: false,
    });
    const ids = idsOf(s.sample({ trueClasses: classes([[1]]), numTrue: 1, numSampled: 1000, unique: false }));
    expect(ids.filter((k) => k === 1).length).toBeLessThan(8); // mean 1, P(≥ 8) < 1e-5
  });
});

describe('FixedUnigramSampler', () => {
  const unigrams = [1, 2, 3, 4];
  const probs = (s: FixedUnigramSampler) => Array.from({ length: s.rangeMax }, (_, k) => s.probability(k));

  it('distortion 1 (unigram), 0 (uniform), 0.75 (word2vec) against hand values', () => {
    close(probs(new FixedUnigramSampler({ rangeMax: 4, unigrams })), [0.1, 0.2, 0.3, 0.4]);
    close(probs(new FixedUnigramSampler({ rangeMax: 4, unigrams, distortion: 0 })), [0.25, 0.25, 0.25, 0.25]);
    // [1, 2^0.75, 3^0.75, 4^0.75] / 7.789727012208397
    close(
      probs(new FixedUnigramSampler({ rangeMax: 4, unigrams, distortion: 0.75 })),
      [0.1283742034133875, 0.2158988149227374, 0.2926299026117649, 0.3630970790521102],
    );
  });

  it('expected counts from the function form: E = S·p', () => {
    const out = fixedUnigramCandidateSampler({
      trueClasses: classes([[0, 3]]),
      numTrue: 2,
      numSampled: 3,
      unique: false,
      rangeMax: 4,
      seed: 1,
      unigrams,
    });
    close(out.trueExpectedCount.dataSync(), [0.3, 1.2]);
    close(
      out.sampledExpectedCount.dataSync(),
      idsOf(out).map((k) => 0.3 * (k + 1)),
    );
  });

  it('reserved ids get probability 0 and are never drawn, also with distortion 0', () => {
    const s = new FixedUnigramSampler({ rangeMax: 6, seed: 2, unigrams, numReservedIds: 2, distortion: 0 });
    close(probs(s), [0, 0, 0.25, 0.25, 0.25, 0.25]);
    const ids = idsOf(s.sample({ trueClasses: classes([[2]]), numTrue: 1, numSampled: 20000, unique: false }));
    expect(ids.filter((k) => k < 2).length).toBe(0);
  });

  it('shards: the SPEC deviation example gives [0, 1, 3] on shard 0 and [0, 2, 4] on shard 1', () => {
    const opts = { rangeMax: 3, unigrams, numReservedIds: 2, numShards: 2 };
    const s0 = new FixedUnigramSampler({ ...opts, shard: 0 });
    const s1 = new FixedUnigramSampler({ ...opts, shard: 1 });
    expect([0, 1, 2].map((l) => s0.weight(l))).toEqual([0, 1, 3]);
    expect([0, 1, 2].map((l) => s1.weight(l))).toEqual([0, 2, 4]);
    close(probs(s0), [0, 0.25, 0.75]);
    // 3 shards of 7 ids, shard 2 owns global ids 2 and 5.
    const s = new FixedUnigramSampler({ rangeMax: 2, unigrams: [1, 2, 3, 4, 5, 6, 7], numShards: 3, shard: 2 });
    close(probs(s), [3 / 9, 6 / 9]);
  });

  it('R must equal the number of local ids; exactly one of unigrams / vocabFile', () => {
    const err = (f: () => unknown, arg: string) => {
      expect(f).toThrow(TapegradError);
      expect(f).toThrow(`${arg} must be`);
    };
    err(() => new FixedUnigramSampler({ rangeMax: 4, unigrams, numReservedIds: 2, numShards: 2 }), 'rangeMax');
    err(() => new FixedUnigramSampler({ rangeMax: 5, unigrams }), 'rangeMax');
    err(() => new FixedUnigramSampler({ rangeMax: 4 }), 'unigrams / vocabFile');
    err(() => new FixedUnigramSampler({ rangeMax: 4, unigrams, vocabFile: 'v.csv' }), 'unigrams / vocabFile');
    err(
      () =>
        fixedUnigramCandidateSampler({
          trueClasses: classes([[0]]),
          numTrue: 1,
          numSampled: 1,
          unique: false,
          rangeMax: 4,
        }),
      'unigrams / vocabFile',
    );
  });
});

describe('vocabulary files', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tapegrad-vocab-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('parseVocabCounts takes the last CSV field of every line', () => {
    expect(parseVocabCounts('the,5\r\nof, 3\n"a,b",2.5\nz,0\n\n')).toEqual([5, 3, 2.5, 0]);
    expect(() => parseVocabCounts('a,1\nb,x\n')).toThrow('text line 2 must be');
    expect(() => parseVocabCounts('a,1\n\nb,2')).toThrow('text line 2 must be');
    expect(() => parseVocabCounts('a,-1')).toThrow(TapegradError);
    expect(() => parseVocabCounts('word')).toThrow(TapegradError); // no count at all
    expect(() => parseVocabCounts('\n')).toThrow('at least one line');
  });

  it('a sampler from a vocab file equals the one from the same unigrams', () => {
    const path = join(dir, 'vocab.csv');
    writeFileSync(path, 'the,4\nof,3\nand,2\na,1\n');
    expect(readVocabCounts(path)).toEqual([4, 3, 2, 1]);
    const table = { rangeMax: 5, seed: 8, numReservedIds: 1, distortion: 0.5 };
    const fromFile = new FixedUnigramSampler({ ...table, vocabFile: path });
    const fromList = new FixedUnigramSampler({ ...table, unigrams: [4, 3, 2, 1] });
    const total = 2 + Math.SQRT2 + Math.sqrt(3) + 1;
    close(
      [0, 1, 2, 3, 4].map((k) => fromFile.probability(k)),
      [0, 2 / total, Math.sqrt(3) / total, Math.SQRT2 / total, 1 / total],
    );
    const call = { trueClasses: classes([[1]]), numTrue: 1, numSampled: 50, unique: true };
    expect(() => fromFile.sample(call)).toThrow(
      'numSampled must be at most 4 when unique (the ids of non-zero probability',
    );
    const ok = { ...call, numSampled: 4 };
    expect(idsOf(fromFile.sample(ok))).toEqual(idsOf(fromList.sample(ok)));
  });

  it('a missing file and a missing fs give TapegradErrors naming vocabFile', () => {
    expect(() => new FixedUnigramSampler({ rangeMax: 1, vocabFile: join(dir, 'none.csv') })).toThrow(
      'vocabFile must be a readable file',
    );
    expect(() => nodeFs(undefined, 'f')).toThrow('f: vocabFile must be readable here');
    expect(() => nodeFs({}, 'f')).toThrow(TapegradError);
  });
});
