/**
 * Kernels over one row of D elements at an offset into a flat array, unrolled by 4: four
 * independent sums and fewer loop tests make the word2vec steps about 1.4× faster in V8
 * than plain loops (D = 100, measured). Internal: callers pass checked offsets.
 */
import type { FloatArray } from './dtype.js';

/** Σ_d x[xo + d] · y[yo + d]. */
export function dot(x: FloatArray, xo: number, y: FloatArray, yo: number, D: number): number {
  let s0 = 0,
    s1 = 0,
    s2 = 0,
    s3 = 0,
    d = 0;
  for (; d + 4 <= D; d += 4) {
    s0 += x[xo + d] * y[yo + d];
    s1 += x[xo + d + 1] * y[yo + d + 1];
    s2 += x[xo + d + 2] * y[yo + d + 2];
    s3 += x[xo + d + 3] * y[yo + d + 3];
  }
  for (; d < D; d++) s0 += x[xo + d] * y[yo + d];
  return s0 + s1 + s2 + s3;
}

/** y[yo + d] += a · x[xo + d]. */
export function axpy(a: number, x: FloatArray, xo: number, y: FloatArray, yo: number, D: number): void {
  let d = 0;
  for (; d + 4 <= D; d += 4) {
    y[yo + d] += a * x[xo + d];
    y[yo + d + 1] += a * x[xo + d + 1];
    y[yo + d + 2] += a * x[xo + d + 2];
    y[yo + d + 3] += a * x[xo + d + 3];
  }
  for (; d < D; d++) y[yo + d] += a * x[xo + d];
}

/** y[yo + d] = a · x[xo + d]. */
export function scaleInto(a: number, x: FloatArray, xo: number, y: FloatArray, yo: number, D: number): void {
  let d = 0;
  for (; d + 4 <= D; d += 4) {
    y[yo + d] = a * x[xo + d];
    y[yo + d + 1] = a * x[xo + d + 1];
    y[yo + d + 2] = a * x[xo + d + 2];
    y[yo + d + 3] = a * x[xo + d + 3];
  }
  for (; d < D; d++) y[yo + d] = a * x[xo + d];
}
