export * from './samplers/index.js';
export * from './losses/index.js';
export { embeddingLookup, type PartitionStrategy } from './embedding.js';
export { candidateLogits, type CandidateLogitsOptions } from './losses/candidate-logits.js';
