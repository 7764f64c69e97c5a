/**
 * The fused op of the sampled logits (SPEC-sampled-losses.md §1), forward and backward side
 * by side. Its composed reference (embeddingLookup, mul, sum, matMul, add, concat) is in
 * test/nn/sampled-logits.test.ts, which compares values and gradients.
 */
import { defineOp, type OpResult } from '../../autograd/tape.js';
import { allocate, floatResult, type DType, type FloatArray } from '../../tensor/dtype.js';
import { gemm } from '../../tensor/matmul.js';
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
 * float64; each result is rounded once to its dtype. The three matrix products read X, w
 * and G in place (no copies). Cost O(B·(T+S)·D).
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

/** Largest scratch (in doubles, 2 MiB) kept between calls; a larger one is allocated per call. */
const SCRATCH_MAX = 1 << 18;
let scratch = new Float64Array(0);

/**
 * A float64 array of n elements (contents undefined) for a product the op adds to before
 * rounding: the module's one scratch buffer when it fits, valid until the next call.
 */
function scratchOf(n: number): Float64Array {
  if (n > SCRATCH_MAX) return new Float64Array(n);
  if (scratch.length < n) scratch = new Float64Array(n);
  return scratch;
}

/** What the forward pass keeps for the backward pass (sizes, X and w in place). */
interface Kept {
  B: number;
  T: number;
  S: number;
  D: number;
  /** X[b, e] = X[xo + b·D + e]. */
  X: FloatArray;
  xo: number;
  /** w[i, e] = w[wo + i·D + e]. */
  w: FloatArray;
  wo: number;
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
  const xc = rowMajor(inputs),
    wc = rowMajor(w),
    bc = rowMajor(bias);
  const X = xc.data as FloatArray,
    xo = xc.offset,
    W = wc.data as FloatArray,
    wo = wc.offset;
  const c = new Float64Array(n);
  for (let i = 0; i < n; i++) c[i] = bc.data[bc.offset + i] - logQ[i];
  const Z = allocate(floatResult(inputs.dtype, w.dtype, bias.dtype), B * width) as FloatArray;

  // Z[b, t] = X[b] · w[bT+t] + c[bT+t]
  for (let b = 0; b < B; b++) {
    for (let t = 0; t < T; t++) {
      const i = b * T + t,
        x = xo + b * D,
        r = wo + i * D;
      let z = c[i];
      for (let e = 0; e < D; e++) z += X[x + e] * W[r + e];
      Z[b * width + t] = z;
    }
  }
  // Z[b, T+j] = (X · wSampledᵀ)[b, j] + c[BT+j] + mask[b, j]
  const XwSampled = scratchOf(B * S);
  gemm(B, S, D, X, xo, D, 1, W, wo + B * T * D, 1, D, XwSampled, 0, S);
  for (let b = 0; b < B; b++) {
    for (let j = 0; j < S; j++) {
      const m = mask === null ? 0 : mask[b * S + j];
      Z[b * width + T + j] = XwSampled[b * S + j] + c[B * T + j] + m;
    }
  }
  const kept: Kept = { B, T, S, D, X, xo, w: W, wo, dtypes: [inputs.dtype, w.dtype, bias.dtype] };
  return { out: new Tensor(Z, [B, width]), backward: (dZ, needs) => backward(kept, dZ, needs) };
}

/** The backward lines of the formula, each gradient computed only when needed. */
function backward(kept: Kept, dZ: Tensor, [needX, needW, needBias]: readonly boolean[]): (Tensor | null)[] {
  const { B, T, S, D, X, xo, w, wo } = kept,
    width = T + S,
    n = B * T + S;
  const Gc = rowMajor(dZ),
    G = Gc.data as FloatArray,
    g0 = Gc.offset, // G[b, k] is G[g0 + b·width + k]
    gs = g0 + T; //   GSampled[b, j] is G[gs + b·width + j]
  const ws = wo + B * T * D; // wSampled[j, e] is w[ws + j·D + e]

  let dX: Tensor | null = null;
  if (needX) {
    // dX[b] = (GSampled · wSampled)[b] + Σ_t G[b, t] · w[bT+t]: the sum runs in float64 in
    // acc = GSampled · wSampled; its last term is added as the sum is rounded into dX.
    const acc = scratchOf(B * D);
    gemm(B, D, S, G, gs, width, 1, w, ws, D, 1, acc, 0, D);
    const d = allocate(kept.dtypes[0], B * D);
    for (let b = 0; b < B; b++) {
      for (let t = 0; t < T - 1; t++) {
        const g = G[g0 + b * width + t],
          r = wo + (b * T + t) * D;
        for (let e = 0; e < D; e++) acc[b * D + e] += g * w[r + e];
      }
      const g = G[g0 + b * width + T - 1],
        r = wo + (b * T + T - 1) * D;
      for (let e = 0; e < D; e++) d[b * D + e] = acc[b * D + e] + g * w[r + e];
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
          r = (b * T + t) * D,
          x = xo + b * D;
        for (let e = 0; e < D; e++) d[r + e] = g * X[x + e];
      }
    }
    // dw[BT …] = GSampledᵀ · X, rounded once into d
    gemm(S, D, B, G, gs, 1, width, X, xo, D, 1, d, B * T * D, D);
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
      for (let b = 0; b < B; b++) s += G[gs + b * width + j];
      d[B * T + j] = s;
    }
    dbias = new Tensor(d, [n]);
  }
  return [dX, dw, dbias];
}
