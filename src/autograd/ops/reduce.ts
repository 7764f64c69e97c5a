/**
 * Reductions over axes: sum, mean, max. `axis` is a number, a list of distinct numbers
 * (negative counts from the end) or undefined (all axes). keepDims keeps reduced axes with
 * length 1. Example: x [B, D], sum(x, 1) → [B]; sum(x, 1, true) → [B, 1]; sum(x) → [].
 */
import { checkBoolean, checkTensor, fail } from '../../tensor/check.js';
import { mapBinary, mapTernary } from '../../tensor/elementwise.js';
import { TapegradError } from '../../tensor/errors.js';
import { maxAxes, sumAxes } from '../../tensor/reduce.js';
import { normAxis, sizeOf } from '../../tensor/shape.js';
import { rowMajor, type Tensor } from '../../tensor/tensor.js';
import { broadcastView, reshapeView } from '../../tensor/views.js';
import { defineOp } from '../tape.js';
import { mul } from './arithmetic.js';

/** Which axes to reduce: an axis, a list of them, or undefined (all). */
export type Axis = number | readonly number[] | undefined;

/** The sorted, distinct, non-negative axes `axis` names in a tensor of `rank`. */
export function normAxes(fn: string, axis: Axis, rank: number): number[] {
  if (axis === undefined) return Array.from({ length: rank }, (_, i) => i);
  const list = typeof axis === 'number' ? [axis] : axis;
  if (!Array.isArray(list)) fail(fn, 'axis', 'a number, an array of numbers or undefined', axis);
  const axes = list.map((a) => normAxis(fn, a, rank));
  if (new Set(axes).size !== axes.length)
    throw new TapegradError(fn, 'axis', 'a list of distinct axes', `[${list.join(', ')}]`);
  return axes.sort((a, b) => a - b);
}

/** x's shape with the reduced axes kept at length 1. */
const keptShape = (x: Tensor, axes: readonly number[]) => x.shape.map((d, i) => (axes.includes(i) ? 1 : d));

/** g (the reduced shape) broadcast back over the reduced axes of x: a contiguous tensor of x's shape. */
const broadcastBack = (g: Tensor, x: Tensor, axes: readonly number[]): Tensor =>
  rowMajor(broadcastView(reshapeView(g, keptShape(x, axes)), x.shape));

/** The checked arguments of a reduction called as `fn`. */
function reductionArgs(fn: string, x: Tensor, axis: Axis, keepDims: unknown) {
  checkTensor(fn, 'x', x);
  return { axes: normAxes(fn, axis, x.rank), keep: checkBoolean(fn, 'keepDims', keepDims) };
}

/** Σ over `axes` on the tape (sum and mean share it). */
function sumOp(x: Tensor, axes: readonly number[], keepDims: boolean): Tensor {
  return defineOp('sum', [x], () => ({
    out: sumAxes(x, axes, keepDims, x.dtype),
    backward: (g) => [broadcastBack(g, x, axes)],
  }));
}

/**
 * Σ of x over `axis` (default all).  ∂x = g broadcast back over the reduced axes.
 * Result dtype: x's (int32 sums stay int32). Errors: x not a Tensor; axis out of range or
 * repeated; keepDims not a boolean.
 */
export function sum(x: Tensor, axis?: number | readonly number[], keepDims = false): Tensor {
  const { axes, keep } = reductionArgs('sum', x, axis, keepDims);
  return sumOp(x, axes, keep);
}

/**
 * The mean of x over `axis` (default all) = sum / n, n the number of reduced elements (NaN
 * when n = 0).  ∂x = g / n broadcast back. Result: float (float32 for int32 input). Errors as `sum`.
 */
export function mean(x: Tensor, axis?: number | readonly number[], keepDims = false): Tensor {
  const { axes, keep } = reductionArgs('mean', x, axis, keepDims);
  return mul(sumOp(x, axes, keep), 1 / sizeOf(axes.map((a) => x.shape[a])));
}

/**
 * The maximum of x over `axis` (default all); −∞ for an empty reduction.
 * ∂x = g / k on each of the k elements equal to the maximum (ties share it equally, as in
 * TensorFlow), 0 elsewhere. Result dtype: x's. Errors as `sum`.
 */
export function max(x: Tensor, axis?: number | readonly number[], keepDims = false): Tensor {
  const { axes, keep } = reductionArgs('max', x, axis, keepDims);
  return defineOp('max', [x], () => {
    const y = maxAxes(x, axes, keep);
    return {
      out: y,
      backward: (g) => {
        const kept = keptShape(x, axes);
        const isMax = mapBinary(x, broadcastView(reshapeView(y, kept), x.shape), (a, m) => (a === m ? 1 : 0), 'max');
        const ties = sumAxes(isMax, axes, true);
        return [mapTernary(isMax, reshapeView(g, kept), ties, (t, gi, k) => (t ? gi / k : 0), 'max', x.dtype)];
      },
    };
  });
}
