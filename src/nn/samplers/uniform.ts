/**
 * The two samplers without a table: uniform and log-uniform (Zipfian). Both cost O(1) per
 * draw and per probability and allocate nothing of size R, so R may be as large as 2^31.
 */
import type { Rng } from '../../tensor/random.js';
import { CandidateSampler, type SamplerOptions } from './base.js';

/**
 * Uniform over [0, R): p(k) = 1/R; a draw is floor(u·R), u uniform in [0, 1).
 * Errors: rangeMax not an integer in [1, 2^31], a bad seed.
 */
export class UniformSampler extends CandidateSampler {
  /** options: rangeMax R, seed; `fn` names the caller in errors. */
  constructor(options: SamplerOptions, fn = 'UniformSampler') {
    super(options, fn);
  }

  protected probabilityOf(_k: number): number {
    return 1 / this.rangeMax;
  }

  protected drawOne(rng: Rng): number {
    return Math.min(Math.floor(rng() * this.rangeMax), this.rangeMax - 1);
  }
}

/**
 * Log-uniform (Zipfian) over [0, R), for ids sorted by decreasing frequency:
 *
 *   p(k) = (ln(k+2) − ln(k+1)) / ln(R+1)
 *
 * A draw is k = floor(exp(u · ln(R+1))) − 1 with u uniform in [0, 1), then k mod R (a
 * round-off guard). Errors: rangeMax not an integer in [1, 2^31], a bad seed.
 */
export class LogUniformSampler extends CandidateSampler {
  private readonly logRange: number;

  /** options: rangeMax R, seed; `fn` names the caller in errors. */
  constructor(options: SamplerOptions, fn = 'LogUniformSampler') {
    super(options, fn);
    this.logRange = Math.log(this.rangeMax + 1);
  }

  protected probabilityOf(k: number): number {
    // ln(k+2) − ln(k+1) = log1p(1/(k+1)), without cancellation for large k.
    return Math.log1p(1 / (k + 1)) / this.logRange;
  }

  protected drawOne(rng: Rng): number {
    return (Math.floor(Math.exp(rng() * this.logRange)) - 1) % this.rangeMax;
  }
}
