export {
  sigmoidCrossEntropyWithLogits,
  softmaxCrossEntropyWithLogits,
  sparseSoftmaxCrossEntropyWithLogits,
} from './cross-entropy.js';
export { computeSampledLogits, type SampledLossOptions, type SampledValues } from './sampled-logits.js';
export { nceLoss, sampledSoftmaxLoss } from './sampled.js';
export { fullSigmoidLoss, fullSoftmaxLoss, fullLogits } from './full.js';
export type { ClassParams } from './validate.js';
