/**
 * Logits of per-row candidates: each row b of a batch scores its own M classes (word2vec's
 * negative sampling: the true context and K = M − 1 negatives drawn for that pair), in one
 * fused op whose gradient to the class matrix is row-sparse. The same logits composed from
 * public ops, `sum(mul(reshape(inputs, [B, 1, D]), gather(weights, candidates)), 2)`, are
 * the reference its tests compare it with (test/nn/candidate-logits.test.ts).
 */
import { defineOp } from '../../autograd/tape.js';
import { checkTensor } from '../../tensor/check.js';
import { allocate, floatResult, type FloatArray } from '../../tensor/dtype.js';
import { TapegradError } from '../../tensor/errors.js';
import { checkIds, gatherRows } from '../../tensor/gather.js';
import { RowSparse } from '../../tensor/rowsparse.js';
import { shapeStr } from '../../tensor/shape.js';
import { axpy, dot, scaleInto } from '../../tensor/row-kernels.js';
import { rowMajor, Tensor } from '../../tensor/tensor.js';

/** The options of `candidateLogits`. */
export interface CandidateLogitsOptions {
  /** [B, D]: one input vector per row (e.g. the center words' embeddings). */
  inputs: Tensor;
  /** [C, D]: the class matrix (e.g. word2vec's output vectors). */
  weights: Tensor;
  /** int32 [B, M]: the classes each row scores, in [0, C); repeats allowed. */
  candidates: Tensor;
}

/**
 * The logits of each row's own candidates, M = candidates.shape[1] per row:
 *
 *   logits[b, m] = ⟨inputs[b], weights[candidates[b, m]]⟩                  [B, M]
 *
 * Backward, with g = ∂L/∂logits [B, M]:
 *
 *   ∂L/∂inputs[b]  = Σ_m g[b, m] · weights[candidates[b, m]]                dense [B, D]
 *   ∂L/∂weights    = row-sparse: ids = the B·M candidates (row-major; repeated ids add up),
 *                    row (b, m) = g[b, m] · inputs[b]                        [B·M, D] rows
 *
 * No bias, no log Q: with `sigmoidCrossEntropyWithLogits` against labels 1 in column 0 and
 * 0 elsewhere this is word2vec.c's negative-sampling objective. Cost O(B·M·D), whatever C.
 * The dtype is float64 if either float input is, else float32. `candidates` gets no gradient.
 * Errors (TapegradError, before anything is computed): inputs not a float [B, D] tensor;
 * weights not a float [C, D] tensor with the same D; candidates not int32 [B, M]; an id
 * outside [0, C).
 */
export function candidateLogits({ inputs, weights, candidates }: CandidateLogitsOptions): Tensor {
  const fn = 'candidateLogits';
  checkTensor(fn, 'inputs', inputs, { dtype: 'float', rank: 2 });
  checkTensor(fn, 'weights', weights, { dtype: 'float', rank: 2 });
  const [B, D] = inputs.shape,
    C = weights.shape[0];
  if (weights.shape[1] !== D)
    throw new TapegradError(fn, 'weights', `of shape [C, D] with D = ${D} (the inputs')`, shapeStr(weights.shape));
  checkTensor(fn, 'candidates', candidates, { dtype: 'int32', rank: 2 });
  if (candidates.shape[0] !== B)
    throw new TapegradError(fn, 'candidates', `of shape [B, M] with B = ${B}`, shapeStr(candidates.shape));
  const M = candidates.shape[1];
  const ids = checkIds(fn, 'candidates', candidates, C);
  return defineOp(fn, [inputs, weights], () => {
    const x = rowMajor(inputs),
      xd = x.data as FloatArray;
    // wo[i]: where candidate i's row starts in wd (in place in a contiguous matrix; a strided one is gathered).
    const wc = weights.isContiguous() ? weights : gatherRows(weights, ids, [B * M]);
    const wd = wc.data as FloatArray,
      wo = new Int32Array(B * M);
    for (let i = 0; i < B * M; i++) wo[i] = wc === weights ? weights.offset + ids[i] * D : i * D;
    const logits = allocate(floatResult(inputs.dtype, weights.dtype), B * M);
    // logits[b, m] = ⟨inputs[b], weights[candidates[b, m]]⟩
    for (let b = 0; b < B; b++) {
      const xo = x.offset + b * D;
      for (let m = 0; m < M; m++) {
        const w0 = wo[b * M + m];
        logits[b * M + m] = dot(xd, xo, wd, w0, D);
      }
    }
    return {
      out: new Tensor(logits, [B, M]),
      backward: (gy, [needInputs, needWeights]) => {
        const g = rowMajor(gy),
          gd = g.data;
        // One pass over the candidates for both gradients:
        //   ∂L/∂inputs[b] += g[b, m] · weights[candidates[b, m]];   row (b, m) of ∂L/∂weights = g[b, m] · inputs[b]
        const gx = needInputs ? (allocate(inputs.dtype, B * D) as FloatArray) : null;
        const rows = needWeights ? (allocate(weights.dtype, B * M * D) as FloatArray) : null;
        for (let b = 0; b < B; b++) {
          const xo = x.offset + b * D,
            go = b * D;
          for (let m = 0; m < M; m++) {
            const i = b * M + m,
              gbn = gd[g.offset + i],
              w0 = wo[i],
              ro = i * D;
            if (gx) axpy(gbn, wd, w0, gx, go, D);
            if (rows) scaleInto(gbn, xd, xo, rows, ro, D);
          }
        }
        return [gx && new Tensor(gx, [B, D]), rows && new RowSparse(ids, new Tensor(rows, [B * M, D]), weights.shape)];
      },
      rowSparse: [1],
    };
  });
}
