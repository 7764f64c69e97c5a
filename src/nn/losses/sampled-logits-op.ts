/**
 * The fused op of the sampled logits (SPEC-sampled-losses.md §1), forward and backward side
 * by side. Its composed reference (embeddingLookup, mul, sum, matMul, add, concat) is in
 * test/nn/sampled-logits.test.ts, which compares values and gradients.
 */
import { defineOp } from '../../autograd/tape.js';
import { allocate, floatResult, type FloatArray } from '../../tensor/dtype.js';
import { matmul } from '../../tensor/matmul.js';
import { Tensor } from '../../tensor/tensor.js';

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
  const [B, D] = inputs.shape,
    n = w.shape[0],
    T = numTrue,
    S = n - B * T,
    width = T + S; // the columns of Z: T true, then S sampled
  return defineOp('sampledLogits', [inputs, w, bias], () => {
    const Xc = inputs.contiguous(),
      X = new Float64Array(B * D);
    X.set(Xc.data.subarray(Xc.offset, Xc.offset + B * D));
    const Xt = new Tensor(X, [B, D]);
    const wc = w.contiguous(),
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
    const XwSampled = matmul(Xt, wSampled, false, true, 'float64').data as Float64Array;
    for (let b = 0; b < B; b++) {
      for (let j = 0; j < S; j++) {
        const m = mask === null ? 0 : mask[b * S + j];
        Z[b * width + T + j] = XwSampled[b * S + j] + c[B * T + j] + m;
      }
    }

    return {
      out: new Tensor(Z, [B, width]),
      backward: (dZ, [needX, needW, needBias]) => {
        const Gc = dZ.contiguous(),
          G = Gc.data as FloatArray,
          g0 = Gc.offset; // G[b, k] is G[g0 + b·width + k]
        // GSampled = G[:, T …]
        const GSampled = new Float64Array(B * S);
        for (let b = 0; b < B; b++) for (let j = 0; j < S; j++) GSampled[b * S + j] = G[g0 + b * width + T + j];
        const GSampledT = new Tensor(GSampled, [B, S]);

        let dX: Tensor | null = null;
        if (needX) {
          // dX[b] = (GSampled · wSampled)[b] + Σ_t G[b, t] · w[bT+t]
          const dX64 = matmul(GSampledT, wSampled, false, false, 'float64').data as Float64Array;
          for (let b = 0; b < B; b++) {
            for (let t = 0; t < T; t++) {
              const g = G[g0 + b * width + t],
                r = (b * T + t) * D;
              for (let e = 0; e < D; e++) dX64[b * D + e] += g * wData[r + e];
            }
          }
          const d = allocate(inputs.dtype, B * D);
          d.set(dX64);
          dX = new Tensor(d, [B, D]);
        }
        let dw: Tensor | null = null;
        if (needW) {
          const d = allocate(w.dtype, n * D) as FloatArray;
          // dw[bT+t] = G[b, t] · X[b]
          for (let b = 0; b < B; b++) {
            for (let t = 0; t < T; t++) {
              const g = G[g0 + b * width + t],
                r = (b * T + t) * D;
              for (let e = 0; e < D; e++) d[r + e] = g * X[b * D + e];
            }
          }
          // dw[BT …] = GSampledᵀ · X
          d.set(matmul(GSampledT, Xt, true, false, 'float64').data, B * T * D);
          dw = new Tensor(d, [n, D]);
        }
        let dbias: Tensor | null = null;
        if (needBias) {
          const d = allocate(bias.dtype, n) as FloatArray;
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
      },
    };
  });
}
