/** Skip-gram pairs: subsampling, a random window per center word, shuffled batches. */
import type { Rng } from '../../src/index.js';

/** Parallel arrays of (center, context) ids. */
export interface Pairs {
  centers: Int32Array;
  contexts: Int32Array;
}

/** The ids kept by subsampling: id i survives when rng() < keep[i] (one draw per token). */
export function subsample(ids: readonly number[], keep: Float64Array, rng: Rng): number[] {
  const out: number[] = [];
  for (const id of ids) if (rng() < keep[id]) out.push(id);
  return out;
}

/**
 * The skip-gram pairs of one sentence, as word2vec.c draws them: for each center position
 * i, a window b uniform in {1, …, window} (one draw per center), and the pairs
 * (ids[i], ids[j]) for every j ≠ i with |i − j| ≤ b inside the sentence, j ascending.
 */
export function windowPairs(
  ids: readonly number[],
  window: number,
  rng: Rng,
  emit: (center: number, context: number) => void,
): void {
  const n = ids.length;
  for (let i = 0; i < n; i++) {
    const b = 1 + Math.floor(rng() * window);
    const lo = Math.max(0, i - b),
      hi = Math.min(n - 1, i + b);
    for (let j = lo; j <= hi; j++) if (j !== i) emit(ids[i], ids[j]);
  }
}

/** Fisher–Yates shuffle of the first n entries of both arrays, in step. */
export function shufflePairs(p: Pairs, n: number, rng: Rng): void {
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    let t = p.centers[i];
    p.centers[i] = p.centers[j];
    p.centers[j] = t;
    t = p.contexts[i];
    p.contexts[i] = p.contexts[j];
    p.contexts[j] = t;
  }
}

/**
 * Collects pairs into a buffer of `capacity`; when it is full, shuffles it and hands out
 * the full batches of `batch` pairs it holds, keeping the remainder for the next round
 * (tf.data-style block shuffling: memory stays bounded on any corpus).
 */
export class PairBatcher {
  private readonly buf: Pairs;
  private n = 0;

  constructor(
    private readonly batch: number,
    private readonly capacity: number,
    private readonly rng: Rng,
  ) {
    const cap = Math.max(capacity, batch);
    this.buf = { centers: new Int32Array(cap), contexts: new Int32Array(cap) };
  }

  /** Adds a pair; returns the batches that became ready (usually none). */
  push(center: number, context: number, out: Pairs[]): void {
    this.buf.centers[this.n] = center;
    this.buf.contexts[this.n] = context;
    if (++this.n === this.buf.centers.length) this.flush(out, false);
  }

  /** Shuffles what is held and hands out full batches (and, when `final`, the rest). */
  flush(out: Pairs[], final: boolean): void {
    const { buf, batch } = this;
    shufflePairs(buf, this.n, this.rng);
    let s = 0;
    for (; s + batch <= this.n; s += batch)
      out.push({ centers: buf.centers.slice(s, s + batch), contexts: buf.contexts.slice(s, s + batch) });
    if (final && s < this.n) {
      out.push({ centers: buf.centers.slice(s, this.n), contexts: buf.contexts.slice(s, this.n) });
      s = this.n;
    }
    buf.centers.copyWithin(0, s, this.n);
    buf.contexts.copyWithin(0, s, this.n);
    this.n -= s;
  }
}
