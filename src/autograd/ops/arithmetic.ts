/** The four broadcasting arithmetic ops and negation. Shapes broadcast as in NumPy. */
import { arith, mapUnary, sumToShape } from '../../tensor/elementwise.js';
import { fill } from '../../tensor/create.js';
import { Tensor } from '../../tensor/tensor.js';
import { defineOp } from '../tape.js';

/** A number becomes a scalar tensor of the other operand's float dtype. */
export type Operand = Tensor | number;
const asTensor = (v: Operand, like: Operand): Tensor =>
  v instanceof Tensor ? v : fill([], v, like instanceof Tensor && like.dtype === 'float64' ? 'float64' : 'float32');

/** a + b.  ∂/∂a = g, ∂/∂b = g (each summed back over its broadcast axes). */
export function add(a: Operand, b: Operand): Tensor {
  const x = asTensor(a, b),
    y = asTensor(b, a);
  return defineOp('add', [x, y], () => ({
    out: arith('add', x, y),
    backward: (g, [nx, ny]) => [nx && sumToShape(g, x.shape, x.dtype), ny && sumToShape(g, y.shape, y.dtype)],
  }));
}

/** a − b.  ∂/∂a = g, ∂/∂b = −g. */
export function sub(a: Operand, b: Operand): Tensor {
  const x = asTensor(a, b),
    y = asTensor(b, a);
  return defineOp('sub', [x, y], () => ({
    out: arith('sub', x, y),
    backward: (g, [nx, ny]) => [nx && sumToShape(g, x.shape, x.dtype), ny && sumToShape(neg(g), y.shape, y.dtype)],
  }));
}

/** a · b elementwise.  ∂/∂a = g·b, ∂/∂b = g·a. */
export function mul(a: Operand, b: Operand): Tensor {
  const x = asTensor(a, b),
    y = asTensor(b, a);
  return defineOp('mul', [x, y], () => ({
    out: arith('mul', x, y),
    backward: (g, [nx, ny]) => [
      nx && sumToShape(mul(g, y), x.shape, x.dtype),
      ny && sumToShape(mul(g, x), y.shape, y.dtype),
    ],
  }));
}

/** a / b elementwise.  ∂/∂a = g/b, ∂/∂b = −g·a/b². */
export function div(a: Operand, b: Operand): Tensor {
  const x = asTensor(a, b),
    y = asTensor(b, a);
  return defineOp('div', [x, y], () => {
    const out = arith('div', x, y);
    return {
      out,
      backward: (g, [nx, ny]) => [
        nx && sumToShape(div(g, y), x.shape, x.dtype),
        ny && sumToShape(neg(div(mul(g, out), y)), y.shape, y.dtype),
      ],
    };
  });
}

/** −x.  ∂/∂x = −g. */
export function neg(x: Tensor): Tensor {
  return defineOp('neg', [x], () => ({ out: mapUnary(x, (v) => -v), backward: (g) => [neg(g)] }));
}
