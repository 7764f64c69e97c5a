import { expect, test } from 'vitest';
import { tensor } from '../../src/index.js';
import { maxAxes } from '../../src/tensor/reduce.js';

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
