/** The matrix product, a primitive: forward and backward both run the tiled kernel. */
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

function checkOperand(name: 'a' | 'b', x: Tensor): void {
  if (x.rank !== 2) throw new TapegradError('matMul', name, 'a rank-2 tensor', `rank ${x.rank} ${shapeStr(x.shape)}`);
  if (x.dtype === 'int32') throw new TapegradError('matMul', name, 'float32 or float64', `int32 ${shapeStr(x.shape)}`);
}

/**
 * out[M, N] = op(a) · op(b), op(X) = Xᵀ when `transposeA` / `transposeB` is set:
 * a [M, K] (or [K, M] with transposeA), b [K, N] (or [N, K] with transposeB).
 * Float64 if either operand is float64, else float32.
 *
 * Backward, with g = ∂L/∂out [M, N] and op(a) = A, op(b) = B:
 *   ∂L/∂A = g · Bᵀ,  ∂L/∂B = Aᵀ · g,  transposed back where a flag is set:
 *   NN: da = g·bᵀ,   db = aᵀ·g       NT: da = g·b,    db = gᵀ·a
 *   TN: da = b·gᵀ,   db = a·g        TT: da = bᵀ·gᵀ,  db = gᵀ·aᵀ
 * each by the kernel's transpose flags (no transposed copies), and only where needed.
 *
 * Errors (TapegradError): an operand not of rank 2 or of dtype int32; inner dimensions
 * (K of op(a) and of op(b)) that differ.
 */
export function matMul(a: Tensor, b: Tensor, { transposeA = false, transposeB = false }: MatMulOptions = {}): Tensor {
  checkOperand('a', a);
  checkOperand('b', b);
  const ka = transposeA ? a.shape[0] : a.shape[1];
  const kb = transposeB ? b.shape[1] : b.shape[0];
  if (ka !== kb) {
    throw new TapegradError(
      'matMul',
      'inner dimensions',
      'equal',
      `${ka} (a ${shapeStr(a.shape)}${transposeA ? ' transposed' : ''}) and ${kb} (b ${shapeStr(b.shape)}${transposeB ? ' transposed' : ''})`,
    );
  }
  const tA = transposeA,
    tB = transposeB;
  return defineOp('matMul', [a, b], () => ({
    out: matmul(a, b, tA, tB),
    backward: (g, [na, nb]) => [
      na && (tA ? matmul(b, g, tB, true, a.dtype) : matmul(g, b, false, !tB, a.dtype)),
      nb && (tB ? matmul(g, a, true, tA, b.dtype) : matmul(a, g, !tA, false, b.dtype)),
    ],
  }));
}
