import { allocate, dtypeOf, type DType, type TypedArray } from './dtype.js';
import { fail } from './check.js';
import { TapegradError } from './errors.js';
import { defaultRng, makeRng, normal, type Seed } from './random.js';
import { checkShape, shapeStr, sizeOf } from './shape.js';
import { Tensor, type NestedArray } from './tensor.js';

const DTYPES: readonly DType[] = ['float32', 'float64', 'int32'];

function checkDtype(fn: string, dtype: string): asserts dtype is DType {
  if (!DTYPES.includes(dtype as DType)) {
    throw new TapegradError(fn, 'dtype', "'float32', 'float64' or 'int32'", JSON.stringify(dtype));
  }
}

function inferShape(v: NestedArray): number[] {
  const shape: number[] = [];
  let cur: NestedArray = v;
  while (Array.isArray(cur)) {
    shape.push(cur.length);
    cur = cur[0];
  }
  return shape;
}

function flatten(v: NestedArray, shape: number[], axis: number, out: number[]): void {
  if (axis === shape.length) {
    if (typeof v !== 'number')
      throw new TapegradError(
        'tensor',
        'values',
        'a rectangular nested array of numbers',
        'a ragged or non-numeric array',
      );
    out.push(v);
    return;
  }
  if (!Array.isArray(v) || v.length !== shape[axis]) {
    throw new TapegradError(
      'tensor',
      'values',
      `a rectangular nested array (axis ${axis} of length ${shape[axis]})`,
      'a ragged array',
    );
  }
  for (const x of v) flatten(x, shape, axis + 1, out);
}

/** Options of `tensor()`. */
export interface TensorOptions {
  /** Mark the result as a leaf whose gradient `backward()` accumulates into `.grad`. */
  requiresGrad?: boolean;
  /** A label shown by `toDot` and `renderGraphSvg` (default: none). */
  name?: string;
}

/**
 * A new contiguous tensor.
 *
 * `values`: a number, nested arrays of numbers, or a typed array (copied). `shape` defaults
 * to the nesting (or [n] for a typed array); given, it must hold the same number of elements.
 * `dtype` defaults to the typed array's, else 'float32'. Int32 values must be integers.
 * `options` (last, or in place of `shape`): `requiresGrad` (default false), `name` (a label
 * for `toDot`, default none).
 * Errors: ragged arrays, a shape that does not match, an unknown dtype, non-integer int32
 * values, a name that is not a string.
 */
export function tensor(
  values: NestedArray | TypedArray,
  shape?: readonly number[] | TensorOptions,
  dtype?: DType,
  options: TensorOptions = {},
): Tensor {
  if (shape !== undefined && !Array.isArray(shape)) return tensor(values, undefined, dtype, shape as TensorOptions);
  const givenShape = shape as readonly number[] | undefined;
  let flat: ArrayLike<number>;
  let inferred: number[];
  if (ArrayBuffer.isView(values)) {
    flat = values;
    inferred = [values.length];
    dtype ??= dtypeOf(values);
  } else {
    inferred = inferShape(values);
    const out: number[] = [];
    flatten(values, inferred, 0, out);
    flat = out;
  }
  const dt = dtype ?? 'float32';
  checkDtype('tensor', dt);
  if (options.name !== undefined && typeof options.name !== 'string')
    fail('tensor', 'options.name', 'a string', options.name);
  const finalShape = givenShape ? [...givenShape] : inferred;
  checkShape('tensor', 'shape', finalShape);
  if (sizeOf(finalShape) !== flat.length) {
    throw new TapegradError('tensor', 'shape', `a shape of ${flat.length} elements`, shapeStr(finalShape));
  }
  const data = allocate(dt, flat.length);
  for (let i = 0; i < flat.length; i++) {
    const v = flat[i];
    if (dt === 'int32' && !Number.isInteger(v)) {
      throw new TapegradError('tensor', `values[${i}]`, 'an integer for dtype int32', String(v));
    }
    data[i] = v;
  }
  const t = new Tensor(data, finalShape);
  t.requiresGrad = options.requiresGrad ?? false;
  if (options.name !== undefined) t.name = options.name;
  return t;
}

/** A tensor of `shape` with every element `value`. */
export function fill(shape: readonly number[], value: number, dtype: DType = 'float32'): Tensor {
  checkShape('fill', 'shape', shape);
  checkDtype('fill', dtype);
  const data = allocate(dtype, sizeOf(shape));
  data.fill(value);
  return new Tensor(data, [...shape]);
}

/** A tensor of zeros. */
export const zeros = (shape: readonly number[], dtype: DType = 'float32'): Tensor => fill(shape, 0, dtype);

/** A tensor of ones. */
export const ones = (shape: readonly number[], dtype: DType = 'float32'): Tensor => fill(shape, 1, dtype);

/** [start, start+step, ...) up to but excluding `stop`: shape [ceil((stop-start)/step)]. */
export function arange(start: number, stop: number, step = 1, dtype: DType = 'float32'): Tensor {
  if (step === 0 || !Number.isFinite(step))
    throw new TapegradError('arange', 'step', 'a finite non-zero number', String(step));
  const n = Math.max(0, Math.ceil((stop - start) / step));
  const data = allocate(dtype, n);
  for (let i = 0; i < n; i++) data[i] = start + i * step;
  return new Tensor(data, [n]);
}

/** Normal draws: mean + stdDev · N(0, 1), by Box–Muller from a seeded generator. */
export function randomNormal(
  shape: readonly number[],
  mean = 0,
  stdDev = 1,
  dtype: 'float32' | 'float64' = 'float32',
  seed?: Seed,
): Tensor {
  checkShape('randomNormal', 'shape', shape);
  const rng = makeRng(seed ?? defaultRng);
  const t = fill(shape, 0, dtype);
  for (let i = 0; i < t.data.length; i++) t.data[i] = mean + stdDev * normal(rng);
  return t;
}

/** Uniform draws in [minval, maxval) from a seeded generator. */
export function randomUniform(
  shape: readonly number[],
  minval = 0,
  maxval = 1,
  dtype: 'float32' | 'float64' = 'float32',
  seed?: Seed,
): Tensor {
  checkShape('randomUniform', 'shape', shape);
  const rng = makeRng(seed ?? defaultRng);
  const t = fill(shape, 0, dtype);
  for (let i = 0; i < t.data.length; i++) t.data[i] = minval + (maxval - minval) * rng();
  return t;
}

/** A contiguous copy of x with elements converted to `dtype` (int32 truncates toward zero). */
export function cast(x: Tensor, dtype: DType): Tensor {
  checkDtype('cast', dtype);
  const c = x.contiguous();
  const data = allocate(dtype, c.size);
  for (let i = 0; i < c.size; i++) data[i] = c.data[c.offset + i];
  return new Tensor(data, c.shape);
}
