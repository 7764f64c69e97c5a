/** Argument checks shared by the ops: each throws a TapegradError naming op, argument, expected, actual. */
import { TapegradError } from '../../tensor/errors.js';
import { shapeStr } from '../../tensor/shape.js';
import { Tensor } from '../../tensor/tensor.js';

/** What a value is, for error messages: `float32 [2, 3]`, `a number`, `undefined`. */
export function describe(v: unknown): string {
  if (v instanceof Tensor) return `${v.dtype} ${shapeStr(v.shape)}`;
  if (Array.isArray(v)) return `an array of ${v.length}`;
  return v === null ? 'null' : typeof v === 'object' ? 'an object' : `${typeof v} ${String(v)}`;
}

/** x must be a Tensor. */
export function checkTensor(fn: string, arg: string, x: unknown): asserts x is Tensor {
  if (!(x instanceof Tensor)) throw new TapegradError(fn, arg, 'a Tensor', describe(x));
}

/** x must be a float32 or float64 Tensor. */
export function checkFloat(fn: string, arg: string, x: unknown): asserts x is Tensor {
  checkTensor(fn, arg, x);
  if (x.dtype === 'int32') throw new TapegradError(fn, arg, 'a float32 or float64 tensor', describe(x));
}

/** x must be an int32 Tensor. */
export function checkInt(fn: string, arg: string, x: unknown): asserts x is Tensor {
  checkTensor(fn, arg, x);
  if (x.dtype !== 'int32') throw new TapegradError(fn, arg, 'an int32 tensor', describe(x));
}

/** v must be an array of integers (a shape, begin or perm). */
export function checkIntList(fn: string, arg: string, v: unknown): asserts v is readonly number[] {
  if (!Array.isArray(v) || !v.every((d) => Number.isInteger(d))) {
    throw new TapegradError(fn, arg, 'an array of integers', Array.isArray(v) ? `[${v.join(', ')}]` : describe(v));
  }
}
