/**
 * The validation vocabulary: small named checks that every public function runs once, at
 * its entry, before it allocates, draws or changes state. Each throws a `TapegradError`
 * naming the function, the argument, what was expected and what came (`describe`d the one
 * way). Internal kernels trust what these checks let through.
 */
import { TapegradError } from './errors.js';
import { shapeStr } from './shape.js';
import { Tensor } from './tensor.js';
import type { DType } from './dtype.js';

/**
 * The most elements one tensor may hold: what a typed array can be given on every engine
 * (2³¹ − 1 is V8's bound for a Float32Array on 64-bit; Float64Array holds the same count).
 */
export const MAX_ELEMENTS = 2 ** 31 - 1;

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
  /** The exact shape (rank implied). */
  shape?: readonly number[];
}

const dtypeOk = (d: DType, want: TensorSpec['dtype']): boolean =>
  want === undefined || (want === 'float' ? d !== 'int32' : Array.isArray(want) ? want.includes(d) : d === want);

const dtypeWord = (want: TensorSpec['dtype']): string =>
  want === undefined ? '' : want === 'float' ? 'float ' : Array.isArray(want) ? `${want.join(' or ')} ` : `${want} `;

/**
 * `v` is a Tensor matching `spec`, else a TapegradError such as
 * `labels must be an int32 tensor of shape [4, 1], got float32 [4]`.
 */
export function checkTensor(fn: string, arg: string, v: unknown, spec: TensorSpec = {}): Tensor {
  const { shape, rank } = spec;
  const ok =
    v instanceof Tensor &&
    dtypeOk(v.dtype, spec.dtype) &&
    (rank === undefined || v.rank === rank) &&
    (shape === undefined || shapeStr(v.shape) === shapeStr(shape));
  if (!ok) {
    const what = `${dtypeWord(spec.dtype)}tensor`;
    const article = /^[aeio]/.test(what) ? 'an' : 'a';
    const of = shape !== undefined ? ` of shape ${shapeStr(shape)}` : rank !== undefined ? ` of rank ${rank}` : '';
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
  let n = 1;
  for (const d of shape as number[]) n *= d;
  if (n > MAX_ELEMENTS) {
    throw new TapegradError(
      fn,
      arg,
      `at most ${MAX_ELEMENTS} elements in all`,
      `${shapeStr(shape as number[])} (${n})`,
    );
  }
  return n;
}
