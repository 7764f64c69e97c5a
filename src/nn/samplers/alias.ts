/**
 * Walker's alias method (Vose's construction): O(n) to build, O(1) per draw. Column i is
 * kept with probability prob[i], else replaced by alias[i]; each column is chosen with
 * probability 1/n, so id k comes out with probability w_k / Σw.
 */
import type { Rng } from '../../tensor/random.js';

/** The alias table of n weights: `draw` gives index k with probability w_k / Σw. */
export class AliasTable {
  readonly prob: Float64Array;
  readonly alias: Int32Array;

  /** `weights`: n ≥ 1 finite, non-negative numbers with a positive sum (the caller checks). */
  constructor(weights: ArrayLike<number>) {
    const n = weights.length;
    let total = 0;
    for (let i = 0; i < n; i++) total += weights[i];
    const scaled = new Float64Array(n);
    const small = new Int32Array(n),
      large = new Int32Array(n);
    let ns = 0,
      nl = 0,
      positive = 0;
    for (let i = 0; i < n; i++) {
      scaled[i] = (weights[i] * n) / total;
      if (weights[i] > 0) positive = i;
      if (scaled[i] < 1) small[ns++] = i;
      else large[nl++] = i;
    }
    this.prob = new Float64Array(n);
    this.alias = new Int32Array(n);
    for (let i = 0; i < n; i++) this.alias[i] = i;
    while (ns > 0 && nl > 0) {
      const s = small[--ns],
        l = large[--nl];
      this.prob[s] = scaled[s];
      this.alias[s] = l;
      scaled[l] = scaled[l] + scaled[s] - 1;
      if (scaled[l] < 1) small[ns++] = l;
      else large[nl++] = l;
    }
    // What is left is 1 up to round-off; a zero weight never keeps its own column.
    while (nl > 0) this.prob[large[--nl]] = 1;
    while (ns > 0) {
      const s = small[--ns];
      if (weights[s] > 0) this.prob[s] = 1;
      else this.alias[s] = positive;
    }
  }

  /** One index: column i = floor(u·n), kept when the fraction of u·n is below prob[i]. */
  draw(rng: Rng): number {
    const n = this.prob.length;
    const x = rng() * n;
    const i = Math.min(Math.floor(x), n - 1);
    return x - i < this.prob[i] ? i : this.alias[i];
  }
}
