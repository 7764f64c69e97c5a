/**
 * The logits both sampled losses share (SPEC-sampled-losses.md §1): one embedding lookup of
 * the rows and biases of the true and sampled classes (whose gather makes the row-sparse
 * gradients), then one fused op for the logits, the sampled ones as one matMul.
 * The same logits composed from the primitive ops (embeddingLookup, mul, sum, matMul, add,
 * sub, concat) are the reference the tests compare this op with, values and gradients
 * (test/nn/sampled-logits.test.ts).
 */
import { defineOp } from '../../autograd/tape.js';
import { fill } from '../../tensor/create.js';
import { allocate, floatResult, type DType, type FloatArray } from '../../tensor/dtype.js';
import { TapegradError } from '../../tensor/errors.js';
import { checkIds } from '../../tensor/gather.js';
import { matmul } from '../../tensor/matmul.js';
import { defaultRng, type Seed } from '../../tensor/random.js';
import { Tensor } from '../../tensor/tensor.js';
import { checkLayout, embeddingLookup } from '../embedding.js';
import { computeAccidentalHits, logUniformCandidateSampler } from '../samplers/index.js';
import { checkClassParams, checkCount, checkCounts, type ClassParams } from './validate.js';

/** A candidate sampler's result, passed in to fix the samples (e.g. for gradcheck). */
export interface SampledValues {
  /** int32 [S]: the sampled class ids. */
  sampledCandidates: Tensor;
  /** [B, T]: expected count of each true class under the sampler. */
  trueExpectedCount: Tensor;
  /** [S]: expected count of each sampled class. */
  sampledExpectedCount: Tensor;
}

/** The options of `nceLoss`, `sampledSoftmaxLoss` and `computeSampledLogits`. */
export interface SampledLossOptions extends ClassParams {
  /** S, the classes sampled per batch (shared by all rows). */
  numSampled: number;
  /** Fixed samples; absent: the log-uniform sampler draws S unique ids from [0, C). */
  sampledValues?: SampledValues;
  /** Mask sampled logits equal to a label of their row with −FLT_MAX. */
  removeAccidentalHits?: boolean;
  /** Seed of the default sampler (absent: the library's default stream). */
  seed?: Seed;
}

/**
 * The sampled logits and their targets, shape [B, T+S], true columns first:
 *
 *   logits[b, t]   = ⟨inputs[b], w[labels[b,t]]⟩ + bias[labels[b,t]] − log trueExpectedCount[b,t]
 *   logits[b, T+j] = ⟨inputs[b], w[s_j]⟩ + bias[s_j] (− FLT_MAX if s_j ∈ labels[b] and
 *                    removeAccidentalHits) − log sampledExpectedCount[j]
 *   labels[b, :]   = 1/T in the T true columns, 0 in the S sampled ones.
 *
 * Defaults: numTrue 1, removeAccidentalHits false, partitionStrategy 'div' (TensorFlow 2's
 * only layout and the full losses' one; pass 'mod' for TensorFlow 1's default), subtractLogQ true. Samples come from `sampledValues` or the log-uniform sampler (unique,
 * rangeMax = numClasses, `seed`); no gradient flows into them. Cost O(B·(T+S)·D); the
 * gradients to weights and biases are row-sparse over labels ∪ sampled.
 * **Deviation** from TensorFlow: every sampled position equal to a label is masked, not
 * only the last of several equal sampled ids.
 * Errors (TapegradError, raised before anything is drawn): see `checkClassParams`, plus
 * numSampled < 1, sampledValues of the wrong shapes, ids outside [0, C), NaN counts, or
 * shards not laid out for the partition strategy.
 */
export function computeSampledLogits(
  o: SampledLossOptions & { subtractLogQ?: boolean },
  fn = 'computeSampledLogits',
): { logits: Tensor; labels: Tensor } {
  const { weights, biases, B, T, C } = checkClassParams(fn, o);
  const S = checkCount(fn, 'numSampled', o.numSampled);
  const sv = o.sampledValues;
  if (sv) {
    const cand = sv.sampledCandidates;
    if (!(cand instanceof Tensor) || cand.dtype !== 'int32' || cand.rank !== 1 || cand.shape[0] !== S) {
      throw new TapegradError(
        fn,
        'sampledValues.sampledCandidates',
        `int32 of shape [numSampled] = [${S}]`,
        cand instanceof Tensor ? `${cand.dtype} [${cand.shape.join(', ')}]` : String(cand),
      );
    }
    checkIds(fn, 'sampledValues.sampledCandidates', cand, C);
    checkCounts(fn, 'sampledValues.trueExpectedCount', sv.trueExpectedCount, [B, T]);
    checkCounts(fn, 'sampledValues.sampledExpectedCount', sv.sampledExpectedCount, [S]);
  }
  const strategy = o.partitionStrategy ?? 'div';
  checkLayout(fn, 'weights', weights, strategy);
  checkLayout(fn, 'biases', biases, strategy);
  const dtype = floatResult(o.inputs.dtype, weights[0].dtype, biases[0].dtype);
  if (B === 0) return { logits: fill([0, T + S], 0, dtype), labels: fill([0, T + S], 0, dtype) };
  const { sampledCandidates, trueExpectedCount, sampledExpectedCount } =
    sv ??
    logUniformCandidateSampler({
      trueClasses: o.labels,
      numTrue: T,
      numSampled: S,
      unique: true,
      rangeMax: C,
      seed: o.seed ?? defaultRng,
    });

  // The B·T true ids then the S sampled ids; the constant part of each logit.
  const ids = new Int32Array(B * T + S);
  ids.set(o.labels.dataSync());
  ids.set(sampledCandidates.dataSync(), B * T);
  const subtractLogQ = o.subtractLogQ ?? true;
  const logQ = new Float64Array(B * T + S);
  if (subtractLogQ) {
    logQ.set(trueExpectedCount.dataSync());
    logQ.set(sampledExpectedCount.dataSync(), B * T);
    for (let i = 0; i < logQ.length; i++) logQ[i] = Math.log(logQ[i]);
  }
  let mask: Float64Array | null = null;
  if (o.removeAccidentalHits) {
    mask = new Float64Array(B * S);
    const hits = computeAccidentalHits(o.labels, sampledCandidates, T);
    const rows = hits.indices.dataSync(),
      cols = hits.ids.dataSync(),
      w = hits.weights.dataSync();
    for (let k = 0; k < rows.length; k++) mask[rows[k] * S + cols[k]] = w[k];
  }
  // One lookup of the rows and biases of all ids: their row-sparse gradients come from gather.
  const idsT = new Tensor(ids, [ids.length]),
    lookup = { partitionStrategy: strategy };
  const logits = sampledLogits(
    o.inputs,
    embeddingLookup(weights, idsT, lookup),
    embeddingLookup(biases, idsT, lookup),
    { B, T, S, logQ, mask, dtype },
  );
  const targets = allocate(dtype, B * (T + S));
  for (let b = 0; b < B; b++) targets.fill(1 / T, b * (T + S), b * (T + S) + T);
  return { logits, labels: new Tensor(targets, [B, T + S]) };
}

/** What the op needs besides its differentiable inputs. */
interface Plan {
  B: number;
  T: number;
  S: number;
  /** [B·T + S]: log Q of each row's column (0 when not subtracted). */
  logQ: Float64Array;
  /** [B, S]: the hit mask added to the sampled logits (−FLT_MAX or 0); null: no hits removed. */
  mask: Float64Array | null;
  dtype: DType;
}

/** z[b, t] = ⟨X[b], rows[b·T + t]⟩ + c[b·T + t] for t < T: the true logits (z has row stride K). */
function trueLogits(
  B: number,
  T: number,
  D: number,
  K: number,
  X: Float64Array,
  rows: FloatArray,
  c: Float64Array,
  z: FloatArray,
): void {
  for (let b = 0; b < B; b++) {
    for (let t = 0; t < T; t++) {
      const i = b * T + t;
      let s = c[i];
      for (let e = 0; e < D; e++) s += X[b * D + e] * rows[i * D + e];
      z[b * K + t] = s;
    }
  }
}

/** dst[b·T + t, :] = g[b, t] · X[b, :] for t < T: the true rows of ∂w (g has row stride K). */
function trueRowGrads(
  B: number,
  T: number,
  D: number,
  K: number,
  g: FloatArray,
  gOff: number,
  X: Float64Array,
  dst: FloatArray,
): void {
  for (let b = 0; b < B; b++) {
    for (let t = 0; t < T; t++) {
      const c = g[gOff + b * K + t],
        d0 = (b * T + t) * D;
      for (let e = 0; e < D; e++) dst[d0 + e] = c * X[b * D + e];
    }
  }
}

/** dst[b, :] = base[b, :] + Σ_t g[b, t] · rows[b·T + t, :]: ∂inputs from the sampled part (base) and the true columns. */
function inputGrads(
  B: number,
  T: number,
  D: number,
  K: number,
  g: FloatArray,
  gOff: number,
  rows: FloatArray,
  base: Float64Array,
  dst: FloatArray,
): void {
  for (let b = 0; b < B; b++) {
    for (let t = 0; t < T - 1; t++) {
      const c = g[gOff + b * K + t],
        r0 = (b * T + t) * D;
      for (let e = 0; e < D; e++) base[b * D + e] += c * rows[r0 + e];
    }
    const c = g[gOff + b * K + T - 1],
      r0 = (b * T + T - 1) * D;
    for (let e = 0; e < D; e++) dst[b * D + e] = base[b * D + e] + c * rows[r0 + e];
  }
}

/** z[b, T + j] = zs[b, j] + c[j] + mask[b, j] (mask may be absent): the sampled logits. */
function sampledColumns(
  B: number,
  T: number,
  S: number,
  K: number,
  zs: Float64Array,
  c: Float64Array,
  cOff: number,
  mask: Float64Array | null,
  z: FloatArray,
): void {
  for (let b = 0; b < B; b++) {
    for (let j = 0; j < S; j++) z[b * K + T + j] = zs[b * S + j] + c[cOff + j] + (mask === null ? 0 : mask[b * S + j]);
  }
}

/** dst[b·T + t] = g[b, t]; dst[B·T + j] = Σ_b G_s[b, j]: the entries of ∂bias (g has row stride K). */
function biasGrads(
  B: number,
  T: number,
  S: number,
  K: number,
  g: FloatArray,
  gOff: number,
  Gs: Float64Array,
  dst: FloatArray,
): void {
  for (let b = 0; b < B; b++) for (let t = 0; t < T; t++) dst[b * T + t] = g[gOff + b * K + t];
  for (let j = 0; j < S; j++) {
    let s = 0;
    for (let b = 0; b < B; b++) s += Gs[b * S + j];
    dst[B * T + j] = s;
  }
}

/** G[b, j] = g[b, T + j]: the sampled columns of the upstream gradient, as float64 [B, S]. */
function sampledGrad(B: number, T: number, S: number, K: number, g: FloatArray, gOff: number): Float64Array {
  const G = new Float64Array(B * S);
  for (let b = 0; b < B; b++) for (let j = 0; j < S; j++) G[b * S + j] = g[gOff + b * K + T + j];
  return G;
}

/**
 * The fused op, over the looked-up rows r = wRows [n, D] and biases β = bRows [n] of the
 * n = B·T + S ids (true rows first, then the sampled rows R_s [S, D]), X = inputs [B, D],
 * and G = ∂L/∂logits [B, T+S] split into its true columns G_t [B, T] and sampled ones G_s:
 *
 *   forward   logits[b, t]   = ⟨X[b], r_{bT+t}⟩ + β_{bT+t} − logQ_{bT+t}
 *             logits[b, T+j] = (X · R_sᵀ)[b, j] + β_{BT+j} + mask[b, j] − logQ_{BT+j}
 *   backward  ∂X[b]          = Σ_t G_t[b, t] · r_{bT+t} + (G_s · R_s)[b]
 *             ∂r_{bT+t}      = G_t[b, t] · X[b];   ∂R_s = G_sᵀ · X
 *             ∂β_{bT+t}      = G_t[b, t];          ∂β_{BT+j} = Σ_b G_s[b, j]
 *
 * ∂r and ∂β are dense over the n looked-up rows; the lookup's gather turns them into the
 * row-sparse gradients of the weights and biases. Products and sums run in float64; each
 * result is rounded once to its dtype.
 */
function sampledLogits(inputs: Tensor, wRows: Tensor, bRows: Tensor, plan: Plan): Tensor {
  const { B, T, S, logQ, mask, dtype } = plan;
  const D = inputs.shape[1],
    K = T + S,
    n = B * T + S;
  return defineOp('sampledLogits', [inputs, wRows, bRows], () => {
    const xc = inputs.contiguous(),
      Xd = new Float64Array(B * D);
    Xd.set(xc.data.subarray(xc.offset, xc.offset + B * D));
    const X = new Tensor(Xd, [B, D]);
    const r = wRows.contiguous(),
      rows = r.data.subarray(r.offset, r.offset + n * D) as FloatArray;
    const Rs = new Tensor(rows, [S, D], [D, 1], B * T * D);
    const beta = Float64Array.from(bRows.dataSync(), (v, i) => v - logQ[i]); // the constant part of each logit
    const out = allocate(dtype, B * K) as FloatArray;
    trueLogits(B, T, D, K, Xd, rows, beta, out);
    sampledColumns(B, T, S, K, matmul(X, Rs, false, true, 'float64').data as Float64Array, beta, B * T, mask, out);
    return {
      out: new Tensor(out, [B, K]),
      backward: (gy, [needX, needW, needB]) => {
        const gc = gy.contiguous(),
          g = gc.data as FloatArray,
          go = gc.offset;
        const Gs = sampledGrad(B, T, S, K, g, go),
          G = new Tensor(Gs, [B, S]);
        let dX: Tensor | null = null,
          dW: Tensor | null = null,
          dB: Tensor | null = null;
        if (needX) {
          const d = allocate(inputs.dtype, B * D) as FloatArray;
          inputGrads(B, T, D, K, g, go, rows, matmul(G, Rs, false, false, 'float64').data as Float64Array, d);
          dX = new Tensor(d, [B, D]);
        }
        if (needW) {
          const v = allocate(wRows.dtype, n * D) as FloatArray;
          trueRowGrads(B, T, D, K, g, go, Xd, v);
          v.set(matmul(G, X, true, false, 'float64').data, B * T * D);
          dW = new Tensor(v, [n, D]);
        }
        if (needB) {
          const v = allocate(bRows.dtype, n) as FloatArray;
          biasGrads(B, T, S, K, g, go, Gs, v);
          dB = new Tensor(v, [n]);
        }
        return [dX, dW, dB];
      },
    };
  });
}
