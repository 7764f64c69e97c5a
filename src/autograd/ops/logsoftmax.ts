/**
 * Numerically stable log-softmax, the primitive under every softmax loss: the formula, the
 * forward loop and the backward loop, in double precision whatever the storage.
 *
 *   y_j = x_j − m − ln Σ_k exp(x_k − m),  m = max_k x_k    (every exponent ≤ 0: no overflow)
 *   ∂x_j = g_j − softmax_j · Σ_k g_k,       softmax = exp(y)
 */
import { checkTensor } from '../../tensor/check.js';
import { allocate } from '../../tensor/dtype.js';
import { normAxis } from '../../tensor/shape.js';
import { rowMajor, Tensor } from '../../tensor/tensor.js';
import { transposeView } from '../../tensor/views.js';
import { defineOp } from '../tape.js';

/**
 * The forward over the last axis: rows of length C (the classes), size / C rows. A row with m = ±∞ gives
 * NaN (as in TensorFlow). With `softmax` (of x's size), also softmax_j = exp(y_j) from the same
 * exponentials (the fused softmax cross-entropy keeps it for its backward).
 */
export function logSoftmaxLast(x: Tensor, softmax?: Float64Array): Tensor {
  const c = rowMajor(x);
  const C = c.shape[c.rank - 1],
    rows = C === 0 ? 0 : c.size / C;
  const src = c.data,
    out = allocate(c.dtype, c.size);
  for (let r = 0; r < rows; r++) {
    const base = c.offset + r * C,
      o = r * C;
    let m = -Infinity;
    for (let j = 0; j < C; j++) if (src[base + j] > m) m = src[base + j];
    let s = 0;
    if (softmax) {
      for (let j = 0; j < C; j++) s += softmax[o + j] = Math.exp(src[base + j] - m);
      for (let j = 0; j < C; j++) softmax[o + j] /= s;
    } else {
      for (let j = 0; j < C; j++) s += Math.exp(src[base + j] - m);
    }
    const logS = Math.log(s);
    for (let j = 0; j < C; j++) out[o + j] = src[base + j] - m - logS;
  }
  return new Tensor(out, c.shape);
}

/** The backward over the last axis: ∂x_j = g_j − exp(y_j) · Σ_k g_k, row by row. */
function logSoftmaxLastGrad(y: Tensor, g: Tensor): Tensor {
  const yc = rowMajor(y),
    gc = rowMajor(g);
  const C = yc.shape[yc.rank - 1],
    rows = C === 0 ? 0 : yc.size / C;
  const out = allocate(yc.dtype, yc.size);
  for (let r = 0; r < rows; r++) {
    const yb = yc.offset + r * C,
      gb = gc.offset + r * C,
      o = r * C;
    let s = 0;
    for (let j = 0; j < C; j++) s += gc.data[gb + j];
    for (let j = 0; j < C; j++) out[o + j] = gc.data[gb + j] - Math.exp(yc.data[yb + j]) * s;
  }
  return new Tensor(out, yc.shape);
}

/**
 * logSoftmax(x) along `axis` (default −1, the last), by the formula above: x [B, C] → [B, C],
 * finite and exact at ±1e4. Another axis than the last is swapped to the last place first.
 * Errors: x not a float tensor; axis out of range.
 */
export function logSoftmax(x: Tensor, axis = -1): Tensor {
  checkTensor('logSoftmax', 'x', x, { dtype: 'float' });
  const a = normAxis('logSoftmax', axis, x.rank);
  const last = x.rank - 1;
  // Swapping axis a with the last axis is its own inverse.
  const perm = x.shape.map((_, i) => (i === a ? last : i === last ? a : i));
  const toLast = (t: Tensor) => (a === last ? t : transposeView(t, perm));
  const fromLast = (t: Tensor) => (a === last ? t : rowMajor(transposeView(t, perm)));
  return defineOp('logSoftmax', [x], () => {
    const yLast = logSoftmaxLast(toLast(x));
    return {
      out: fromLast(yLast),
      backward: (g) => [fromLast(logSoftmaxLastGrad(yLast, toLast(g)))],
    };
  });
}
