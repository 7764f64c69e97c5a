import { describe, expect, test } from 'vitest';
import { tensor } from '../../src/index.js';
import { mapTernary, sumToShape } from '../../src/tensor/elementwise.js';

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
