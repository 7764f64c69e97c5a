import { TapegradError } from './errors.js';

/** Element types: 'float32' (default), 'float64' (gradient checking), 'int32' (ids). */
export type DType = 'float32' | 'float64' | 'int32';
/** The storage of a tensor, one array type per DType. */
export type TypedArray = Float32Array | Float64Array | Int32Array;
export type FloatArray = Float32Array | Float64Array;
export type FloatDType = 'float32' | 'float64';

/**
 * A zero-filled typed array of `dtype` with `n` elements. Public functions check sizes
 * against MAX_ELEMENTS first; an engine that still cannot allocate (out of memory) gets a
 * TapegradError, not a RangeError.
 */
export function allocate(dtype: DType, n: number): TypedArray {
  try {
    return dtype === 'float32' ? new Float32Array(n) : dtype === 'float64' ? new Float64Array(n) : new Int32Array(n);
  } catch (e) {
    if (!(e instanceof RangeError)) throw e;
    throw new TapegradError('allocate', 'size', 'what this engine can allocate', `${n} ${dtype} elements`);
  }
}

/** The dtype of a typed array. Errors: `a` not a Float32Array, Float64Array or Int32Array. */
export function dtypeOf(a: TypedArray): DType {
  if (a instanceof Float32Array) return 'float32';
  if (a instanceof Float64Array) return 'float64';
  if (a instanceof Int32Array) return 'int32';
  const v: unknown = a;
  const got = ArrayBuffer.isView(v) ? `a ${v.constructor.name}` : Array.isArray(v) ? 'an array' : typeof v;
  throw new TapegradError('Tensor', 'data', 'a Float32Array, a Float64Array or an Int32Array', got);
}

/** The float dtype a result of float inputs gets: float64 if any is float64, else float32. */
export function floatResult(...dtypes: DType[]): 'float32' | 'float64' {
  return dtypes.includes('float64') ? 'float64' : 'float32';
}
