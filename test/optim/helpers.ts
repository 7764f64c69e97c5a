import type { Optimizer } from '../../src/optim/index.js';
import { RowSparse, Tensor, tensor } from '../../src/tensor/index.js';

/** A float64 leaf parameter. */
export const param64 = (v: number[] | number[][]): Tensor => tensor(v, undefined, 'float64', { requiresGrad: true });

/** Two equal float64 parameters, filled with `v` ([rows, cols] of it). */
export const twins = (rows: number, cols: number, v: number): [Tensor, Tensor] => [
  tensor(new Float64Array(rows * cols).fill(v), [rows, cols], 'float64', { requiresGrad: true }),
  tensor(new Float64Array(rows * cols).fill(v), [rows, cols], 'float64', { requiresGrad: true }),
];

/** Two float64 parameters [[1, 2], [3, 4], [5, 6]]. */
export const twins123 = (): [Tensor, Tensor] => [param64(INIT), param64(INIT)];
const INIT = [
  [1, 2],
  [3, 4],
  [5, 6],
];

/** A row-sparse gradient over rows of a [rows, d] parameter. */
export function rows(
  ids: number[],
  values: number[][],
  denseShape: number[],
  dtype: 'float32' | 'float64' = 'float64',
): RowSparse {
  return new RowSparse(Int32Array.from(ids), tensor(values, undefined, dtype), denseShape);
}

/** Row r of a 2-D tensor as plain numbers. */
export const row = (t: Tensor, r: number): number[] =>
  Array.from(t.data.subarray(r * t.shape[1], (r + 1) * t.shape[1]));

/** One step of each optimizer: `dense` gets g as a dense gradient, `sparse` gets g itself. */
export function stepBoth(g: RowSparse, dense: [Tensor, Optimizer], sparse: [Tensor, Optimizer]): void {
  dense[0].grad = g.toDense();
  sparse[0].grad = g;
  dense[1].step();
  sparse[1].step();
}
