import { describe, expect, test } from 'vitest';
import { broadcastTo, max, mean, mul, sum, TapegradError, tensor, valueAndGrads } from '../../../src/index.js';
import { expectClose, expectGradOk, f64, layouts } from '../helpers.js';

const X = [
  [1, -2, 3],
  [0.5, 4, -1],
];
const X3 = [
  [
    [1, 2],
    [3, 4],
    [5, 6],
  ],
  [
    [-1, 0.5],
    [2, -3],
    [0.25, 7],
  ],
]; // [2, 3, 2]

describe('sum', () => {
  test('values over every axis choice, keepDims', () => {
    expectClose(sum(f64(X)), 5.5);
    expect(sum(f64(X)).shape).toEqual([]);
    expectClose(sum(f64(X), 0), [1.5, 2, 2]);
    expectClose(sum(f64(X), -1), [2, 3.5]);
    expect(sum(f64(X), 1, true).shape).toEqual([2, 1]);
    expectClose(sum(f64(X3), [0, 2]), [2.5, 6, 18.25]);
    expectClose(sum(f64(X3), [2, 0]), [2.5, 6, 18.25]);
    expect(sum(f64(X3), [0, 2], true).shape).toEqual([1, 3, 1]);
  });

  test('int32 sums stay int32', () => {
    const s = sum(
      tensor(
        [
          [1, 2],
          [3, 4],
        ],
        undefined,
        'int32',
      ),
      0,
    );
    expect(s.dtype).toBe('int32');
    expect(s.toArray()).toEqual([4, 6]);
  });

  test('gradient: g broadcast back', () => {
    const w = f64([10, 20]);
    const { grads } = valueAndGrads((x) => sum(mul(sum(x, 1), w)), [f64(X)]);
    expectClose(grads[0], [
      [10, 10, 10],
      [20, 20, 20],
    ]);
  });

  test.each(layouts(X))('gradcheck on a %s input, all axis choices', (_, x) => {
    for (const axis of [undefined, 0, 1, -1, [0, 1]]) {
      expectGradOk((v) => sum(v, axis), [x]);
      expectGradOk((v) => sum(v, axis, true), [x]);
    }
  });

  test('gradcheck through a broadcast inside f, middle axis of rank 3', () => {
    expectGradOk((v) => sum(broadcastTo(v, [2, 2, 3]), [0, 2]), [f64(X)]);
    expectGradOk((v) => sum(v, 1), [f64(X3)]);
  });

  test('bad axis: out of range, repeated, not an integer', () => {
    expect(() => sum(f64(X), 2)).toThrow(new TapegradError('sum', 'axis', 'an integer in [-2, 2)', '2'));
    expect(() => sum(f64(X), [0, -2])).toThrow(new TapegradError('sum', 'axis', 'a list of distinct axes', '[0, -2]'));
    expect(() => sum(f64(X), 0.5)).toThrow(new TapegradError('sum', 'axis', 'an integer in [-2, 2)', '0.5'));
    expect(() => mean(f64(X), 3)).toThrow(new TapegradError('mean', 'axis', 'an integer in [-2, 2)', '3'));
  });
});

describe('mean', () => {
  test('values', () => {
    expectClose(mean(f64(X)), 5.5 / 6, 1e-15);
    expectClose(mean(f64(X), 0), [0.75, 1, 1]);
    expectClose(mean(f64(X3), [0, 2], true), [[[2.5 / 4], [1.5], [18.25 / 4]]]);
    expect(mean(tensor([1, 2], undefined, 'int32')).dtype).toBe('float32');
  });
  test('gradient is 1/n', () => {
    const { grads } = valueAndGrads((x) => mean(x), [f64(X)]);
    expectClose(
      grads[0],
      [
        [1, 1, 1],
        [1, 1, 1],
      ].map((r) => r.map(() => 1 / 6)),
    );
  });
  test.each(layouts(X))('gradcheck on a %s input', (_, x) => {
    for (const axis of [undefined, 0, 1]) expectGradOk((v) => mean(v, axis), [x]);
  });
});

describe('max', () => {
  test('values', () => {
    expectClose(max(f64(X)), 4);
    expectClose(max(f64(X), 0), [1, 4, 3]);
    expectClose(max(f64(X), 1, true), [[3], [4]]);
    expectClose(max(f64(X3), [0, 2]), [2, 4, 7]);
    expectClose(max(f64(X3), 1), [
      [5, 6],
      [2, 7],
    ]);
  });

  test('gradient goes to the maximum; ties share it equally (TensorFlow)', () => {
    const { grads } = valueAndGrads(
      (x) => sum(mul(max(x, 1), f64([6, 3]))),
      [
        f64([
          [1, 5, 5],
          [2, 2, 2],
        ]),
      ],
    );
    expectClose(grads[0], [
      [0, 3, 3],
      [1, 1, 1],
    ]);
  });

  test.each(layouts(X))('gradcheck on a %s input (no ties)', (_, x) => {
    for (const axis of [undefined, 0, 1, [0, 1]]) expectGradOk((v) => max(v, axis), [x]);
  });

  test('gradcheck through a broadcast inside f (ties across copies: split equally)', () => {
    // max over the broadcast axis: each element is tied with its copy, so each copy gets g/2,
    // and summed back the gradient is g, as for the identity — what finite differences see.
    expectGradOk((v) => max(broadcastTo(v, [2, 2, 3]), 0), [f64(X)]);
    expectGradOk((v) => max(v, [0, 2]), [f64(X3)]);
  });

  test('bad axis', () => {
    expect(() => max(f64(X), -3)).toThrow(new TapegradError('max', 'axis', 'an integer in [-2, 2)', '-3'));
  });
});
