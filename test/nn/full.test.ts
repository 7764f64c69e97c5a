/** The full eval path (src/nn/losses/full.ts): closed forms, and gradcheck on one matrix and on shards. */
import { describe, expect, test } from 'vitest';
import { fullSigmoidLoss, fullSoftmaxLoss, gradcheck, tensor, transpose, type Tensor } from '../../src/index.js';
import { arr, makeCase } from './helpers.js';

const losses = [
  ['fullSigmoidLoss', fullSigmoidLoss],
  ['fullSoftmaxLoss', fullSoftmaxLoss],
] as const;

describe('closed forms with W = 0 (the logits are the biases b)', () => {
  const b = [0.5, -1, 2, 0];
  const labels = [
    [2, 0],
    [1, 1],
  ];
  const common = {
    weights: tensor(
      [
        [0, 0],
        [0, 0],
        [0, 0],
        [0, 0],
      ],
      undefined,
      'float64',
    ),
    biases: tensor(b, undefined, 'float64'),
    labels: tensor(labels, undefined, 'int32'),
    inputs: tensor(
      [
        [1, 2],
        [-3, 4],
      ],
      undefined,
      'float64',
    ),
    numClasses: 4,
    numTrue: 2,
  };
  const picked = labels.map((ls) => (b[ls[0]] + b[ls[1]]) / 2);
  test('fullSigmoidLoss = Σ_c softplus(b_c) − (1/T) Σ_t b[label]', () => {
    const softplus = b.reduce((s, x) => s + Math.log1p(Math.exp(x)), 0);
    arr(fullSigmoidLoss(common)).forEach((v, i) => expect(v).toBeCloseTo(softplus - picked[i], 12));
  });
  test('fullSoftmaxLoss = log Σ_c exp(b_c) − (1/T) Σ_t b[label]', () => {
    const lse = Math.log(b.reduce((s, x) => s + Math.exp(x), 0));
    arr(fullSoftmaxLoss(common)).forEach((v, i) => expect(v).toBeCloseTo(lse - picked[i], 12));
  });
});

describe('gradcheck', () => {
  const { t } = makeCase({ B: 2, C: 6, D: 3, T: 2, sampled: [] });
  const common = { labels: t.labels, numClasses: 6, numTrue: 2 };
  const rows = (x: Tensor, from: number, to: number) =>
    tensor((x.toArray() as number[][] | number[]).slice(from, to) as number[], undefined, 'float64');
  for (const [name, loss] of losses) {
    test(`${name}: weights, biases, inputs (one matrix; inputs a transposed view)`, () => {
      const xT = tensor(transpose(t.inputs).toArray() as number[][], undefined, 'float64');
      const f = (w: Tensor, b: Tensor, x: Tensor) => loss({ ...common, weights: w, biases: b, inputs: transpose(x) });
      const r = gradcheck(f, [t.weights, t.biases, xT]);
      expect(r.ok, JSON.stringify(r.worst)).toBe(true);
    });
    for (const partitionStrategy of ['mod', 'div'] as const) {
      test(`${name}: 2 shards of 3 rows, '${partitionStrategy}'`, () => {
        const f = (w0: Tensor, w1: Tensor, b0: Tensor, b1: Tensor, x: Tensor) =>
          loss({ ...common, weights: [w0, w1], biases: [b0, b1], inputs: x, partitionStrategy });
        const shards = [rows(t.weights, 0, 3), rows(t.weights, 3, 6), rows(t.biases, 0, 3), rows(t.biases, 3, 6)];
        const r = gradcheck(f, [...shards, t.inputs]);
        expect(r.ok, JSON.stringify(r.worst)).toBe(true);
      });
    }
  }
});
