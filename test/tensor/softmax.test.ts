import { expect, test } from 'vitest';
import { tensor } from '../../src/index.js';
import { logSoftmaxLast, logSoftmaxLastGrad } from '../../src/tensor/softmax.js';

test('logSoftmaxLast: rows of [0, ln 2, ln 3] give ln(k/6); a shifted row gives the same', () => {
  const y = logSoftmaxLast(
    tensor(
      [
        [0, Math.LN2, Math.log(3)],
        [100, 100 + Math.LN2, 100 + Math.log(3)],
      ],
      undefined,
      'float64',
    ),
  );
  const want = [1, 2, 3].map((k) => Math.log(k / 6));
  Array.from(y.dataSync()).forEach((v, i) => expect(v).toBeCloseTo(want[i % 3], 13));
});

test('logSoftmaxLastGrad: g − softmax · Σg', () => {
  const y = tensor([[Math.log(0.25), Math.log(0.75)]], undefined, 'float64');
  const gx = logSoftmaxLastGrad(y, tensor([[2, 2]], undefined, 'float64'));
  expect(Array.from(gx.dataSync()).map((v) => +v.toFixed(12))).toEqual([1, -1]);
});
