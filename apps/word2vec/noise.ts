/**
 * The noise distribution of word2vec: unigram^distortion over the vocabulary (word2vec.c's
 * table, distortion 0.75), drawn in O(1) by the library's fixed-unigram sampler and alias
 * table. Two uses: K negatives drawn per (center, context) pair for negative sampling, and
 * S candidates per batch (with their expected counts) for NCE and sampled softmax.
 */
import { FixedUnigramSampler, Tensor, type Rng, type SampledValues } from '../../src/index.js';

/** unigram^distortion over V words: p(k) = count(k)^distortion / Σ_v count(v)^distortion. */
export class Noise {
  readonly sampler: FixedUnigramSampler;

  constructor(counts: readonly number[], distortion: number) {
    this.sampler = new FixedUnigramSampler({ rangeMax: counts.length, unigrams: counts, distortion, seed: 0 });
  }

  /** log p(k) for every word: the initial (and, with negative sampling, fixed) output biases. */
  logProbabilities(): Float64Array {
    return Float64Array.from({ length: this.sampler.rangeMax }, (_, k) => Math.log(this.probability(k)));
  }

  /** p(k) of one draw. */
  probability(k: number): number {
    return this.sampler.probability(k);
  }

  /**
   * The candidates of negative sampling, int32 [B, 1 + K] row-major into `out`: column 0 is
   * the pair's context, columns 1..K are K negatives drawn independently from the noise for
   * that pair (word2vec.c: each pair gets its own). A negative may equal its row's context:
   * word2vec.c skips those (`skippedNegatives` finds them).
   */
  negatives(contexts: Int32Array, K: number, rng: Rng, out: Int32Array): void {
    const B = contexts.length,
      M = K + 1;
    // The B·K draws go to the front of `out`, then spread from the end into rows of M: each
    // draw moves to an equal or later position not yet read, so no scratch buffer is needed.
    this.sampler.drawInto(out.subarray(0, B * K), rng);
    for (let b = B - 1; b >= 0; b--) {
      for (let j = K; j >= 1; j--) out[b * M + j] = out[b * K + j - 1];
      out[b * M] = contexts[b];
    }
  }

  /**
   * S unique candidates for a batch drawn from the noise, with their expected counts (the
   * `sampledValues` of nceLoss and sampledSoftmaxLoss): what `--sampler unigram` gives.
   */
  sampledValues(contexts: Int32Array, S: number, rng: Rng): SampledValues {
    const trueClasses = new Tensor(contexts, [contexts.length, 1]);
    const s = this.sampler.sample({ trueClasses, numTrue: 1, numSampled: S, unique: true, seed: rng });
    return {
      sampledCandidates: s.sampledCandidates,
      trueExpectedCount: s.trueExpectedCount,
      sampledExpectedCount: s.sampledExpectedCount,
    };
  }
}

/** The flat positions of the candidates [B, M] (row-major) in columns 1.. equal to their row's column 0. */
export function skippedNegatives(candidates: Int32Array, M: number): number[] {
  const skipped: number[] = [];
  for (let i = 0; i < candidates.length; i += M)
    for (let j = 1; j < M; j++) if (candidates[i + j] === candidates[i]) skipped.push(i + j);
  return skipped;
}
