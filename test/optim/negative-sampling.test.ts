/**
 * negativeSamplingSgd (word2vec.c's fused per-pair step) against a hand-computed pair, the
 * tape's gradient of the same loss (candidateLogits + sigmoid cross-entropy + SGD), float64
 * central differences of its own loss, and word2vec.c's sequential order across pairs.
 */
import { describe, expect, test } from 'vitest';
import {
  candidateLogits,
  gather,
  mul,
  negativeSamplingSgd,
  SGD,
  sigmoidCrossEntropyWithLogits,
  sum,
  tensor,
  Tensor,
} from '../../src/index.js';
import { lcg, matrix } from '../nn/helpers.js';

const ids = (v: number[], shape: number[]) => tensor(Int32Array.from(v), shape);
const f64 = (m: number[][]) => tensor(m, undefined, 'float64');
const copy = (t: Tensor) => tensor(t.dataSync().slice(), t.shape, t.dtype);
const sig = (z: number) => 1 / (1 + Math.exp(-z));

/** The tape's step on one batch: Σ over pairs of the loss (0 weight on negatives equal to the context), then SGD(η). */
function tapeStep(E: Tensor, W: Tensor, centers: number[], cand: number[][], lr: number): number {
  const [e, w] = [E, W].map((t) => tensor(t.dataSync().slice(), t.shape, t.dtype, { requiresGrad: true }));
  const B = cand.length,
    M = cand[0].length;
  const logits = candidateLogits({
    inputs: gather(e, ids(centers, [B])),
    weights: w,
    candidates: ids(cand.flat(), [B, M]),
  });
  const labels = f64(cand.map((r) => r.map((_, m) => (m === 0 ? 1 : 0))));
  const keep = f64(cand.map((r) => r.map((t, m) => (m > 0 && t === r[0] ? 0 : 1))));
  const l = sum(mul(sigmoidCrossEntropyWithLogits({ labels, logits }), keep));
  l.backward();
  new SGD([e, w], { lr }).step();
  E.data.set(e.dataSync());
  W.data.set(w.dataSync());
  return l.item();
}

const r = lcg(5);
const E0 = () => f64(matrix(4, 3, r, 0.8));
const W0 = () => f64(matrix(6, 3, r, 0.8));

describe('negativeSamplingSgd', () => {
  test('one pair by hand: loss −log σ(z₀) − log σ(−z₁), e = g₀·W[t₀] + g₁·W[t₁], W[t] += g·h', () => {
    const E = f64([
      [1, 0],
      [0.5, -1],
    ]);
    const W = f64([
      [0.2, 0.4],
      [-0.3, 0.1],
      [0, 0],
    ]);
    // center 1: h = [0.5, −1]; true class 0: z₀ = 0.1 − 0.4 = −0.3; negative 1: z₁ = −0.15 − 0.1 = −0.25
    const lr = 0.5;
    const loss = negativeSamplingSgd({
      inputs: E,
      weights: W,
      centers: ids([1], [1]),
      candidates: ids([0, 1], [1, 2]),
      lr,
    });
    expect(loss).toBeCloseTo(-Math.log(sig(-0.3)) - Math.log(sig(0.25)), 14);
    const g0 = lr * (1 - sig(-0.3)),
      g1 = lr * (0 - sig(-0.25));
    const w = W.toArray() as number[][],
      e = E.toArray() as number[][];
    expect(w[0][0]).toBeCloseTo(0.2 + g0 * 0.5, 14);
    expect(w[0][1]).toBeCloseTo(0.4 - g0, 14);
    expect(w[1][0]).toBeCloseTo(-0.3 + g1 * 0.5, 14);
    expect(w[1][1]).toBeCloseTo(0.1 - g1, 14);
    expect(e[1][0]).toBeCloseTo(0.5 + g0 * 0.2 + g1 * -0.3, 14);
    expect(e[1][1]).toBeCloseTo(-1 + g0 * 0.4 + g1 * 0.1, 14);
    expect(e[0]).toEqual([1, 0]); // rows not trained are untouched
    expect(w[2]).toEqual([0, 0]);
  });

  test('one pair of distinct candidates: exactly the tape’s loss and SGD step', () => {
    const [Ea, Wa] = [E0(), W0()];
    const [Eb, Wb] = [copy(Ea), copy(Wa)];
    const cand = [[2, 0, 5, 1]];
    const a = negativeSamplingSgd({
      inputs: Ea,
      weights: Wa,
      centers: ids([3], [1]),
      candidates: ids(cand[0], [1, 4]),
      lr: 0.3,
    });
    const b = tapeStep(Eb, Wb, [3], cand, 0.3);
    expect(a).toBeCloseTo(b, 13);
    Ea.dataSync().forEach((v, i) => expect(v).toBeCloseTo(Eb.dataSync()[i], 13));
    Wa.dataSync().forEach((v, i) => expect(v).toBeCloseTo(Wb.dataSync()[i], 13));
  });

  test('the update is −η times the gradient of its own loss (float64 central differences)', () => {
    const [E, W] = [E0(), W0()];
    const centers = ids([1], [1]),
      candidates = ids([4, 2, 3], [1, 3]);
    const lossAt = (e: Tensor, w: Tensor) =>
      negativeSamplingSgd({ inputs: copy(e), weights: copy(w), centers, candidates, lr: 0 });
    const [Eu, Wu] = [copy(E), copy(W)];
    const lr = 1e-3;
    negativeSamplingSgd({ inputs: Eu, weights: Wu, centers, candidates, lr });
    const h = 1e-6;
    for (const [t, u] of [
      [E, Eu],
      [W, Wu],
    ] as const) {
      for (let i = 0; i < t.size; i++) {
        const p = copy(t),
          q = copy(t);
        p.data[i] += h;
        q.data[i] -= h;
        const fd = t === E ? (lossAt(p, W) - lossAt(q, W)) / (2 * h) : (lossAt(E, p) - lossAt(E, q)) / (2 * h);
        expect((t.data[i] - u.data[i]) / lr, `element ${i}`).toBeCloseTo(fd, 7);
      }
    }
  });

  test('a negative equal to the true class is skipped (no loss, no update), as word2vec.c does', () => {
    const [Ea, Wa] = [E0(), W0()];
    const [Eb, Wb] = [copy(Ea), copy(Wa)];
    const a = negativeSamplingSgd({
      inputs: Ea,
      weights: Wa,
      centers: ids([0], [1]),
      candidates: ids([2, 2, 4], [1, 3]),
      lr: 0.2,
    });
    const b = negativeSamplingSgd({
      inputs: Eb,
      weights: Wb,
      centers: ids([0], [1]),
      candidates: ids([2, 4], [1, 2]),
      lr: 0.2,
    });
    expect(a).toBe(b);
    expect(Ea.dataSync()).toEqual(Eb.dataSync());
    expect(Wa.dataSync()).toEqual(Wb.dataSync());
  });

  test('pairs in turn: a batch is the tape’s one-pair steps applied in order (shared rows see earlier updates)', () => {
    const [Ea, Wa] = [E0(), W0()];
    const [Eb, Wb] = [copy(Ea), copy(Wa)];
    const centers = [1, 1, 2],
      cand = [
        [0, 3, 5],
        [3, 0, 2],
        [5, 1, 3],
      ];
    const a = negativeSamplingSgd({
      inputs: Ea,
      weights: Wa,
      centers: ids(centers, [3]),
      candidates: ids(cand.flat(), [3, 3]),
      lr: 0.4,
    });
    let b = 0;
    for (let k = 0; k < 3; k++) b += tapeStep(Eb, Wb, [centers[k]], [cand[k]], 0.4);
    expect(a).toBeCloseTo(b, 13);
    Ea.dataSync().forEach((v, i) => expect(v).toBeCloseTo(Eb.dataSync()[i], 13));
    Wa.dataSync().forEach((v, i) => expect(v).toBeCloseTo(Wb.dataSync()[i], 13));
  });

  test('a repeated negative within a pair sees its own first update (word2vec.c’s order)', () => {
    const E = f64([[0.6, -0.2]]),
      W = f64([
        [0.1, 0.3],
        [0.5, 0.5],
      ]);
    const lr = 0.5,
      h = [0.6, -0.2];
    negativeSamplingSgd({ inputs: E, weights: W, centers: ids([0], [1]), candidates: ids([0, 1, 1], [1, 3]), lr });
    // by hand: the second use of row 1 scores the row after the first update
    let w1 = [0.5, 0.5];
    const gA = lr * -sig(h[0] * w1[0] + h[1] * w1[1]);
    w1 = w1.map((v, d) => v + gA * h[d]);
    const gB = lr * -sig(h[0] * w1[0] + h[1] * w1[1]);
    w1 = w1.map((v, d) => v + gB * h[d]);
    expect((W.toArray() as number[][])[1][0]).toBeCloseTo(w1[0], 14);
    expect((W.toArray() as number[][])[1][1]).toBeCloseTo(w1[1], 14);
  });

  test('float32 tensors: the same step as float64 to float32 precision', () => {
    const [E, W] = [E0(), W0()];
    const [E32, W32] = [E, W].map((t) => tensor(Float32Array.from(t.dataSync()), t.shape));
    const o = { centers: ids([0, 3], [2]), candidates: ids([1, 4, 2, 5], [2, 2]), lr: 0.25 };
    const a = negativeSamplingSgd({ inputs: E, weights: W, ...o });
    const b = negativeSamplingSgd({ inputs: E32, weights: W32, ...o });
    expect(b).toBeCloseTo(a, 5);
    E32.dataSync().forEach((v, i) => expect(v).toBeCloseTo(E.dataSync()[i], 6));
    W32.dataSync().forEach((v, i) => expect(v).toBeCloseTo(W.dataSync()[i], 6));
  });
});
