/**
 * One sampled-loss training problem, shared by every implementation of the step so that all
 * of them see the same numbers: class weights W [C, D], biases b [C], a batch of inputs
 * x [B, D] with one label each (T = 1), and one fixed draw of S log-uniform candidates.
 */
import { ACCIDENTAL_HIT, logUniformCandidateSampler, makeRng, tensor, type SampledValues } from '../src/index.js';

/** Sizes of a problem: B batch, D dim, S numSampled, C classes. */
export interface Sizes {
  B: number;
  D: number;
  S: number;
  C: number;
}

/** The raw arrays of a problem (copied by each implementation before it trains). */
export interface Problem extends Sizes {
  W: Float32Array;
  b: Float32Array;
  x: Float32Array;
  /** [B]: the true class of each example. */
  labels: Int32Array;
  /** [S]: the sampled classes (unique). */
  sampled: Int32Array;
  /** [B]: expected count of each label under the sampler. */
  trueExpected: Float32Array;
  /** [S]: expected count of each sampled class. */
  sampledExpected: Float32Array;
  /** [B, S]: ACCIDENTAL_HIT where sampled[j] = labels[b], else 0. */
  hitMask: Float32Array;
  /** The same draw as tapegrad's `sampledValues`. */
  sampledValues: SampledValues;
}

/**
 * Fills `a` with values in [−scale, scale) from a multiplicative hash of the index: a cheap
 * deterministic pattern for tables of up to 10⁸ entries, where drawing from the seeded
 * generator would take seconds (the numbers do not matter, only that every page is written).
 */
export function hashFill(a: Float32Array, scale: number, salt = 0): Float32Array {
  for (let i = 0; i < a.length; i++) a[i] = ((Math.imul(i + salt, 2654435761) >>> 0) / 2 ** 32 - 0.5) * 2 * scale;
  return a;
}

/** A problem of the given sizes: reproducible from `seed`. */
export function makeProblem({ B, D, S, C }: Sizes, seed = 1): Problem {
  const rng = makeRng(seed);
  const W = hashFill(new Float32Array(C * D), 1 / Math.sqrt(D), 1);
  const b = hashFill(new Float32Array(C), 0.1, 2);
  const x = new Float32Array(B * D);
  for (let i = 0; i < x.length; i++) x[i] = rng() - 0.5;
  const labels = new Int32Array(B);
  for (let i = 0; i < B; i++) labels[i] = Math.floor(rng() * C);
  // Two labels among the most frequent classes, which the log-uniform sampler nearly always
  // draws: the accidental-hit path is then exercised (and compared) too.
  labels[0] = 0;
  labels[1] = Math.min(1, C - 1);
  const draw = logUniformCandidateSampler({
    trueClasses: tensor(labels, [B, 1]),
    numTrue: 1,
    numSampled: S,
    unique: true,
    rangeMax: C,
    seed: rng,
  });
  const sampled = draw.sampledCandidates.dataSync() as Int32Array;
  const hitMask = new Float32Array(B * S);
  for (let i = 0; i < B; i++)
    for (let j = 0; j < S; j++) if (sampled[j] === labels[i]) hitMask[i * S + j] = ACCIDENTAL_HIT;
  return {
    B,
    D,
    S,
    C,
    W,
    b,
    x,
    labels,
    sampled,
    hitMask,
    trueExpected: draw.trueExpectedCount.dataSync() as Float32Array,
    sampledExpected: draw.sampledExpectedCount.dataSync() as Float32Array,
    sampledValues: {
      sampledCandidates: draw.sampledCandidates,
      trueExpectedCount: draw.trueExpectedCount,
      sampledExpectedCount: draw.sampledExpectedCount,
    },
  };
}

/** Which loss a step trains: NCE (no accidental-hit removal) or sampled softmax (with it). */
export type LossKind = 'nce' | 'sampledSoftmax';

/** The learning rate of every SGD step. */
export const LR = 0.05;

/** A training step: forward, backward and SGD update; returns the mean loss before the update. */
export type Step = () => number;

/** Read access to an implementation's current parameters and inputs (row-major). */
export interface Params {
  W: Float32Array;
  b: Float32Array;
  x: Float32Array;
}

/** A step and access to its parameters. */
export interface Trainer {
  step: Step;
  params: () => Params;
  dispose?: () => void;
}
