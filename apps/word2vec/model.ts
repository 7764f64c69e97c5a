/**
 * The skip-gram model: input embeddings E [V, D] looked up with `gather`, output weights
 * W [V, D] and biases b [V] scored by a sampled loss.
 *
 * Initialization: E uniform in ±0.5/D and W zeros, as TensorFlow's word2vec tutorial and
 * word2vec.c; b = log q, the log of the unigram context distribution (see
 * `unigramLogPrior`; with negative sampling, log of its noise distribution), instead of TensorFlow's zeros. So the model starts as the unigram
 * baseline (its first held-out full-softmax loss equals the baseline, where zeros would
 * give ln V) and training spends its steps on what the center word tells, not on learning
 * word frequencies through a sampler that rarely draws rare words.
 */
import {
  Adagrad,
  Adam,
  SGD,
  Tensor,
  candidateLogits,
  fill,
  fullLogits,
  gather,
  makeRng,
  mean,
  mul,
  nceLoss,
  negativeSamplingSgd,
  noGrad,
  randomUniform,
  sampledSoftmaxLoss,
  sigmoidCrossEntropyWithLogits,
  sparseSoftmaxCrossEntropyWithLogits,
  sum,
  tensor,
  zeros,
  type Optimizer,
} from '../../src/index.js';
import { skippedNegatives, type Noise } from './noise.js';
import type { Pairs } from './pairs.js';

export type LossName = 'nce' | 'softmax' | 'negative-sampling';
export type SamplerName = 'log-uniform' | 'unigram';
export type OptimizerName = 'sgd' | 'adagrad' | 'adam';

export interface Model {
  /** E [V, D], the word vectors. */
  emb: Tensor;
  /** W [V, D]. */
  w: Tensor;
  /** b [V]. */
  b: Tensor;
}

/**
 * A new model of D dims over the V words of `logPrior` (the initial b); E seeded. With
 * `shared`, E, W and b live in SharedArrayBuffers (for worker threads), same values.
 */
export function initModel(logPrior: Float64Array, D: number, seed: number, shared = false): Model {
  const V = logPrior.length;
  let emb = randomUniform([V, D], -0.5 / D, 0.5 / D, 'float32', `${seed}:init`);
  let w = zeros([V, D]),
    b = tensor(Float32Array.from(logPrior));
  if (shared) [emb, w, b] = [emb, w, b].map((t) => sharedCopy(t));
  for (const t of [emb, w, b]) t.requiresGrad = true;
  return { emb, w, b };
}

/** A float32 tensor over a new SharedArrayBuffer holding t's values. */
export function sharedCopy(t: Tensor): Tensor {
  const data = new Float32Array(new SharedArrayBuffer(t.size * 4));
  data.set(t.dataSync());
  return new Tensor(data, t.shape);
}

/**
 * The optimizer over E, W, b. Adagrad starts its accumulators at 0.1/B² for a batch of B:
 * TensorFlow's 0.1 for a summed loss, rescaled because the trainer takes the batch mean
 * (gradients B times smaller); at 0.1 the accumulator would swamp the squared gradients.
 */
export function makeOptimizer(name: OptimizerName, m: Model, lr: number, batch: number): Optimizer {
  const params = [m.emb, m.w, m.b];
  if (name === 'sgd') return new SGD(params, { lr });
  if (name === 'adagrad') return new Adagrad(params, { lr, initialAccumulatorValue: 0.1 / (batch * batch) });
  return new Adam(params, { lr });
}

/** What a training step optimizes, fixed for a run. */
export interface Objective {
  loss: LossName;
  /** S, the classes sampled per batch (nce, softmax). */
  numSampled: number;
  /** K, the negatives drawn per pair (negative-sampling). */
  negatives: number;
  /** unigram^distortion: the negatives' distribution, and the nce/softmax sampler when 'unigram'. */
  noise: Noise | null;
}

/** The candidates of the negative-sampling steps, reused from step to step (one per thread). */
let candidatesBuffer = new Int32Array(0);

/**
 * One step on a batch of B (center, context) pairs. Returns the mean loss per pair. Every
 * draw comes from `seed`.
 *
 * - nce, softmax: inputs = E[centers] [B, D], labels = contexts [B, 1], the sampled loss
 *   with S candidates shared by the batch, from the log-uniform sampler (`noise` null) or
 *   from the noise (`--sampler unigram`); its mean over the batch, then the optimizer step
 *   (the gradients of E, W and b are row-sparse).
 * - negative-sampling (word2vec.c's objective): per pair, K negatives n_1..n_K from the
 *   noise and, with h = E[center], u = W[context],
 *
 *     loss = −log σ(⟨h, u⟩) − Σ_k log σ(−⟨h, W[n_k]⟩)        (no bias, no log Q)
 *
 *   a negative equal to the context counts 0 (word2vec.c skips it). With plain SGD (the
 *   classic setting) this is `negativeSamplingSgd` at η/B per pair, pair after pair in
 *   place, as word2vec.c trains (the batch-mean rate η spread over the B pairs); with any
 *   other optimizer, the tape: `candidateLogits` [B, 1+K] and `sigmoidCrossEntropyWithLogits`
 *   against 1 in column 0 and 0 in the others, averaged over the batch, then the optimizer
 *   step. b is not trained: it stays log q for the full-softmax eval.
 */
export function trainStep(m: Model, batch: Pairs, o: Objective, opt: Optimizer, seed: string): number {
  const B = batch.centers.length,
    V = m.w.shape[0];
  let l: Tensor;
  if (o.loss === 'negative-sampling') {
    const M = o.negatives + 1;
    if (candidatesBuffer.length < B * M) candidatesBuffer = new Int32Array(B * M);
    // Reused: the step (and its graph and gradients) is done with it when it returns.
    const candidates = candidatesBuffer.subarray(0, B * M);
    o.noise!.negatives(batch.contexts, o.negatives, makeRng(seed), candidates);
    if (opt instanceof SGD && opt.momentum === 0) {
      const loss = negativeSamplingSgd({
        inputs: m.emb,
        weights: m.w,
        centers: new Tensor(batch.centers, [B]),
        candidates: new Tensor(candidates, [B, M]),
        lr: opt.lr / B,
      });
      return loss / B;
    }
    const inputs = gather(m.emb, tensor(batch.centers, [B], 'int32'));
    const logits = candidateLogits({ inputs, weights: m.w, candidates: new Tensor(candidates, [B, M]) });
    const { labels, weights } = pairTargets(B, M, skippedNegatives(candidates, M));
    l = sum(mul(sigmoidCrossEntropyWithLogits({ labels, logits }), weights));
  } else {
    const inputs = gather(m.emb, tensor(batch.centers, [B], 'int32'));
    const labels = tensor(batch.contexts, [B, 1], 'int32');
    const f = o.loss === 'nce' ? nceLoss : sampledSoftmaxLoss;
    const numSampled = o.numSampled;
    const sampledValues = o.noise?.sampledValues(batch.contexts, numSampled, makeRng(seed));
    l = mean(f({ weights: m.w, biases: m.b, labels, inputs, numSampled, numClasses: V, seed, sampledValues }));
  }
  l.backward();
  opt.step();
  opt.zeroGrad();
  return l.item();
}

let targetsCache: { B: number; M: number; labels: Tensor; weights: Tensor } | null = null;

/** Labels [B, M] (1 in column 0, else 0) and loss weights [B, M] (1/B, 0 at `skipped`). */
function pairTargets(B: number, M: number, skipped: readonly number[]): { labels: Tensor; weights: Tensor } {
  if (targetsCache?.B !== B || targetsCache.M !== M) {
    const z = new Float32Array(B * M);
    for (let b = 0; b < B; b++) z[b * M] = 1;
    targetsCache = { B, M, labels: new Tensor(z, [B, M]), weights: fill([B, M], 1 / B) };
  }
  if (skipped.length === 0) return targetsCache;
  const w = targetsCache.weights.dataSync();
  for (const i of skipped) w[i] = 0;
  return { labels: targetsCache.labels, weights: new Tensor(w, [B, M]) };
}

/** Held-out losses: means over the pairs of the full softmax and full sigmoid losses. */
export interface EvalResult {
  softmax: number;
  sigmoid?: number;
}

/**
 * The mean full-softmax (and, with `sigmoid`, full-sigmoid) loss of the pairs, under
 * noGrad, in chunks of `chunk` pairs: one logits matrix [chunk, V] = E[centers]·Wᵀ + b per
 * chunk serves both losses (softmax: sparse softmax cross-entropy; sigmoid:
 * Σ_v softplus(logit_v) − logit_context).
 */
export function evaluate(m: Model, pairs: Pairs, sigmoid = false, chunk = 512): EvalResult {
  const n = pairs.centers.length,
    V = m.w.shape[0];
  let soft = 0,
    sig = 0;
  noGrad(() => {
    for (let s = 0; s < n; s += chunk) {
      const e = Math.min(n, s + chunk),
        B = e - s;
      const contexts = pairs.contexts.subarray(s, e);
      const inputs = gather(m.emb, tensor(pairs.centers.subarray(s, e), [B], 'int32'));
      const labels = tensor(contexts, [B, 1], 'int32');
      const { logits } = fullLogits({ weights: m.w, biases: m.b, labels, inputs, numClasses: V });
      soft += sum(sparseSoftmaxCrossEntropyWithLogits({ labels: tensor(contexts, [B], 'int32'), logits })).item();
      if (!sigmoid) continue;
      // Σ_v softplus(z_v) − z_context, softplus(z) = max(z, 0) + log(1 + e^(−|z|)), in one pass
      const z = logits.contiguous(),
        zd = z.data;
      for (let i = z.offset, end = z.offset + B * V; i < end; i++) {
        const x = zd[i];
        sig += (x > 0 ? x : 0) + Math.log1p(Math.exp(-Math.abs(x)));
      }
      for (let b = 0; b < B; b++) sig -= zd[z.offset + b * V + contexts[b]];
    }
  });
  return sigmoid ? { softmax: soft / n, sigmoid: sig / n } : { softmax: soft / n };
}

/**
 * log q(w) for every word: the training context distribution, which subsampling makes
 * q(w) = count(w)·keep(w) / Σ_v count(v)·keep(v) (up to sentence-edge effects).
 */
export function unigramLogPrior(counts: readonly number[], keep: Float64Array): Float64Array {
  let z = 0;
  counts.forEach((c, i) => {
    z += c * keep[i];
  });
  return Float64Array.from(counts, (c, i) => Math.log((c * keep[i]) / z));
}

/**
 * The unigram baseline: what a model that ignores the center word gets, in nats. Its best
 * guess of a context is q (`unigramLogPrior`). Returns the cross-entropy of the held-out
 * contexts under q, −mean log q(context) (the number the held-out full-softmax loss is
 * compared with), and the entropy H(q) = −Σ q log q.
 */
export function unigramBaseline(logPrior: Float64Array, pairs: Pairs): { crossEntropy: number; entropy: number } {
  let entropy = 0;
  for (const lq of logPrior) entropy -= Math.exp(lq) * lq;
  let ce = 0;
  for (const x of pairs.contexts) ce -= logPrior[x];
  return { crossEntropy: ce / pairs.contexts.length, entropy };
}
