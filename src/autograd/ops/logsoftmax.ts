/** Numerically stable log-softmax, the primitive under every softmax loss. */
import { logSoftmaxLast, logSoftmaxLastGrad } from '../../tensor/softmax.js';
import { normAxis } from '../../tensor/shape.js';
import type { Tensor } from '../../tensor/tensor.js';
import { transposeView } from '../../tensor/views.js';
import { defineOp } from '../tape.js';
import { checkFloat } from './check.js';

/**
 * logSoftmax(x)_j = x_j − m − ln Σ_k exp(x_k − m) along `axis` (default −1, the last),
 * m = max_k x_k, so no exponent is positive: finite and exact at ±1e4. x [B, C] → [B, C].
 * ∂x = g − softmax · Σ_k g_k along the axis, softmax = exp(y).
 * The last axis runs a hand-written loop over contiguous rows; another axis is swapped to
 * the last place first. Errors: x not float; axis out of range.
 */
export function logSoftmax(x: Tensor, axis = -1): Tensor {
  checkFloat('logSoftmax', 'x', x);
  const a = normAxis('logSoftmax', axis, x.rank);
  const last = x.rank - 1;
  // Swapping axis a with the last axis is its own inverse.
  const perm = x.shape.map((_, i) => (i === a ? last : i === last ? a : i));
  const toLast = (t: Tensor) => (a === last ? t : transposeView(t, perm));
  const fromLast = (t: Tensor) => (a === last ? t : transposeView(t, perm).contiguous());
  return defineOp('logSoftmax', [x], () => {
    const yLast = logSoftmaxLast(toLast(x));
    return {
      out: fromLast(yLast),
      backward: (g) => [fromLast(logSoftmaxLastGrad(yLast, toLast(g)))],
    };
  });
}
