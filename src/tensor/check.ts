/**
 * The validation vocabulary: small named checks that every public function runs once, at
 * its entry, before it allocates, draws or changes state. Each throws a `TapegradError`
 * naming the function, the argument, what was expected and what came (`describe`d the one
 * way). Internal kernels trust what these checks let through.
 */
import { TapegradError } from './errors.js';
import { MAX_ELEMENTS, sameShape, shapeStr, sizeOf } from './shape.js';
import { Tensor } from './tensor.js';
import type { DType } from './dtype.js';

export { MAX_ELEMENTS };

/** Int32 ids and values lie in [−2³¹, 2³¹ − 1]. */
export const INT32_MIN = -(2 ** 31);
export const INT32_MAX = 2 ** 31 - 1;

/** A value as a message shows it: `float32 [2, 3]` for a tensor, JSON-like for the rest. */
export function describe(v: unknown): string {
  if (v instanceof Tensor) return `${v.dtype} ${shapeStr(v.shape)}`;
  if (v === undefined) return 'undefined';
  if (v === null) return 'null';
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  if (typeof v === 'function') return 'a function';
  if (Array.isArray(v)) return v.length <= 8 ? `an array [${v.map(describe).join(', ')}]` : `an array of ${v.length}`;
  if (ArrayBuffer.isView(v)) return `a ${v.constructor.name} of ${(v as unknown as ArrayLike<number>).length}`;
  const name = (v as object).constructor?.name;
  return name && name !== 'Object' ? `a ${name}` : 'an object';
}

/** Throws the one error, with the value described. */
export function fail(fn: string, arg: string, expected: string, actual: unknown): never {
  throw new TapegradError(fn, arg, expected, describe(actual));
}

/** What a tensor argument must be (each field optional). */
export interface TensorSpec {
  /** One dtype, or a list of allowed ones; `'float'` means float32 or float64. */
  dtype?: DType | 'float' | readonly DType[];
  rank?: number;
  /** The least rank. */
  minRank?: number;
  /** The exact shape (rank implied). */
  shape?: readonly number[];
}

const dtypeOk = (d: DType, want: TensorSpec['dtype']): boolean =>
  want === undefined || (want === 'float' ? d !== 'int32' : Array.isArray(want) ? want.includes(d) : d === want);

const dtypeWord = (want: TensorSpec['dtype']): string =>
  want === undefined
    ? ''
    : want === 'float'
      ? 'float32 or float64 '
      : Array.isArray(want)
        ? `${want.join(' or ')} `
        : `${want} `;

/**
 * `v` is a Tensor matching `spec`, else a TapegradError such as
 * `labels must be an int32 tensor of shape [4, 1], got float32 [4]`.
 */
export function checkTensor(fn: string, arg: string, v: unknown, spec: TensorSpec = {}): Tensor {
  const { shape, rank, minRank } = spec;
  const ok =
    v instanceof Tensor &&
    dtypeOk(v.dtype, spec.dtype) &&
    (rank === undefined || v.rank === rank) &&
    (minRank === undefined || v.rank >= minRank) &&
    (shape === undefined || sameShape(v.shape, shape));
  if (!ok) {
    const what = `${dtypeWord(spec.dtype)}tensor`;
    const article = /^[aeio]/.test(what) ? 'an' : 'a';
    const of =
      shape !== undefined
        ? ` of shape ${shapeStr(shape)}`
        : rank !== undefined
          ? ` of rank ${rank}`
          : minRank !== undefined
            ? ` of rank ≥ ${minRank}`
            : '';
    fail(fn, arg, `${article} ${what}${of}`, v);
  }
  return v as Tensor;
}

/** An integer in [min, max] (a JavaScript number, not NaN, not a fraction). */
export function checkInteger(fn: string, arg: string, v: unknown, min: number, max = Number.MAX_SAFE_INTEGER): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `≥ ${min}` : `in [${min}, ${max}]`;
    fail(fn, arg, `an integer ${range}`, v);
  }
  return v;
}

/** A finite number in [min, max] (bounds inclusive unless `open` names them). */
export function checkNumber(
  fn: string,
  arg: string,
  v: unknown,
  {
    min = -Infinity,
    max = Infinity,
    open = '',
  }: { min?: number; max?: number; open?: '' | 'min' | 'max' | 'both' } = {},
): number {
  const lowOk = (x: number) => (open === 'min' || open === 'both' ? x > min : x >= min);
  const highOk = (x: number) => (open === 'max' || open === 'both' ? x < max : x <= max);
  if (typeof v !== 'number' || !Number.isFinite(v) || !lowOk(v) || !highOk(v)) {
    const lo = min === -Infinity ? '(−∞' : `${open === 'min' || open === 'both' ? '(' : '['}${min}`;
    const hi = max === Infinity ? '∞)' : `${max}${open === 'max' || open === 'both' ? ')' : ']'}`;
    fail(fn, arg, min === -Infinity && max === Infinity ? 'a finite number' : `a finite number in ${lo}, ${hi}`, v);
  }
  return v;
}

/** A boolean (not a string such as 'false'), or `dflt` when absent. */
export function checkBoolean(fn: string, arg: string, v: unknown, dflt?: boolean): boolean {
  if (v === undefined && dflt !== undefined) return dflt;
  if (typeof v !== 'boolean') fail(fn, arg, 'true or false', v);
  return v;
}

/** One of `choices` (compared with ===), or `dflt` when absent. */
export function checkChoice<T extends string>(fn: string, arg: string, v: unknown, choices: readonly T[], dflt?: T): T {
  if (v === undefined && dflt !== undefined) return dflt;
  if (!choices.includes(v as T)) fail(fn, arg, `one of ${choices.map((c) => `'${c}'`).join(', ')}`, v);
  return v as T;
}

/** An options object: not null, not an array, not a tensor. */
export function checkObject(fn: string, arg: string, v: unknown): Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v) || v instanceof Tensor || ArrayBuffer.isView(v)) {
    fail(fn, arg, 'an object', v);
  }
  return v as Record<string, unknown>;
}

/**
 * A shape: a list of non-negative integers whose product fits one typed array
 * (≤ MAX_ELEMENTS). Checked before anything is allocated. Returns the element count.
 */
export function checkShapeSize(fn: string, arg: string, shape: unknown): number {
  if (!Array.isArray(shape) || !shape.every((d) => typeof d === 'number' && Number.isInteger(d) && d >= 0)) {
    fail(fn, arg, 'a list of non-negative integers', shape);
  }
  return checkSize(fn, arg, shape as number[], `a shape of at most ${MAX_ELEMENTS} elements in all`);
}

/**
 * The element count of a shape already known to be a list of non-negative integers (e.g. the
 * result of broadcasting, or of an op's shape rule), refused when it exceeds MAX_ELEMENTS.
 */
export function checkSize(
  fn: string,
  arg: string,
  shape: readonly number[],
  expected = `such that the result holds at most ${MAX_ELEMENTS} elements`,
): number {
  const n = sizeOf(shape);
  if (n > MAX_ELEMENTS) {
    throw new TapegradError(fn, arg, expected, `${shapeStr(shape)} (${n} elements)`);
  }
  return n;
}

/**
 * A seed: a finite number, a string, or a generator function (see makeRng); `undefined` passes
 * when `optional`. NaN and ±Infinity are refused: they mostly come from a failed parse.
 */
export function checkSeed(fn: string, arg: string, v: unknown, optional = false): void {
  if (optional && v === undefined) return;
  const ok = typeof v === 'number' ? Number.isFinite(v) : typeof v === 'string' || typeof v === 'function';
  if (!ok) fail(fn, arg, 'a finite number, a string or a generator function', v);
}

/** The dtypes a tensor may have. */
const DTYPES: readonly DType[] = ['float32', 'float64', 'int32'];

/** A dtype name among `allowed` (default all three), or `dflt` when absent. */
export function checkDType<T extends DType>(
  fn: string,
  arg: string,
  v: unknown,
  allowed: readonly T[] = DTYPES as readonly T[],
  dflt?: T,
): T {
  return checkChoice(fn, arg, v, allowed, dflt);
}

/** A list of integers (an axis list, begin, size or perm; ranges are the caller's). */
export function checkIntegerList(fn: string, arg: string, v: unknown): readonly number[] {
  if (!Array.isArray(v) || !v.every((d) => typeof d === 'number' && Number.isInteger(d))) {
    fail(fn, arg, 'a list of integers', v);
  }
  return v as number[];
}

/** A function (a callback such as the f of gradcheck). */
export function checkFunction<F>(fn: string, arg: string, v: unknown, what = 'a function'): F {
  if (typeof v !== 'function') fail(fn, arg, what, v);
  return v as F;
}

/** An array of Tensors (each checked against `spec`), its elements named `arg[i]`. */
export function checkTensorList(fn: string, arg: string, v: unknown, spec: TensorSpec = {}): Tensor[] {
  if (!Array.isArray(v)) fail(fn, arg, 'an array of Tensors', v);
  return (v as unknown[]).map((x, i) => checkTensor(fn, `${arg}[${i}]`, x, spec));
}

/**
 * An options object has no key outside `known`: a misspelt or misplaced option (`{ dtype }`
 * given to a function that takes the dtype as an argument, `beta1` given to SGD) is refused,
 * not ignored. The error names `arg.key`.
 */
export function checkKeys(fn: string, arg: string, o: Record<string, unknown>, known: readonly string[]): void {
  for (const k of Object.keys(o)) {
    if (!known.includes(k)) fail(fn, `${arg}.${k}`, `absent (the known options are ${known.join(', ')})`, o[k]);
  }
}
