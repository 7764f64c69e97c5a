/**
 * The full eval path (SPEC-sampled-losses.md §2): the same targets as training (1/T on each
 * true class) against the logits of ALL C classes, inputs·Wᵀ + b. O(B·C·D): for evaluation.
 */
import { add, neg, sub } from '../../autograd/ops/arithmetic.js';
import { matMul } from '../../autograd/ops/matmul.js';
import { logSoftmax } from '../../autograd/ops/logsoftmax.js';
import { concat } from '../../autograd/ops/movement.js';
import { mean, sum } from '../../autograd/ops/reduce.js';
import { softplus } from '../../autograd/ops/unary.js';
import { arange } from '../../tensor/create.js';
import { Tensor } from '../../tensor/tensor.js';
import { lookupRows } from '../embedding.js';
import { pickColumns } from './cross-entropy.js';
import { checkClassParams, type ClassParams } from './validate.js';

/**
 * The class matrix row c = class c: with one tensor, itself; with shards, their rows in the
 * order of `partitionStrategy` — for 'div' (the default here) that is the shards
 * concatenated in order, TensorFlow's eval layout.
 */
function classMatrix(shards: readonly Tensor[], C: number, strategy: 'mod' | 'div'): Tensor {
  if (shards.length === 1) return shards[0];
  if (strategy === 'div') return concat([...shards], 0);
  return lookupRows(shards, arange(0, C, 1, 'int32'), 'mod');
}

/** logits [B, C] = inputs · Wᵀ + b over every class. */
export function fullLogits(o: ClassParams, fn = 'fullLogits'): { logits: Tensor; labels: Tensor } {
  const { weights, biases, C, strategy } = checkClassParams(fn, o);
  const W = classMatrix(weights, C, strategy);
  const b = classMatrix(biases, C, strategy);
  return { logits: add(matMul(o.inputs, W, { transposeB: true }), b), labels: o.labels };
}

/**
 * Σ over all C classes of the sigmoid cross-entropy of logits x = inputs·Wᵀ + b against
 * targets z (1/T on each true class, summed over repeated labels):
 *
 *   loss[b] = Σ_c [max(x_c, 0) − x_c·z_c + log1p(exp(−|x_c|))] = Σ_c softplus(x_c) − (1/T) Σ_t x[labels[b,t]]
 *
 * Shapes: weights [C, D] or shards, biases [C] or shards, labels int32 [B, T], inputs [B, D];
 * result [B]. partitionStrategy: how shards hold the classes, default 'div' (shards
 * concatenated in order, as TensorFlow's eval example); pass the strategy you trained with.
 * With the all-candidate sampler and removeAccidentalHits, equals `nceLoss`.
 * Errors: as the sampled losses (labels, inputs, weights, biases, numClasses, numTrue).
 */
export function fullSigmoidLoss(o: ClassParams): Tensor {
  const { logits, labels } = fullLogits(o, 'fullSigmoidLoss');
  return sub(sum(softplus(logits), 1), mean(pickColumns(logits, labels), 1));
}

/**
 * Softmax cross-entropy over all C classes against targets 1/T on each true class:
 *
 *   loss[b] = −(1/T) Σ_t logSoftmax(inputs[b]·Wᵀ + b)[labels[b, t]]
 *
 * Shapes, defaults and errors as `fullSigmoidLoss`; result [B]. With the all-candidate
 * sampler and removeAccidentalHits, equals `sampledSoftmaxLoss`.
 */
export function fullSoftmaxLoss(o: ClassParams): Tensor {
  const { logits, labels } = fullLogits(o, 'fullSoftmaxLoss');
  return neg(mean(pickColumns(logSoftmax(logits, -1), labels), 1));
}
