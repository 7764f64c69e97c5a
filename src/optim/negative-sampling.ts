/**
 * word2vec.c's training step, fused: the negative-sampling loss of each (center, context)
 * pair, its gradient and a plain SGD update, in one pass over the pair's candidate rows
 * while they are in cache, pair after pair, in place. The same update through the tape
 * (`candidateLogits`, `sigmoidCrossEntropyWithLogits`, `SGD`) is the reference its tests
 * compare it with (test/optim/negative-sampling.test.ts); for one pair it is exactly
 * −η times that loss's gradient.
 */
import { checkNumber, checkObject, checkKeys, checkTensor, fail } from '../tensor/check.js';
import type { FloatArray } from '../tensor/dtype.js';
import { TapegradError } from '../tensor/errors.js';
import { checkIds } from '../tensor/gather.js';
import { dot } from '../tensor/row-kernels.js';
import { shapeStr } from '../tensor/shape.js';
import type { Tensor } from '../tensor/tensor.js';

/** The options of `negativeSamplingSgd`. */
export interface NegativeSamplingSgdOptions {
  /** E [V, D]: the input vectors (word2vec's syn0), updated in place. */
  inputs: Tensor;
  /** W [C, D]: the output vectors (word2vec's syn1neg), updated in place; may be `inputs` itself. */
  weights: Tensor;
  /** int32 [B]: the row of `inputs` each pair trains (the center words). */
  centers: Tensor;
  /** int32 [B, M]: per pair, column 0 the true class (label 1), columns 1..M−1 the negatives (label 0). */
  candidates: Tensor;
  /** η ≥ 0: the step size of every pair (word2vec.c's alpha). */
  lr: number;
}

const KEYS = ['inputs', 'weights', 'centers', 'candidates', 'lr'];

/**
 * For each pair b = 0..B−1 in turn, with h = E[centers[b]], t_m = candidates[b, m], labels
 * y_0 = 1 and y_m = 0 (m ≥ 1), and the pair's loss
 *
 *   L_b = −log σ(⟨h, W[t_0]⟩) − Σ_{m≥1} log σ(−⟨h, W[t_m]⟩)
 *
 * it applies, m by m (word2vec.c's order):
 *
 *   z = ⟨h, W[t_m]⟩,  g = η·(y_m − σ(z)) = −η·∂L_b/∂z
 *   e += g·W[t_m];    W[t_m] += g·h                 (e starts at 0 for each pair)
 *
 * then E[centers[b]] += e. A negative equal to the pair's true class is skipped (no loss, no
 * update), as word2vec.c does. Each pair sees the rows as the pairs before it left them
 * (sequential SGD; with distinct rows within a pair its update is exactly −η·∇L_b), so a
 * batch here is not the batch-mean gradient of the tape: for B pairs at the tape's batch-mean
 * rate η_batch, η = η_batch / B is the same step to first order.
 *
 * Returns Σ_b L_b (each term at the values its pair saw, before its update). Cost
 * O(B·M·D), whatever V and C. Arithmetic in float64, stored in the tensors' dtype. Not
 * recorded on the tape: it changes its inputs in place, as an optimizer's step does, and
 * returns a number.
 * Errors (TapegradError, before anything changes): options not an object of these keys;
 * inputs / weights not contiguous float [·, D] tensors of the same D; centers not int32 [B],
 * candidates not int32 [B, M] with M ≥ 1; an id out of range; lr not a finite number ≥ 0.
 */
export function negativeSamplingSgd(options: NegativeSamplingSgdOptions): number {
  const fn = 'negativeSamplingSgd';
  const o = checkObject(fn, 'options', options);
  checkKeys(fn, 'options', o, KEYS);
  const E = checkTensor(fn, 'inputs', o.inputs, { dtype: 'float', rank: 2 });
  const W = checkTensor(fn, 'weights', o.weights, { dtype: 'float', rank: 2 });
  for (const [arg, t] of [
    ['inputs', E],
    ['weights', W],
  ] as const)
    if (!t.isContiguous()) fail(fn, arg, 'a contiguous tensor (it is updated in place)', 'a strided view');
  const D = E.shape[1];
  if (W.shape[1] !== D)
    throw new TapegradError(fn, 'weights', `of shape [C, D] with D = ${D} (the inputs')`, shapeStr(W.shape));
  checkTensor(fn, 'centers', o.centers, { dtype: 'int32', rank: 1 });
  const B = (o.centers as Tensor).shape[0];
  checkTensor(fn, 'candidates', o.candidates, { dtype: 'int32', rank: 2 });
  const cs = (o.candidates as Tensor).shape;
  if (cs[0] !== B || cs[1] < 1)
    throw new TapegradError(fn, 'candidates', `of shape [B, M] with B = ${B} and M ≥ 1`, shapeStr(cs));
  const centers = checkIds(fn, 'centers', o.centers, E.shape[0]);
  const candidates = checkIds(fn, 'candidates', o.candidates, W.shape[0]);
  const lr = checkNumber(fn, 'lr', o.lr, { min: 0 });
  return kernelFor(E.data as FloatArray, W.data as FloatArray, D)(E.offset, W.offset, centers, candidates, cs[1], lr);
}

/** The loop of `negativeSamplingSgd` over checked arguments: (E offset, W offset, centers, candidates, M, η) → Σ L_b. */
type PairsSgd = (eo: number, wo: number, centers: Int32Array, candidates: Int32Array, M: number, lr: number) => number;

let last: { E: FloatArray; W: FloatArray; D: number; run: PairsSgd } | null = null;

/**
 * The loop for these arrays, made once and kept for the next call on the same ones (a
 * training run calls it with one E and one W). V8 compiles a closure made only once with
 * the arrays it captures as constants: the loop runs about 25 % faster than the same code
 * taking them as arguments (2.1 against 2.6 µs per pair at D = 100, measured).
 */
function kernelFor(E: FloatArray, W: FloatArray, D: number): PairsSgd {
  if (last?.E !== E || last.W !== W || last.D !== D) last = { E, W, D, run: makePairsSgd(E, W, D) };
  return last.run;
}

/** The pair loop of `negativeSamplingSgd` (its formula) over these E and W, with its one buffer e [D]. */
function makePairsSgd(E: FloatArray, W: FloatArray, D: number): PairsSgd {
  const e = new Float64Array(D);

  /** e += g·W[w..] (the row before its update), then W[w..] += g·E[h..], unrolled by 4. */
  function step(g: number, h: number, w: number): void {
    let d = 0;
    for (; d + 4 <= D; d += 4) {
      const w0 = W[w + d],
        w1 = W[w + d + 1],
        w2 = W[w + d + 2],
        w3 = W[w + d + 3];
      e[d] += g * w0;
      e[d + 1] += g * w1;
      e[d + 2] += g * w2;
      e[d + 3] += g * w3;
      W[w + d] = w0 + g * E[h + d];
      W[w + d + 1] = w1 + g * E[h + d + 1];
      W[w + d + 2] = w2 + g * E[h + d + 2];
      W[w + d + 3] = w3 + g * E[h + d + 3];
    }
    for (; d < D; d++) {
      const w0 = W[w + d];
      e[d] += g * w0;
      W[w + d] = w0 + g * E[h + d];
    }
  }

  return (eo, wo, centers, candidates, M, lr) => {
    let loss = 0;
    for (let b = 0; b < centers.length; b++) {
      const h = eo + centers[b] * D,
        t0 = candidates[b * M];
      e.fill(0);
      for (let m = 0; m < M; m++) {
        const t = candidates[b * M + m];
        if (m > 0 && t === t0) continue;
        const w = wo + t * D,
          z = dot(E, h, W, w, D);
        // With a = e^(−|z|): −log σ(z) = softplus(−z) (true class), −log σ(−z) = softplus(z)
        // (a negative), softplus(x) = max(x, 0) + log(1 + a); σ(z) = 1/(1 + a) or a/(1 + a).
        const a = Math.exp(-Math.abs(z)),
          sz = m === 0 ? -z : z;
        loss += (sz > 0 ? sz : 0) + Math.log1p(a);
        step(lr * ((m === 0 ? 1 : 0) - (z >= 0 ? 1 : a) / (1 + a)), h, w);
      }
      // E[center] += e
      for (let d = 0; d < D; d++) E[h + d] += e[d];
    }
    return loss;
  };
}
