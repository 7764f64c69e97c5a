export { CandidateSampler, expectedCount, type CandidateSample, type SamplerOptions } from './base.js';
export { UniformSampler, LogUniformSampler } from './uniform.js';
export { LearnedUnigramSampler, MAX_TABLE } from './learned.js';
export { FixedUnigramSampler, type FixedUnigramOptions } from './fixed.js';
export { parseVocabCounts, readVocabCounts } from './vocab.js';
export {
  logUniformCandidateSampler,
  uniformCandidateSampler,
  learnedUnigramCandidateSampler,
  fixedUnigramCandidateSampler,
  allCandidateSampler,
  type CandidateSamplerOptions,
  type LearnedUnigramCandidateSamplerOptions,
  type FixedUnigramCandidateSamplerOptions,
  type AllCandidateSamplerOptions,
} from './functions.js';
export { ACCIDENTAL_HIT, computeAccidentalHits } from './hits.js';
export type { SampleOptions } from './validate.js';
