import { describe, expect, test } from 'vitest';
import {
  abs,
  broadcastTo,
  exp,
  log,
  log1p,
  relu,
  sigmoid,
  softplus,
  sqrt,
  square,
  sum,
  tanh,
  tensor,
  TapegradError,
  valueAndGrads,
  type Tensor,
} from '../../../src/index.js';
import { expectClose, expectGradOk, f64, layouts } from '../helpers.js';

type Unary = (x: Tensor) => Tensor;
/** Each op: inputs, its values there (hand-derived), its derivative there, and a domain for gradcheck. */
const cases: [string, Unary, number[], number[], number[], number[][]][] = [
  [
    'exp',
    exp,
    [0, 1, -1],
    [1, Math.E, 1 / Math.E],
    [1, Math.E, 1 / Math.E],
    [
      [0.1, -0.5, 1.2],
      [0.3, 2, -1],
    ],
  ],
  [
    'log',
    log,
    [1, Math.E, 0.5],
    [0, 1, -Math.LN2],
    [1, 1 / Math.E, 2],
    [
      [0.5, 1.5, 2],
      [3, 0.7, 1.1],
    ],
  ],
  [
    'log1p',
    log1p,
    [0, 1, 1e-10],
    [0, Math.LN2, 1e-10 - 5e-21],
    [1, 0.5, 1 / (1 + 1e-10)],
    [
      [0.5, -0.5, 2],
      [3, 0.7, -0.2],
    ],
  ],
  [
    'abs',
    abs,
    [-2, 0, 3],
    [2, 0, 3],
    [-1, 0, 1],
    [
      [0.5, -0.5, 2],
      [-3, 0.7, -0.2],
    ],
  ],
  [
    'square',
    square,
    [-3, 0, 0.5],
    [9, 0, 0.25],
    [-6, 0, 1],
    [
      [0.5, -0.5, 2],
      [-3, 0.7, -0.2],
    ],
  ],
  [
    'sqrt',
    sqrt,
    [4, 0.25, 2],
    [2, 0.5, Math.SQRT2],
    [0.25, 1, 1 / (2 * Math.SQRT2)],
    [
      [0.5, 1.5, 2],
      [3, 0.7, 1.1],
    ],
  ],
  [
    'relu',
    relu,
    [-1, 0, 2],
    [0, 0, 2],
    [0, 0, 1],
    [
      [0.5, -0.5, 2],
      [-3, 0.7, -0.2],
    ],
  ],
  [
    'sigmoid',
    sigmoid,
    [0, Math.log(3), -Math.log(3)],
    [0.5, 0.75, 0.25],
    [0.25, 0.1875, 0.1875],
    [
      [0.5, -0.5, 2],
      [-3, 0.7, -0.2],
    ],
  ],
  [
    'tanh',
    tanh,
    [0, Math.LN2, -Math.LN2],
    [0, 0.6, -0.6],
    [1, 0.64, 0.64],
    [
      [0.5, -0.5, 2],
      [-3, 0.7, -0.2],
    ],
  ],
  [
    'softplus',
    softplus,
    [0, Math.log(3), -Math.log(3)],
    [Math.LN2, Math.log(4), Math.log(4 / 3)],
    [0.5, 0.75, 0.25],
    [
      [0.5, -0.5, 2],
      [-3, 0.7, -0.2],
    ],
  ],
];

describe.each(cases)('%s', (name, op, xs, ys, dys, domain) => {
  test('values and derivative at hand-computed points (float64)', () => {
    expectClose(op(f64(xs)), ys, 1e-15);
    const { grads } = valueAndGrads((x) => sum(op(x)), [f64(xs)]);
    expectClose(grads[0], dys, 1e-15);
  });

  test('float32 in, float32 out, same values to float32 precision', () => {
    const y = op(tensor(xs));
    expect(y.dtype).toBe('float32');
    expectClose(
      y,
      ys.map((v) => Math.fround(v)),
      1e-6,
    );
  });

  test.each(layouts(domain))('gradcheck on a %s input', (_, x) => expectGradOk(op, [x]));

  test('gradcheck through a broadcast made inside f', () => {
    expectGradOk((x) => op(broadcastTo(x, [2, 2, 3])), [f64(domain)]);
  });

  test('rejects an int32 input naming the op and the argument', () => {
    expect(() => op(tensor([1, 2], undefined, 'int32'))).toThrow(
      new TapegradError(name, 'x', 'a float32 or float64 tensor', 'int32 [2]'),
    );
  });
});

describe('stability at ±1e4', () => {
  const big = tensor([1e4, -1e4, 0], undefined, 'float32');

  test('sigmoid: exactly 1, 0, 0.5; finite zero derivative', () => {
    expect(Array.from(sigmoid(big).dataSync())).toEqual([1, 0, 0.5]);
    const { grads } = valueAndGrads((x) => sum(sigmoid(x)), [big]);
    expect(Array.from(grads[0].dataSync())).toEqual([0, 0, 0.25]);
  });

  test('sigmoid keeps the small tail: σ(−50) = e⁻⁵⁰ / (1 + e⁻⁵⁰)', () => {
    const y = sigmoid(f64([-50, 50])).dataSync();
    expect(y[0] / (Math.exp(-50) / (1 + Math.exp(-50)))).toBeCloseTo(1, 14);
    expect(y[1]).toBe(1 / (1 + Math.exp(-50)));
  });

  test('softplus: 1e4, 0, ln 2; derivative 1, 0, 0.5', () => {
    expect(Array.from(softplus(big).dataSync())).toEqual([1e4, 0, Math.fround(Math.LN2)]);
    const { grads } = valueAndGrads((x) => sum(softplus(x)), [big]);
    expect(Array.from(grads[0].dataSync())).toEqual([1, 0, 0.5]);
  });
});
