/** tapegrad: the public surface (re-exports only). */
export * from './tensor/index.js';
export * from './autograd/index.js';
export * from './nn/index.js';
export * from './optim/index.js';
