/**
 * Reduction kernels (no gradients): the reduced axes are moved last (a copy when x is not
 * already laid out so), then each row of the reduced elements is scanned in index order, in
 * float64: the same bits whether or not code generation is on.
 */
import { allocate, floatResult, type DType } from './dtype.js';
import { sizeOf } from './shape.js';
import { rowMajor, Tensor } from './tensor.js';
import { transposeView } from './views.js';

/** x's elements as rows of the reduced ones (`rows` × `inner`, from `offset` in `data`) and the result's shape. */
function reductionRows(x: Tensor, axes: readonly number[], keepDims: boolean) {
  const keptAxes = x.shape.map((_, i) => i).filter((i) => !axes.includes(i));
  const c = rowMajor(transposeView(x, [...keptAxes, ...axes]));
  const inner = sizeOf(axes.map((a) => x.shape[a]));
  const shape = keepDims ? x.shape.map((d, i) => (axes.includes(i) ? 1 : d)) : keptAxes.map((a) => x.shape[a]);
  return { data: c.data, offset: c.offset, inner, rows: sizeOf(shape), shape };
}

/** Σ of x over `axes` (sorted, distinct, in range); keepDims keeps them with length 1. */
export function sumAxes(
  x: Tensor,
  axes: readonly number[],
  keepDims = false,
  dtype: DType = floatResult(x.dtype),
): Tensor {
  const { data, offset, inner, rows, shape } = reductionRows(x, axes, keepDims);
  const out = allocate(dtype, rows);
  for (let r = 0; r < rows; r++) {
    let s = 0;
    const base = offset + r * inner;
    for (let k = 0; k < inner; k++) s += data[base + k];
    out[r] = s;
  }
  return new Tensor(out, shape);
}

/**
 * max of x over `axes` (sorted, distinct, in range); keepDims keeps them with length 1.
 * An empty reduction gives −∞; a NaN in a row gives NaN. Result dtype: x's.
 */
export function maxAxes(x: Tensor, axes: readonly number[], keepDims = false, dtype: DType = x.dtype): Tensor {
  const { data, offset, inner, rows, shape } = reductionRows(x, axes, keepDims);
  const out = allocate(dtype, rows);
  for (let r = 0; r < rows; r++) {
    let m = -Infinity;
    const base = offset + r * inner;
    for (let k = 0; k < inner; k++) {
      const v = data[base + k];
      if (v > m || v !== v) m = v;
      if (m !== m) break;
    }
    out[r] = m;
  }
  return new Tensor(out, shape);
}
