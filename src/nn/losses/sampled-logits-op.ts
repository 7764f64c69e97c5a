/**
 * The fused op of the sampled logits (SPEC-sampled-losses.md §1), forward and backward side
 * by side. Its composed reference (embeddingLookup, mul, sum, matMul, add, concat) is in
 * test/nn/sampled-logits.test.ts, which compares values and gradients.
 */
import { defineOp, type OpResult } from '../../autograd/tape.js';
import { allocate, floatResult, type DType, type FloatArray } from '../../tensor/dtype.js';
import { matmul } from '../../tensor/matmul.js';
import { rowMajor, Tensor } from '../../tensor/tensor.js';

/**
 * The sampled logits Z [B, T+S] from X = inputs [B, D] and the n = B·T + S looked-up rows
 * w [n, D] and biases bias [n]: first the true rows, w[b·T + t] for label t of example b,
 * then the S sampled rows wSampled = w[B·T …] [S, D]. With c[i] = bias[i] − logQ[i],
 *
 *   forward   Z[b, t]      = X[b] · w[bT+t] + c[bT+t]                          (t < T)
 *             Z[b, T+j]    = (X · wSampledᵀ)[b, j] + c[BT+j] + mask[b, j]      (j < S)
 *   backward  (G = ∂L/∂Z [B, T+S], GSampled = G[:, T …] [B, S])
 *             dX[b]        = (GSampled · wSampled)[b] + Σ_t G[b, t] · w[bT+t]
 *             dw[bT+t]     = G[b, t] · X[b];          dw[BT …] = GSampledᵀ · X
 *             dbias[bT+t]  = G[b, t];                 dbias[BT+j] = Σ_b GSampled[b, j]
 *
 * logQ [n] (0 where not subtracted) and mask [B, S] (−FLT_MAX on accidental hits; null:
 * none) are constants. dw and dbias are dense over the n looked-up rows; the lookup's gather
 * makes them the row-sparse gradients of the weights and biases. Products and sums run in
 * float64; each result is rounded once to its dtype. Cost O(B·(T+S)·D).
 */
export function sampledLogitsOp(
  inputs: Tensor,
  w: Tensor,
  bias: Tensor,
  numTrue: number,
  logQ: Float64Array,
  mask: Float64Array | null,
): Tensor {
  return defineOp('sampledLogits', [inputs, w, bias], () => forward(inputs, w, bias, numTrue, logQ, mask));
}

/** What the forward pass keeps for the backward pass (sizes, X and w as float data). */
interface Kept {
  B: number;
  T: number;
  S: number;
  D: number;
  /** X [B, D] in float64. */
  X: Float64Array;
  /** w [n, D], contiguous. */
  wData: FloatArray;
  /** The sampled rows w[B·T …] as a [S, D] view of wData. */
  wSampled: Tensor;
  /** The dtypes of dX, dw and dbias (those of inputs, w and bias). */
  dtypes: [DType, DType, DType];
}

/** The forward lines of the formula; keeps for backward what it needs. */
function forward(
  inputs: Tensor,
  w: Tensor,
  bias: Tensor,
  T: number,
  logQ: Float64Array,
  mask: Float64Array | null,
): OpResult {
  const [B, D] = inputs.shape,
    n = w.shape[0],
    S = n - B * T,
    width = T + S; // the columns of Z: T true, then S sampled
  const Xc = rowMajor(inputs),
    X = new Float64Array(B * D);
  X.set(Xc.data.subarray(Xc.offset, Xc.offset + B * D));
  const wc = rowMajor(w),
    wData = wc.data.subarray(wc.offset, wc.offset + n * D) as FloatArray;
  const wSampled = new Tensor(wData, [S, D], [D, 1], B * T * D);
  const c = Float64Array.from(bias.dataSync(), (v, i) => v - logQ[i]);
  const Z = allocate(floatResult(inputs.dtype, w.dtype, bias.dtype), B * width) as FloatArray;

  // Z[b, t] = X[b] · w[bT+t] + c[bT+t]
  for (let b = 0; b < B; b++) {
    for (let t = 0; t < T; t++) {
      const i = b * T + t;
      let z = c[i];
      for (let e = 0; e < D; e++) z += X[b * D + e] * wData[i * D + e];
      Z[b * width + t] = z;
    }
  }
  // Z[b, T+j] = (X · wSampledᵀ)[b, j] + c[BT+j] + mask[b, j]
  const XwSampled = matmul(new Tensor(X, [B, D]), wSampled, false, true, 'float64').data as Float64Array;
  for (let b = 0; b < B; b++) {
    for (let j = 0; j < S; j++) {
      const m = mask === null ? 0 : mask[b * S + j];
      Z[b * width + T + j] = XwSampled[b * S + j] + c[B * T + j] + m;
    }
  }
  const kept: Kept = { B, T, S, D, X, wData, wSampled, dtypes: [inputs.dtype, w.dtype, bias.dtype] };
  return { out: new Tensor(Z, [B, width]), backward: (dZ, needs) => backward(kept, dZ, needs) };
}

/** The backward lines of the formula, each gradient computed only when needed. */
function backward(kept: Kept, dZ: Tensor, [needX, needW, needBias]: readonly boolean[]): (Tensor | null)[] {
  const { B, T, S, D, X, wData, wSampled } = kept,
    width = T + S,
    n = B * T + S;
  const Gc = rowMajor(dZ),
    G = Gc.data as FloatArray,
    g0 = Gc.offset; // G[b, k] is G[g0 + b·width + k]
  // GSampled = G[:, T …]
  const GSampled = new Float64Array(B * S);
  for (let b = 0; b < B; b++) for (let j = 0; j < S; j++) GSampled[b * S + j] = G[g0 + b * width + T + j];
  const GSampledTensor = new Tensor(GSampled, [B, S]);

  let dX: Tensor | null = null;
  if (needX) {
    // dX[b] = (GSampled · wSampled)[b] + Σ_t G[b, t] · w[bT+t]: the sum runs in float64 in
    // acc = GSampled · wSampled; its last term is added as the sum is rounded into dX.
    const acc = matmul(GSampledTensor, wSampled, false, false, 'float64').data as Float64Array;
    const d = allocate(kept.dtypes[0], B * D);
    for (let b = 0; b < B; b++) {
      for (let t = 0; t < T - 1; t++) {
        const g = G[g0 + b * width + t],
          r = (b * T + t) * D;
        for (let e = 0; e < D; e++) acc[b * D + e] += g * wData[r + e];
      }
      const g = G[g0 + b * width + T - 1],
        r = (b * T + T - 1) * D;
      for (let e = 0; e < D; e++) d[b * D + e] = acc[b * D + e] + g * wData[r + e];
    }
    dX = new Tensor(d, [B, D]);
  }
  let dw: Tensor | null = null;
  if (needW) {
    const d = allocate(kept.dtypes[1], n * D) as FloatArray;
    // dw[bT+t] = G[b, t] · X[b]
    for (let b = 0; b < B; b++) {
      for (let t = 0; t < T; t++) {
        const g = G[g0 + b * width + t],
          r = (b * T + t) * D;
        for (let e = 0; e < D; e++) d[r + e] = g * X[b * D + e];
      }
    }
    // dw[BT …] = GSampledᵀ · X
    d.set(matmul(GSampledTensor, new Tensor(X, [B, D]), true, false, 'float64').data, B * T * D);
    dw = new Tensor(d, [n, D]);
  }
  let dbias: Tensor | null = null;
  if (needBias) {
    const d = allocate(kept.dtypes[2], n) as FloatArray;
    // dbias[bT+t] = G[b, t]
    for (let b = 0; b < B; b++) for (let t = 0; t < T; t++) d[b * T + t] = G[g0 + b * width + t];
    // dbias[BT+j] = Σ_b GSampled[b, j]
    for (let j = 0; j < S; j++) {
      let s = 0;
      for (let b = 0; b < B; b++) s += GSampled[b * S + j];
      d[B * T + j] = s;
    }
    dbias = new Tensor(d, [n]);
  }
  return [dX, dw, dbias];
}
