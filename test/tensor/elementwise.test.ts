import { describe, expect, test } from 'vitest';
import { tensor } from '../../src/index.js';
import { mapTernary, sumToShape } from '../../src/tensor/elementwise.js';
import { sumAxes } from '../../src/tensor/reduce.js';
import { transposeView } from '../../src/tensor/views.js';

describe('elementwise kernels', () => {
  test('mapTernary broadcasts all three and takes the given dtype', () => {
    const out = mapTernary(
      tensor([[1], [0]]),
      tensor([10, 20]),
      tensor(-1),
      (c, a, b) => (c ? a : b),
      'where',
      'float64',
    );
    expect(out.shape).toEqual([2, 2]);
    expect(out.dtype).toBe('float64');
    expect(out.toArray()).toEqual([
      [10, 20],
      [-1, -1],
    ]);
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

  test('sumToShape undoes broadcasting', () => {
    const g = tensor(
      [
        [1, 2, 3],
        [4, 5, 6],
      ],
      undefined,
      'float64',
    );
    expect(sumToShape(g, [3], 'float64').toArray()).toEqual([5, 7, 9]);
    expect(sumToShape(g, [2, 1], 'float64').toArray()).toEqual([[6], [15]]);
    expect(sumToShape(g, [], 'float32').toArray()).toBe(21);
  });
});
