/**
 * Sampled against full: how far a sampled loss and its gradient are from the full loss and
 * the full gradient on one batch, as the number of samples S grows.
 */
import { valueAndGrads } from '../autograd/functional.js';
import { mul } from '../autograd/ops/arithmetic.js';
import { mean, sum } from '../autograd/ops/reduce.js';
import {
  checkBoolean,
  checkChoice,
  checkFunction,
  checkInteger,
  checkObject,
  checkSeed,
  fail,
  MAX_ELEMENTS,
} from '../tensor/check.js';
import { makeRng, type Seed } from '../tensor/random.js';
import { Tensor } from '../tensor/tensor.js';
import { fullSigmoidLoss, fullSoftmaxLoss } from './losses/full.js';
import { nceLoss, sampledSoftmaxLoss } from './losses/sampled.js';
import { checkClassParams, type ClassParams } from './losses/validate.js';
import type { CandidateSample } from './samplers/base.js';
import { logUniformCandidateSampler, type CandidateSamplerOptions } from './samplers/functions.js';

/** A candidate sampler function, e.g. `logUniformCandidateSampler` or `allCandidateSampler`. */
export type CandidateSamplerFn = (o: CandidateSamplerOptions) => CandidateSample;

/** Options of `compareSampledToFull`. */
export interface CompareSampledToFullOptions extends ClassParams {
  /** 'nce' (nceLoss against fullSigmoidLoss) or 'softmax' (sampledSoftmaxLoss against fullSoftmaxLoss). */
  loss: 'nce' | 'softmax';
  /** The values of S to try, in the order of the rows returned. */
  numSampled: readonly number[];
  /** Draws per S (default 20). */
  trials?: number;
  /** Seed of the one stream all draws come from (default 1). */
  seed?: Seed;
  /** Draws the candidates (default `logUniformCandidateSampler`); called with rangeMax C and seed an Rng. */
  sampler?: CandidateSamplerFn;
  /** Draw S distinct classes (default true; then every S ≤ C). */
  unique?: boolean;
  /** Default: the loss's own (nce false, softmax true). */
  removeAccidentalHits?: boolean;
  /** The full pass runs over blocks of rows with at most this many logits each (default 2²², 16 MB in float32). */
  maxBlockElements?: number;
}

/** Mean and standard deviation (n − 1 in the denominator; 0 for one value). */
export interface Spread {
  /** Σ x / n. */
  mean: number;
  /** √(Σ (x − mean)² / (n − 1)). */
  std: number;
}

/** One row of `compareSampledToFull`: one value of S. */
export interface SampledVsFullRow {
  /** S, as given in `numSampled`. */
  numSampled: number;
  /** The sampled loss (mean over the batch) over the trials. */
  sampledLoss: Spread;
  /** The full loss (mean over the batch), the same in every row. */
  fullLoss: number;
  /** sampledLoss.mean / fullLoss. */
  ratio: number;
  /** cos(mean over trials of the sampled ∂loss/∂inputs, the full ∂loss/∂inputs). */
  cosineInputs: number;
  /** The same for ∂loss/∂weights (all C rows, every shard). */
  cosineWeights: number;
  /** cos(one trial's sampled gradient, the full gradient), over the trials. */
  trialCosineInputs: Spread;
  /** The same for the weights. */
  trialCosineWeights: Spread;
  /** The values of each trial, in the order drawn. */
  perTrial: { sampledLoss: number[]; cosineInputs: number[]; cosineWeights: number[] };
}

const addInto = (acc: Float64Array, x: ArrayLike<number>): void => {
  for (let i = 0; i < x.length; i++) acc[i] += x[i];
};

const meanAndStd = (xs: readonly number[]): Spread => {
  const m = xs.reduce((a, b) => a + b, 0) / xs.length;
  const v = xs.length > 1 ? xs.reduce((a, b) => a + (b - m) ** 2, 0) / (xs.length - 1) : 0;
  return { mean: m, std: Math.sqrt(v) };
};

/** cos(a, b) = a·b / (|a|·|b|) over equal-length lists of arrays (NaN if either is zero). */
function cosine(a: readonly ArrayLike<number>[], b: readonly ArrayLike<number>[]): number {
  let ab = 0,
    aa = 0,
    bb = 0;
  a.forEach((x, k) => {
    const y = b[k];
    for (let i = 0; i < x.length; i++) ((ab += x[i] * y[i]), (aa += x[i] * x[i]), (bb += y[i] * y[i]));
  });
  return ab / Math.sqrt(aa * bb);
}

/** The elements of a dense gradient, row-major (no copy when it owns its whole buffer). */
const flat = (t: Tensor): ArrayLike<number> => (t.offset === 0 && t.data.length === t.size ? t.data : t.dataSync());

/** Rows [b0, b1) of a contiguous rank-2 tensor (labels [B, T], inputs [B, D]), as a view. */
const rows = (t: Tensor, b0: number, b1: number): Tensor => {
  const width = t.shape[1];
  return new Tensor(t.data.subarray(t.offset + b0 * width, t.offset + b1 * width), [b1 - b0, width]);
};

/** The options, checked before anything is drawn or allocated. */
function checkOptions(fn: string, raw: unknown) {
  const o = checkObject(fn, 'options', raw) as unknown as CompareSampledToFullOptions;
  const loss = checkChoice(fn, 'loss', o.loss, ['nce', 'softmax'] as const);
  const sizes = checkClassParams(fn, o, null); // its options hold more than a loss's (and may hold extra keys)
  if (sizes.B === 0) fail(fn, 'inputs', 'a batch of at least one row', o.inputs);
  const unique = checkBoolean(fn, 'unique', o.unique, true);
  if (!Array.isArray(o.numSampled) || o.numSampled.length === 0)
    fail(fn, 'numSampled', 'a non-empty list of integers ≥ 1', o.numSampled);
  o.numSampled.forEach((s, i) => checkInteger(fn, `numSampled[${i}]`, s, 1, unique ? sizes.C : 2 ** 31 - 1));
  const trials = checkInteger(fn, 'trials', o.trials ?? 20, 1, 10_000);
  const seed = o.seed ?? 1;
  checkSeed(fn, 'seed', seed);
  const sampler = checkFunction<typeof logUniformCandidateSampler>(
    fn,
    'sampler',
    o.sampler ?? logUniformCandidateSampler,
    'a candidate sampler function',
  );
  const removeAccidentalHits = checkBoolean(fn, 'removeAccidentalHits', o.removeAccidentalHits, loss === 'softmax');
  const partitionStrategy = checkChoice(fn, 'partitionStrategy', o.partitionStrategy, ['mod', 'div'] as const, 'div');
  const maxBlock = checkInteger(fn, 'maxBlockElements', o.maxBlockElements ?? 2 ** 22, 1, MAX_ELEMENTS);
  return { o, loss, ...sizes, unique, trials, seed, sampler, removeAccidentalHits, partitionStrategy, maxBlock };
}

/**
 * For one batch of a model, the sampled loss and gradient against the full ones, per S:
 *
 *   L_S    = mean_b sampledLoss[b] (nceLoss or sampledSoftmaxLoss with S drawn classes),
 *   L_full = mean_b fullLoss[b]    (fullSigmoidLoss or fullSoftmaxLoss: all C classes),
 *   ratio  = E[L_S] / L_full,
 *   cos(g, h) = g·h / (|g|·|h|)    for g = ∂L_S/∂x (averaged over trials, and per trial),
 *                                   h = ∂L_full/∂x, x = inputs [B, D] or weights [C, D].
 *
 * The sampled softmax loss is an estimate of the full one (biased low for small S); the
 * cosines say how well its gradient points where the full gradient does. Each row holds,
 * for one S in the order given, the sampled loss's mean and standard deviation over
 * `trials` draws, L_full (computed once), the ratio, the cosines, and each trial's values.
 *
 * Shapes as the losses: weights [C, D] or shards, biases [C] or shards, labels int32 [B, T],
 * inputs [B, D]. Defaults: trials 20, seed 1 (one stream for all draws: same seed, same
 * rows), sampler logUniformCandidateSampler, unique true, removeAccidentalHits the loss's
 * default, partitionStrategy 'div' (given to both losses, so that they see the same rows),
 * maxBlockElements 2²².
 *
 * Cost: one full pass, O(B·C·D), then per trial O(B·(T+S)·D) for the sampled loss plus
 * O(C·D) to compare its gradient with the full one, which is dense over C. Memory
 * O(C·D) (two float64 accumulators of the weights' size, and the dense float32 gradients)
 * plus a few tensors of `maxBlockElements` logits (the full pass runs over blocks of rows,
 * at least one row each): for C = 10⁵, D = 64, B = 256, a peak of about 440 MB resident
 * (measured in Node 20, the model and the runtime included).
 * Inputs and weights are left untouched (their .grad too).
 *
 * Errors (TapegradError, before anything is drawn): options not an object; loss not 'nce'
 * or 'softmax'; the class parameters as the losses (`checkClassParams`), an empty batch;
 * numSampled not a non-empty list of integers in [1, C] (≥ 1 without unique); trials not an
 * integer in [1, 10000]; a bad seed, sampler, unique, removeAccidentalHits, partitionStrategy
 * or maxBlockElements (an integer ≥ 1).
 */
export function compareSampledToFull(options: CompareSampledToFullOptions): SampledVsFullRow[] {
  const fn = 'compareSampledToFull';
  const c = checkOptions(fn, options);
  const { o, B, T, C, D } = c;
  const inputs = o.inputs.contiguous(),
    labels = o.labels.contiguous();
  const weights = c.weights,
    biases = c.biases;
  const nW = weights.length;
  const common = { numClasses: C, numTrue: T, partitionStrategy: c.partitionStrategy };
  // Differentiate with respect to inputs, weights and biases (fresh leaves: the user's are untouched).
  const xs = [inputs, ...weights, ...biases];
  const split = <X>(ts: readonly X[]) => ({ x: ts[0], w: ts.slice(1, 1 + nW), b: ts.slice(1 + nW) });

  // The full loss and gradient, over blocks of rows: L_full = Σ_blocks sum(loss_block) / B.
  const fullLoss = c.loss === 'nce' ? fullSigmoidLoss : fullSoftmaxLoss;
  const fullGradX = new Float64Array(B * D);
  const fullGradW = weights.map((w) => new Float64Array(w.size));
  let lFull = 0;
  const step = Math.max(1, Math.floor(c.maxBlock / C));
  for (let b0 = 0; b0 < B; b0 += step) {
    const b1 = Math.min(B, b0 + step);
    const { value, grads } = valueAndGrads(
      (...ts) => {
        const p = split(ts);
        return mul(
          sum(fullLoss({ ...common, weights: p.w, biases: p.b, labels: rows(labels, b0, b1), inputs: p.x })),
          1 / B,
        );
      },
      [rows(inputs, b0, b1), ...weights, ...biases],
    );
    lFull += value.item();
    fullGradX.set(flat(grads[0]), b0 * D);
    fullGradW.forEach((acc, k) => addInto(acc, flat(grads[1 + k])));
  }

  // Per S: `trials` draws; each trial's gradient against the full one, and their sum's.
  const sampledLoss = c.loss === 'nce' ? nceLoss : sampledSoftmaxLoss;
  const rng = makeRng(c.seed);
  return o.numSampled.map((S) => {
    const losses: number[] = [],
      cosX: number[] = [],
      cosW: number[] = [];
    const sumGradX = new Float64Array(B * D);
    const sumGradW = weights.map((w) => new Float64Array(w.size));
    for (let t = 0; t < c.trials; t++) {
      const sampledValues = c.sampler({
        trueClasses: labels,
        numTrue: T,
        numSampled: S,
        unique: c.unique,
        rangeMax: C,
        seed: rng,
      });
      const { value, grads } = valueAndGrads((...ts) => {
        const p = split(ts);
        return mean(
          sampledLoss({
            ...common,
            weights: p.w,
            biases: p.b,
            labels,
            inputs: p.x,
            numSampled: S,
            sampledValues,
            removeAccidentalHits: c.removeAccidentalHits,
          }),
        );
      }, xs);
      const g = split(grads.map(flat));
      losses.push(value.item());
      cosX.push(cosine([g.x], [fullGradX]));
      cosW.push(cosine(g.w, fullGradW));
      addInto(sumGradX, g.x);
      sumGradW.forEach((acc, k) => addInto(acc, g.w[k]));
    }
    const l = meanAndStd(losses);
    return {
      numSampled: S,
      sampledLoss: l,
      fullLoss: lFull,
      ratio: l.mean / lFull,
      cosineInputs: cosine([sumGradX], [fullGradX]),
      cosineWeights: cosine(sumGradW, fullGradW),
      trialCosineInputs: meanAndStd(cosX),
      trialCosineWeights: meanAndStd(cosW),
      perTrial: { sampledLoss: losses, cosineInputs: cosX, cosineWeights: cosW },
    };
  });
}
