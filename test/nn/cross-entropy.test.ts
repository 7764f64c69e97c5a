import { describe, expect, test } from 'vitest';
import {
  gradcheck,
  logSoftmax,
  mul,
  sigmoidCrossEntropyWithLogits,
  softmaxCrossEntropyWithLogits,
  softplus,
  sparseSoftmaxCrossEntropyWithLogits,
  sub,
  sum,
  tensor,
  TapegradError,
  transpose,
  valueAndGrads,
  type Tensor,
} from '../../src/index.js';
import { arr } from './helpers.js';
import { sigmoidCE, softmaxCE } from './reference.js';

const f64 = (v: number[] | number[][] | number[][][]) => tensor(v, undefined, 'float64');

describe('sigmoidCrossEntropyWithLogits', () => {
  const x = [
      [-3, -0.5, 0.25],
      [2, 7, -11],
    ],
    z = [
      [0, 1, 0.3],
      [1, 0.5, 0],
    ];
  test('values: max(x,0) − x·z + log1p(exp(−|x|))', () => {
    const got = arr(sigmoidCrossEntropyWithLogits({ labels: f64(z), logits: f64(x) }));
    x.flat().forEach((xi, i) => expect(got[i]).toBeCloseTo(sigmoidCE(xi, z.flat()[i]), 14));
    expect(arr(sigmoidCrossEntropyWithLogits({ labels: f64([[0]]), logits: f64([[0]]) }))[0]).toBeCloseTo(Math.LN2, 14);
  });
  test('matches the composed reference softplus(x) − x·z, values and gradients', () => {
    const X = f64(x),
      Z = f64(z);
    const fused = sigmoidCrossEntropyWithLogits({ labels: Z, logits: X });
    arr(sub(softplus(X), mul(X, Z))).forEach((v, i) => expect(arr(fused)[i]).toBeCloseTo(v, 12));
  });
  test('gradients: sigmoid(x) − z (0.5 − z at 0) and −x; gradcheck', () => {
    const X = tensor([[0, 1.5]], undefined, 'float64', { requiresGrad: true });
    const Z = tensor([[0.2, 1]], undefined, 'float64', { requiresGrad: true });
    sum(sigmoidCrossEntropyWithLogits({ labels: Z, logits: X })).backward();
    expect(arr(X.grad)[0]).toBeCloseTo(0.5 - 0.2, 14);
    expect(arr(X.grad)[1]).toBeCloseTo(1 / (1 + Math.exp(-1.5)) - 1, 14);
    expect(arr(Z.grad)).toEqual([-0, -1.5]);
    const r = gradcheck((l, g) => sigmoidCrossEntropyWithLogits({ labels: l, logits: g }), [f64(z), f64(x)]);
    expect(r.ok).toBe(true);
  });
  test('finite at ±1e4', () => {
    const l = sigmoidCrossEntropyWithLogits({ labels: tensor([1, 0, 1, 0]), logits: tensor([1e4, 1e4, -1e4, -1e4]) });
    expect(arr(l)).toEqual([0, 1e4, 1e4, 0]);
  });
  test('errors', () => {
    expect(() => sigmoidCrossEntropyWithLogits({ labels: tensor([1, 0]), logits: tensor([1, 0, 2]) })).toThrow(
      /labels must be a float tensor of the logits' shape \[3\], got float32 \[2\]/,
    );
  });
});

describe('softmaxCrossEntropyWithLogits', () => {
  const x = [
    [1, 2, 3, 4],
    [-1, 0.5, 0, 9],
  ];
  const z = [
    [0, 0, 1, 0],
    [0.2, 0.3, 0.1, 0.1],
  ]; // the second row sums to 0.7
  test('values: Σ_j z_j (log Σ exp(x) − x_j)', () => {
    const got = arr(softmaxCrossEntropyWithLogits({ labels: f64(z), logits: f64(x) }));
    x.forEach((row, b) => expect(got[b]).toBeCloseTo(softmaxCE(row, z[b]), 12));
  });
  test('gradient Σz·softmax − z, also when z does not sum to 1; ∂/∂z = −logSoftmax', () => {
    const X = tensor(x, undefined, 'float64', { requiresGrad: true });
    const Z = tensor(z, undefined, 'float64', { requiresGrad: true });
    sum(softmaxCrossEntropyWithLogits({ labels: Z, logits: X })).backward();
    const gx = arr(X.grad),
      gz = arr(Z.grad);
    x.forEach((row, b) => {
      const m = Math.max(...row),
        se = row.reduce((s, v) => s + Math.exp(v - m), 0);
      const zs = z[b].reduce((s, v) => s + v, 0);
      row.forEach((v, j) => {
        expect(gx[b * 4 + j]).toBeCloseTo((zs * Math.exp(v - m)) / se - z[b][j], 12);
        expect(gz[b * 4 + j]).toBeCloseTo(-(v - m - Math.log(se)), 12);
      });
    });
    expect(gradcheck((l, g) => softmaxCrossEntropyWithLogits({ labels: l, logits: g }), [f64(z), f64(x)]).ok).toBe(
      true,
    );
  });
  test('the fused last-axis op == the composed op over axis 0 of the transposes (values, gradients)', () => {
    const f = (l: Tensor, g: Tensor) =>
      sum(mul(softmaxCrossEntropyWithLogits({ labels: l, logits: g }), f64([0.3, -2])));
    const fT = (l: Tensor, g: Tensor) =>
      sum(mul(softmaxCrossEntropyWithLogits({ labels: transpose(l), logits: transpose(g), axis: 0 }), f64([0.3, -2])));
    const a = valueAndGrads(f, [f64(z), f64(x)]),
      b = valueAndGrads(fT, [f64(z), f64(x)]);
    expect(a.value.item()).toBeCloseTo(b.value.item(), 13);
    a.grads.forEach((g, k) => arr(g).forEach((v, i) => expect(v).toBeCloseTo(arr(b.grads[k])[i], 13)));
    // rank 3 over the last axis, logits a strided view
    const x3 = f64([
        [
          [1, 2],
          [0, -1],
        ],
        [
          [3, 0.5],
          [2, 2],
        ],
      ]),
      z3 = f64([
        [
          [0, 1],
          [0.5, 0.5],
        ],
        [
          [1, 0],
          [0.2, 0.3],
        ],
      ]);
    expect(
      gradcheck((l, g) => softmaxCrossEntropyWithLogits({ labels: l, logits: transpose(g, [0, 2, 1]) }), [z3, x3]).ok,
    ).toBe(true);
  });
  test('finite at ±1e4', () => {
    const l = softmaxCrossEntropyWithLogits({ labels: tensor([[0, 1]]), logits: tensor([[1e4, -1e4]]) });
    expect(arr(l)).toEqual([2e4]);
  });
});

describe('sparseSoftmaxCrossEntropyWithLogits', () => {
  test('equals −logSoftmax at the label, and softmax CE against one-hot', () => {
    const x = f64([
      [1, 2, 3],
      [3, -2, 0.5],
    ]);
    const got = arr(sparseSoftmaxCrossEntropyWithLogits({ labels: tensor([2, 0], undefined, 'int32'), logits: x }));
    const ls = logSoftmax(x).toArray() as number[][];
    expect(got[0]).toBeCloseTo(-ls[0][2], 14);
    expect(got[1]).toBeCloseTo(-ls[1][0], 14);
    const dense = arr(
      softmaxCrossEntropyWithLogits({
        labels: f64([
          [0, 0, 1],
          [1, 0, 0],
        ]),
        logits: x,
      }),
    );
    got.forEach((v, i) => expect(v).toBeCloseTo(dense[i], 14));
    const r = gradcheck(
      (g) => sparseSoftmaxCrossEntropyWithLogits({ labels: tensor([2, 0], undefined, 'int32'), logits: g }),
      [x],
    );
    expect(r.ok).toBe(true);
  });
  test('errors name the labels', () => {
    const x = tensor([[1, 2, 3]]);
    expect(() => sparseSoftmaxCrossEntropyWithLogits({ labels: tensor([3], undefined, 'int32'), logits: x })).toThrow(
      /labels \(element 0\) must be in \[0, 3\), got 3/,
    );
    expect(() =>
      sparseSoftmaxCrossEntropyWithLogits({ labels: tensor([1, 1], undefined, 'int32'), logits: x }),
    ).toThrow(TapegradError);
  });
});
