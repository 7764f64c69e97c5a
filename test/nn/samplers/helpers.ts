import { expect } from 'vitest';
import { tensor, type Tensor } from '../../../src/tensor/index.js';
import type { CandidateSample } from '../../../src/nn/samplers/index.js';

/** An int32 [B, T] tensor of true classes. */
export const classes = (rows: number[][]): Tensor => tensor(rows, undefined, 'int32');

/** The sampled ids as a plain array. */
export const idsOf = (s: CandidateSample): number[] => Array.from(s.sampledCandidates.dataSync());

/**
 * Asserts that the frequencies of `ids` over [0, p.length) match p within 5σ per bin,
 * σ = sqrt(p(1−p)/n), and that ids of probability 0 never occur.
 */
export function expectHistogram(ids: ArrayLike<number>, p: readonly number[]): void {
  const n = ids.length;
  const counts = new Array<number>(p.length).fill(0);
  let outside = 0;
  for (let i = 0; i < n; i++) {
    if (ids[i] >= 0 && ids[i] < p.length) counts[ids[i]]++;
    else outside++;
  }
  expect(outside).toBe(0);
  p.forEach((pk, k) => {
    const freq = counts[k] / n;
    const sigma = Math.sqrt((pk * (1 - pk)) / n);
    expect(Math.abs(freq - pk), `id ${k}: frequency ${freq} vs p ${pk}`).toBeLessThanOrEqual(5 * sigma);
  });
}

export { refusal } from '../helpers.js';
