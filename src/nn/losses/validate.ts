/**
 * The checks of the sampled and the full losses (SPEC-sampled-losses.md §6), built on the
 * validation vocabulary of src/tensor/check.ts. A loss runs them once, at its entry, under
 * its own name and argument names, before anything is drawn or recorded.
 */
import {
  checkBoolean,
  checkChoice,
  checkInteger,
  checkKeys,
  checkObject,
  checkTensor,
  fail,
  MAX_ELEMENTS,
} from '../../tensor/check.js';
import { isRecording } from '../../autograd/tape.js';
import { checkIds } from '../../tensor/gather.js';
import { sameShape } from '../../tensor/shape.js';
import { Tensor } from '../../tensor/tensor.js';
import type { Seed } from '../../tensor/random.js';
import { checkLayout, checkShardList, type PartitionStrategy } from '../embedding.js';
import { checkSeed, MAX_RANGE, MAX_UNIQUE } from '../samplers/validate.js';

/** The keys of ClassParams. */
const CLASS_KEYS = ['weights', 'biases', 'labels', 'inputs', 'numClasses', 'numTrue', 'partitionStrategy'];

/**
 * The keys a loss's options may hold (any other, e.g. a misspelt `numclasses`, is refused):
 * the class parameters and the sampled losses' own, so that one options object serves a
 * sampled loss and its full counterpart.
 */
const LOSS_KEYS = [...CLASS_KEYS, 'numSampled', 'sampledValues', 'removeAccidentalHits', 'seed', 'subtractLogQ'];

/** The class parameters and the batch every loss takes. */
export interface ClassParams {
  /** [C, D], or shards [C_p, D] with Σ C_p = C. */
  weights: Tensor | readonly Tensor[];
  /** [C], or shards [C_p]. */
  biases: Tensor | readonly Tensor[];
  /** int32 [B, T]: the true classes of each example. */
  labels: Tensor;
  /** [B, D]: the examples' activations. */
  inputs: Tensor;
  /** C. */
  numClasses: number;
  /** T, the labels per example (default 1). */
  numTrue?: number;
  /** How shards hold the classes (default 'div'). */
  partitionStrategy?: PartitionStrategy;
}

/** A candidate sampler's result, passed in to fix the samples (e.g. for gradcheck). */
export interface SampledValues {
  /** int32 [S]: the sampled class ids. */
  sampledCandidates: Tensor;
  /** [B, T]: expected count of each true class under the sampler. */
  trueExpectedCount: Tensor;
  /** [S]: expected count of each sampled class. */
  sampledExpectedCount: Tensor;
}

/** The options of `nceLoss`, `sampledSoftmaxLoss` and `computeSampledLogits`. */
export interface SampledLossOptions extends ClassParams {
  /** S, the classes sampled per batch (shared by all rows). */
  numSampled: number;
  /** Fixed samples; absent: the log-uniform sampler draws S unique ids from [0, C). */
  sampledValues?: SampledValues;
  /** Mask sampled logits equal to a label of their row with −FLT_MAX. */
  removeAccidentalHits?: boolean;
  /** Seed of the default sampler (absent: the library's default stream). */
  seed?: Seed;
}

/** The class parameters once checked: weights and biases as lists of shards, and the sizes. */
export interface ShardedClassParams {
  weights: readonly Tensor[];
  biases: readonly Tensor[];
  strategy: PartitionStrategy;
  /** The B·T label ids, row-major, checked to lie in [0, C). */
  labelIds: Int32Array;
  B: number;
  T: number;
  D: number;
  C: number;
}

/** A sampled loss's options once checked. */
export interface SampledCall extends ShardedClassParams {
  S: number;
  sampledValues: SampledValues | undefined;
  removeAccidentalHits: boolean;
  subtractLogQ: boolean;
  seed: Seed | undefined;
}

/**
 * Checks weights, biases, labels, inputs, numClasses, numTrue and partitionStrategy against
 * each other: an options object; labels int32 [B, T] with ids in [0, C); inputs float [B, D]
 * with the labels' B (no silent broadcast of a batch of 1); weights C float rows of D;
 * biases C float entries; shards of one row shape and dtype, laid out for 'mod' or 'div' (checkLayout).
 * Keys outside `known` (default LOSS_KEYS) are refused; `null` skips that check (compareSampledToFull).
 */
export function checkClassParams(
  fn: string,
  options: unknown,
  known: readonly string[] | null = LOSS_KEYS,
): ShardedClassParams {
  const o = checkObject(fn, 'options', options);
  if (known) checkKeys(fn, 'options', o, known);
  const C = checkInteger(fn, 'numClasses', o.numClasses, 1, MAX_RANGE);
  const T = o.numTrue === undefined ? 1 : checkInteger(fn, 'numTrue', o.numTrue, 1, MAX_ELEMENTS);
  const inputs = checkTensor(fn, 'inputs', o.inputs, { dtype: 'float', rank: 2 });
  const [B, D] = inputs.shape;
  const labels = o.labels;
  if (!(labels instanceof Tensor) || labels.dtype !== 'int32' || !sameShape(labels.shape, [B, T])) {
    fail(fn, 'labels', `an int32 tensor of shape [B, numTrue] = [${B}, ${T}]`, labels);
  }
  const labelIds = checkIds(fn, 'labels', labels, C);
  const strategy = checkChoice(fn, 'partitionStrategy', o.partitionStrategy, ['div', 'mod'] as const, 'div');
  const weights = checkShardList(fn, 'weights', o.weights, 'float');
  const biases = checkShardList(fn, 'biases', o.biases, 'float');
  const rows = weights.reduce((n, s) => n + s.shape[0], 0);
  if (weights[0].rank !== 2 || weights[0].shape[1] !== D || rows !== C) {
    const got = `${weights[0].dtype} [${rows}, ${weights[0].shape.slice(1).join(', ')}]${weights.length > 1 ? ' in all' : ''}`;
    fail(fn, 'weights', `float [numClasses, D] = [${C}, ${D}] in all (D of inputs)`, got);
  }
  const entries = biases.reduce((n, s) => n + s.shape[0], 0);
  if (biases[0].rank !== 1 || entries !== C) {
    const got = `${biases[0].dtype} [${entries}${biases[0].rank > 1 ? ', …' : ''}]`;
    fail(fn, 'biases', `float [numClasses] = [${C}] in all`, got);
  }
  checkLayout(fn, 'weights', weights, strategy);
  checkLayout(fn, 'biases', biases, strategy);
  return { weights, biases, strategy, labelIds, B, T, D, C };
}

/**
 * Checks a sampled loss's options (see `checkClassParams`, then): numSampled S an integer ≥ 1,
 * at most C (and 2^24) when the default sampler draws S unique classes; sampledValues, if
 * given, int32 [S] candidates in [0, C) and expected counts [B, T] and [S] that are finite
 * and > 0; removeAccidentalHits and subtractLogQ booleans (absent: `hitsDefault`, true); a
 * seed a number, a string or an Rng.
 */
export function checkSampledLoss(fn: string, options: unknown, hitsDefault: boolean): SampledCall {
  const params = checkClassParams(fn, options);
  const { B, T, C } = params;
  const o = options as Record<string, unknown>;
  const S = checkInteger(fn, 'numSampled', o.numSampled, 1, MAX_ELEMENTS);
  let sampledValues: SampledValues | undefined;
  if (o.sampledValues === undefined) {
    if (S > Math.min(C, MAX_UNIQUE)) {
      const bound = C <= MAX_UNIQUE ? `numClasses = ${C}` : `${MAX_UNIQUE}`;
      fail(fn, 'numSampled', `at most ${bound} (the default sampler draws distinct classes)`, S);
    }
  } else {
    const sv = checkObject(fn, 'sampledValues', o.sampledValues);
    const cand = sv.sampledCandidates;
    if (!(cand instanceof Tensor) || cand.dtype !== 'int32' || !sameShape(cand.shape, [S])) {
      fail(fn, 'sampledValues.sampledCandidates', `an int32 tensor of shape [numSampled] = [${S}]`, cand);
    }
    checkIds(fn, 'sampledValues.sampledCandidates', cand, C);
    const trueExpectedCount = checkExpectedCounts(fn, 'sampledValues.trueExpectedCount', sv.trueExpectedCount, [B, T]);
    const sampledExpectedCount = checkExpectedCounts(
      fn,
      'sampledValues.sampledExpectedCount',
      sv.sampledExpectedCount,
      [S],
    );
    sampledValues = { sampledCandidates: cand, trueExpectedCount, sampledExpectedCount };
  }
  const removeAccidentalHits = checkBoolean(fn, 'removeAccidentalHits', o.removeAccidentalHits, hitsDefault);
  const subtractLogQ = checkBoolean(fn, 'subtractLogQ', o.subtractLogQ, true);
  const seed = checkSeed(fn, o.seed);
  return { ...params, S, sampledValues, removeAccidentalHits, subtractLogQ, seed };
}

/**
 * Expected counts: a float tensor of exactly `shape`, every value finite and > 0 (its log is
 * taken), that requires no gradient while recording (none flows to it, as in TensorFlow).
 */
function checkExpectedCounts(fn: string, arg: string, v: unknown, shape: number[]): Tensor {
  const t = checkTensor(fn, arg, v, { dtype: 'float', shape });
  if (t.requiresGrad && isRecording()) {
    // TensorFlow stops the gradient at the sampled values; here that would be silent.
    fail(fn, arg, 'a tensor that requires no gradient (no gradient flows to it: pass detach(count))', t);
  }
  const d = t.dataSync();
  const i = d.findIndex((x) => !(x > 0 && x < Infinity));
  if (i >= 0) fail(fn, `${arg} (element ${i})`, 'a finite expected count > 0', d[i]);
  return t;
}
