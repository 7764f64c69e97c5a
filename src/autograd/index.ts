export {
  backward,
  defineOp,
  detach,
  isRecording,
  noGrad,
  type Backward,
  type BackwardOptions,
  type Grad,
  type OpResult,
} from './tape.js';
export { addGrads } from './grads.js';
export { add, sub, mul, div, neg, biasAdd, type Operand } from './ops/arithmetic.js';
export * from './ops/matmul.js';
export * from './ops/gather.js';
export * from './ops/unary.js';
export * from './ops/binary.js';
export { sum, mean, max } from './ops/reduce.js';
export * from './ops/movement.js';
export { logSoftmax } from './ops/logsoftmax.js';
export { cast } from './ops/cast.js';
export { valueAndGrads } from './functional.js';
export { gradcheck, type GradcheckOptions, type GradcheckReport, type GradcheckWorst } from './gradcheck.js';
export { producerOf, type Producer } from './tape.js';
export { graphOf, toDot, type TapeGraph, type GraphNode, type GraphEdge } from './graph.js';
export { renderGraphSvg } from './graph-svg.js';
