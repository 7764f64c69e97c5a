/** Broadcasting selection ops: `maximum` and `where`. Shapes broadcast as in NumPy. */
import { fill } from '../../tensor/create.js';
import { floatResult } from '../../tensor/dtype.js';
import { arith, mapTernary, sumToShape } from '../../tensor/elementwise.js';
import { Tensor } from '../../tensor/tensor.js';
import { defineOp } from '../tape.js';
import { checkTensor } from './check.js';

/** A number becomes a scalar of the other operand's float dtype; anything else is left for the checks. */
const scalarLike = (v: Tensor | number, other: Tensor | number): Tensor =>
  typeof v === 'number' ? fill([], v, other instanceof Tensor && other.dtype === 'float64' ? 'float64' : 'float32') : v;

/**
 * max(a, b) elementwise, broadcast to their common shape; a number becomes a scalar.
 * Gradient as in TensorFlow: where a ≥ b (ties included) g goes to a, elsewhere to b;
 * each summed back over its broadcast axes.
 * Errors: shapes that do not broadcast.
 */
export function maximum(a: Tensor | number, b: Tensor | number): Tensor {
  const x = scalarLike(a, b),
    y = scalarLike(b, a);
  checkTensor('maximum', 'a', x);
  checkTensor('maximum', 'b', y);
  return defineOp('maximum', [x, y], () => ({
    out: arith('max', x, y, 'maximum'),
    backward: (g, [nx, ny]) => [
      nx &&
        sumToShape(
          mapTernary(g, x, y, (gi, xi, yi) => (xi >= yi ? gi : 0), 'maximum', g.dtype),
          x.shape,
          x.dtype,
        ),
      ny &&
        sumToShape(
          mapTernary(g, x, y, (gi, xi, yi) => (xi >= yi ? 0 : gi), 'maximum', g.dtype),
          y.shape,
          y.dtype,
        ),
    ],
  }));
}

/**
 * out = cond ? a : b elementwise, all three broadcast to a common shape. `cond` is any tensor
 * read as a boolean (nonzero = true) and gets no gradient; the result has the float dtype of
 * a and b. ∂a = g where cond, ∂b = g where not (each summed over its broadcast axes).
 * Errors: shapes that do not broadcast.
 */
export function where(cond: Tensor, a: Tensor | number, b: Tensor | number): Tensor {
  checkTensor('where', 'cond', cond);
  const x = scalarLike(a, b),
    y = scalarLike(b, a);
  checkTensor('where', 'a', x);
  checkTensor('where', 'b', y);
  const dtype = floatResult(x.dtype, y.dtype);
  return defineOp('where', [x, y], () => ({
    out: mapTernary(cond, x, y, (c, xi, yi) => (c !== 0 ? xi : yi), 'where', dtype),
    backward: (g, [nx, ny]) => [
      nx &&
        sumToShape(
          mapTernary(cond, g, g, (c, gi) => (c !== 0 ? gi : 0), 'where', g.dtype),
          x.shape,
          x.dtype,
        ),
      ny &&
        sumToShape(
          mapTernary(cond, g, g, (c, gi) => (c !== 0 ? 0 : gi), 'where', g.dtype),
          y.shape,
          y.dtype,
        ),
    ],
  }));
}
