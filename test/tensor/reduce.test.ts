import { expect, test } from 'vitest';
import { tensor } from '../../src/index.js';
import { maxAxes, sumAxes } from '../../src/tensor/reduce.js';
import { transposeView } from '../../src/tensor/views.js';

test('maxAxes: axes, keepDims, NaN propagates, empty reduction is −∞', () => {
  const x = tensor([
    [3, -1, 7],
    [2, 9, 0],
  ]);
  expect(maxAxes(x, [0]).toArray()).toEqual([3, 9, 7]);
  expect(maxAxes(x, [1], true).toArray()).toEqual([[7], [9]]);
  expect(maxAxes(x, [0, 1]).toArray()).toBe(9);
  expect(maxAxes(tensor([1, NaN, 3]), [0]).toArray()).toBeNaN();
  expect(maxAxes(tensor([], [2, 0]), [1]).toArray()).toEqual([-Infinity, -Infinity]);
});

test('sumAxes over leading, middle and all axes; keepDims; strided input', () => {
  const x = tensor([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], [2, 3, 2]);
  expect(sumAxes(x, [0]).toArray()).toEqual([
    [8, 10],
    [12, 14],
    [16, 18],
  ]);
  expect(sumAxes(x, [1], true).toArray()).toEqual([[[9, 12]], [[27, 30]]]);
  expect(sumAxes(x, [0, 1, 2]).toArray()).toBe(78);
  expect(sumAxes(transposeView(x), [0]).toArray()).toEqual([
    [3, 15],
    [7, 19],
    [11, 23],
  ]);
});

test('sumAxes accumulates in float64 before rounding to float32', () => {
  // 1 + 2^-24 + 2^-24 rounds to 1 step by step in float32, to 1 + 2^-23 in float64.
  const x = tensor([1, 2 ** -24, 2 ** -24], [3, 1]);
  expect(sumAxes(x, [0]).toArray()).toEqual([1 + 2 ** -23]);
});
