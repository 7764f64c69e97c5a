/** Builders shared by the autograd tests: float64 inputs in contiguous and strided layouts. */
import { expect } from 'vitest';
import {
  gradcheck,
  RowSparse,
  tensor,
  type Grad,
  type GradcheckOptions,
  type NestedArray,
  type Tensor,
} from '../../src/index.js';
import { sliceView, transposeView } from '../../src/tensor/views.js';

export const f64 = (v: NestedArray): Tensor => tensor(v, undefined, 'float64');

/** A non-contiguous view holding `v`: the transpose of a tensor holding vᵀ. */
export function transposedOf(v: number[][]): Tensor {
  const t = f64(v[0].map((_, j) => v.map((row) => row[j])));
  return transposeView(t);
}

/** A view holding `v` inside a larger buffer (offset 1 row + 1 column, row stride n + 2). */
export function slicedOf(v: number[][]): Tensor {
  const padded = f64([
    new Array(v[0].length + 2).fill(7),
    ...v.map((row) => [9, ...row, 9]),
    new Array(v[0].length + 2).fill(7),
  ]);
  return sliceView(padded, [1, 1], [v.length, v[0].length]);
}

/** The same values as a contiguous, a transposed and a sliced tensor. */
export function layouts(v: number[][]): [string, Tensor][] {
  const all: [string, Tensor][] = [
    ['contiguous', f64(v)],
    ['transposed', transposedOf(v)],
    ['sliced', slicedOf(v)],
  ];
  for (const [name, t] of all) {
    expect(t.toArray(), name).toEqual(v);
    if (name !== 'contiguous') expect(t.isContiguous(), name).toBe(false);
  }
  return all;
}

/** gradcheck must pass; on failure the message shows the worst element. */
export function expectGradOk(f: (...xs: Tensor[]) => Tensor, xs: Tensor[], opts?: GradcheckOptions): void {
  const r = gradcheck(f, xs, opts);
  expect(r.ok, JSON.stringify(r.worst)).toBe(true);
  expect(r.worst).not.toBeNull();
}

/** Every element within `tol` (absolute) of the expected nested values. */
export function expectClose(t: Tensor, expected: NestedArray, tol = 1e-12): void {
  const flat = (v: NestedArray): number[] => (Array.isArray(v) ? v.flatMap(flat) : [v]);
  const got = Array.from(t.dataSync());
  const want = flat(expected);
  expect(got.length).toBe(want.length);
  got.forEach((g, i) => expect(Math.abs(g - want[i]), `element ${i}: ${g} vs ${want[i]}`).toBeLessThanOrEqual(tol));
}

/** `g` as a row-sparse gradient; a test failure if it is dense or null. */
export function rowSparse(g: Grad | null): RowSparse {
  if (!(g instanceof RowSparse))
    throw new Error(`expected a row-sparse gradient, got ${g === null ? 'null' : 'a dense one'}`);
  return g;
}
