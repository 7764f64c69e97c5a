export * from './samplers/index.js';
export * from './losses/index.js';
export { embeddingLookup, type PartitionStrategy } from './embedding.js';
export {
  compareSampledToFull,
  type CompareSampledToFullOptions,
  type SampledVsFullRow,
  type Spread,
  type CandidateSamplerFn,
} from './compare.js';
export { candidateLogits, type CandidateLogitsOptions } from './losses/candidate-logits.js';
