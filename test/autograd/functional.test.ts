import { describe, expect, test } from 'vitest';
import {
  defineOp,
  mul,
  noGrad,
  RowSparse,
  sum,
  TapegradError,
  tensor,
  valueAndGrads,
  type Tensor,
} from '../../src/index.js';
import { expectClose, f64, transposedOf } from './helpers.js';

/** Picks rows of x (ids fixed) with a row-sparse gradient, like gather. */
const pickRows = (x: Tensor, ids: number[]) =>
  defineOp('pickRows', [x], () => ({
    out: f64(ids.map((i) => (x.toArray() as number[][])[i])),
    backward: (g) => [new RowSparse(Int32Array.from(ids), g, x.shape)],
  }));

describe('valueAndGrads', () => {
  test('value and dense gradients: Σ a·b² → (b², 2ab)', () => {
    const { value, grads } = valueAndGrads((a, b) => sum(mul(a, mul(b, b))), [f64([1, 2]), f64([3, -1])]);
    expect(value.item()).toBe(11);
    expect(value.requiresGrad).toBe(false);
    expectClose(grads[0], [9, 1]);
    expectClose(grads[1], [6, -4]);
  });

  test('works on a transposed input; grads are shaped like xs', () => {
    const x = transposedOf([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    const { grads } = valueAndGrads((v) => sum(mul(v, v)), [x]);
    expect(grads[0].shape).toEqual([2, 3]);
    expectClose(grads[0], [
      [2, 4, 6],
      [8, 10, 12],
    ]);
  });

  test('zeros for unused inputs, int32 zeros for int32 inputs', () => {
    const { grads } = valueAndGrads((a) => sum(a), [f64([1, 2]), f64([[5]]), tensor([1], undefined, 'int32')]);
    expectClose(grads[1], [[0]]);
    expect(grads[1].dtype).toBe('float64');
    expect(grads[2].dtype).toBe('int32');
  });

  test('row-sparse gradients come back dense (repeated ids added)', () => {
    const { grads } = valueAndGrads(
      (x) =>
        sum(
          mul(
            pickRows(x, [2, 0, 2]),
            f64([
              [1, 1],
              [2, 2],
              [3, 3],
            ]),
          ),
        ),
      [
        f64([
          [0, 0],
          [0, 0],
          [0, 0],
        ]),
      ],
    );
    expect(grads[0]).not.toBeInstanceOf(RowSparse);
    expectClose(grads[0], [
      [2, 2],
      [0, 0],
      [4, 4],
    ]);
  });

  test('records even inside noGrad', () => {
    const { grads } = noGrad(() => valueAndGrads((a) => sum(mul(a, a)), [f64([3])]));
    expectClose(grads[0], [6]);
  });

  test('does not modify xs: no .grad, no requiresGrad, same data', () => {
    const x = f64([1, 2]);
    valueAndGrads((a) => sum(mul(a, a)), [x]);
    expect(x.grad).toBeNull();
    expect(x.requiresGrad).toBe(false);
    expect(Array.from(x.data)).toEqual([1, 2]);
  });

  test('f must return a one-element tensor', () => {
    expect(() => valueAndGrads((a) => mul(a, a), [f64([1, 2])])).toThrow(
      new TapegradError('valueAndGrads', 'the result of f', 'a Tensor of one element (a scalar loss)', 'shape [2]'),
    );
    expect(() => valueAndGrads((a) => a, [3 as never])).toThrow(
      new TapegradError('valueAndGrads', 'xs[0]', 'a tensor', '3'),
    );
  });
});
