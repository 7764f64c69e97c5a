/**
 * Log-softmax kernels over the last axis of contiguous data (no gradients), in double
 * precision whatever the storage: rows of length N, R = size / N rows.
 */
import { allocate } from './dtype.js';
import { Tensor } from './tensor.js';

/**
 * y[r, j] = x[r, j] − m − ln Σ_k exp(x[r, k] − m), m = max_k x[r, k]: every exponent is ≤ 0,
 * so nothing overflows; a row with m = ±∞ gives NaN (as in TensorFlow). With `softmax`
 * (of x's size), also softmax[r, j] = exp(y[r, j]) from the same exponentials.
 */
export function logSoftmaxLast(x: Tensor, softmax?: Float64Array): Tensor {
  const c = x.contiguous();
  const N = c.shape[c.rank - 1],
    R = N === 0 ? 0 : c.size / N;
  const src = c.data,
    out = allocate(c.dtype, c.size);
  for (let r = 0; r < R; r++) {
    const base = c.offset + r * N,
      o = r * N;
    let m = -Infinity;
    for (let j = 0; j < N; j++) if (src[base + j] > m) m = src[base + j];
    let s = 0;
    if (softmax) {
      for (let j = 0; j < N; j++) s += softmax[o + j] = Math.exp(src[base + j] - m);
      for (let j = 0; j < N; j++) softmax[o + j] /= s;
    } else {
      for (let j = 0; j < N; j++) s += Math.exp(src[base + j] - m);
    }
    const logS = Math.log(s);
    for (let j = 0; j < N; j++) out[o + j] = src[base + j] - m - logS;
  }
  return new Tensor(out, c.shape);
}

/** ∂x[r, j] = g[r, j] − softmax[r, j] · Σ_k g[r, k], softmax = exp(y), y the log-softmax. */
export function logSoftmaxLastGrad(y: Tensor, g: Tensor): Tensor {
  const yc = y.contiguous(),
    gc = g.contiguous();
  const N = yc.shape[yc.rank - 1],
    R = N === 0 ? 0 : yc.size / N;
  const out = allocate(yc.dtype, yc.size);
  for (let r = 0; r < R; r++) {
    const yb = yc.offset + r * N,
      gb = gc.offset + r * N,
      o = r * N;
    let s = 0;
    for (let j = 0; j < N; j++) s += gc.data[gb + j];
    for (let j = 0; j < N; j++) out[o + j] = gc.data[gb + j] - Math.exp(yc.data[yb + j]) * s;
  }
  return new Tensor(out, yc.shape);
}
