/**
 * gradcheck's options: their type, defaults (eps 1e-6, atol 1e-5, rtol 1e-3, in the PyTorch
 * tradition) and checks.
 */
import { checkBoolean, checkNumber, checkKeys, checkObject, checkSeed, fail } from '../tensor/check.js';
import { TapegradError } from '../tensor/errors.js';
import type { Seed } from '../tensor/random.js';
import { shapeStr } from '../tensor/shape.js';
import type { Tensor } from '../tensor/tensor.js';

/** Options of `gradcheck`: tolerances, the step, and which elements to check. */
export interface GradcheckOptions {
  /** Finite-difference step (default 1e-6). */
  eps?: number;
  /** Absolute tolerance (default 1e-5). */
  atol?: number;
  /** Relative tolerance, times |numeric| (default 1e-3). */
  rtol?: number;
  /** Compare vᵀJu per input instead of the whole Jacobian (default false). */
  fastMode?: boolean;
  /** Check at most this many elements of each input, chosen at random (default: all). */
  maxElements?: number;
  /** Seed of the element choice and of fastMode's u, v (default 0). */
  seed?: Seed;
  /** Which inputs to check, by position (default: every float input; int32 ones never). */
  checkInputs?: readonly number[];
}

/** The checked options, defaults filled in, and the sorted positions of the inputs to check. */
export function readOptions(opts: unknown, xs: readonly Tensor[]) {
  const raw = checkObject('gradcheck', 'opts', opts);
  checkKeys('gradcheck', 'opts', raw, ['eps', 'atol', 'rtol', 'fastMode', 'maxElements', 'seed', 'checkInputs']);
  const o = raw as GradcheckOptions;
  const eps = checkNumber('gradcheck', 'opts.eps', o.eps ?? 1e-6, { min: 0, open: 'min' });
  const atol = checkNumber('gradcheck', 'opts.atol', o.atol ?? 1e-5, { min: 0 });
  const rtol = checkNumber('gradcheck', 'opts.rtol', o.rtol ?? 1e-3, { min: 0 });
  const fastMode = checkBoolean('gradcheck', 'opts.fastMode', o.fastMode, false);
  const maxElements = o.maxElements ?? Infinity;
  if (!(maxElements === Infinity || (Number.isInteger(maxElements) && maxElements > 0))) {
    fail('gradcheck', 'opts.maxElements', 'a positive integer (or Infinity)', maxElements);
  }
  const seed = o.seed ?? 0;
  checkSeed('gradcheck', 'opts.seed', seed);
  const checked = o.checkInputs ?? xs.flatMap((x, i) => (x.dtype === 'int32' ? [] : [i]));
  const isFloatInput = (i: unknown) =>
    Number.isInteger(i) && (i as number) >= 0 && (i as number) < xs.length && xs[i as number].dtype !== 'int32';
  if (!Array.isArray(checked) || !checked.every(isFloatInput)) {
    const got = Array.isArray(checked) ? shapeStr(checked) : checked;
    throw new TapegradError(
      'gradcheck',
      'opts.checkInputs',
      `positions of float inputs in [0, ${xs.length})`,
      String(got),
    );
  }
  if (checked.length === 0) {
    // Nothing to compare: a report of ok would be a check that cannot fail.
    const arg = o.checkInputs === undefined ? 'xs' : 'opts.checkInputs';
    fail(
      'gradcheck',
      arg,
      'at least one float input to check (gradcheck compares float gradients)',
      o.checkInputs ?? xs,
    );
  }
  return { eps, atol, rtol, fastMode, maxElements, seed, checked: [...new Set(checked)].sort((a, b) => a - b) };
}
