/**
 * Input checks shared by the candidate samplers (SPEC-sampled-losses.md §6). Each raises a
 * TapegradError naming the argument, the expected and the actual, and runs before anything
 * is allocated or drawn.
 */
import { TapegradError } from '../../tensor/errors.js';
import type { Seed } from '../../tensor/random.js';
import { shapeStr } from '../../tensor/shape.js';
import { Tensor } from '../../tensor/tensor.js';

/** Ids are int32, so R ≤ 2^31 (the largest id is 2^31 − 1). */
export const MAX_RANGE = 2 ** 31;

/** What one call of a sampler draws (TensorFlow's argument names). */
export interface SampleOptions {
  /** int32 [B, T]: the target classes, every value an integer in [0, R). */
  trueClasses: Tensor;
  /** T, the columns of `trueClasses` (≥ 1). */
  numTrue: number;
  /** S ≥ 1, the number of candidates to draw. */
  numSampled: number;
  /** Draw S distinct ids by rejection (then S ≤ R). */
  unique: boolean;
}

/** Validated sample options: the true ids row-major, with B, T, S. */
export interface CheckedSample {
  trueIds: Int32Array;
  B: number;
  T: number;
  S: number;
  unique: boolean;
}

const describe = (v: unknown): string =>
  v instanceof Tensor ? `${v.dtype} ${shapeStr(v.shape)}` : typeof v === 'string' ? JSON.stringify(v) : String(v);

/** An integer in [min, max]. */
export function checkInt(fn: string, arg: string, v: unknown, min: number, max = Number.MAX_SAFE_INTEGER): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `≥ ${min}` : `in [${min}, ${max}]`;
    throw new TapegradError(fn, arg, `an integer ${range}`, describe(v));
  }
  return v;
}

/** R: an integer in [1, 2^31]. Checked before any table is allocated. */
export const checkRangeMax = (fn: string, rangeMax: unknown): number =>
  checkInt(fn, 'rangeMax', rangeMax, 1, MAX_RANGE);

/** A seed is absent, a number, a string or a generator function. */
export function checkSeed(fn: string, seed: unknown): asserts seed is Seed | undefined {
  const t = typeof seed;
  if (seed !== undefined && t !== 'number' && t !== 'string' && t !== 'function') {
    throw new TapegradError(fn, 'seed', 'a number, a string or an Rng', describe(seed));
  }
}

/** An options object (not null, not an array). */
export function checkOptions(fn: string, o: unknown): void {
  if (typeof o !== 'object' || o === null || Array.isArray(o)) {
    throw new TapegradError(fn, 'options', 'an object', describe(o));
  }
}

/**
 * The ids of an integer tensor of `rank`, row-major, each an integer in [0, bound).
 * Float tensors holding integers are accepted; NaN and fractions are not.
 */
export function readIds(fn: string, arg: string, t: unknown, rank: number, bound: number): Int32Array {
  if (!(t instanceof Tensor) || t.rank !== rank) {
    throw new TapegradError(fn, arg, `a Tensor of rank ${rank}`, describe(t));
  }
  const flat = t.dataSync();
  const ids = new Int32Array(flat.length);
  for (let i = 0; i < flat.length; i++) {
    const v = flat[i];
    if (!Number.isInteger(v) || v < 0 || v >= bound) {
      throw new TapegradError(fn, `${arg} (element ${i})`, `an integer in [0, ${bound})`, String(v));
    }
    ids[i] = v;
  }
  return ids;
}

/** Validates one call's options against R (SPEC §6): shapes, ids, S, T, unique. */
export function checkSample(fn: string, o: SampleOptions, R: number): CheckedSample {
  checkOptions(fn, o);
  const T = checkInt(fn, 'numTrue', o.numTrue, 1);
  const S = checkInt(fn, 'numSampled', o.numSampled, 1, MAX_RANGE);
  if (typeof o.unique !== 'boolean') throw new TapegradError(fn, 'unique', 'a boolean', describe(o.unique));
  if (o.unique && S > R) {
    throw new TapegradError(fn, 'numSampled', `at most rangeMax = ${R} when unique (range is too small)`, String(S));
  }
  const tc = o.trueClasses;
  if (!(tc instanceof Tensor) || tc.rank !== 2 || tc.shape[1] !== T) {
    throw new TapegradError(fn, 'trueClasses', `a Tensor of shape [B, numTrue] = [B, ${T}]`, describe(tc));
  }
  const trueIds = readIds(fn, 'trueClasses', tc, 2, R);
  return { trueIds, B: tc.shape[0], T, S, unique: o.unique };
}
