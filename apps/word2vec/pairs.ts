/** Skip-gram pairs: subsampling, a random window per center word, shuffled batches. */
import type { Rng } from '../../src/index.js';

/** Parallel arrays of (center, context) ids. */
export interface Pairs {
  centers: Int32Array;
  contexts: Int32Array;
}

/**
 * Subsampling: the ids of ids[from, to) that survive, written to `out` from 0; id i survives
 * when rng() < keep[i] (one draw per token, in order). Returns how many survived. `out`
 * must hold to − from ids.
 */
export function subsample(
  ids: ArrayLike<number>,
  from: number,
  to: number,
  keep: Float64Array,
  rng: Rng,
  out: Int32Array,
): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const id = ids[i];
    if (rng() < keep[id]) out[n++] = id;
  }
  return n;
}

/**
 * The skip-gram pairs of the sentence ids[0, n), as word2vec.c draws them: for each center
 * position i, a window b uniform in {1, …, window} (one draw per center), and the pairs
 * (ids[i], ids[j]) for every j ≠ i with |i − j| ≤ b inside the sentence, j ascending.
 * (PairBatcher.addSentence makes the same pairs with the same draws, without a callback.)
 */
export function windowPairs(
  ids: ArrayLike<number>,
  n: number,
  window: number,
  rng: Rng,
  emit: (center: number, context: number) => void,
): void {
  for (let i = 0; i < n; i++) {
    const b = 1 + Math.floor(rng() * window);
    const lo = Math.max(0, i - b),
      hi = Math.min(n - 1, i + b);
    for (let j = lo; j <= hi; j++) if (j !== i) emit(ids[i], ids[j]);
  }
}

/** Fisher–Yates shuffle of the first n entries of both arrays, in step. */
export function shufflePairs(p: Pairs, n: number, rng: Rng): void {
  const { centers, contexts } = p;
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    let t = centers[i];
    centers[i] = centers[j];
    centers[j] = t;
    t = contexts[i];
    contexts[i] = contexts[j];
    contexts[j] = t;
  }
}

/**
 * Collects pairs into a buffer of `capacity` (at least `batch`); when it is full, shuffles
 * it and hands out the full batches of `batch` pairs it holds, keeping the remainder for the
 * next round (tf.data-style block shuffling: memory stays bounded on any corpus). The
 * batches handed out are copies: they stay valid after later pushes.
 */
export class PairBatcher {
  private readonly centers: Int32Array;
  private readonly contexts: Int32Array;
  private n = 0;

  constructor(
    private readonly batch: number,
    capacity: number,
    private readonly rng: Rng,
  ) {
    const cap = Math.max(capacity, batch);
    this.centers = new Int32Array(cap);
    this.contexts = new Int32Array(cap);
  }

  /** Adds a pair; the batches that become ready (when the buffer fills) go to `out`. */
  push(center: number, context: number, out: Pairs[]): void {
    this.centers[this.n] = center;
    this.contexts[this.n] = context;
    if (++this.n === this.centers.length) this.flush(out, false);
  }

  /**
   * Adds the pairs windowPairs(ids, n, window, rng) makes, in its order and with its draws
   * (the loop written out: no call per pair); batches that become ready go to `out`.
   */
  addSentence(ids: Int32Array, n: number, window: number, rng: Rng, out: Pairs[]): void {
    const { centers, contexts } = this,
      cap = centers.length;
    let k = this.n;
    for (let i = 0; i < n; i++) {
      const b = 1 + Math.floor(rng() * window);
      const lo = Math.max(0, i - b),
        hi = Math.min(n - 1, i + b),
        c = ids[i];
      for (let j = lo; j <= hi; j++) {
        if (j === i) continue;
        centers[k] = c;
        contexts[k] = ids[j];
        if (++k === cap) {
          this.n = k;
          this.flush(out, false);
          k = this.n;
        }
      }
    }
    this.n = k;
  }

  /** Shuffles what is held and hands out full batches (and, when `final`, the rest). */
  flush(out: Pairs[], final: boolean): void {
    const { centers, contexts, batch } = this;
    shufflePairs({ centers, contexts }, this.n, this.rng);
    let s = 0;
    for (; s + batch <= this.n; s += batch)
      out.push({ centers: centers.slice(s, s + batch), contexts: contexts.slice(s, s + batch) });
    if (final && s < this.n) {
      out.push({ centers: centers.slice(s, this.n), contexts: contexts.slice(s, this.n) });
      s = this.n;
    }
    centers.copyWithin(0, s, this.n);
    contexts.copyWithin(0, s, this.n);
    this.n -= s;
  }
}
