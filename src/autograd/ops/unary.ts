/**
 * Elementwise unary ops y = f(x), with ∂L/∂x = g · f'(x) where g = ∂L/∂y. Any shape; x must
 * be float32 or float64 (TapegradError otherwise) and y has x's shape and dtype. Values are
 * computed in double precision and stored in x's dtype.
 */
import { checkTensor } from '../../tensor/check.js';
import { mapTernary, mapUnary, sigmoidScalar } from '../../tensor/elementwise.js';
import type { Tensor } from '../../tensor/tensor.js';
import { defineOp } from '../tape.js';

/** One unary op: forward `f`, and `grad(g, x, y)` = g · f'(x) given input x and output y. */
function unary(
  name: string,
  x: Tensor,
  f: (x: number) => number,
  grad: (g: number, x: number, y: number) => number,
): Tensor {
  checkTensor(name, 'x', x, { dtype: 'float' });
  return defineOp(name, [x], () => {
    const y = mapUnary(x, f);
    return { out: y, backward: (g) => [mapTernary(g, x, y, grad, name, x.dtype)] };
  });
}

/** y = eˣ.  ∂x = g · y. */
export const exp = (x: Tensor): Tensor => unary('exp', x, Math.exp, (g, _x, y) => g * y);

/** y = ln x (NaN below 0, −∞ at 0).  ∂x = g / x. */
export const log = (x: Tensor): Tensor => unary('log', x, Math.log, (g, x) => g / x);

/** y = ln(1 + x), accurate for small |x|.  ∂x = g / (1 + x). */
export const log1p = (x: Tensor): Tensor => unary('log1p', x, Math.log1p, (g, x) => g / (1 + x));

/** y = |x|.  ∂x = g · sign(x), with sign(0) = 0 (TensorFlow's choice). */
export const abs = (x: Tensor): Tensor => unary('abs', x, Math.abs, (g, x) => (x > 0 ? g : x < 0 ? -g : 0));

/** y = x².  ∂x = 2x · g. */
export const square = (x: Tensor): Tensor =>
  unary(
    'square',
    x,
    (v) => v * v,
    (g, x) => 2 * x * g,
  );

/** y = √x.  ∂x = g / (2y) (∞ at 0, as in TensorFlow). */
export const sqrt = (x: Tensor): Tensor => unary('sqrt', x, Math.sqrt, (g, _x, y) => g / (2 * y));

/** y = max(x, 0).  ∂x = g where x > 0, else 0. */
export const relu = (x: Tensor): Tensor =>
  unary(
    'relu',
    x,
    (v) => Math.max(v, 0),
    (g, x) => (x > 0 ? g : 0),
  );

/**
 * y = σ(x) = 1 / (1 + e⁻ˣ), evaluated as 1/(1 + e⁻ˣ) for x ≥ 0 and eˣ/(1 + eˣ) below, so
 * exp never overflows: σ(1e4) = 1, σ(−1e4) = 0 exactly.
 * ∂x = g · σ(x) · σ(−x) (= σ(1 − σ), but without the cancellation of 1 − σ for large x).
 */
export const sigmoid = (x: Tensor): Tensor =>
  unary('sigmoid', x, sigmoidScalar, (g, x) => g * sigmoidScalar(x) * sigmoidScalar(-x));

/** y = tanh x.  ∂x = g · (1 − y²). */
export const tanh = (x: Tensor): Tensor => unary('tanh', x, Math.tanh, (g, _x, y) => g * (1 - y * y));

/** softplus(v) = ln(1 + eᵛ) = max(v, 0) + ln(1 + e^−|v|): never overflows. */
const softplusScalar = (v: number): number => Math.max(v, 0) + Math.log1p(Math.exp(-Math.abs(v)));

/** y = ln(1 + eˣ), computed as max(x, 0) + log1p(e^−|x|) (finite and exact at ±1e4).  ∂x = g · σ(x). */
export const softplus = (x: Tensor): Tensor => unary('softplus', x, softplusScalar, (g, x) => g * sigmoidScalar(x));
