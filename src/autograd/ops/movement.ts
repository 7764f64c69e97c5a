/**
 * Movement ops: differentiable wrappers over the views of src/tensor/views.ts (which copy
 * nothing; `reshape` copies only a non-contiguous input), and concat. Every backward returns
 * a contiguous gradient of the input's shape and dtype.
 */
import { assign } from '../../tensor/adapter.js';
import { checkIntegerList, checkShapeSize, checkSize, checkTensor, checkTensorList, fail } from '../../tensor/check.js';
import { zeros } from '../../tensor/create.js';
import { allocate } from '../../tensor/dtype.js';
import { sumToShape } from '../../tensor/elementwise.js';
import { TapegradError } from '../../tensor/errors.js';
import { normAxis, shapeStr, sizeOf } from '../../tensor/shape.js';
import { rowMajor, Tensor } from '../../tensor/tensor.js';
import {
  broadcastView,
  expandDimsView,
  reshapeView,
  sliceView,
  squeezeView,
  transposeView,
} from '../../tensor/views.js';
import { defineOp } from '../tape.js';

/** g (as many elements as x) viewed under x's shape: the backward of every reshaping op. */
const reshapedLike = (g: Tensor, x: Tensor): Tensor => reshapeView(g, x.shape);

/**
 * The same elements under `shape` (row-major; one entry may be −1).  ∂x = g reshaped back.
 * Errors: x not a tensor; shape not a list of integers, or of another element count.
 */
export function reshape(x: Tensor, shape: readonly number[]): Tensor {
  checkTensor('reshape', 'x', x);
  checkIntegerList('reshape', 'shape', shape);
  return defineOp('reshape', [x], () => ({ out: reshapeView(x, shape), backward: (g) => [reshapedLike(g, x)] }));
}

/**
 * Permuted axes: out.shape[i] = x.shape[perm[i]] (default: reversed).  ∂x = transpose(g, perm⁻¹).
 * Errors: x not a tensor; perm not a permutation of [0, rank).
 */
export function transpose(x: Tensor, perm?: readonly number[]): Tensor {
  checkTensor('transpose', 'x', x);
  if (perm !== undefined) checkIntegerList('transpose', 'perm', perm);
  return defineOp('transpose', [x], () => {
    const out = transposeView(x, perm);
    const p = perm ?? x.shape.map((_, i) => x.rank - 1 - i);
    const inverse = p.map((_, i) => p.indexOf(i));
    return { out, backward: (g) => [rowMajor(transposeView(g, inverse))] };
  });
}

/**
 * The block x[begin : begin + size] (size −1 or omitted: to the end of that axis).
 * ∂x = g placed at `begin` in zeros of x's shape. Errors: begin/size out of range.
 */
export function slice(x: Tensor, begin: readonly number[], size?: readonly number[]): Tensor {
  checkTensor('slice', 'x', x);
  checkIntegerList('slice', 'begin', begin);
  if (size !== undefined) checkIntegerList('slice', 'size', size);
  return defineOp('slice', [x], () => ({
    out: sliceView(x, begin, size),
    backward: (g) => {
      const gx = zeros(x.shape, x.dtype);
      assign(sliceView(gx, begin, g.shape), g);
      return [gx];
    },
  }));
}

/**
 * Inserts an axis of length 1 at `axis` (negative: counted in the result's rank).  ∂x = g reshaped.
 * Errors: x not a tensor; axis not an integer in [−rank − 1, rank].
 */
export function expandDims(x: Tensor, axis = 0): Tensor {
  checkTensor('expandDims', 'x', x);
  return defineOp('expandDims', [x], () => ({ out: expandDimsView(x, axis), backward: (g) => [reshapedLike(g, x)] }));
}

/**
 * Removes the given axes of length 1 (default: all of them).  ∂x = g reshaped.
 * Errors: x not a tensor; an axis out of range or not of length 1.
 */
export function squeeze(x: Tensor, axes?: readonly number[]): Tensor {
  checkTensor('squeeze', 'x', x);
  if (axes !== undefined) checkIntegerList('squeeze', 'axes', axes);
  return defineOp('squeeze', [x], () => ({ out: squeezeView(x, axes), backward: (g) => [reshapedLike(g, x)] }));
}

/**
 * x broadcast to `shape` (NumPy rules), a stride-0 view that copies nothing.
 * ∂x = g summed over the broadcast axes. Errors: `shape` not a list of non-negative integers
 * of at most 2³¹ − 1 elements; x's shape does not broadcast to it.
 */
export function broadcastTo(x: Tensor, shape: readonly number[]): Tensor {
  checkTensor('broadcastTo', 'x', x);
  checkShapeSize('broadcastTo', 'shape', shape);
  return defineOp('broadcastTo', [x], () => ({
    out: broadcastView(x, shape),
    backward: (g) => [sumToShape(g, x.shape, x.dtype)],
  }));
}

/**
 * The tensors joined along `axis` (negative counts from the end); they must share dtype,
 * rank and every other dimension.  ∂xs[i] = the slice of g where xs[i] sits.
 * Errors: xs not a non-empty array of Tensors; shapes or dtypes that differ; axis out of
 * range; a result of more than 2³¹ − 1 elements.
 */
export function concat(xs: readonly Tensor[], axis = 0): Tensor {
  checkTensorList('concat', 'xs', xs);
  if (xs.length === 0) fail('concat', 'xs', 'a non-empty array of Tensors', xs);
  const first = xs[0];
  const a = normAxis('concat', axis, first.rank);
  xs.forEach((x, i) => {
    const same = x.rank === first.rank && x.shape.every((d, k) => k === a || d === first.shape[k]);
    if (!same || x.dtype !== first.dtype) {
      throw new TapegradError(
        'concat',
        `xs[${i}]`,
        `${first.dtype} of shape ${shapeStr(first.shape.map((d, k) => (k === a ? -1 : d)))} (−1: any)`,
        `${x.dtype} ${shapeStr(x.shape)}`,
      );
    }
  });
  const starts = xs.map((_, i) => xs.slice(0, i).reduce((s, x) => s + x.shape[a], 0));
  const shape = first.shape.map((d, k) => (k === a ? xs.reduce((s, x) => s + x.shape[a], 0) : d));
  checkSize('concat', 'xs', shape);
  const blockOf = (t: Tensor, i: number) =>
    sliceView(
      t,
      shape.map((_, k) => (k === a ? starts[i] : 0)),
      xs[i].shape,
    );
  return defineOp('concat', xs, () => {
    const out = new Tensor(allocate(first.dtype, sizeOf(shape)), shape);
    xs.forEach((x, i) => assign(blockOf(out, i), x));
    return { out, backward: (g, needs) => xs.map((_, i) => (needs[i] ? rowMajor(blockOf(g, i)) : null)) };
  });
}
