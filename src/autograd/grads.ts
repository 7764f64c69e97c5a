/** Gradients: dense tensors or row-sparse ones, and their sum. */
import { fail } from '../tensor/check.js';
import { TapegradError } from '../tensor/errors.js';
import { addInto } from '../tensor/adapter.js';
import { RowSparse } from '../tensor/rowsparse.js';
import { sameShape, shapeStr } from '../tensor/shape.js';
import { Tensor } from '../tensor/tensor.js';

/** A gradient: dense, or row-sparse (from `gather`). Both have `toDense()`. */
export type Grad = Tensor | RowSparse;

/**
 * a + b for gradients of one shape and dtype; row-sparse + row-sparse stays row-sparse.
 * Never mutates a or b. Errors: a or b not a Tensor or RowSparse, or shapes or dtypes differ.
 */
export function addGrads(a: Grad, b: Grad): Grad {
  const shapeA = gradShape(a),
    shapeB = gradShape(b);
  if (shapeA === null) fail('addGrads', 'a', 'a Tensor or a RowSparse', a);
  if (shapeB === null) fail('addGrads', 'b', 'a Tensor or a RowSparse', b);
  if (!sameShape(shapeA, shapeB) || a.dtype !== b.dtype) {
    throw new TapegradError('addGrads', 'b', `${a.dtype} ${shapeStr(shapeA)} like a`, `${b.dtype} ${shapeStr(shapeB)}`);
  }
  return sumGrads(a, b);
}

/** The shape a gradient stands for (a RowSparse's dense shape), or null for anything not a Grad. */
export const gradShape = (g: unknown): readonly number[] | null =>
  g instanceof RowSparse ? g.denseShape : g instanceof Tensor ? g.shape : null;

/** Whether `g` is a gradient (dense or row-sparse) of `shape` and `dtype`. */
export function isGradOf(g: unknown, shape: readonly number[], dtype: Tensor['dtype']): g is Grad {
  const s = gradShape(g);
  return s !== null && sameShape(s, shape) && (g as Grad).dtype === dtype;
}

/** a + b, shapes and dtypes already alike (the tape's accumulation). */
export function sumGrads(a: Grad, b: Grad): Grad {
  if (a instanceof RowSparse && b instanceof RowSparse) return a.add(b);
  if (a instanceof RowSparse) return sumGrads(b, a);
  const out = new Tensor(a.dataSync(), a.shape);
  if (b instanceof RowSparse) b.scatterAddInto(out.data, 1);
  else addInto(out, b);
  return out;
}
