/**
 * The broadcasting arithmetic ops (add, sub, mul, div, biasAdd) and negation. Shapes
 * broadcast as in NumPy; each gradient is summed back over its input's broadcast axes.
 */
import { checkTensor, fail } from '../../tensor/check.js';
import { fill } from '../../tensor/create.js';
import { arith, mapUnary, sumToShape } from '../../tensor/elementwise.js';
import { TapegradError } from '../../tensor/errors.js';
import { Tensor } from '../../tensor/tensor.js';
import { defineOp } from '../tape.js';

/** An operand of a broadcasting op: a Tensor, or a number (a scalar of the other operand's float dtype). */
export type Operand = Tensor | number;

/** `v` as a tensor: a number becomes a scalar of `other`'s float dtype. Errors: v neither a Tensor nor a number. */
export function toOperand(fn: string, arg: string, v: unknown, other: unknown): Tensor {
  if (v instanceof Tensor) return v;
  if (typeof v !== 'number') fail(fn, arg, 'a Tensor or a number', v);
  return fill([], v as number, other instanceof Tensor && other.dtype === 'float64' ? 'float64' : 'float32');
}

/** The gradient g of a broadcast result, summed back over x's broadcast axes, in x's dtype. */
export const unbroadcast = (g: Tensor, x: Tensor): Tensor => sumToShape(g, x.shape, x.dtype);

/**
 * a + b.  ∂a = g, ∂b = g. Float result (float64 if either is). Errors: an operand neither a
 * Tensor nor a number; shapes that do not broadcast (or broadcast to more than 2³¹ − 1 elements).
 */
export function add(a: Operand, b: Operand): Tensor {
  const x = toOperand('add', 'a', a, b),
    y = toOperand('add', 'b', b, a);
  return defineOp('add', [x, y], () => ({
    out: arith('add', x, y),
    backward: (g, [nx, ny]) => [nx ? unbroadcast(g, x) : null, ny ? unbroadcast(g, y) : null],
  }));
}

/** a − b.  ∂a = g, ∂b = −g. Errors as `add`. */
export function sub(a: Operand, b: Operand): Tensor {
  const x = toOperand('sub', 'a', a, b),
    y = toOperand('sub', 'b', b, a);
  return defineOp('sub', [x, y], () => ({
    out: arith('sub', x, y),
    backward: (g, [nx, ny]) => [nx ? unbroadcast(g, x) : null, ny ? unbroadcast(neg(g), y) : null],
  }));
}

/** a · b elementwise.  ∂a = g·b, ∂b = g·a. Errors as `add`. */
export function mul(a: Operand, b: Operand): Tensor {
  const x = toOperand('mul', 'a', a, b),
    y = toOperand('mul', 'b', b, a);
  return defineOp('mul', [x, y], () => ({
    out: arith('mul', x, y),
    backward: (g, [nx, ny]) => [nx ? unbroadcast(mul(g, y), x) : null, ny ? unbroadcast(mul(g, x), y) : null],
  }));
}

/** a / b elementwise.  ∂a = g/b, ∂b = −g·a/b² = −g·out/b. Errors as `add`. */
export function div(a: Operand, b: Operand): Tensor {
  const x = toOperand('div', 'a', a, b),
    y = toOperand('div', 'b', b, a);
  return defineOp('div', [x, y], () => {
    const out = arith('div', x, y);
    return {
      out,
      backward: (g, [nx, ny]) => [
        nx ? unbroadcast(div(g, y), x) : null,
        ny ? unbroadcast(neg(div(mul(g, out), y)), y) : null,
      ],
    };
  });
}

/** −x.  ∂x = −g. Errors: x not a Tensor. */
export function neg(x: Tensor): Tensor {
  checkTensor('neg', 'x', x);
  return defineOp('neg', [x], () => ({ out: mapUnary(x, (v) => -v), backward: (g) => [neg(g)] }));
}

/**
 * x + bias on the last axis: x [..., n], bias [n] (TensorFlow's bias_add).  ∂x = g,
 * ∂bias = Σ of g over all but the last axis. Errors: x or bias not a float tensor; bias not
 * of rank 1, or its length not x's last dimension.
 */
export function biasAdd(x: Tensor, bias: Tensor): Tensor {
  checkTensor('biasAdd', 'x', x, { dtype: 'float', minRank: 1 });
  checkTensor('biasAdd', 'bias', bias, { dtype: 'float' });
  const n = x.shape[x.rank - 1];
  if (bias.rank !== 1 || bias.shape[0] !== n) {
    throw new TapegradError(
      'biasAdd',
      'bias',
      `of shape [x's last dimension] = [${n}]`,
      `${bias.dtype} [${bias.shape.join(', ')}]`,
    );
  }
  return defineOp('biasAdd', [x, bias], () => ({
    out: arith('add', x, bias, 'biasAdd'),
    backward: (g, [nx, nb]) => [nx ? unbroadcast(g, x) : null, nb ? unbroadcast(g, bias) : null],
  }));
}
