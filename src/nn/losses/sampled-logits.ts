/**
 * The logits both sampled losses share (SPEC-sampled-losses.md §1), built from the ops:
 * an embedding lookup of the true and sampled rows, a row-wise dot for the true logits, one
 * matMul for the sampled ones, accidental hits masked, log Q subtracted.
 */
import { add, sub, mul } from '../../autograd/ops/arithmetic.js';
import { matMul } from '../../autograd/ops/matmul.js';
import { concat, reshape, slice } from '../../autograd/ops/movement.js';
import { sum } from '../../autograd/ops/reduce.js';
import { fill } from '../../tensor/create.js';
import { allocate, floatResult } from '../../tensor/dtype.js';
import { mapUnary } from '../../tensor/elementwise.js';
import { TapegradError } from '../../tensor/errors.js';
import { defaultRng, type Seed } from '../../tensor/random.js';
import { Tensor } from '../../tensor/tensor.js';
import { embeddingLookup } from '../embedding.js';
import { computeAccidentalHits, logUniformCandidateSampler } from '../samplers/index.js';
import { checkClassParams, checkCount, checkCounts, checkIds, type ClassParams } from './validate.js';

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
 * Defaults: numTrue 1, removeAccidentalHits false, partitionStrategy 'mod',
 * subtractLogQ true. Samples come from `sampledValues` or the log-uniform sampler (unique,
 * rangeMax = numClasses, `seed`); no gradient flows into them. Cost O(B·(T+S)·D); the
 * gradients to weights and biases are row-sparse over labels ∪ sampled.
 * **Deviation** from TensorFlow: every sampled position equal to a label is masked, not
 * only the last of several equal sampled ids.
 * Errors (TapegradError, raised before anything is drawn): see `checkClassParams`, plus
 * numSampled < 1, sampledValues of the wrong shapes, ids outside [0, C) or NaN counts.
 */
export function computeSampledLogits(o: SampledLossOptions & { subtractLogQ?: boolean }, fn = 'computeSampledLogits'): { logits: Tensor; labels: Tensor } {
  const { weights, biases, B, T, D, C } = checkClassParams(fn, o);
  const S = checkCount(fn, 'numSampled', o.numSampled);
  const sv = o.sampledValues;
  if (sv) {
    const cand = sv.sampledCandidates;
    if (!(cand instanceof Tensor) || cand.dtype !== 'int32' || cand.rank !== 1 || cand.shape[0] !== S) {
      throw new TapegradError(fn, 'sampledValues.sampledCandidates', `int32 of shape [numSampled] = [${S}]`, cand instanceof Tensor ? `${cand.dtype} [${cand.shape.join(', ')}]` : String(cand));
    }
    checkIds(fn, 'sampledValues.sampledCandidates', cand, C);
    checkCounts(fn, 'sampledValues.trueExpectedCount', sv.trueExpectedCount, [B, T]);
    checkCounts(fn, 'sampledValues.sampledExpectedCount', sv.sampledExpectedCount, [S]);
  }
  const dtype = floatResult(o.inputs.dtype, weights[0].dtype);
  if (B === 0) return { logits: fill([0, T + S], 0, dtype), labels: fill([0, T + S], 0, dtype) };
  const { sampledCandidates, trueExpectedCount, sampledExpectedCount } = sv ??
    logUniformCandidateSampler({ trueClasses: o.labels, numTrue: T, numSampled: S, unique: true, rangeMax: C, seed: o.seed ?? defaultRng });

  // One lookup of the B·T true rows followed by the S sampled rows.
  const ids = new Int32Array(B * T + S);
  ids.set(o.labels.dataSync());
  ids.set(sampledCandidates.dataSync(), B * T);
  const idsT = new Tensor(ids, [B * T + S]);
  const lookup = { partitionStrategy: o.partitionStrategy ?? 'mod' };
  const allW = embeddingLookup(weights, idsT, lookup);
  const allB = embeddingLookup(biases, idsT, lookup);

  const trueW = reshape(slice(allW, [0, 0], [B * T, D]), [B, T, D]);
  const trueB = reshape(slice(allB, [0], [B * T]), [B, T]);
  let trueLogits = add(sum(mul(reshape(o.inputs, [B, 1, D]), trueW), 2), trueB);

  const sampledW = slice(allW, [B * T, 0], [S, D]);
  const sampledB = slice(allB, [B * T], [S]);
  let sampledLogits = add(matMul(o.inputs, sampledW, { transposeB: true }), sampledB);

  if (o.removeAccidentalHits) {
    const hits = computeAccidentalHits(o.labels, sampledCandidates, T);
    const mask = allocate(dtype, B * S);
    const rows = hits.indices.dataSync(), cols = hits.ids.dataSync(), weights = hits.weights.dataSync();
    for (let k = 0; k < rows.length; k++) mask[rows[k] * S + cols[k]] = weights[k];
    sampledLogits = add(sampledLogits, new Tensor(mask, [B, S]));
  }
  if (o.subtractLogQ ?? true) {
    trueLogits = sub(trueLogits, mapUnary(trueExpectedCount, Math.log, dtype));
    sampledLogits = sub(sampledLogits, mapUnary(sampledExpectedCount, Math.log, dtype));
  }
  const targets = allocate(dtype, B * (T + S));
  for (let b = 0; b < B; b++) targets.fill(1 / T, b * (T + S), b * (T + S) + T);
  return { logits: concat([trueLogits, sampledLogits], 1), labels: new Tensor(targets, [B, T + S]) };
}
