/**
 * The one place where candidates are drawn and expected counts computed
 * (SPEC-sampled-losses.md §4). A sampler differs from another only in p(k) and in how it
 * draws one id; `CandidateSampler` holds R and its own seeded stream.
 */
import { checkInteger, checkNumber, checkObject, fail, MAX_ELEMENTS } from '../../tensor/check.js';
import { TapegradError } from '../../tensor/errors.js';
import { makeRng, type Rng, type Seed } from '../../tensor/random.js';
import { Tensor } from '../../tensor/tensor.js';
import { checkRangeMax, checkSampleCall, checkSeed, type SampleCall, type SampleOptions } from './validate.js';

/** What a candidate sampler returns. */
export interface CandidateSample {
  /** int32 [S]: the drawn ids, in order of drawing (of acceptance when unique). */
  sampledCandidates: Tensor;
  /** float32 [B, T]: expected count of each true id among the S samples. */
  trueExpectedCount: Tensor;
  /** float32 [S]: expected count of each sampled id. */
  sampledExpectedCount: Tensor;
  /** Draws made: S when not unique, ≥ S with rejection. */
  numTries: number;
}

/**
 * Expected count of an id of probability p among S samples drawn in `numTries` tries:
 *
 *   numTries == S:  E = S·p                          (can exceed 1)
 *   otherwise:      E = 1 − (1 − p)^numTries = −expm1(numTries · log1p(−p))
 *
 * Errors: p not in [0, 1], S not an integer ≥ 1, numTries not an integer ≥ S.
 */
export function expectedCount(p: number, S: number, numTries: number): number {
  const fn = 'expectedCount';
  checkNumber(fn, 'p', p, { min: 0, max: 1 });
  checkInteger(fn, 'S', S, 1, MAX_ELEMENTS);
  checkInteger(fn, 'numTries', numTries, S);
  return expected(p, S, numTries);
}

/** `expectedCount` for arguments the caller has checked. */
const expected = (p: number, S: number, numTries: number): number =>
  numTries === S ? S * p : -Math.expm1(numTries * Math.log1p(-p));

/** The most draws one unique call may make before it gives up (see `drawIds`). */
const maxTries = (S: number): number => Math.max(2 ** 24, 1000 * S);

/**
 * S ids from `draw`: S independent draws (numTries = S), or with `unique` draws until S
 * distinct ids were accepted, in order of acceptance, every draw counted in numTries.
 * The caller has checked that S ids of non-zero probability exist (`checkUniqueCount`), so
 * the loop ends with probability 1; ids whose probability is positive but so small that
 * `maxTries(S)` draws do not find them end it with a TapegradError from `fn` (the stream has
 * then advanced). O(1) memory per accepted id (a Set).
 */
function drawIds(
  S: number,
  unique: boolean,
  draw: () => number,
  fn = 'drawIds',
): { ids: Int32Array; numTries: number } {
  const ids = new Int32Array(S);
  if (!unique) {
    for (let j = 0; j < S; j++) ids[j] = draw();
    return { ids, numTries: S };
  }
  const seen = new Set<number>();
  const limit = maxTries(S);
  let numTries = 0;
  while (seen.size < S) {
    if (numTries === limit) {
      const found = `${seen.size} distinct ids in ${limit} draws (the other ids are too improbable)`;
      throw new TapegradError(fn, 'numSampled', `at most the ids a unique draw can find`, `${S}: ${found}`);
    }
    const k = draw();
    numTries++;
    if (!seen.has(k)) {
      ids[seen.size] = k;
      seen.add(k);
    }
  }
  return { ids, numTries };
}

/**
 * Draws S candidates and the expected counts of the true ids [B, T] and of the sampled
 * ids [S], with the same numTries for both (see `drawIds`, `expectedCount`).
 */
export function sampleCandidates(
  c: SampleCall,
  draw: () => number,
  probability: (k: number) => number,
  fn?: string,
): CandidateSample {
  const { ids, numTries } = drawIds(c.S, c.unique, draw, fn);
  const trueE = new Float32Array(c.trueIds.length);
  for (let i = 0; i < trueE.length; i++) trueE[i] = expected(probability(c.trueIds[i]), c.S, numTries);
  const sampledE = new Float32Array(c.S);
  for (let j = 0; j < c.S; j++) sampledE[j] = expected(probability(ids[j]), c.S, numTries);
  return {
    sampledCandidates: new Tensor(ids, [c.S]),
    trueExpectedCount: new Tensor(trueE, [c.B, c.T]),
    sampledExpectedCount: new Tensor(sampledE, [c.S]),
    numTries,
  };
}

/** Options every sampler object takes. */
export interface SamplerOptions {
  /** R ≥ 1: ids are drawn from [0, R). At most 2^31. */
  rangeMax: number;
  /** Seed of the sampler's own stream (absent: one derived from the default stream). */
  seed?: Seed;
}

/** The key of the samplers' unchecked draw (internal: the losses' path, see `CandidateSampler`). */
export const SAMPLE_CHECKED = Symbol('sampleChecked');

/**
 * A candidate sampler over [0, R) whose stream persists across calls: each `sample` call
 * advances it. Subclasses give p(k) and one O(1) draw, and may learn from the true ids.
 */
export abstract class CandidateSampler {
  /** R: ids lie in [0, R). */
  readonly rangeMax: number;
  /** This sampler's own stream. */
  protected readonly rng: Rng;

  /**
   * `fn`: the name error messages report. Validates the options, rangeMax and seed; a
   * subclass validates its own options BEFORE calling this, since a sampler without a seed
   * takes one from the default stream here.
   */
  constructor(
    options: SamplerOptions,
    protected readonly fn: string,
  ) {
    checkObject(fn, 'options', options);
    this.rangeMax = checkRangeMax(fn, options.rangeMax);
    const seed = checkSeed(fn, options.seed);
    this.rng = makeRng(seed ?? defaultSeed());
  }

  /** p(k), the probability that one draw gives id k ∈ [0, R). Errors: k not an integer in [0, R). */
  probability(k: number): number {
    return this.probabilityOf(checkInteger(`${this.fn}.probability`, 'k', k, 0, this.rangeMax - 1));
  }

  /** p(k) for an id k the caller has checked. */
  protected abstract probabilityOf(k: number): number;

  /** The number of ids of non-zero probability: a unique draw takes at most this many. */
  get numNonZero(): number {
    return this.rangeMax;
  }

  /** One id in [0, R) from `rng`, with probability p(k). */
  protected abstract drawOne(rng: Rng): number;

  /** Called with the B·T true ids after a call has sampled and computed its counts. */
  protected observe(_trueIds: Int32Array): void {}

  /**
   * Draws `numSampled` candidates (see `sampleCandidates`) and their expected counts, from
   * the sampler's own stream, or from `options.seed`'s (a number, a string or an Rng) when
   * given, which leaves the own stream untouched. Every input is validated first (SPEC §6):
   * a rejected call changes no state.
   * `fn` names the caller in error messages.
   */
  sample(options: SampleOptions & { seed?: Seed }, fn = `${this.fn}.sample`): CandidateSample {
    const call = checkSampleCall(fn, options, this.rangeMax, this.numNonZero);
    const seed = checkSeed(fn, options.seed);
    return this[SAMPLE_CHECKED](call, seed === undefined ? this.rng : makeRng(seed), fn);
  }

  /**
   * `sample` for a call its caller has checked as `sample` does (`checkSampleCall` against
   * rangeMax and numNonZero): the losses, which check their own options once under their own
   * names. Draws from `rng` (default: the sampler's own stream). Keyed by a symbol that
   * src/index.ts does not export, so a user reaches only the checked `sample`.
   */
  [SAMPLE_CHECKED](call: SampleCall, rng: Rng = this.rng, fn = `${this.fn}.sample`): CandidateSample {
    const out = sampleCandidates(
      call,
      () => this.drawOne(rng),
      (k) => this.probabilityOf(k),
      fn,
    );
    this.observe(call.trueIds);
    return out;
  }

  /**
   * Fills `out` with independent draws, each id k with probability p(k) (O(1) per id for the
   * table samplers), from `seed`'s stream when given (a number, a string or an Rng; this
   * sampler's own stream is then untouched), else from the sampler's own stream. Learns
   * nothing. Errors: `out` not an Int32Array; a bad seed.
   */
  drawInto(out: Int32Array, seed?: Seed): Int32Array {
    const fn = `${this.fn}.drawInto`;
    if (!(out instanceof Int32Array)) fail(fn, 'out', 'an Int32Array', out);
    const s = checkSeed(fn, seed);
    const rng = s === undefined ? this.rng : makeRng(s);
    for (let i = 0; i < out.length; i++) out[i] = this.drawOne(rng);
    return out;
  }
}

/** Sampler objects without a seed get a stream seeded from this one. */
const seeds = makeRng('tapegrad-samplers');
const defaultSeed = (): number => Math.floor(seeds() * 2 ** 52);
