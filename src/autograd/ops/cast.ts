/** `cast`: the values in another dtype, on the tape. */
import { checkDType, checkTensor, fail, INT32_MAX, INT32_MIN } from '../../tensor/check.js';
import { castValues } from '../../tensor/create.js';
import type { DType } from '../../tensor/dtype.js';
import type { Tensor } from '../../tensor/tensor.js';
import { defineOp, isRecording } from '../tape.js';

/**
 * A contiguous copy of x with its values converted to `dtype` (to int32: truncated toward
 * zero).  Between float dtypes ∂x = g cast back to x's dtype. An int32 result carries no
 * gradient, so casting a tensor that requires one to int32 is refused while recording (cast
 * `detach(x)`, or inside `noGrad`). Errors: x not a Tensor; an unknown dtype; that refusal;
 * to int32, a value whose truncation is not an int32 (NaN, ±Infinity, |x| ≥ 2³¹).
 */
export function cast(x: Tensor, dtype: DType): Tensor {
  checkTensor('cast', 'x', x);
  const to = checkDType('cast', 'dtype', dtype);
  if (to === 'int32' && x.dtype !== 'int32') {
    if (x.requiresGrad && isRecording()) {
      const why = 'a tensor that requires no gradient when cast to int32 (cast detach(x), or inside noGrad)';
      fail('cast', 'x', why, x);
    }
    // Truncation must land in int32: NaN, ±Infinity and |x| ≥ 2³¹ would wrap silently.
    const d = x.dataSync();
    const i = d.findIndex((v) => {
      const t = Math.trunc(v);
      return !(t >= INT32_MIN && t <= INT32_MAX);
    });
    if (i >= 0) fail('cast', `x (element ${i})`, `a value whose truncation lies in [${INT32_MIN}, ${INT32_MAX}]`, d[i]);
  }
  return defineOp('cast', [x], () => ({ out: castValues(x, to), backward: (g) => [castValues(g, x.dtype)] }));
}
