/**
 * The checks of the candidate samplers (SPEC-sampled-losses.md §6), built on the validation
 * vocabulary of src/tensor/check.ts. Each runs before anything is allocated or drawn.
 */
import {
  checkBoolean,
  checkInteger,
  checkObject,
  checkSeed as checkSeedValue,
  checkTensor,
  fail,
  MAX_ELEMENTS,
} from '../../tensor/check.js';
import { TapegradError } from '../../tensor/errors.js';
import { checkIds } from '../../tensor/gather.js';
import type { Seed } from '../../tensor/random.js';
import type { Tensor } from '../../tensor/tensor.js';

/** Ids are int32, so R ≤ 2^31 (the largest id is 2^31 − 1). */
export const MAX_RANGE = 2 ** 31;

/** The most distinct ids one unique draw can collect (what a JavaScript Set holds: 2^24). */
export const MAX_UNIQUE = 2 ** 24;

/** What one call of a sampler draws (TensorFlow's argument names). */
export interface SampleOptions {
  /** int32 [B, T]: the target classes, every value an id in [0, R). */
  trueClasses: Tensor;
  /** T, the columns of `trueClasses` (≥ 1). */
  numTrue: number;
  /** S ≥ 1, the number of candidates to draw (at most 2^31 − 1). */
  numSampled: number;
  /** Draw S distinct ids by rejection (then S ≤ the ids of non-zero probability, and S ≤ 2^24). */
  unique: boolean;
}

/** One call's options once checked: the true ids row-major, with B, T, S. */
export interface SampleCall {
  trueIds: Int32Array;
  B: number;
  T: number;
  S: number;
  unique: boolean;
}

/** R: an integer in [1, 2^31]. Checked before any table is allocated. */
export const checkRangeMax = (fn: string, rangeMax: unknown): number =>
  checkInteger(fn, 'rangeMax', rangeMax, 1, MAX_RANGE);

/** A seed is absent, a finite number, a string or a generator function (core's `checkSeed`). */
export function checkSeed(fn: string, seed: unknown): Seed | undefined {
  checkSeedValue(fn, 'seed', seed, true);
  return seed as Seed | undefined;
}

/**
 * The S of a unique draw: at most the number of ids that can be drawn at all (`drawable`,
 * those of non-zero probability), else the rejection loop would never end, and at most
 * MAX_UNIQUE.
 */
export function checkUniqueCount(fn: string, arg: string, S: number, R: number, drawable: number): void {
  if (S > Math.min(drawable, MAX_UNIQUE)) {
    const bound =
      drawable < R
        ? `at most ${drawable} when unique (the ids of non-zero probability; the others are never drawn)`
        : drawable > MAX_UNIQUE
          ? `at most ${MAX_UNIQUE} when unique`
          : `at most rangeMax = ${R} when unique (range is too small)`;
    throw new TapegradError(fn, arg, bound, String(S));
  }
}

/**
 * Validates one call's options against R (SPEC §6): an options object, numTrue ≥ 1,
 * numSampled in [1, 2^31 − 1], unique a boolean (then S ≤ `drawable`, see
 * `checkUniqueCount`), trueClasses int32 [B, numTrue] with ids in [0, R).
 */
export function checkSampleCall(fn: string, options: unknown, R: number, drawable = R): SampleCall {
  const o = checkObject(fn, 'options', options);
  const T = checkInteger(fn, 'numTrue', o.numTrue, 1, MAX_ELEMENTS);
  const S = checkInteger(fn, 'numSampled', o.numSampled, 1, MAX_ELEMENTS);
  const unique = checkBoolean(fn, 'unique', o.unique);
  if (unique) checkUniqueCount(fn, 'numSampled', S, R, drawable);
  const tc = checkTensor(fn, 'trueClasses', o.trueClasses, { dtype: 'int32', rank: 2 });
  if (tc.shape[1] !== T) fail(fn, 'trueClasses', `an int32 tensor of shape [B, numTrue] = [B, ${T}]`, tc);
  return { trueIds: checkIds(fn, 'trueClasses', tc, R), B: tc.shape[0], T, S, unique };
}
