// 200k seeded draws (unique = false) per sampler: the histogram matches p(k) within 5σ per id.
import { describe, expect, it } from 'vitest';
import {
  FixedUnigramSampler,
  LearnedUnigramSampler,
  LogUniformSampler,
  UniformSampler,
  logUniformCandidateSampler,
  uniformCandidateSampler,
} from '../../../src/nn/samplers/index.js';
import { classes, expectHistogram } from './helpers.js';

const N = 200_000;
const one = { trueClasses: classes([[0]]), numTrue: 1, numSampled: N, unique: false };

describe('sampler histograms', () => {
  it('log-uniform: p(k) = (ln(k+2) − ln(k+1)) / ln(R+1), hand values for R = 10', () => {
    // ln(2)/ln(11), ln(3/2)/ln(11), ln(4/3)/ln(11), ln(5/4)/ln(11)
    const hand = [0.2890648263178878, 0.1690920836734384, 0.11997274264444943, 0.09305808883546389];
    const s = new LogUniformSampler({ rangeMax: 10, seed: 1 });
    hand.forEach((p, k) => expect(s.probability(k)).toBeCloseTo(p, 15));
    const p = Array.from({ length: 10 }, (_, k) => s.probability(k));
    expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 14); // telescopes to ln(11)/ln(11)
    const out = logUniformCandidateSampler({ ...one, rangeMax: 10, seed: 7 });
    expect(out.numTries).toBe(N);
    expectHistogram(out.sampledCandidates.dataSync(), p);
  });

  it('log-uniform with R = 2^31 allocates nothing of size R and stays in range', () => {
    const s = new LogUniformSampler({ rangeMax: 2 ** 31, seed: 3 });
    expect(s.probability(0)).toBeCloseTo(Math.LN2 / Math.log(2 ** 31 + 1), 15);
    const out = s.sample({ trueClasses: classes([[2 ** 31 - 1]]), numTrue: 1, numSampled: 1000, unique: false });
    for (const k of out.sampledCandidates.dataSync()) expect(k >= 0 && k < 2 ** 31).toBe(true);
    // P(k < 1000) = ln(1001)/ln(2^31+1) ≈ 0.3216: about a third of the draws are small ids.
    const small = out.sampledCandidates.dataSync().filter((k) => k < 1000).length;
    expect(Math.abs(small / 1000 - 0.32156)).toBeLessThan(5 * Math.sqrt((0.32 * 0.68) / 1000));
  });

  it('uniform: p(k) = 1/R', () => {
    const out = uniformCandidateSampler({ ...one, rangeMax: 7, seed: 'u' });
    expect(new UniformSampler({ rangeMax: 7 }).probability(3)).toBe(1 / 7);
    expectHistogram(out.sampledCandidates.dataSync(), new Array(7).fill(1 / 7));
  });

  it('learned-unigram after training: p = w/Σw with w = [4, 2, 3, 1, 1]', () => {
    const s = new LearnedUnigramSampler({ rangeMax: 5, seed: 11 });
    s.sample({ trueClasses: classes([[0], [0], [0], [1], [2], [2]]), numTrue: 1, numSampled: 1, unique: false });
    const p = [4 / 11, 2 / 11, 3 / 11, 1 / 11, 1 / 11];
    p.forEach((pk, k) => expect(s.probability(k)).toBeCloseTo(pk, 15));
    const out = s.sample({ ...one, trueClasses: classes([[4]]) });
    expectHistogram(out.sampledCandidates.dataSync(), p);
  });

  it('fixed-unigram (alias table): distortion 0.75 with one reserved id', () => {
    // weights [0, 1, 2^0.75, 3^0.75, 4^0.75], Σ = 7.789727012208397
    const p = [0, 0.1283742034133875, 0.2158988149227374, 0.2926299026117649, 0.3630970790521102];
    const s = new FixedUnigramSampler({
      rangeMax: 5,
      seed: 5,
      unigrams: [1, 2, 3, 4],
      distortion: 0.75,
      numReservedIds: 1,
    });
    p.forEach((pk, k) => expect(s.probability(k)).toBeCloseTo(pk, 14));
    expectHistogram(s.sample({ ...one, trueClasses: classes([[1]]) }).sampledCandidates.dataSync(), p);
  });

  it('fixed-unigram: a skewed table of 50 ids with zeros among them', () => {
    const unigrams = Array.from({ length: 50 }, (_, i) => (i % 7 === 3 ? 0 : 1 + ((i * 37) % 11)));
    const total = unigrams.reduce((a, b) => a + b, 0);
    const s = new FixedUnigramSampler({ rangeMax: 50, seed: 9, unigrams });
    expectHistogram(
      s.sample(one).sampledCandidates.dataSync(),
      unigrams.map((c) => c / total),
    );
  });
});
