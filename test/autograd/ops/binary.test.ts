import { describe, expect, test } from 'vitest';
import { maximum, mul, sum, tensor, TapegradError, valueAndGrads, where } from '../../../src/index.js';
import { expectClose, expectGradOk, f64, layouts } from '../helpers.js';

const A = [
  [1, -2, 3],
  [0.5, 4, -1],
];
const B = [
  [2, -3, 0],
  [0.25, 5, 1],
]; // no ties with A

describe('maximum', () => {
  test('values with broadcasting [2, 3] vs [3] and vs a number', () => {
    expectClose(maximum(f64(A), f64([0, 0, 2])), [
      [1, 0, 3],
      [0.5, 4, 2],
    ]);
    expectClose(maximum(f64(A), 0.75), [
      [1, 0.75, 3],
      [0.75, 4, 0.75],
    ]);
  });

  test('gradient: to the larger operand; ties go to a (TensorFlow)', () => {
    const { grads } = valueAndGrads((a, b) => sum(maximum(a, b)), [f64([1, 5, 2]), f64([3, 5, 1])]);
    expectClose(grads[0], [0, 1, 1]);
    expectClose(grads[1], [1, 0, 0]);
  });

  test('broadcast gradient sums over the broadcast axis', () => {
    const { grads } = valueAndGrads((a, b) => sum(maximum(a, b)), [f64(A), f64([0, 0, 2])]);
    expectClose(grads[0], [
      [1, 0, 1],
      [1, 1, 0],
    ]);
    expectClose(grads[1], [0, 1, 1]);
  });

  test.each(layouts(A))('gradcheck, a %s', (_, a) => expectGradOk(maximum, [a, f64(B)]));
  test.each(layouts(B))('gradcheck, b %s', (_, b) => expectGradOk(maximum, [f64(A), b]));
  test('gradcheck with the op broadcasting [2, 3] against [2, 1]', () =>
    expectGradOk(maximum, [f64(A), f64([[0.7], [0.1]])]));

  test('shape mismatch names maximum and both shapes', () => {
    expect(() => maximum(f64(A), f64([1, 2]))).toThrow(
      new TapegradError('maximum', 'shapes', 'broadcast-compatible', '[2, 3] and [2]'),
    );
  });
});

describe('where', () => {
  const cond = tensor([
    [1, 0, 1],
    [0, 0, 2],
  ]);

  test('values: nonzero picks a, zero picks b; cond broadcasts', () => {
    expectClose(where(cond, f64(A), f64(B)), [
      [1, -3, 3],
      [0.25, 5, -1],
    ]);
    expectClose(where(tensor([0, 1, 0]), f64(A), -1), [
      [-1, -2, -1],
      [-1, 4, -1],
    ]);
  });

  test('gradient masks g; cond gets none', () => {
    const c = tensor(
      [
        [1, 0, 1],
        [0, 0, 2],
      ],
      undefined,
      'float64',
    );
    const { grads } = valueAndGrads(
      (cc, a, b) =>
        sum(
          mul(
            where(cc, a, b),
            f64([
              [1, 2, 3],
              [4, 5, 6],
            ]),
          ),
        ),
      [c, f64(A), f64(B)],
    );
    expectClose(grads[0], [
      [0, 0, 0],
      [0, 0, 0],
    ]);
    expectClose(grads[1], [
      [1, 0, 3],
      [0, 0, 6],
    ]);
    expectClose(grads[2], [
      [0, 2, 0],
      [4, 5, 0],
    ]);
  });

  test.each(layouts(A))('gradcheck, a %s', (_, a) => expectGradOk((x, y) => where(cond, x, y), [a, f64(B)]));
  test.each(layouts(B))('gradcheck, b %s', (_, b) => expectGradOk((x, y) => where(cond, x, y), [f64(A), b]));
  test('gradcheck with broadcast inside the op: a [3], b [2, 1]', () => {
    expectGradOk((x, y) => where(cond, x, y), [f64([1, 2, 3]), f64([[-1], [-2]])]);
  });

  test('bad input: cond not a tensor, shapes that do not broadcast', () => {
    expect(() => where([1, 0] as never, f64(A), f64(B))).toThrow(
      new TapegradError('where', 'cond', 'a tensor', 'an array [1, 0]'),
    );
    expect(() => where(tensor([1, 0]), f64(A), f64(B))).toThrow(TapegradError);
    expect(() => where(tensor([1, 0]), f64(A), f64(B))).toThrow(/^where: shapes must be broadcast-compatible/);
  });
});
