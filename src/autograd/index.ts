export { backward, defineOp, detach, isRecording, noGrad, addGrads, type Backward, type BackwardOptions, type Grad, type OpResult } from './tape.js';
export * from './ops/arithmetic.js';
