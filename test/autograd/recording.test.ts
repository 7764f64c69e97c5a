/**
 * The audit of issue 10 §1: every public function or method that returns a tensor derived
 * from a differentiable input records on the tape (checked by gradcheck, on contiguous and
 * non-contiguous inputs) or refuses. Storage-only paths (toArray, dataSync, item) return no
 * tensor; `detach` cuts the tape on purpose and says so. `cast` is checked in ops/cast.test.ts.
 */
import { describe, expect, test } from 'vitest';
import {
  add,
  biasAdd,
  broadcastTo,
  cast,
  concat,
  detach,
  expandDims,
  gather,
  logSoftmax,
  matMul,
  max,
  mean,
  mul,
  noGrad,
  reshape,
  slice,
  squeeze,
  sum,
  TapegradError,
  tensor,
  transpose,
  type Tensor,
} from '../../src/index.js';
import { expectClose, expectGradOk, f64, layouts } from './helpers.js';

const W = [
  [1, 2],
  [3, 4],
];
const leaf = (v: number[][], dtype: 'float32' | 'float64' = 'float32') =>
  tensor(v, undefined, dtype, { requiresGrad: true });

describe('contiguous()', () => {
  test("the issue's case: Σ transpose(w).contiguous() ⊙ w has ∂w = 2wᵀ = [[2, 6], [4, 8]]", () => {
    const w = leaf(W);
    sum(mul(transpose(w).contiguous(), w)).backward();
    // f = Σ_ij w_ji w_ij, so ∂f/∂w_ij = 2 w_ji.
    expect(w.grad!.toDense().toArray()).toEqual([
      [2, 6],
      [4, 8],
    ]);
  });

  test('records the copy of a non-contiguous tensor; returns a contiguous one as it is', () => {
    const w = leaf(W);
    const t = transpose(w);
    const c = t.contiguous();
    expect(c.isContiguous()).toBe(true);
    expect(c.requiresGrad).toBe(true);
    expect(w.contiguous()).toBe(w);
    expect(noGrad(() => t.contiguous()).requiresGrad).toBe(false);
  });

  test('gradcheck of x.contiguous() on contiguous, transposed and sliced inputs', () => {
    for (const [name, x] of layouts(W)) {
      expect(x.isContiguous(), name).toBe(name === 'contiguous');
      expectGradOk(
        (v) =>
          mul(
            v.contiguous(),
            f64([
              [1, -2],
              [3, 0.5],
            ]),
          ),
        [x],
      );
    }
    expectGradOk((v) => mul(transpose(v).contiguous(), v), [f64(W)]);
  });
});

describe('views and copies of the movement ops', () => {
  const A = [
    [1, 2, 3],
    [4, 5, 6],
  ];
  const C = f64([
    [0.5, -1, 2],
    [3, 0.25, -4],
  ]);
  test('each records, on every layout (gradcheck)', () => {
    for (const [, x] of layouts(A)) {
      expectGradOk((v) => mul(reshape(v, [3, 2]), reshape(C, [3, 2])), [x]);
      expectGradOk((v) => mul(transpose(v), transpose(C)), [x]);
      expectGradOk((v) => slice(mul(v, C), [0, 1], [2, 2]), [x]);
      expectGradOk((v) => mul(squeeze(expandDims(v, 1), [1]), C), [x]);
      expectGradOk((v) => mul(broadcastTo(slice(v, [0, 0], [1, 3]), [2, 3]), C), [x]);
      expectGradOk((v) => concat([v, mul(v, C)], 1), [x]);
    }
  });
});

describe('what does not record, on purpose', () => {
  test('detach: same data, requires no gradient, nothing flows back', () => {
    const w = leaf(W);
    const d = detach(w);
    expect(d.data).toBe(w.data);
    expect(d.requiresGrad).toBe(false);
    sum(mul(d, w)).backward();
    expectClose(w.grad!.toDense(), W.flat() as never);
  });

  test('toArray, dataSync and item give plain values and record nothing', () => {
    const w = leaf(W);
    const t = transpose(w);
    expect(t.toArray()).toEqual([
      [1, 3],
      [2, 4],
    ]);
    expect(Array.from(t.dataSync())).toEqual([1, 3, 2, 4]);
    expect(sum(t).item()).toBe(10);
  });
});

/** The empty batch: ops and backward on size-0 tensors. */
describe('empty tensors (B = 0)', () => {
  test('sum of an empty tensor is 0 and its backward gives an empty gradient', () => {
    const x = tensor(new Float32Array(0), [0, 3], undefined, { requiresGrad: true });
    const s = sum(x);
    expect(s.item()).toBe(0);
    s.backward();
    expect(x.grad!.toDense().shape).toEqual([0, 3]);
  });

  test('through the movement ops, a cast and a copy', () => {
    const x = tensor(new Float64Array(0), [0, 2], undefined, { requiresGrad: true });
    const y: Tensor = cast(transpose(reshape(x, [2, 0])), 'float32').contiguous();
    expect(y.shape).toEqual([0, 2]);
    sum(mul(y, 2)).backward();
    expect(x.grad!.toDense().shape).toEqual([0, 2]);
  });

  test('an empty batch through matMul, gather, biasAdd, logSoftmax, max, mean and concat; backward gives empty or zero gradients', () => {
    const W = tensor(
      [
        [1, 2],
        [3, 4],
        [5, 6],
      ],
      undefined,
      'float64',
      { requiresGrad: true },
    );
    const b = tensor([0.5, -0.5], undefined, 'float64', { requiresGrad: true });
    const x = tensor(new Float64Array(0), [0, 2], undefined, { requiresGrad: true });
    const rows = gather(W, tensor(new Int32Array(0), [0]));
    const logits = biasAdd(matMul(add(x, rows), W, { transposeB: true }), tensor([1, 2, 3], undefined, 'float64'));
    expect(logits.shape).toEqual([0, 3]);
    expect(max(logits, 0).toArray()).toEqual([-Infinity, -Infinity, -Infinity]); // max over an empty axis
    // xᵀx sums over the empty batch: [2, 2] zeros, not empty.
    const gram = mul(matMul(x, x, { transposeA: true }), b);
    const loss = add(add(sum(logSoftmax(concat([logits, logits], 0))), sum(mean(logits, 1))), sum(gram));
    expect(loss.item()).toBe(0);
    loss.backward();
    expect(Array.from(b.grad!.toDense().dataSync())).toEqual([0, 0]);
    expect(x.grad!.toDense().shape).toEqual([0, 2]);
    expect(Array.from(W.grad!.toDense().dataSync())).toEqual([0, 0, 0, 0, 0, 0]);
  });
});
