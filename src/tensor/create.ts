/** Tensors from values: tensor, fill (zeros, ones), arange, seeded random draws, oneHot. */
import {
  checkBoolean,
  checkDType,
  checkInteger,
  checkNumber,
  checkKeys,
  checkObject,
  checkSeed,
  checkShapeSize,
  checkSize,
  checkTensor,
  fail,
  INT32_MAX,
  INT32_MIN,
  MAX_ELEMENTS,
} from './check.js';
import { allocate, type DType, type FloatDType, type TypedArray } from './dtype.js';
import { TapegradError } from './errors.js';
import { defaultRng, makeRng, normal, type Rng, type Seed } from './random.js';
import { shapeStr, sizeOf, type Shape } from './shape.js';
import { rowMajor, Tensor, type NestedArray } from './tensor.js';

/** The nesting of `v`: [len, len of v[0], …] down to the first non-array. */
function inferShape(v: NestedArray): number[] {
  const shape: number[] = [];
  let cur: NestedArray = v;
  while (Array.isArray(cur)) {
    shape.push(cur.length);
    cur = cur[0];
  }
  return shape;
}

/** Appends the numbers of the rectangular nested array `v` (of `shape` from `axis` on) to `out`. */
function flatten(v: unknown, shape: number[], axis: number, out: number[]): void {
  if (axis === shape.length) {
    if (typeof v !== 'number') fail('tensor', 'values', 'a rectangular nested array of numbers', v);
    out.push(v as number);
    return;
  }
  if (!Array.isArray(v) || v.length !== shape[axis]) {
    fail('tensor', 'values', `a rectangular nested array (axis ${axis} of length ${shape[axis]})`, v);
  }
  for (const x of v as unknown[]) flatten(x, shape, axis + 1, out);
}

/** Options of `tensor()`. */
export interface TensorOptions {
  /** Mark the result as a leaf whose gradient `backward()` accumulates into `.grad` (float only). */
  requiresGrad?: boolean;
  /** A label shown by `toDot` and `renderGraphSvg` (default: none). */
  name?: string;
}

const isNumericArray = (v: unknown): v is TypedArray =>
  ArrayBuffer.isView(v) && !(v instanceof DataView) && !(v instanceof BigInt64Array || v instanceof BigUint64Array);

/** Int32 values must be integers in [−2³¹, 2³¹ − 1]; the first that is not is named (`arg[i]` for a list). */
function checkInt32Values(fn: string, arg: string, flat: ArrayLike<number> | number): void {
  const list = typeof flat === 'number' ? [flat] : flat;
  for (let i = 0; i < list.length; i++) {
    const v = list[i];
    if (!Number.isInteger(v) || v < INT32_MIN || v > INT32_MAX) {
      const at = typeof flat === 'number' ? arg : `${arg}[${i}]`;
      fail(fn, at, `an integer in [${INT32_MIN}, ${INT32_MAX}] for dtype int32`, v);
    }
  }
}

/**
 * A new contiguous tensor.
 *
 * `values`: a number, nested arrays of numbers, or a typed array (copied). `shape` defaults
 * to the nesting (or [n] for a typed array); given, it must hold the same number of elements.
 * `dtype` defaults to the typed array's, else 'float32'. `shape` may be left out and the
 * options given in its place: `tensor(v, { requiresGrad: true, name: 'W' })`. Options:
 * `requiresGrad` (default false), `name` (a label for `toDot`, default none).
 * Errors: ragged or non-numeric values, a shape that does not match, an unknown dtype, int32
 * values that are not integers in [−2³¹, 2³¹ − 1], requiresGrad on an int32 tensor, a name
 * that is not a string.
 */
export function tensor(
  values: NestedArray | TypedArray,
  shape?: readonly number[] | TensorOptions,
  dtype?: DType,
  options: TensorOptions = {},
): Tensor {
  if (shape !== undefined && !Array.isArray(shape)) {
    if (typeof shape !== 'object' || shape === null || ArrayBuffer.isView(shape)) {
      fail('tensor', 'shape', 'a list of non-negative integers (or the options, in its place)', shape);
    }
    return tensor(values, undefined, dtype, shape as TensorOptions);
  }
  const opts = checkObject('tensor', 'options', options);
  checkKeys('tensor', 'options', opts, ['requiresGrad', 'name']);
  const requiresGrad = checkBoolean('tensor', 'options.requiresGrad', opts.requiresGrad, false);
  let flat: ArrayLike<number>;
  let inferred: number[];
  if (isNumericArray(values)) {
    flat = values;
    inferred = [values.length];
    dtype ??= values instanceof Float64Array ? 'float64' : values instanceof Float32Array ? 'float32' : 'int32';
  } else {
    if (typeof values !== 'number' && !Array.isArray(values)) {
      fail('tensor', 'values', 'a number, nested arrays of numbers or a typed array', values);
    }
    inferred = inferShape(values);
    const out: number[] = [];
    flatten(values, inferred, 0, out);
    flat = out;
  }
  const dt = checkDType('tensor', 'dtype', dtype ?? 'float32');
  if (shape) checkShapeSize('tensor', 'shape', shape);
  const finalShape = shape ? [...shape] : inferred;
  if (opts.name !== undefined && typeof opts.name !== 'string') fail('tensor', 'options.name', 'a string', opts.name);
  if (sizeOf(finalShape) !== flat.length) {
    throw new TapegradError(
      'tensor',
      'shape',
      `a shape of ${flat.length} elements (as many as the values)`,
      shapeStr(finalShape),
    );
  }
  if (dt === 'int32') {
    checkInt32Values('tensor', 'values', flat);
    if (requiresGrad) fail('tensor', 'options.requiresGrad', 'false for an int32 tensor (ids have no gradient)', true);
  }
  const data = allocate(dt, flat.length);
  for (let i = 0; i < flat.length; i++) data[i] = flat[i];
  const t = new Tensor(data, finalShape);
  t.requiresGrad = requiresGrad;
  if (opts.name !== undefined) t.name = opts.name as string;
  return t;
}

/** `fill` under the name of the public function that called it. */
function filled(fn: string, shape: readonly number[], value: number, dtype: DType): Tensor {
  const n = checkShapeSize(fn, 'shape', shape);
  const dt = checkDType(fn, 'dtype', dtype);
  if (typeof value !== 'number') fail(fn, 'value', 'a number', value);
  if (dt === 'int32') checkInt32Values(fn, 'value', value);
  const data = allocate(dt, n);
  if (value !== 0) data.fill(value);
  return new Tensor(data, [...shape]);
}

/**
 * A tensor of `shape` with every element `value` (default dtype float32).
 * Errors: a shape that is not a list of non-negative integers or holds more than 2³¹ − 1
 * elements; an unknown dtype; a value that is not a number (an int32 value not an int32).
 */
export const fill = (shape: readonly number[], value: number, dtype: DType = 'float32'): Tensor =>
  filled('fill', shape, value, dtype);

/** A tensor of zeros (errors as `fill`). */
export const zeros = (shape: readonly number[], dtype: DType = 'float32'): Tensor => filled('zeros', shape, 0, dtype);

/** A tensor of ones (errors as `fill`). */
export const ones = (shape: readonly number[], dtype: DType = 'float32'): Tensor => filled('ones', shape, 1, dtype);

/**
 * [start, start + step, …) up to but excluding `stop`: shape [max(0, ⌈(stop − start)/step⌉)].
 * Errors: start or stop not finite; step not finite or 0; more than 2³¹ − 1 elements; for
 * int32, a start or step that is not an integer.
 */
export function arange(start: number, stop: number, step = 1, dtype: DType = 'float32'): Tensor {
  checkNumber('arange', 'start', start);
  checkNumber('arange', 'stop', stop);
  checkNumber('arange', 'step', step);
  if (step === 0) fail('arange', 'step', 'a finite non-zero number', step);
  const dt = checkDType('arange', 'dtype', dtype);
  if (dt === 'int32') {
    checkInteger('arange', 'start', start, INT32_MIN, INT32_MAX);
    checkInteger('arange', 'step', step, INT32_MIN, INT32_MAX);
  }
  const n = Math.max(0, Math.ceil((stop - start) / step));
  if (n > MAX_ELEMENTS) {
    throw new TapegradError('arange', 'stop', `within ${MAX_ELEMENTS} steps of start`, `${n} steps`);
  }
  const last = start + (n - 1) * step;
  if (dt === 'int32' && n > 0 && (last < INT32_MIN || last > INT32_MAX)) {
    const why = `such that every value lies in [${INT32_MIN}, ${INT32_MAX}] for dtype int32`;
    throw new TapegradError('arange', 'stop', why, `${stop} (last value ${last})`);
  }
  const data = allocate(dt, n);
  for (let i = 0; i < n; i++) data[i] = start + i * step;
  return new Tensor(data, [n]);
}

/** A float tensor of `shape` filled with `draw(rng)`, element by element in row-major order. */
function randomTensor(
  fn: string,
  shape: readonly number[],
  dtype: unknown,
  seed: unknown,
  draw: (r: Rng) => number,
): Tensor {
  const n = checkShapeSize(fn, 'shape', shape);
  const dt = checkDType(fn, 'dtype', dtype, ['float32', 'float64']);
  checkSeed(fn, 'seed', seed, true);
  const rng = makeRng((seed as Seed | undefined) ?? defaultRng);
  const data = allocate(dt, n);
  for (let i = 0; i < n; i++) data[i] = draw(rng);
  return new Tensor(data, [...shape]);
}

/**
 * Normal draws: mean + stdDev · N(0, 1), by Box–Muller from a seeded generator (default: the
 * library's default stream). Errors: a bad shape; mean not finite; stdDev not finite and ≥ 0;
 * dtype not float; a seed that is not a number, string or generator.
 */
export function randomNormal(shape: Shape, mean = 0, stdDev = 1, dtype: FloatDType = 'float32', seed?: Seed) {
  checkNumber('randomNormal', 'mean', mean);
  checkNumber('randomNormal', 'stdDev', stdDev, { min: 0 });
  return randomTensor('randomNormal', shape, dtype, seed, (rng) => mean + stdDev * normal(rng));
}

/**
 * Uniform draws in [minval, maxval) from a seeded generator (errors as `randomNormal`; also
 * minval and maxval finite with minval ≤ maxval).
 */
export function randomUniform(shape: Shape, minval = 0, maxval = 1, dtype: FloatDType = 'float32', seed?: Seed) {
  checkNumber('randomUniform', 'minval', minval);
  checkNumber('randomUniform', 'maxval', maxval, { min: minval });
  return randomTensor('randomUniform', shape, dtype, seed, (rng) => minval + (maxval - minval) * rng());
}

/**
 * A contiguous copy of x with its values converted to `dtype` (int32 truncates toward zero).
 * Storage only, no gradient: the public `cast` (src/autograd) records on the tape.
 */
export function castValues(x: Tensor, dtype: DType): Tensor {
  const c = rowMajor(x);
  const data = allocate(dtype, c.size);
  for (let i = 0; i < c.size; i++) data[i] = c.data[c.offset + i];
  return new Tensor(data, c.shape);
}

/**
 * out[..., j] = onValue if indices[...] = j else offValue: shape [...indices.shape, depth].
 * Indices outside [0, depth) give a row of offValue (as in TensorFlow). No gradient.
 * Errors: indices not int32; depth not a non-negative integer; more than 2³¹ − 1 elements;
 * onValue or offValue not numbers; dtype not float.
 */
export function oneHot(
  indices: Tensor,
  depth: number,
  onValue = 1,
  offValue = 0,
  dtype: 'float32' | 'float64' = 'float32',
): Tensor {
  checkTensor('oneHot', 'indices', indices, { dtype: 'int32' });
  checkInteger('oneHot', 'depth', depth, 0);
  if (typeof onValue !== 'number') fail('oneHot', 'onValue', 'a number', onValue);
  if (typeof offValue !== 'number') fail('oneHot', 'offValue', 'a number', offValue);
  const dt = checkDType('oneHot', 'dtype', dtype, ['float32', 'float64']);
  const shape = [...indices.shape, depth];
  checkSize('oneHot', 'depth', shape);
  const ids = indices.dataSync();
  const out = allocate(dt, ids.length * depth).fill(offValue);
  ids.forEach((id, i) => {
    if (id >= 0 && id < depth) out[i * depth + id] = onValue;
  });
  return new Tensor(out, shape);
}
