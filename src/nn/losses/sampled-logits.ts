/**
 * The logits both sampled losses share (SPEC-sampled-losses.md §1): the options checked once,
 * the candidates drawn, one embedding lookup of the rows and biases of the true and sampled
 * classes (whose gather makes the row-sparse gradients), then one fused op for the logits
 * (`sampledLogitsOp`).
 */
import { add, mul } from '../../autograd/ops/arithmetic.js';
import { expandDims } from '../../autograd/ops/movement.js';
import { sum } from '../../autograd/ops/reduce.js';
import { fill } from '../../tensor/create.js';
import { allocate, floatResult } from '../../tensor/dtype.js';
import { defaultRng } from '../../tensor/random.js';
import { Tensor } from '../../tensor/tensor.js';
import { lookupRows } from '../embedding.js';
import { SAMPLE_CHECKED } from '../samplers/base.js';
import { accidentalHitMask } from '../samplers/hits.js';
import { LogUniformSampler } from '../samplers/uniform.js';
import { sampledLogitsOp } from './sampled-logits-op.js';
import { checkSampledLoss, type SampledCall, type SampledLossOptions } from './validate.js';

export type { SampledLossOptions, SampledValues } from './validate.js';

/**
 * The sampled logits and their targets, shape [B, T+S], true columns first:
 *
 *   logits[b, t]   = ⟨inputs[b], w[labels[b,t]]⟩ + bias[labels[b,t]] − log trueExpectedCount[b,t]
 *   logits[b, T+j] = ⟨inputs[b], w[s_j]⟩ + bias[s_j] (− FLT_MAX if s_j ∈ labels[b] and
 *                    removeAccidentalHits) − log sampledExpectedCount[j]
 *   labels[b, :]   = 1/T in the T true columns, 0 in the S sampled ones.
 *
 * Defaults: numTrue 1, removeAccidentalHits false, partitionStrategy 'div' (TensorFlow 2's
 * only layout and the full losses' one; pass 'mod' for TensorFlow 1's default), subtractLogQ
 * true. Samples come from `sampledValues` or the log-uniform sampler (unique, rangeMax =
 * numClasses, `seed`); no gradient flows into them. Cost O(B·(T+S)·D); the gradients to
 * weights and biases are row-sparse over labels ∪ sampled. An empty batch (B = 0) draws
 * nothing and gives [0, T+S] logits whose backward gives zero gradients.
 * **Deviation** from TensorFlow: every sampled position equal to a label is masked, not
 * only the last of several equal sampled ids.
 * Errors (TapegradError, raised before anything is drawn): see `checkClassParams` and
 * `checkSampledLoss` (numSampled < 1 or > numClasses without sampledValues, sampledValues of
 * the wrong shapes, ids outside [0, C), expected counts not finite and > 0, options of the
 * wrong type), or shards not laid out for the partition strategy.
 */
export function computeSampledLogits(o: SampledLossOptions & { subtractLogQ?: boolean }): {
  logits: Tensor;
  labels: Tensor;
} {
  return sampledLogitsOf('computeSampledLogits', o, false);
}

/**
 * `computeSampledLogits` for the loss `fn`: the options checked once under its name, with
 * removeAccidentalHits defaulting to `hitsDefault`.
 */
export function sampledLogitsOf(
  fn: string,
  options: SampledLossOptions & { subtractLogQ?: boolean },
  hitsDefault: boolean,
): { logits: Tensor; labels: Tensor } {
  const call = checkSampledLoss(fn, options, hitsDefault);
  const { weights, biases, strategy, labelIds, B, T, S, C } = call;
  const { inputs } = options;
  const dtype = floatResult(inputs.dtype, weights[0].dtype, biases[0].dtype);
  if (B === 0) return emptyBatch(call, inputs, dtype);
  // Checked above under fn's names (labels in [0, C), S ≤ C): drawn without a second check.
  const { sampledCandidates, trueExpectedCount, sampledExpectedCount } =
    call.sampledValues ??
    new LogUniformSampler({ rangeMax: C, seed: call.seed ?? defaultRng }, fn)[SAMPLE_CHECKED](
      { trueIds: labelIds, B, T, S, unique: true },
      undefined,
      fn,
    );
  const sampledIds = sampledCandidates.dataSync() as Int32Array;

  // The B·T true ids then the S sampled ids, and log Q of each.
  const ids = new Int32Array(B * T + S);
  ids.set(labelIds);
  ids.set(sampledIds, B * T);
  const logQ = new Float64Array(B * T + S);
  if (call.subtractLogQ) {
    logQ.set(trueExpectedCount.dataSync());
    logQ.set(sampledExpectedCount.dataSync(), B * T);
    for (let i = 0; i < logQ.length; i++) logQ[i] = Math.log(logQ[i]);
  }
  // mask[b, j] = −FLT_MAX where sampled id j is a label of row b.
  const mask = call.removeAccidentalHits ? accidentalHitMask(labelIds, T, sampledIds) : null;
  // One lookup of the rows and biases of all ids (checked above): their row-sparse gradients come from gather.
  const idsT = new Tensor(ids, [ids.length]);
  const logits = sampledLogitsOp(
    inputs,
    lookupRows(weights, idsT, strategy),
    lookupRows(biases, idsT, strategy),
    T,
    logQ,
    mask,
  );
  const targets = allocate(dtype, B * (T + S));
  for (let b = 0; b < B; b++) targets.fill(1 / T, b * (T + S), b * (T + S) + T);
  return { logits, labels: new Tensor(targets, [B, T + S]) };
}

/**
 * An empty batch: nothing to draw. The logits [0, T+S] are the same formula composed from
 * the primitive ops over no ids, ⟨inputs[b], w[id]⟩ + bias[id], so that they are on the tape
 * and backward gives zero gradients (row-sparse with no rows for weights and biases).
 */
function emptyBatch(call: SampledCall, inputs: Tensor, dtype: Tensor['dtype']): { logits: Tensor; labels: Tensor } {
  const width = call.T + call.S;
  const none = new Tensor(new Int32Array(0), [0, width]);
  const w = lookupRows(call.weights, none, call.strategy); // [0, T+S, D]
  const bias = lookupRows(call.biases, none, call.strategy); // [0, T+S]
  const logits = add(sum(mul(expandDims(inputs, 1), w), 2), bias);
  return { logits, labels: fill([0, width], 0, dtype) };
}
