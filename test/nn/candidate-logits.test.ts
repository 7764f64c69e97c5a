/**
 * candidateLogits (per-row candidates, row-sparse weight gradient) against the same logits
 * composed from public ops, a hand-computed word2vec negative-sampling case, and gradcheck.
 */
import { describe, expect, test } from 'vitest';
import {
  candidateLogits,
  gather,
  gradcheck,
  graphOf,
  mul,
  reshape,
  RowSparse,
  sigmoidCrossEntropyWithLogits,
  sum,
  tensor,
  TapegradError,
  transpose,
  valueAndGrads,
  type Tensor,
} from '../../src/index.js';
import { arr, lcg, matrix } from './helpers.js';

/** The reference: Σ_d inputs[b, d] · weights[candidates[b, m], d] from reshape, gather, mul and sum. */
const composed = (inputs: Tensor, weights: Tensor, candidates: Tensor): Tensor => {
  const [B, D] = inputs.shape;
  return sum(mul(reshape(inputs, [B, 1, D]), gather(weights, candidates)), 2);
};
const fused = (inputs: Tensor, weights: Tensor, candidates: Tensor): Tensor =>
  candidateLogits({ inputs, weights, candidates });

const r = lcg(3);
const X = tensor(matrix(3, 4, r), undefined, 'float64');
const W = tensor(matrix(6, 4, r), undefined, 'float64');
// Row 0 repeats id 2; ids 2 and 5 are shared by rows.
const cand = tensor(Int32Array.from([1, 2, 2, 5, 0, 3, 2, 5, 4]), [3, 3], 'int32');

function logitsAndGrads(f: typeof fused, x: Tensor, w: Tensor) {
  const R = tensor(matrix(3, 3, lcg(9)), undefined, 'float64');
  const { grads } = valueAndGrads((a, b) => sum(mul(f(a, b, cand), R)), [x, w]);
  return { logits: arr(f(x, w, cand)), grads: grads.map(arr) };
}

describe('candidateLogits', () => {
  test('fused == composed (values and gradients, float64), repeated ids adding up', () => {
    const a = logitsAndGrads(fused, X, W),
      b = logitsAndGrads(composed, X, W);
    a.logits.forEach((v, i) => expect(v).toBeCloseTo(b.logits[i], 12));
    a.grads.forEach((g, k) => g.forEach((v, i) => expect(v, `grad ${k} [${i}]`).toBeCloseTo(b.grads[k][i], 12)));
  });

  test('transposed (strided) inputs and weights give the contiguous result', () => {
    const view = (m: Tensor) => transpose(tensor(transpose(m).toArray() as number[][], undefined, 'float64'));
    const a = logitsAndGrads(fused, view(X), view(W)),
      b = logitsAndGrads(fused, X, W);
    expect(a).toEqual(b);
  });

  test('gradcheck (float64 central differences)', () => {
    expect(gradcheck((x, w) => fused(x, w, cand), [X, W]).ok).toBe(true);
  });

  test("the weights' gradient is row-sparse over the B·M candidates; dtypes kept", () => {
    const w = tensor(W.dataSync(), [6, 4], 'float32', { requiresGrad: true });
    const x = tensor(X.dataSync(), [3, 4], 'float64', { requiresGrad: true });
    const z = fused(x, w, cand);
    expect(z.dtype).toBe('float64');
    sum(z).backward();
    const g = w.grad as RowSparse;
    expect(g).toBeInstanceOf(RowSparse);
    expect([...g.ids]).toEqual([...cand.dataSync()]);
    expect(g.dtype).toBe('float32');
    expect((x.grad as Tensor).dtype).toBe('float64');
  });

  test("word2vec's negative-sampling loss by hand: one pair, one negative", () => {
    // E[center] = h = [1, 2], W[context] = u = [0.5, -0.25], W[negative] = v = [0.25, 0.25].
    // s+ = ⟨h, u⟩ = 0, s− = ⟨h, v⟩ = 0.75. loss = −log σ(s+) − log σ(−s−) = ln 2 + softplus(0.75).
    // ∂/∂s+ = σ(0) − 1 = −0.5, ∂/∂s− = σ(0.75); ∂h = −0.5·u + σ(0.75)·v, ∂u = −0.5·h, ∂v = σ(0.75)·h.
    const h = tensor([[1, 2]], undefined, 'float64', { requiresGrad: true });
    const w = tensor(
      [
        [0, 0],
        [0.5, -0.25],
        [0.25, 0.25],
      ],
      undefined,
      'float64',
      { requiresGrad: true },
    );
    const logits = candidateLogits({ inputs: h, weights: w, candidates: tensor(Int32Array.from([1, 2]), [1, 2]) });
    const labels = tensor([[1, 0]], undefined, 'float64');
    const loss = sum(sigmoidCrossEntropyWithLogits({ labels, logits }));
    const s = 1 / (1 + Math.exp(-0.75));
    expect(loss.item()).toBeCloseTo(Math.log(2) + Math.log1p(Math.exp(0.75)), 12);
    loss.backward();
    expect(arr(h.grad as Tensor)).toEqual([-0.25 + 0.25 * s, 0.125 + 0.25 * s].map((v) => expect.closeTo(v, 12)));
    expect(arr((w.grad as RowSparse).toDense())).toEqual([0, 0, -0.5, -1, s, 2 * s].map((v) => expect.closeTo(v, 12)));
  });

  test("gradcheck of word2vec's whole negative-sampling loss (logits, sigmoid cross-entropy, weights)", () => {
    const labels = tensor(
      [
        [1, 0, 0],
        [1, 0, 0],
        [1, 0, 0],
      ],
      undefined,
      'float64',
    );
    const weights = tensor(
      [
        [1, 1, 0],
        [1, 0, 1],
        [1, 1, 1],
      ],
      undefined,
      'float64',
    ); // row 1's 2nd negative skipped
    const loss = (x: Tensor, w: Tensor) =>
      sum(mul(sigmoidCrossEntropyWithLogits({ labels, logits: fused(x, w, cand) }), weights));
    expect(gradcheck(loss, [X, W]).ok).toBe(true);
  });

  test('bad input is refused with a TapegradError naming the argument', () => {
    const ids = (v: number[], shape: number[]) => tensor(Int32Array.from(v), shape);
    expect(() => fused(X, W, ids([0, 1, 2], [3]))).toThrow(
      'candidateLogits: candidates must be an int32 tensor of rank 2, got int32 [3]',
    );
    expect(() => fused(X, W, ids([0, 1, 6], [3, 1]))).toThrow('candidates (element 2) must be in [0, 6), got 6');
    expect(() => fused(X, tensor(matrix(6, 3, r), undefined, 'float64'), cand)).toThrow(TapegradError);
    expect(() => fused(X, W, ids([0, 1], [2, 1]))).toThrow('candidates must be of shape [B, M] with B = 3, got [2, 1]');
  });

  test('the graph marks the weights edge row-sparse (what the backward returns), the inputs edge dense', () => {
    const W = tensor(matrix(6, 3, lcg(3)), undefined, 'float64');
    W.requiresGrad = true;
    const X = tensor(matrix(2, 3, lcg(4)), undefined, 'float64');
    X.requiresGrad = true;
    const logits = fused(X, W, tensor(Int32Array.from([0, 5, 2, 2]), [2, 2]));
    const { nodes, edges } = graphOf(logits);
    const of = (t: Tensor) => nodes.findIndex((n) => n.shape === t.shape);
    const edge = (t: Tensor) => edges.find((e) => e.from === nodes[of(t)].id)!;
    expect([edge(X).rowSparse, edge(W).rowSparse]).toEqual([false, true]);
    sum(logits).backward();
    expect([X.grad instanceof RowSparse, W.grad instanceof RowSparse]).toEqual([false, true]);
  });
});
