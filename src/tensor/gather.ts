/** Row gathering along axis 0, the embedding lookup. No gradients here. */
import { assign } from './adapter.js';
import { allocate } from './dtype.js';
import { checkTensor } from './check.js';
import { TapegradError } from './errors.js';
import { sizeOf, stridesOf } from './shape.js';
import { Tensor } from './tensor.js';

/**
 * The flat ids of `t` (any layout, row-major order), checked: an int32 Tensor (the one rule
 * for ids: int32 only, never integer-valued floats), every value in [0, n). Otherwise a
 * TapegradError from `fn` naming `arg` (and the first bad value's flat position:
 * "labels (element 3) must be in [0, 5), got 7"). The id check of gather, embeddingLookup,
 * the losses and the samplers.
 */
export function checkIds(fn: string, arg: string, t: unknown, n: number): Int32Array {
  checkTensor(fn, arg, t, { dtype: 'int32' });
  const ids = (t as Tensor).dataSync() as Int32Array;
  for (let i = 0; i < ids.length; i++) {
    if (ids[i] < 0 || ids[i] >= n) throw new TapegradError(fn, `${arg} (element ${i})`, `in [0, ${n})`, String(ids[i]));
  }
  return ids;
}

/**
 * out[i…, :] = params[ids[i…], :]: out shape [...indices.shape, ...params.shape.slice(1)],
 * the dtype of params. `ids` are the flat `indices`, already checked by `checkIds`.
 * Rows are block copies (`set`) when params is contiguous, strided copies otherwise.
 */
export function gatherRows(params: Tensor, ids: Int32Array, indicesShape: readonly number[]): Tensor {
  const rowShape = params.shape.slice(1);
  const d = sizeOf(rowShape);
  const data = allocate(params.dtype, ids.length * d);
  const out = new Tensor(data, [...indicesShape, ...rowShape]);
  if (params.isContiguous()) {
    const src = params.data,
      o = params.offset;
    if (d < 16) {
      // Short rows (e.g. scalars of a flattened [B·C]): a plain loop beats making subarrays.
      for (let i = 0; i < ids.length; i++) {
        const s = o + ids[i] * d,
          t = i * d;
        for (let k = 0; k < d; k++) data[t + k] = src[s + k];
      }
    } else {
      for (let i = 0; i < ids.length; i++) {
        const s = o + ids[i] * d;
        data.set(src.subarray(s, s + d), i * d);
      }
    }
    return out;
  }
  const rowStrides = params.strides.slice(1),
    dstStrides = stridesOf(rowShape);
  for (let i = 0; i < ids.length; i++) {
    const src = new Tensor(params.data, rowShape, rowStrides, params.offset + ids[i] * params.strides[0]);
    assign(new Tensor(data, rowShape, dstStrides, i * d), src);
  }
  return out;
}
