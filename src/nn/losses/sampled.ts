/** The two sampled losses of TensorFlow: NCE and sampled softmax (SPEC-sampled-losses.md §2). */
import { sum } from '../../autograd/ops/reduce.js';
import type { Tensor } from '../../tensor/tensor.js';
import { sigmoidCrossEntropyWithLogits, softmaxCrossEntropyWithLogits } from './cross-entropy.js';
import { sampledLogitsOf, type SampledLossOptions } from './sampled-logits.js';

/**
 * Noise-contrastive estimation loss, TensorFlow's `tf.nn.nce_loss`: per example b,
 *
 *   loss[b] = Σ_{k < T+S} sigmoidCE(logits[b, k], labels[b, k])
 *
 * over the logits and 1/T targets of `computeSampledLogits` (true columns first). Shape [B];
 * the caller reduces over the batch. Defaults: numTrue 1, removeAccidentalHits **false**
 * (true gives "sampled logistic"), partitionStrategy 'div' (TensorFlow 2's only layout, the
 * one the full losses read; 'mod' is TensorFlow 1's default), log-uniform sampler with `seed`.
 * Errors: those of `computeSampledLogits`, named `nceLoss` and its arguments. An empty batch
 * gives an empty [0] loss, whose backward gives zero gradients.
 */
export function nceLoss(o: SampledLossOptions): Tensor {
  const { logits, labels } = sampledLogitsOf('nceLoss', o, false);
  return sum(sigmoidCrossEntropyWithLogits({ labels, logits }), 1);
}

/**
 * Sampled softmax loss, TensorFlow's `tf.nn.sampled_softmax_loss`: per example b,
 *
 *   loss[b] = −Σ_k labels[b, k] · logSoftmax(logits[b])_k
 *
 * over the logits and 1/T targets of `computeSampledLogits` (the targets get no gradient).
 * Shape [B]. Defaults: numTrue 1, removeAccidentalHits **true**, partitionStrategy 'div' (as
 * `nceLoss`), log-uniform sampler with `seed`. Errors: those of `computeSampledLogits`, named
 * `sampledSoftmaxLoss` and its arguments. An empty batch gives an empty [0] loss, whose
 * backward gives zero gradients.
 */
export function sampledSoftmaxLoss(o: SampledLossOptions): Tensor {
  const { logits, labels } = sampledLogitsOf('sampledSoftmaxLoss', o, true);
  return softmaxCrossEntropyWithLogits({ labels, logits });
}
