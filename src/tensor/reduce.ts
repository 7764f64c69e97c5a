/** Max reduction kernel (no gradients): the reduced axes are moved last, then each row is scanned. */
import { allocate, type DType } from './dtype.js';
import { sizeOf } from './shape.js';
import { Tensor } from './tensor.js';
import { transposeView } from './views.js';

/**
 * max of x over `axes` (sorted, distinct, in range); keepDims keeps them with length 1.
 * An empty reduction gives −∞; a NaN in a row gives NaN. Result dtype: x's.
 */
export function maxAxes(x: Tensor, axes: readonly number[], keepDims = false, dtype: DType = x.dtype): Tensor {
  const keptAxes = x.shape.map((_, i) => i).filter((i) => !axes.includes(i));
  const c = transposeView(x, [...keptAxes, ...axes]).contiguous();
  const inner = sizeOf(axes.map((a) => x.shape[a]));
  const rows = sizeOf(keptAxes.map((a) => x.shape[a]));
  const out = allocate(dtype, rows);
  for (let r = 0; r < rows; r++) {
    let m = -Infinity;
    const base = c.offset + r * inner;
    for (let k = 0; k < inner; k++) {
      const v = c.data[base + k];
      if (v > m || v !== v) m = v;
      if (m !== m) break;
    }
    out[r] = m;
  }
  const shape = keepDims ? x.shape.map((d, i) => (axes.includes(i) ? 1 : d)) : keptAxes.map((a) => x.shape[a]);
  return new Tensor(out, shape);
}
