import { describe, expect, test } from 'vitest';
import { broadcastTo, logSoftmax, mul, sum, TapegradError, tensor, valueAndGrads } from '../../../src/index.js';
import { logSoftmaxLast } from '../../../src/autograd/ops/logsoftmax.js';
import { expectClose, expectGradOk, f64, layouts } from '../helpers.js';

const X = [
  [1, 2, 3],
  [0.5, -1, 4],
];
/** log-softmax of a row by its definition, in float64. */
const byDefinition = (row: number[]) => {
  const lse = Math.log(row.reduce((s, v) => s + Math.exp(v), 0));
  return row.map((v) => v - lse);
};

describe('logSoftmax', () => {
  test('values: [0, ln 2, ln 3] → ln([1, 2, 3] / 6); every row by the definition', () => {
    expectClose(
      logSoftmax(f64([0, Math.LN2, Math.log(3)])),
      [Math.log(1 / 6), Math.log(2 / 6), Math.log(3 / 6)],
      1e-15,
    );
    expectClose(logSoftmax(f64(X)), X.map(byDefinition), 1e-15);
  });

  test('axis 0 equals the transpose of axis −1 on the transpose', () => {
    const cols = X[0].map((_, j) => byDefinition(X.map((r) => r[j])));
    expectClose(
      logSoftmax(f64(X), 0),
      X.map((r, i) => r.map((_, j) => cols[j][i])),
      1e-15,
    );
  });

  test('exact and finite at ±1e4, in float32 and float64', () => {
    for (const dtype of ['float32', 'float64'] as const) {
      const x = tensor(
        [
          [1e4, -1e4, 0],
          [-1e4, -1e4, -1e4],
        ],
        undefined,
        dtype,
      );
      const y = logSoftmax(x);
      expect(Array.from(y.dataSync())).toEqual(
        [0, -2e4, -1e4, -Math.log(3), -Math.log(3), -Math.log(3)].map(dtype === 'float32' ? Math.fround : (v) => v),
      );
      const { grads } = valueAndGrads(
        (v) =>
          sum(
            mul(
              logSoftmax(v),
              tensor(
                [
                  [1, 0, 0],
                  [1, 0, 0],
                ],
                undefined,
                dtype,
              ),
            ),
          ),
        [x],
      );
      // ∂/∂x of y[r, 0] is e₀ − softmax: row 0 softmax = [1, 0, 0]; row 1 = 1/3 each.
      expectClose(
        grads[0],
        [
          [0, 0, 0],
          [2 / 3, -1 / 3, -1 / 3],
        ],
        dtype === 'float32' ? 1e-7 : 1e-15,
      );
    }
  });

  test('gradient: g − softmax · Σg', () => {
    const g = [
      [1, 0, 2],
      [0, 0, 1],
    ];
    const { grads } = valueAndGrads((x) => sum(mul(logSoftmax(x), f64(g))), [f64(X)]);
    const expected = X.map((row, r) => {
      const sm = byDefinition(row).map(Math.exp);
      const s = g[r].reduce((a, b) => a + b, 0);
      return row.map((_, j) => g[r][j] - sm[j] * s);
    });
    expectClose(grads[0], expected, 1e-15);
  });

  test.each(layouts(X))('gradcheck on a %s input, axis −1 and 0', (_, x) => {
    expectGradOk((v) => logSoftmax(v), [x]);
    expectGradOk((v) => logSoftmax(v, 0), [x]);
  });

  test('gradcheck on rank 3, middle axis, and through a broadcast inside f', () => {
    expectGradOk(
      (v) => logSoftmax(v, 1),
      [
        f64([
          [
            [1, 2],
            [3, 0.5],
          ],
          [
            [-1, 0],
            [2, 2.5],
          ],
        ]),
      ],
    );
    expectGradOk((v) => logSoftmax(broadcastTo(v, [2, 2, 3])), [f64(X)]);
  });

  test('bad input: int32, bad axis', () => {
    expect(() => logSoftmax(tensor([1, 2], undefined, 'int32'))).toThrow(
      new TapegradError('logSoftmax', 'x', 'a float32 or float64 tensor', 'int32 [2]'),
    );
    expect(() => logSoftmax(f64(X), 2)).toThrow(new TapegradError('logSoftmax', 'axis', 'an integer in [-2, 2)', '2'));
  });
});

test('logSoftmaxLast: rows of [0, ln 2, ln 3] give ln(k/6); a shifted row gives the same', () => {
  const y = logSoftmaxLast(
    f64([
      [0, Math.LN2, Math.log(3)],
      [100, 100 + Math.LN2, 100 + Math.log(3)],
    ]),
  );
  const want = [1, 2, 3].map((k) => Math.log(k / 6));
  Array.from(y.dataSync()).forEach((v, i) => expect(v).toBeCloseTo(want[i % 3], 13));
});

test('the backward is g − softmax · Σg: softmax [1/4, 3/4], g = [2, 2] gives [1, −1]', () => {
  const x = f64([[Math.log(0.25), Math.log(0.75)]]);
  x.requiresGrad = true;
  logSoftmax(x).backward(f64([[2, 2]]));
  expect(Array.from(x.grad!.toDense().dataSync()).map((v) => +v.toFixed(12))).toEqual([1, -1]);
});
