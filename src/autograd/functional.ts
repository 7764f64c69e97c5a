/** The functional form of the tape: value and gradients of a scalar function. */
import { checkFunction, checkTensorList, fail } from '../tensor/check.js';
import { zeros } from '../tensor/create.js';
import { TapegradError } from '../tensor/errors.js';
import { shapeStr } from '../tensor/shape.js';
import { rowMajor, Tensor } from '../tensor/tensor.js';
import { backward, detach, withRecording } from './tape.js';

/** Fresh leaves over the same data as xs; leaf i requires a gradient iff `needs(xs[i], i)`. */
export function leavesOf(xs: readonly Tensor[], needs: (x: Tensor, i: number) => boolean): Tensor[] {
  return xs.map((x, i) => {
    const leaf = detach(x);
    leaf.requiresGrad = needs(x, i);
    return leaf;
  });
}

/**
 * value = f(...xs) (a tensor of one element) and grads[i] = ∂value/∂xs[i], dense and shaped
 * like xs[i] (zeros where value does not depend on xs[i]; int32 inputs get int32 zeros).
 * Records even inside `noGrad`. xs are not modified: f runs on fresh leaves over their data,
 * so xs[i].grad stays as it was. The returned value is detached from the tape.
 * Errors: f not a function; xs not an array of Tensors; f not returning a one-element Tensor.
 */
export function valueAndGrads(
  f: (...xs: Tensor[]) => Tensor,
  xs: readonly Tensor[],
): { value: Tensor; grads: Tensor[] } {
  checkFunction('valueAndGrads', 'f', f, 'a function of Tensors');
  checkTensorList('valueAndGrads', 'xs', xs);
  const leaves = leavesOf(xs, (x) => x.dtype !== 'int32');
  return withRecording(true, () => {
    const value = f(...leaves);
    const want = 'a Tensor of one element (a scalar loss)';
    if (!(value instanceof Tensor)) fail('valueAndGrads', 'the result of f', want, value);
    if (value.size !== 1)
      throw new TapegradError('valueAndGrads', 'the result of f', want, `shape ${shapeStr(value.shape)}`);
    if (value.requiresGrad) backward(value);
    const grads = leaves.map((leaf) => (leaf.grad ? rowMajor(leaf.grad.toDense()) : zeros(leaf.shape, leaf.dtype)));
    return { value: detach(value), grads };
  });
}
