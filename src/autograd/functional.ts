/** The functional form of the tape: value and gradients of a scalar function. */
import { zeros } from '../tensor/create.js';
import { TapegradError } from '../tensor/errors.js';
import { RowSparse } from '../tensor/rowsparse.js';
import { shapeStr } from '../tensor/shape.js';
import { Tensor } from '../tensor/tensor.js';
import { checkTensor, describe } from './ops/check.js';
import { backward, detach, withRecording } from './tape.js';

/** Fresh leaves over the same data as xs (float inputs require a gradient, int32 ones do not). */
export function freshLeaves(xs: readonly Tensor[], needs: (x: Tensor, i: number) => boolean): Tensor[] {
  return xs.map((x, i) => {
    const leaf = new Tensor(x.data, x.shape, x.strides, x.offset);
    leaf.requiresGrad = needs(x, i);
    return leaf;
  });
}

/**
 * value = f(...xs) (a tensor of one element) and grads[i] = ∂value/∂xs[i], dense and shaped
 * like xs[i] (zeros where value does not depend on xs[i]; int32 inputs get int32 zeros).
 * Records even inside `noGrad`. xs are not modified: f runs on fresh leaves over their data,
 * so xs[i].grad stays as it was. The returned value is detached from the tape.
 * Errors: xs not an array of Tensors; f not returning a one-element Tensor.
 */
export function valueAndGrads(
  f: (...xs: Tensor[]) => Tensor,
  xs: readonly Tensor[],
): { value: Tensor; grads: Tensor[] } {
  if (typeof f !== 'function') throw new TapegradError('valueAndGrads', 'f', 'a function of Tensors', describe(f));
  if (!Array.isArray(xs as unknown))
    throw new TapegradError('valueAndGrads', 'xs', 'an array of Tensors', describe(xs));
  xs.forEach((x, i) => checkTensor('valueAndGrads', `xs[${i}]`, x));
  const leaves = freshLeaves(xs, (x) => x.dtype !== 'int32');
  return withRecording(true, () => {
    const value = f(...leaves);
    if (!(value instanceof Tensor) || value.size !== 1) {
      throw new TapegradError(
        'valueAndGrads',
        'the result of f',
        'a Tensor of one element (a scalar loss)',
        value instanceof Tensor ? `shape ${shapeStr(value.shape)}` : describe(value),
      );
    }
    if (value.requiresGrad) backward(value);
    const grads = leaves.map((leaf) => {
      const g = leaf.grad;
      return g === null ? zeros(leaf.shape, leaf.dtype) : g instanceof RowSparse ? g.toDense() : g.contiguous();
    });
    return { value: detach(value), grads };
  });
}
