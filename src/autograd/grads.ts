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
  const shapeOf = (g: Grad) => (g instanceof RowSparse ? g.denseShape : g.shape);
  for (const [arg, g] of [
    ['a', a],
    ['b', b],
  ] as const) {
    if (!(g instanceof Tensor || g instanceof RowSparse)) fail('addGrads', arg, 'a Tensor or a RowSparse', g);
  }
  if (!sameShape(shapeOf(a), shapeOf(b)) || a.dtype !== b.dtype) {
    throw new TapegradError(
      'addGrads',
      'b',
      `${a.dtype} ${shapeStr(shapeOf(a))} like a`,
      `${b.dtype} ${shapeStr(shapeOf(b))}`,
    );
  }
  return sumGrads(a, b);
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
