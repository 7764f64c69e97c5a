/** Element types: 'float32' (default), 'float64' (gradient checking), 'int32' (ids). */
export type DType = 'float32' | 'float64' | 'int32';
export type TypedArray = Float32Array | Float64Array | Int32Array;
export type FloatArray = Float32Array | Float64Array;

/** A zero-filled typed array of `dtype` with `n` elements. */
export function allocate(dtype: DType, n: number): TypedArray {
  switch (dtype) {
    case 'float32':
      return new Float32Array(n);
    case 'float64':
      return new Float64Array(n);
    case 'int32':
      return new Int32Array(n);
  }
}

/** The dtype of a typed array. */
export function dtypeOf(a: TypedArray): DType {
  if (a instanceof Float32Array) return 'float32';
  if (a instanceof Float64Array) return 'float64';
  return 'int32';
}

/** The float dtype a result of float inputs gets: float64 if any is float64, else float32. */
export function floatResult(...dtypes: DType[]): 'float32' | 'float64' {
  return dtypes.includes('float64') ? 'float64' : 'float32';
}
