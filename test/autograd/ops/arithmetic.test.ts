import { describe, expect, test } from 'vitest';
import {
  add,
  biasAdd,
  div,
  mul,
  neg,
  sub,
  sum,
  TapegradError,
  tensor,
  valueAndGrads,
  type Tensor,
} from '../../../src/index.js';
import { expectClose, expectGradOk, f64, layouts } from '../helpers.js';

const A = [
  [1, -2, 3],
  [0.5, 4, -1],
];
const B = [
  [2, -3, 0.5],
  [0.25, 5, 1],
];
const ops: [string, (a: Tensor, b: Tensor) => Tensor, number[][]][] = [
  [
    'add',
    add,
    [
      [3, -5, 3.5],
      [0.75, 9, 0],
    ],
  ],
  [
    'sub',
    sub,
    [
      [-1, 1, 2.5],
      [0.25, -1, -2],
    ],
  ],
  [
    'mul',
    mul,
    [
      [2, 6, 1.5],
      [0.125, 20, -1],
    ],
  ],
  [
    'div',
    div,
    [
      [0.5, 2 / 3, 6],
      [2, 0.8, -1],
    ],
  ],
];

describe.each(ops)('%s', (name, op, expected) => {
  test('values', () => expectClose(op(f64(A), f64(B)), expected, 1e-15));
  test.each(layouts(A))('gradcheck, a %s', (_, a) => expectGradOk(op, [a, f64(B)]));
  test.each(layouts(B))('gradcheck, b %s', (_, b) => expectGradOk(op, [f64(A), b]));
  test('gradcheck with the op broadcasting [2, 3] against [3] and [2, 1]', () => {
    expectGradOk(op, [f64(A), f64([2, -3, 0.5])]);
    expectGradOk(op, [f64([[0.7], [1.5]]), f64(B)]);
  });
  test('shape mismatch names the op', () => {
    expect(() => op(f64(A), f64([1, 2]))).toThrow(
      new TapegradError(name, 'shapes', 'broadcast-compatible', '[2, 3] and [2]'),
    );
  });
});

describe('hand gradients', () => {
  test('div: ∂a = 1/b, ∂b = −a/b²', () => {
    const { grads } = valueAndGrads((a, b) => sum(div(a, b)), [f64([3, 1]), f64([2, 4])]);
    expectClose(grads[0], [0.5, 0.25]);
    expectClose(grads[1], [-0.75, -1 / 16]);
  });
  test('neg: values and gradcheck', () => {
    expectClose(neg(f64(A)), [
      [-1, 2, -3],
      [-0.5, -4, 1],
    ]);
    for (const [, x] of layouts(A)) expectGradOk(neg, [x]);
  });
  test('float32 + float64 gives float64; numbers become scalars', () => {
    expect(add(tensor([1]), f64([1])).dtype).toBe('float64');
    expectClose(mul(2, f64([1, 2])), [2, 4]);
  });
});

const BX = [
  [1, 2, 3],
  [4, 5, 6],
];
describe('biasAdd', () => {
  test('values and gradient of the bias: Σ over rows', () => {
    expect(biasAdd(f64(BX), f64([10, 20, 30])).toArray()).toEqual([
      [11, 22, 33],
      [14, 25, 36],
    ]);
    const { grads } = valueAndGrads((x, b) => sum(mul(biasAdd(x, b), f64(BX))), [f64(BX), f64([0, 0, 0])]);
    expectClose(grads[1], [5, 7, 9]);
  });
  test.each(layouts(BX))('gradcheck on a %s input', (_, x) => expectGradOk(biasAdd, [x, f64([0.1, -0.2, 0.3])]));
  test('rank-3 input', () => expectGradOk(biasAdd, [f64([[[1, 2]], [[3, 4]]]), f64([0.5, -0.5])]));
  test('bias of the wrong length', () => {
    expect(() => biasAdd(f64(BX), f64([1, 2]))).toThrow(
      new TapegradError('biasAdd', 'bias', "of shape [x's last dimension] = [3]", 'float64 [2]'),
    );
  });
});
