/** The matrix product, a primitive: forward and backward both run the tiled kernel. */
import { checkBoolean, checkKeys, checkObject, checkSize, checkTensor } from '../../tensor/check.js';
import { TapegradError } from '../../tensor/errors.js';
import { matmul } from '../../tensor/matmul.js';
import { shapeStr } from '../../tensor/shape.js';
import type { Tensor } from '../../tensor/tensor.js';
import { defineOp } from '../tape.js';

/** Options of `matMul`: TensorFlow's `transpose_a` / `transpose_b`. */
export interface MatMulOptions {
  /** Use aᵀ in place of a (default false). */
  transposeA?: boolean;
  /** Use bᵀ in place of b (default false). */
  transposeB?: boolean;
}

function checkOperand(name: 'a' | 'b', x: unknown): Tensor {
  const t = checkTensor('matMul', name, x);
  if (t.rank !== 2) throw new TapegradError('matMul', name, 'a rank-2 tensor', `rank ${t.rank} ${shapeStr(t.shape)}`);
  if (t.dtype === 'int32') throw new TapegradError('matMul', name, 'float32 or float64', `int32 ${shapeStr(t.shape)}`);
  return t;
}

/**
 * ∂a and ∂b of out = op(a) · op(b) given g = ∂L/∂out, by case (N: as is, T: transposed), each
 * one kernel call whose flags transpose its operands (no transposed copies):
 *   NN: ∂a = g · bᵀ,   ∂b = aᵀ · g
 *   NT: ∂a = g · b,    ∂b = gᵀ · a
 *   TN: ∂a = b · gᵀ,   ∂b = a · g
 *   TT: ∂a = bᵀ · gᵀ,  ∂b = gᵀ · aᵀ
 */
function matMulGrads(a: Tensor, b: Tensor, g: Tensor, transposeA: boolean, transposeB: boolean) {
  const [asIs, tr] = [false, true]; // the kernel's flags: an operand as it is, or transposed
  switch (`${transposeA ? 'T' : 'N'}${transposeB ? 'T' : 'N'}`) {
    case 'NN':
      return { da: () => matmul(g, b, asIs, tr, a.dtype), db: () => matmul(a, g, tr, asIs, b.dtype) };
    case 'NT':
      return { da: () => matmul(g, b, asIs, asIs, a.dtype), db: () => matmul(g, a, tr, asIs, b.dtype) };
    case 'TN':
      return { da: () => matmul(b, g, asIs, tr, a.dtype), db: () => matmul(a, g, asIs, asIs, b.dtype) };
    default: // TT
      return { da: () => matmul(b, g, tr, tr, a.dtype), db: () => matmul(g, a, tr, tr, b.dtype) };
  }
}

/**
 * out[I, J] = op(a) · op(b), op(X) = Xᵀ when `transposeA` / `transposeB` is set:
 * a [I, H] (or [H, I] with transposeA), b [H, J] (or [J, H] with transposeB), H the inner
 * dimension. Float64 if either operand is float64, else float32.
 *
 * Backward, with g = ∂L/∂out [I, J], A = op(a), B = op(b): ∂L/∂A = g · Bᵀ, ∂L/∂B = Aᵀ · g,
 * transposed back where a flag is set (the four cases of `matMulGrads`), only where needed.
 *
 * Errors (TapegradError): an operand not a rank-2 float tensor; options not an object, or
 * flags not booleans; inner dimensions that differ; a result of more than 2³¹ − 1 elements.
 */
export function matMul(a: Tensor, b: Tensor, options: MatMulOptions = {}): Tensor {
  checkOperand('a', a);
  checkOperand('b', b);
  const opts = checkObject('matMul', 'options', options);
  checkKeys('matMul', 'options', opts, ['transposeA', 'transposeB']);
  const transposeA = checkBoolean('matMul', 'options.transposeA', opts.transposeA, false);
  const transposeB = checkBoolean('matMul', 'options.transposeB', opts.transposeB, false);
  const ha = transposeA ? a.shape[0] : a.shape[1];
  const hb = transposeB ? b.shape[1] : b.shape[0];
  if (ha !== hb) {
    throw new TapegradError(
      'matMul',
      'inner dimensions',
      'equal',
      `${ha} (a ${shapeStr(a.shape)}${transposeA ? ' transposed' : ''}) and ${hb} (b ${shapeStr(b.shape)}${transposeB ? ' transposed' : ''})`,
    );
  }
  checkSize('matMul', 'b', [transposeA ? a.shape[1] : a.shape[0], transposeB ? b.shape[0] : b.shape[1]]);
  return defineOp('matMul', [a, b], () => ({
    out: matmul(a, b, transposeA, transposeB),
    backward: (g, [needA, needB]) => {
      const { da, db } = matMulGrads(a, b, g, transposeA, transposeB);
      return [needA ? da() : null, needB ? db() : null];
    },
  }));
}
