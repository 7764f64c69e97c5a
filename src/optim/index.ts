export { Optimizer, type OptimizerState } from './optimizer.js';
export { SGD, type SGDOptions } from './sgd.js';
export { Adagrad, type AdagradOptions } from './adagrad.js';
export { Adam, type AdamOptions } from './adam.js';
export { negativeSamplingSgd, type NegativeSamplingSgdOptions } from './negative-sampling.js';
