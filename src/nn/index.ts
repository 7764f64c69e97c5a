export * from './samplers/index.js';
export * from './losses/index.js';
export { embeddingLookup, type PartitionStrategy } from './embedding.js';
