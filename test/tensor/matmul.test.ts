import { describe, expect, test } from 'vitest';
import { randomNormal, tensor } from '../../src/tensor/create.js';
import { matmul } from '../../src/tensor/matmul.js';
import type { Tensor } from '../../src/tensor/tensor.js';
import { sliceView, transposeView } from '../../src/tensor/views.js';
import { flags, label } from './matmul-cases.js';

/** Element (i, j) of a rank-2 view, read through its strides (independent of the kernel's packing). */
const at = (x: Tensor, i: number, j: number) => x.data[x.offset + i * x.strides[0] + j * x.strides[1]];

/** op(a) · op(b) by the float64 triple loop, and Σ|a||b| per element (the rounding scale). */
function reference(a: Tensor, b: Tensor, ta: boolean, tb: boolean) {
  const A = (i: number, h: number) => (ta ? at(a, h, i) : at(a, i, h));
  const B = (h: number, j: number) => (tb ? at(b, j, h) : at(b, h, j));
  const [I, H] = ta ? [a.shape[1], a.shape[0]] : a.shape;
  const J = tb ? b.shape[0] : b.shape[1];
  const value = new Float64Array(I * J),
    scale = new Float64Array(I * J);
  for (let i = 0; i < I; i++) {
    for (let j = 0; j < J; j++) {
      let s = 0,
        m = 0;
      for (let h = 0; h < H; h++) {
        s += A(i, h) * B(h, j);
        m += Math.abs(A(i, h) * B(h, j));
      }
      value[i * J + j] = s;
      scale[i * J + j] = m;
    }
  }
  return { value, scale, shape: [I, J] };
}

/** Asserts the kernel's result equals the reference to within float rounding of the result dtype. */
function expectMatches(a: Tensor, b: Tensor, ta: boolean, tb: boolean) {
  const c = matmul(a, b, ta, tb);
  const ref = reference(a, b, ta, tb);
  expect(c.shape).toEqual(ref.shape);
  // Accumulated in doubles: float64 results within H ulps of Σ|a||b|; float32 rounded once.
  const rel = c.dtype === 'float64' ? 1e-13 : 2 ** -23;
  let worst = 0;
  for (let i = 0; i < ref.value.length; i++) {
    worst = Math.max(worst, Math.abs(c.data[i] - ref.value[i]) / (ref.scale[i] + 1e-300));
  }
  expect(worst).toBeLessThanOrEqual(rel);
  return c;
}

/** Random operands for out [I, J] = op(a) · op(b) with inner dimension H. */
function operands(I: number, H: number, J: number, ta: boolean, tb: boolean, dtype: 'float32' | 'float64', seed = 1) {
  const a = randomNormal(ta ? [H, I] : [I, H], 0, 1, dtype, seed);
  const b = randomNormal(tb ? [J, H] : [H, J], 0, 1, dtype, seed + 100);
  return { a, b };
}

describe('matmul kernel', () => {
  test('2×2 by hand: [[1,2],[3,4]]·[[5,6],[7,8]] = [[19,22],[43,50]], in all four forms', () => {
    const a = tensor([
        [1, 2],
        [3, 4],
      ]),
      b = tensor([
        [5, 6],
        [7, 8],
      ]);
    const aT = tensor([
        [1, 3],
        [2, 4],
      ]),
      bT = tensor([
        [5, 7],
        [6, 8],
      ]);
    expect(matmul(a, b).toArray()).toEqual([
      [19, 22],
      [43, 50],
    ]);
    expect(matmul(a, bT, false, true).toArray()).toEqual([
      [19, 22],
      [43, 50],
    ]);
    expect(matmul(aT, b, true, false).toArray()).toEqual([
      [19, 22],
      [43, 50],
    ]);
    expect(matmul(aT, bT, true, true).toArray()).toEqual([
      [19, 22],
      [43, 50],
    ]);
    expect(matmul(a, b).dtype).toBe('float32');
  });

  // Odd sizes hit the 4×4 tiles and every leftover path; 70 > JB crosses a column block.
  const sizes: [number, number, number][] = [
    [1, 1, 1],
    [3, 5, 7],
    [17, 33, 9],
    [64, 64, 64],
    [6, 300, 70],
  ];
  for (const dtype of ['float32', 'float64'] as const) {
    for (const [I, H, J] of sizes) {
      for (const f of flags) {
        test(`${dtype} ${I}×${H}×${J} ${label(f)} equals the float64 triple loop`, () => {
          const { a, b } = operands(I, H, J, f[0], f[1], dtype, I + H + J);
          expect(expectMatches(a, b, f[0], f[1]).dtype).toBe(dtype);
        });
      }
    }
  }

  test('transposed views as operands are read through their strides', () => {
    // Every operand is the transposed (non-contiguous) view of a contiguous matrix.
    const I = 13,
      H = 9,
      J = 11;
    const view = (rows: number, cols: number, seed: number) =>
      transposeView(randomNormal([cols, rows], 0, 1, 'float64', seed));
    for (const [ta, tb] of flags) {
      const a = ta ? view(H, I, 3) : view(I, H, 3),
        b = tb ? view(J, H, 4) : view(H, J, 4);
      expect(a.isContiguous() || b.isContiguous()).toBe(false);
      expectMatches(a, b, ta, tb);
    }
  });

  test('sliced views (row stride > row length, non-zero offset) in all four forms', () => {
    const big = randomNormal([20, 30], 0, 1, 'float32', 5),
      big64 = randomNormal([20, 30], 0, 1, 'float64', 6);
    const a = sliceView(big, [2, 3], [7, 10]); // [7, 10], strides [30, 1], offset 63
    const b = sliceView(big64, [1, 5], [10, 6]); // [10, 6]
    for (const [ta, tb] of flags) {
      const A = ta ? transposeView(a) : a,
        B = tb ? transposeView(b) : b;
      expect(expectMatches(A, B, ta, tb).dtype).toBe('float64');
    }
    // A contiguous row range of a float64 matrix (offset, no copy when packing).
    const rows = sliceView(big64, [4, 0], [5, 30]);
    expect(rows.isContiguous()).toBe(true);
    expectMatches(rows, transposeView(sliceView(big64, [0, 0], [3, 30])), false, false);
  });

  test('mixed dtypes give float64; an explicit dtype rounds the result to it', () => {
    const { a } = operands(5, 6, 7, false, false, 'float32', 7);
    const { b } = operands(5, 6, 7, false, false, 'float64', 8);
    const c = expectMatches(a, b, false, false);
    expect(c.dtype).toBe('float64');
    const c32 = matmul(a, b, false, false, 'float32');
    expect(c32.dtype).toBe('float32');
    expect(Array.from(c32.data)).toEqual(Array.from(Float32Array.from(c.data)));
  });

  test('zero sizes: H = 0 gives zeros, I = 0 or J = 0 an empty result', () => {
    const h0 = matmul(tensor(new Float32Array(0), [3, 0]), tensor(new Float32Array(0), [0, 2]));
    expect(h0.toArray()).toEqual([
      [0, 0],
      [0, 0],
      [0, 0],
    ]);
    expect(matmul(tensor(new Float32Array(0), [0, 4]), randomNormal([4, 5])).shape).toEqual([0, 5]);
    expect(matmul(randomNormal([3, 4]), tensor(new Float32Array(0), [0, 4]), false, true).shape).toEqual([3, 0]);
  });
});
