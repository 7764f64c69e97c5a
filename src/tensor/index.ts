export { TapegradError } from './errors.js';
export type { DType, TypedArray } from './dtype.js';
export { Tensor, type NestedArray } from './tensor.js';
export {
  tensor,
  zeros,
  ones,
  fill,
  arange,
  randomNormal,
  randomUniform,
  oneHot,
  type TensorOptions,
} from './create.js';
export { RowSparse } from './rowsparse.js';
export { makeRng, type Rng, type Seed } from './random.js';
export { codegenEnabled, setCodegen } from './adapter.js';
