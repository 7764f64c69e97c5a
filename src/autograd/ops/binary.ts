/** Broadcasting selection ops: `maximum` and `where`. Shapes broadcast as in NumPy. */
import { checkTensor } from '../../tensor/check.js';
import { floatResult } from '../../tensor/dtype.js';
import { arith, mapTernary } from '../../tensor/elementwise.js';
import type { Tensor } from '../../tensor/tensor.js';
import { defineOp } from '../tape.js';
import { toOperand, unbroadcast, type Operand } from './arithmetic.js';

/**
 * max(a, b) elementwise, broadcast to their common shape; a number becomes a scalar.
 * Gradient as in TensorFlow: where a ≥ b (ties included) g goes to a, elsewhere to b;
 * each summed back over its broadcast axes.
 * Errors: an operand neither a Tensor nor a number; shapes that do not broadcast.
 */
export function maximum(a: Operand, b: Operand): Tensor {
  const x = toOperand('maximum', 'a', a, b),
    y = toOperand('maximum', 'b', b, a);
  const toA = (g: Tensor) => mapTernary(g, x, y, (gi, xi, yi) => (xi >= yi ? gi : 0), 'maximum', g.dtype);
  const toB = (g: Tensor) => mapTernary(g, x, y, (gi, xi, yi) => (xi >= yi ? 0 : gi), 'maximum', g.dtype);
  return defineOp('maximum', [x, y], () => ({
    out: arith('max', x, y, 'maximum'),
    backward: (g, [nx, ny]) => [nx ? unbroadcast(toA(g), x) : null, ny ? unbroadcast(toB(g), y) : null],
  }));
}

/**
 * out = cond ? a : b elementwise, all three broadcast to a common shape. `cond` is any tensor
 * read as a boolean (nonzero = true) and gets no gradient; the result has the float dtype of
 * a and b. ∂a = g where cond, ∂b = g where not (each summed over its broadcast axes).
 * Errors: cond not a Tensor; a or b neither a Tensor nor a number; shapes that do not broadcast.
 */
export function where(cond: Tensor, a: Operand, b: Operand): Tensor {
  checkTensor('where', 'cond', cond);
  const x = toOperand('where', 'a', a, b),
    y = toOperand('where', 'b', b, a);
  const dtype = floatResult(x.dtype, y.dtype);
  const toA = (g: Tensor) => mapTernary(cond, g, g, (c, gi) => (c !== 0 ? gi : 0), 'where', g.dtype);
  const toB = (g: Tensor) => mapTernary(cond, g, g, (c, gi) => (c !== 0 ? 0 : gi), 'where', g.dtype);
  return defineOp('where', [x, y], () => ({
    out: mapTernary(cond, x, y, (c, xi, yi) => (c !== 0 ? xi : yi), 'where', dtype),
    backward: (g, [nx, ny]) => [nx ? unbroadcast(toA(g), x) : null, ny ? unbroadcast(toB(g), y) : null],
  }));
}
