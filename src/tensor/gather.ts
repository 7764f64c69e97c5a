/** Row gathering along axis 0, the embedding lookup. No gradients here. */
import { assign } from './adapter.js';
import { allocate } from './dtype.js';
import { TapegradError } from './errors.js';
import { shapeStr, sizeOf, stridesOf } from './shape.js';
import { Tensor } from './tensor.js';

/**
 * The flat ids of `indices`, checked: int32, every value in [0, rows). Throws a
 * TapegradError from `fn` naming the first bad value and its position otherwise.
 */
export function checkedIds(fn: string, indices: Tensor, rows: number): Int32Array {
  if (indices.dtype !== 'int32') {
    throw new TapegradError(fn, 'indices', 'int32', `${indices.dtype} ${shapeStr(indices.shape)}`);
  }
  const ids = indices.dataSync() as Int32Array;
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i];
    if (id < 0 || id >= rows) {
      throw new TapegradError(fn, 'indices', `ids in [0, ${rows}) (the rows of params)`, `${id} at flat position ${i}`);
    }
  }
  return ids;
}

/**
 * out[i…, :] = params[ids[i…], :]: out shape [...indices.shape, ...params.shape.slice(1)],
 * the dtype of params. `ids` are the flat `indices`, already checked by `checkedIds`.
 * Rows are block copies (`set`) when params is contiguous, strided copies otherwise.
 */
export function gatherRows(params: Tensor, ids: Int32Array, indicesShape: readonly number[]): Tensor {
  const rowShape = params.shape.slice(1);
  const d = sizeOf(rowShape);
  const data = allocate(params.dtype, ids.length * d);
  const out = new Tensor(data, [...indicesShape, ...rowShape]);
  if (params.isContiguous()) {
    const src = params.data, o = params.offset;
    if (d < 16) {
      // Short rows (e.g. scalars of a flattened [B·C]): a plain loop beats making subarrays.
      for (let i = 0; i < ids.length; i++) {
        const s = o + ids[i] * d, t = i * d;
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
  const rowStrides = params.strides.slice(1), dstStrides = stridesOf(rowShape);
  for (let i = 0; i < ids.length; i++) {
    const src = new Tensor(params.data, rowShape, rowStrides, params.offset + ids[i] * params.strides[0]);
    assign(new Tensor(data, rowShape, dstStrides, i * d), src);
  }
  return out;
}
