/**
 * The learned-unigram sampler: p(k) = w_k / Σw, every weight starting at 1, each true id
 * seen by a call adding 1 afterwards. The weights sit in a Fenwick (binary indexed) tree,
 * so a draw and an update cost O(log R) and p(k) O(1).
 */
import { checkInteger, checkObject } from '../../tensor/check.js';
import type { Rng } from '../../tensor/random.js';
import { CandidateSampler, type SamplerOptions } from './base.js';

/** Largest R a table sampler allocates (2 Float64 arrays of R: 1 GiB at the limit). */
export const MAX_TABLE = 2 ** 26;

/**
 * Learned unigram over [0, R): every id starts with weight 1,
 *
 *   p(k) = w_k / Σ_i w_i,
 *
 * and AFTER a call has sampled and computed its expected counts, each of its B·T true ids
 * gets w += 1 (repeats count each time). State (weights and stream) persists across calls.
 * Errors: rangeMax not an integer in [1, 2^26] (the table is O(R)), a bad seed.
 */
export class LearnedUnigramSampler extends CandidateSampler {
  /** w_k, the current weight of id k. */
  private readonly w: Float64Array;
  /** Fenwick tree over w, 1-based: tree[i] = Σ w over (i − lowbit(i), i]. */
  private readonly tree: Float64Array;
  private total: number;
  /** The largest power of two ≤ R: the first step of the descent. */
  private readonly topBit: number;

  /** options: rangeMax R, seed; every weight starts at 1; `fn` names the caller in errors. */
  constructor(options: SamplerOptions, fn = 'LearnedUnigramSampler') {
    // Checked before super(), which may take a seed from the default stream.
    checkInteger(fn, 'rangeMax', checkObject(fn, 'options', options).rangeMax, 1, MAX_TABLE);
    super(options, fn);
    const R = this.rangeMax;
    this.w = new Float64Array(R).fill(1);
    this.tree = new Float64Array(R + 1);
    for (let i = 1; i <= R; i++) this.tree[i] = i & -i; // Σ of lowbit(i) ones
    this.total = R;
    this.topBit = 2 ** Math.floor(Math.log2(R));
    if (this.topBit * 2 <= R) this.topBit *= 2;
  }

  /** The current weight of id k (1 + the times k was a true id). */
  weight(k: number): number {
    return this.w[checkInteger(`${this.fn}.weight`, 'k', k, 0, this.rangeMax - 1)];
  }

  protected probabilityOf(k: number): number {
    return this.w[k] / this.total;
  }

  /** The smallest k with w_0 + … + w_k > u·Σw: a Fenwick descent. */
  protected drawOne(rng: Rng): number {
    let target = rng() * this.total;
    let pos = 0;
    for (let step = this.topBit; step > 0; step >>>= 1) {
      const next = pos + step;
      if (next <= this.rangeMax && this.tree[next] <= target) {
        pos = next;
        target -= this.tree[next];
      }
    }
    return Math.min(pos, this.rangeMax - 1);
  }

  protected override observe(trueIds: Int32Array): void {
    for (const k of trueIds) {
      this.w[k] += 1;
      this.total += 1;
      for (let i = k + 1; i <= this.rangeMax; i += i & -i) this.tree[i] += 1;
    }
  }
}
