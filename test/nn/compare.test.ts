/** compareSampledToFull: the SPEC identity (all candidates, hits removed), cosines rising with S, no side effects. */
import { describe, expect, it } from 'vitest';
import { allCandidateSampler, compareSampledToFull, tensor, type Tensor } from '../../src/index.js';
import { lcg, matrix } from './helpers.js';

/** A float64 model; labels[b] = the class whose row is closest to inputs[b] (a "trained" model). */
function model(C: number, D: number, B: number, seed = 1, dtype: 'float32' | 'float64' = 'float64') {
  const r = lcg(seed);
  const W = matrix(C, D, r);
  const ids = Array.from({ length: B }, () => Math.floor(((r() + 1) / 2) * C) % C);
  const X = ids.map((c) => W[c].map((w) => 2 * w + 0.3 * r()));
  return {
    weights: tensor(W, undefined, dtype),
    biases: tensor(matrix(1, C, r, 0.1)[0], undefined, dtype),
    inputs: tensor(X, undefined, dtype),
    labels: tensor(
      ids.map((c) => [c]),
      undefined,
      'int32',
    ),
    numClasses: C,
    W,
    X,
    ids,
  };
}

/** mean_b −log softmax(X[b]·Wᵀ + bias)[label], in float64 by hand. */
function handFullSoftmax(W: number[][], bias: number[], X: number[][], ids: number[]): number {
  let total = 0;
  X.forEach((x, b) => {
    const z = W.map((w, c) => w.reduce((s, v, k) => s + v * x[k], 0) + bias[c]);
    const m = Math.max(...z);
    const lse = m + Math.log(z.reduce((s, v) => s + Math.exp(v - m), 0));
    total += lse - z[ids[b]];
  });
  return total / X.length;
}

describe('compareSampledToFull', () => {
  it('all candidates (S = C, counts 1), hits removed: the sampled softmax loss is the full loss, cosine 1', () => {
    const m = model(40, 5, 6);
    const [row] = compareSampledToFull({
      ...m,
      loss: 'softmax',
      numSampled: [40],
      trials: 3,
      sampler: allCandidateSampler,
    });
    const bias = Array.from(m.biases.dataSync());
    expect(row.fullLoss).toBeCloseTo(handFullSoftmax(m.W, bias, m.X, m.ids), 10);
    expect(Math.abs(row.sampledLoss.mean - row.fullLoss)).toBeLessThan(1e-6);
    expect(row.sampledLoss.std).toBeLessThan(1e-12);
    expect(Math.abs(row.ratio - 1)).toBeLessThan(1e-6);
    for (const cos of [row.cosineInputs, row.cosineWeights, row.trialCosineInputs.mean, row.trialCosineWeights.mean])
      expect(Math.abs(cos - 1)).toBeLessThan(1e-6);
  });

  it('the same for NCE against the full sigmoid loss, and with sharded weights (mod and div)', () => {
    const m = model(30, 4, 5, 2);
    const o = {
      loss: 'nce' as const,
      numSampled: [30],
      trials: 1,
      sampler: allCandidateSampler,
      removeAccidentalHits: true,
    };
    const [one] = compareSampledToFull({ ...m, ...o });
    expect(Math.abs(one.sampledLoss.mean - one.fullLoss)).toBeLessThan(1e-6);
    expect(Math.abs(one.cosineWeights - 1)).toBeLessThan(1e-6);
    // div: shards are consecutive row blocks; mod: class c in shard c mod 3, row ⌊c/3⌋.
    const W = m.weights.toArray() as number[][],
      b = Array.from(m.biases.dataSync());
    const div = [W.slice(0, 10), W.slice(10, 20), W.slice(20)].map((w) => tensor(w, undefined, 'float64'));
    const divB = [b.slice(0, 10), b.slice(10, 20), b.slice(20)].map((v) => tensor(v, undefined, 'float64'));
    const modRows = (p: number) => W.filter((_, c) => c % 3 === p);
    const mod = [0, 1, 2].map((p) => tensor(modRows(p), undefined, 'float64'));
    const modB = [0, 1, 2].map((p) =>
      tensor(
        b.filter((_, c) => c % 3 === p),
        undefined,
        'float64',
      ),
    );
    for (const [weights, biases, partitionStrategy] of [
      [div, divB, 'div'],
      [mod, modB, 'mod'],
    ] as const) {
      const [r] = compareSampledToFull({ ...m, ...o, weights, biases, partitionStrategy });
      expect(r.fullLoss).toBeCloseTo(one.fullLoss, 10);
      expect(Math.abs(r.sampledLoss.mean - r.fullLoss)).toBeLessThan(1e-6);
      expect(Math.abs(r.cosineWeights - 1)).toBeLessThan(1e-6);
      expect(r.cosineInputs).toBeCloseTo(one.cosineInputs, 10);
    }
  });

  it('the full pass over blocks of rows (1, 2 or 4 rows of 6) gives the same rows', () => {
    const m = model(40, 5, 6, 6);
    const o = { ...m, loss: 'softmax' as const, numSampled: [40], trials: 1, sampler: allCandidateSampler };
    const [whole] = compareSampledToFull(o);
    expect(Math.abs(whole.cosineWeights - 1)).toBeLessThan(1e-6);
    for (const maxBlockElements of [1, 80, 160]) {
      const [r] = compareSampledToFull({ ...o, maxBlockElements });
      expect(r.fullLoss).toBeCloseTo(whole.fullLoss, 12);
      expect(Math.abs(r.sampledLoss.mean - r.fullLoss)).toBeLessThan(1e-6);
      expect(Math.abs(r.cosineInputs - 1)).toBeLessThan(1e-6);
      expect(Math.abs(r.cosineWeights - 1)).toBeLessThan(1e-6);
    }
  });

  it('on a seeded synthetic model the gradient cosines rise with S and the softmax ratio nears 1', () => {
    const m = model(2000, 8, 32, 3, 'float32');
    const S = [4, 32, 256, 1024];
    const rows = compareSampledToFull({ ...m, loss: 'softmax', numSampled: S, trials: 6, seed: 7 });
    expect(rows.map((r) => r.numSampled)).toEqual(S);
    for (let i = 1; i < rows.length; i++) {
      expect(rows[i].cosineWeights).toBeGreaterThan(rows[i - 1].cosineWeights);
      expect(rows[i].cosineInputs).toBeGreaterThan(rows[i - 1].cosineInputs);
      expect(rows[i].trialCosineWeights.mean).toBeGreaterThan(rows[i - 1].trialCosineWeights.mean);
      expect(rows[i].fullLoss).toBe(rows[0].fullLoss);
    }
    expect(Math.abs(rows[3].ratio - 1)).toBeLessThan(Math.abs(rows[0].ratio - 1));
    expect(rows[3].cosineWeights).toBeGreaterThan(0.9);
    // Averaging trials helps: the mean gradient is closer to the full one than a single draw.
    expect(rows[0].cosineWeights).toBeGreaterThan(rows[0].trialCosineWeights.mean);
  });

  it('is deterministic for a seed, and leaves the model and its .grad untouched', () => {
    const m = model(300, 4, 8, 4, 'float32');
    for (const t of [m.weights, m.biases, m.inputs] as Tensor[]) t.requiresGrad = true;
    const before = Array.from(m.weights.dataSync());
    const o = { ...m, loss: 'nce' as const, numSampled: [8, 64], trials: 4, seed: 'x' };
    const a = compareSampledToFull(o);
    expect(compareSampledToFull(o)).toEqual(a);
    expect(Array.from(m.weights.dataSync())).toEqual(before);
    expect([m.weights.grad, m.biases.grad, m.inputs.grad]).toEqual([null, null, null]);
    // One trial: the per-trial cosine is the cosine of the average.
    const [one] = compareSampledToFull({ ...o, trials: 1 });
    expect(one.trialCosineWeights).toEqual({ mean: one.cosineWeights, std: 0 });
    // The spreads are those of the per-trial values (std with n − 1).
    const xs = a[1].perTrial.sampledLoss;
    expect(xs).toHaveLength(4);
    const avg = xs.reduce((s, v) => s + v, 0) / 4;
    expect(a[1].sampledLoss.mean).toBeCloseTo(avg, 12);
    expect(a[1].sampledLoss.std).toBeCloseTo(Math.sqrt(xs.reduce((s, v) => s + (v - avg) ** 2, 0) / 3), 12);
    expect(a[1].trialCosineInputs.mean).toBeCloseTo(a[1].perTrial.cosineInputs.reduce((s, v) => s + v, 0) / 4, 12);
  });
});
