/**
 * The candidate samplers as functions, TensorFlow's `tf.random.*_candidate_sampler`: each
 * builds a sampler object (or continues one passed as `sampler`) and draws once.
 * With a number or string `seed` a call is reproducible bit for bit; an Rng seed advances;
 * without a seed the draws come from the library's default stream.
 */
import { checkInteger, checkKeys, checkObject, fail, MAX_ELEMENTS } from '../../tensor/check.js';
import { defaultRng, type Seed } from '../../tensor/random.js';
import { Tensor } from '../../tensor/tensor.js';
import type { CandidateSample, CandidateSampler } from './base.js';
import { FixedUnigramSampler, type FixedUnigramOptions } from './fixed.js';
import { LearnedUnigramSampler } from './learned.js';
import { LogUniformSampler, UniformSampler } from './uniform.js';
import { checkSampleCall, checkSeed, type SampleOptions } from './validate.js';

/** The keys every sampler function takes (any other, e.g. a misspelt `distortion`, is refused). */
const CALL_KEYS = ['trueClasses', 'numTrue', 'numSampled', 'unique', 'rangeMax', 'seed'];

/** The options every sampler function takes. */
export interface CandidateSamplerOptions extends SampleOptions {
  /** R ≥ 1: ids lie in [0, R). */
  rangeMax: number;
  /** A number or string (a fresh stream per call) or an Rng (advanced). */
  seed?: Seed;
}

/**
 * S ids from the log-uniform distribution over [0, R):
 * p(k) = (ln(k+2) − ln(k+1)) / ln(R+1); see `LogUniformSampler`. Shapes: trueClasses [B, T]
 * → sampledCandidates int32 [S], trueExpectedCount float32 [B, T], sampledExpectedCount
 * float32 [S] (E = S·p when numTries == S, else 1 − (1−p)^numTries), numTries.
 * Errors (TapegradError, before drawing): see SPEC §6 and `checkSampleCall`.
 */
export function logUniformCandidateSampler(o: CandidateSamplerOptions): CandidateSample {
  const fn = 'logUniformCandidateSampler';
  checkKeys(fn, 'options', checkObject(fn, 'options', o), [...CALL_KEYS]);
  return new LogUniformSampler({ rangeMax: o.rangeMax, seed: o.seed ?? defaultRng }, fn).sample(o, fn);
}

/** As `logUniformCandidateSampler` (shapes, errors), with p(k) = 1/R. */
export function uniformCandidateSampler(o: CandidateSamplerOptions): CandidateSample {
  const fn = 'uniformCandidateSampler';
  checkKeys(fn, 'options', checkObject(fn, 'options', o), [...CALL_KEYS]);
  return new UniformSampler({ rangeMax: o.rangeMax, seed: o.seed ?? defaultRng }, fn).sample(o, fn);
}

/** Options of `learnedUnigramCandidateSampler`. */
export interface LearnedUnigramCandidateSamplerOptions extends SampleOptions {
  /** R; may be omitted when `sampler` is given (then it must equal sampler.rangeMax). */
  rangeMax?: number;
  /** Seed of a new sampler's stream (default: the next of the default stream); not with `sampler`. */
  seed?: Seed;
  /** A sampler to continue (its weights and stream); then no seed. */
  sampler?: LearnedUnigramSampler;
}

/**
 * As `logUniformCandidateSampler` with the learned-unigram p(k) = w_k / Σw (weights start at
 * 1; each true id adds 1 after the call). Without `sampler` a fresh one is made, so the
 * draw is uniform and the learning is lost: pass a `LearnedUnigramSampler` to keep it.
 * Errors as `logUniformCandidateSampler`, plus a `sampler` given with a seed or another R.
 */
export function learnedUnigramCandidateSampler(o: LearnedUnigramCandidateSamplerOptions): CandidateSample {
  const fn = 'learnedUnigramCandidateSampler';
  checkKeys(fn, 'options', checkObject(fn, 'options', o), [...CALL_KEYS, 'sampler']);
  const s =
    o.sampler !== undefined
      ? reusedSampler(fn, o, LearnedUnigramSampler, [])
      : new LearnedUnigramSampler({ rangeMax: o.rangeMax as number, seed: o.seed ?? defaultRng }, fn);
  return s.sample(o, fn);
}

/** Options of `fixedUnigramCandidateSampler`. */
export interface FixedUnigramCandidateSamplerOptions extends SampleOptions, Omit<FixedUnigramOptions, 'rangeMax'> {
  /** R, the number of this shard's ids; may be omitted when `sampler` is given. */
  rangeMax?: number;
  /** A sampler to reuse (its alias table and stream); then no seed and no table options. */
  sampler?: FixedUnigramSampler;
}

const TABLE_KEYS = ['unigrams', 'vocabFile', 'distortion', 'numReservedIds', 'numShards', 'shard'] as const;

/**
 * As `logUniformCandidateSampler` with the fixed-unigram p(l) = w_l / Σw of
 * `FixedUnigramSampler` (unigrams or vocabFile, distortion, numReservedIds, numShards,
 * shard). Building the table is O(R): pass `sampler` to reuse one across calls.
 * Errors as `logUniformCandidateSampler` and `FixedUnigramSampler`.
 */
export function fixedUnigramCandidateSampler(o: FixedUnigramCandidateSamplerOptions): CandidateSample {
  const fn = 'fixedUnigramCandidateSampler';
  checkKeys(fn, 'options', checkObject(fn, 'options', o), [...CALL_KEYS, 'sampler', ...TABLE_KEYS]);
  const s =
    o.sampler !== undefined
      ? reusedSampler(fn, o, FixedUnigramSampler, TABLE_KEYS)
      : new FixedUnigramSampler({ ...o, rangeMax: o.rangeMax as number, seed: o.seed ?? defaultRng }, fn);
  return s.sample(o, fn);
}

/** Options of `allCandidateSampler`: R is S. */
export interface AllCandidateSamplerOptions extends SampleOptions {
  /** If given, must equal numSampled. */
  rangeMax?: number;
  /** Accepted for TensorFlow's signature; nothing is random. */
  seed?: Seed;
}

/**
 * Every id once, for tests: sampledCandidates = [0, 1, …, S−1], every expected count 1,
 * numTries = S. Errors: trueClasses outside [0, S); rangeMax given and not S; as
 * `logUniformCandidateSampler` otherwise.
 */
export function allCandidateSampler(o: AllCandidateSamplerOptions): CandidateSample {
  const fn = 'allCandidateSampler';
  checkKeys(fn, 'options', checkObject(fn, 'options', o), [...CALL_KEYS]);
  const S = checkInteger(fn, 'numSampled', o.numSampled, 1, MAX_ELEMENTS);
  if (o.rangeMax !== undefined && o.rangeMax !== S) fail(fn, 'rangeMax', `numSampled = ${S} (or absent)`, o.rangeMax);
  checkSeed(fn, o.seed);
  const c = checkSampleCall(fn, o, S);
  const ids = new Int32Array(S);
  for (let j = 0; j < S; j++) ids[j] = j;
  return {
    sampledCandidates: new Tensor(ids, [S]),
    trueExpectedCount: new Tensor(new Float32Array(c.B * c.T).fill(1), [c.B, c.T]),
    sampledExpectedCount: new Tensor(new Float32Array(S).fill(1), [S]),
    numTries: S,
  };
}

/** The `sampler` of `o`, checked: of class `cls`, no seed, rangeMax absent or equal, no table keys. */
function reusedSampler<T extends CandidateSampler>(
  fn: string,
  o: { sampler?: unknown; rangeMax?: number; seed?: Seed } & object,
  cls: abstract new (...args: never[]) => T,
  tableKeys: readonly string[],
): T {
  const s = o.sampler;
  if (!(s instanceof cls)) fail(fn, 'sampler', `a ${cls.name}`, s);
  if (o.seed !== undefined) fail(fn, 'seed', 'absent when a sampler is given (it has its own stream)', o.seed);
  if (o.rangeMax !== undefined && o.rangeMax !== s.rangeMax) {
    fail(fn, 'rangeMax', `the sampler's rangeMax = ${s.rangeMax} (or absent)`, o.rangeMax);
  }
  for (const key of tableKeys) {
    const v = (o as Record<string, unknown>)[key];
    if (v !== undefined) fail(fn, key, 'absent when a sampler is given (the table is built)', v);
  }
  return s;
}
