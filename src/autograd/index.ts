export {
  backward,
  defineOp,
  detach,
  isRecording,
  noGrad,
  addGrads,
  type Backward,
  type BackwardOptions,
  type Grad,
  type OpResult,
} from './tape.js';
export * from './ops/arithmetic.js';
export * from './ops/matmul.js';
export * from './ops/gather.js';
export * from './ops/unary.js';
export * from './ops/binary.js';
export { sum, mean, max } from './ops/reduce.js';
export * from './ops/movement.js';
export * from './ops/logsoftmax.js';
export { valueAndGrads } from './functional.js';
export { gradcheck, type GradcheckOptions, type GradcheckReport, type GradcheckWorst } from './gradcheck.js';
export { producerOf, type Producer } from './tape.js';
export { graphOf, toDot, type TapeGraph, type GraphNode, type GraphEdge } from './graph.js';
export { renderGraphSvg } from './graph-svg.js';
