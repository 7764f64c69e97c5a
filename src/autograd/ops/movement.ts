/**
 * Movement ops: differentiable wrappers over the views of src/tensor/views.ts (which copy
 * nothing; `reshape` copies only a non-contiguous input), plus concat, oneHot and biasAdd.
 * Every backward returns a contiguous gradient of the input's shape and dtype.
 */
import { assign } from '../../tensor/adapter.js';
import { zeros } from '../../tensor/create.js';
import { allocate } from '../../tensor/dtype.js';
import { arith, sumToShape } from '../../tensor/elementwise.js';
import { TapegradError } from '../../tensor/errors.js';
import { checkShape, normAxis, shapeStr, sizeOf } from '../../tensor/shape.js';
import { Tensor } from '../../tensor/tensor.js';
import {
  broadcastView,
  expandDimsView,
  reshapeView,
  sliceView,
  squeezeView,
  transposeView,
} from '../../tensor/views.js';
import { defineOp } from '../tape.js';
import { checkFloat, checkInt, checkIntList, checkTensor, describe } from './check.js';

/** g viewed under x's shape (g has x's number of elements). */
const back = (g: Tensor, x: Tensor): Tensor => reshapeView(g, x.shape);

/** The same elements under `shape` (row-major; one entry may be −1).  ∂x = g reshaped back. */
export function reshape(x: Tensor, shape: readonly number[]): Tensor {
  checkTensor('reshape', 'x', x);
  checkIntList('reshape', 'shape', shape);
  return defineOp('reshape', [x], () => ({ out: reshapeView(x, shape), backward: (g) => [back(g, x)] }));
}

/** Permuted axes: out.shape[i] = x.shape[perm[i]] (default: reversed).  ∂x = transpose(g, perm⁻¹). */
export function transpose(x: Tensor, perm?: readonly number[]): Tensor {
  checkTensor('transpose', 'x', x);
  if (perm !== undefined) checkIntList('transpose', 'perm', perm);
  return defineOp('transpose', [x], () => {
    const out = transposeView(x, perm);
    const p = perm ?? x.shape.map((_, i) => x.rank - 1 - i);
    const inverse = p.map((_, i) => p.indexOf(i));
    return { out, backward: (g) => [transposeView(g, inverse).contiguous()] };
  });
}

/**
 * The block x[begin : begin + size] (size −1 or omitted: to the end of that axis).
 * ∂x = g placed at `begin` in zeros of x's shape. Errors: begin/size out of range.
 */
export function slice(x: Tensor, begin: readonly number[], size?: readonly number[]): Tensor {
  checkTensor('slice', 'x', x);
  checkIntList('slice', 'begin', begin);
  if (size !== undefined) checkIntList('slice', 'size', size);
  return defineOp('slice', [x], () => ({
    out: sliceView(x, begin, size),
    backward: (g) => {
      const gx = zeros(x.shape, x.dtype);
      assign(sliceView(gx, begin, g.shape), g);
      return [gx];
    },
  }));
}

/** Inserts an axis of length 1 at `axis` (negative: counted in the result's rank).  ∂x = g reshaped. */
export function expandDims(x: Tensor, axis = 0): Tensor {
  checkTensor('expandDims', 'x', x);
  return defineOp('expandDims', [x], () => ({ out: expandDimsView(x, axis), backward: (g) => [back(g, x)] }));
}

/** Removes the given axes of length 1 (default: all of them).  ∂x = g reshaped. */
export function squeeze(x: Tensor, axes?: readonly number[]): Tensor {
  checkTensor('squeeze', 'x', x);
  if (axes !== undefined) checkIntList('squeeze', 'axes', axes);
  return defineOp('squeeze', [x], () => ({ out: squeezeView(x, axes), backward: (g) => [back(g, x)] }));
}

/**
 * x broadcast to `shape` (NumPy rules), a stride-0 view that copies nothing.
 * ∂x = g summed over the broadcast axes. Errors: x's shape does not broadcast to `shape`.
 */
export function broadcastTo(x: Tensor, shape: readonly number[]): Tensor {
  checkTensor('broadcastTo', 'x', x);
  checkIntList('broadcastTo', 'shape', shape);
  checkShape('broadcastTo', 'shape', shape);
  return defineOp('broadcastTo', [x], () => ({
    out: broadcastView(x, shape),
    backward: (g) => [sumToShape(g, x.shape, x.dtype)],
  }));
}

/**
 * The tensors joined along `axis` (negative counts from the end); they must share dtype,
 * rank and every other dimension.  ∂xs[i] = the slice of g where xs[i] sits.
 */
export function concat(xs: readonly Tensor[], axis = 0): Tensor {
  if (!Array.isArray(xs as unknown) || xs.length === 0)
    throw new TapegradError('concat', 'xs', 'a non-empty array of Tensors', describe(xs));
  xs.forEach((x, i) => checkTensor('concat', `xs[${i}]`, x));
  const first = xs[0];
  const a = normAxis('concat', axis, first.rank);
  xs.forEach((x, i) => {
    const same = x.rank === first.rank && x.shape.every((d, k) => k === a || d === first.shape[k]);
    if (!same || x.dtype !== first.dtype) {
      throw new TapegradError(
        'concat',
        `xs[${i}]`,
        `${first.dtype} of shape ${shapeStr(first.shape.map((d, k) => (k === a ? -1 : d)))} (−1: any)`,
        describe(x),
      );
    }
  });
  const starts = xs.map((_, i) => xs.slice(0, i).reduce((s, x) => s + x.shape[a], 0));
  const shape = first.shape.map((d, k) => (k === a ? xs.reduce((s, x) => s + x.shape[a], 0) : d));
  const blockOf = (t: Tensor, i: number) =>
    sliceView(
      t,
      shape.map((_, k) => (k === a ? starts[i] : 0)),
      xs[i].shape,
    );
  return defineOp('concat', xs, () => {
    const out = new Tensor(allocate(first.dtype, sizeOf(shape)), shape);
    xs.forEach((x, i) => assign(blockOf(out, i), x));
    return { out, backward: (g, needs) => xs.map((_, i) => needs[i] && blockOf(g, i).contiguous()) };
  });
}

/**
 * out[..., j] = onValue if indices[...] = j else offValue: shape [...indices.shape, depth].
 * Indices outside [0, depth) give a row of offValue (as in TensorFlow). No gradient.
 * Errors: indices not int32; depth not a non-negative integer.
 */
export function oneHot(
  indices: Tensor,
  depth: number,
  onValue = 1,
  offValue = 0,
  dtype: 'float32' | 'float64' = 'float32',
): Tensor {
  checkInt('oneHot', 'indices', indices);
  if (!Number.isInteger(depth) || depth < 0)
    throw new TapegradError('oneHot', 'depth', 'a non-negative integer', String(depth));
  const ids = indices.dataSync();
  const out = allocate(dtype, ids.length * depth).fill(offValue);
  ids.forEach((id, i) => {
    if (id >= 0 && id < depth) out[i * depth + id] = onValue;
  });
  return new Tensor(out, [...indices.shape, depth]);
}

/**
 * x + bias on the last axis: x [..., N], bias [N].  ∂x = g, ∂bias = Σ of g over all but the
 * last axis. Errors: bias not of rank 1, or its length not x's last dimension.
 */
export function biasAdd(x: Tensor, bias: Tensor): Tensor {
  checkFloat('biasAdd', 'x', x);
  checkFloat('biasAdd', 'bias', bias);
  const N = x.shape[x.rank - 1];
  if (x.rank < 1 || bias.rank !== 1 || bias.shape[0] !== N) {
    throw new TapegradError('biasAdd', 'bias', `of shape [N] = [${N ?? '?'}] (x's last dimension)`, describe(bias));
  }
  return defineOp('biasAdd', [x, bias], () => ({
    out: arith('add', x, bias, 'biasAdd'),
    backward: (g, [nx, nb]) => [nx && sumToShape(g, x.shape, x.dtype), nb && sumToShape(g, bias.shape, bias.dtype)],
  }));
}
