/**
 * The noise of word2vec: per-pair negatives drawn from unigram^0.75 (histogram against the
 * exact probabilities, a seeded chi-square test), word2vec.c's skipped negatives, and the
 * unigram candidates of --sampler unigram with their expected counts.
 */
import { describe, expect, it } from 'vitest';
import { makeRng } from '../../../src/index.js';
import { Noise, skippedNegatives } from '../../../apps/word2vec/noise.js';

const counts = [1000, 400, 250, 90, 60, 30, 12, 5, 2, 1];
const z = counts.reduce((a, c) => a + c ** 0.75, 0);
const p = counts.map((c) => c ** 0.75 / z);

describe('Noise (unigram^distortion)', () => {
  it('p(k) = count^0.75 / Σ count^0.75', () => {
    const noise = new Noise(counts, 0.75);
    p.forEach((pk, k) => expect(noise.probability(k)).toBeCloseTo(pk, 12));
    expect(noise.logProbabilities()[3]).toBeCloseTo(Math.log(p[3]), 12);
  });

  it('per-pair negatives follow unigram^0.75 (chi-square, seeded; 9 degrees of freedom, 0.1% critical value 27.88)', () => {
    const noise = new Noise(counts, 0.75);
    const B = 20_000,
      K = 5;
    const contexts = new Int32Array(B).fill(0);
    const out = new Int32Array(B * (K + 1));
    noise.negatives(contexts, K, makeRng('noise-hist'), out);
    const hist = new Array<number>(counts.length).fill(0);
    for (let b = 0; b < B; b++) {
      expect(out[b * (K + 1)]).toBe(0); // column 0 is the context
      for (let j = 1; j <= K; j++) hist[out[b * (K + 1) + j]]++;
    }
    const n = B * K;
    const chi2 = hist.reduce((a, h, k) => a + (h - n * p[k]) ** 2 / (n * p[k]), 0);
    expect(chi2).toBeLessThan(27.88);
    // The negatives equal to the context (id 0) are the ones word2vec.c skips.
    const skipped = skippedNegatives(out, K + 1);
    expect(skipped.length).toBe(hist[0]);
    for (const i of skipped) expect(out[i]).toBe(0);
    // Each pair draws its own: the negatives of different pairs differ.
    expect(new Set(Array.from({ length: 100 }, (_, b) => out.slice(b * 6 + 1, b * 6 + 6).join())).size).toBeGreaterThan(
      90,
    );
  });

  it('--sampler unigram: S unique candidates with expected counts 1 − (1 − p)^tries', () => {
    const noise = new Noise(counts, 0.75);
    const sv = noise.sampledValues(Int32Array.from([2, 7]), 4, makeRng('sv'));
    const ids = Array.from(sv.sampledCandidates.dataSync());
    expect(new Set(ids).size).toBe(4);
    const e = sv.sampledExpectedCount.dataSync();
    const t = sv.trueExpectedCount.dataSync();
    // Same numTries for all: E_k = 1 − (1 − p_k)^tries, so log(1 − E_k)/log(1 − p_k) is one number.
    const tries = ids.map((k, j) => Math.log1p(-e[j]) / Math.log1p(-p[k]));
    for (const x of tries) expect(x).toBeCloseTo(tries[0], 3);
    expect(t[0]).toBeCloseTo(-Math.expm1(tries[0] * Math.log1p(-p[2])), 5);
    expect(t[1]).toBeCloseTo(-Math.expm1(tries[0] * Math.log1p(-p[7])), 5);
  });
});
