/**
 * The skip-gram model: input embeddings E [V, D] looked up with `gather`, output weights
 * W [V, D] and biases b [V] scored by a sampled loss.
 *
 * Initialization: E uniform in ±0.5/D and W zeros, as TensorFlow's word2vec tutorial and
 * word2vec.c; b = log q, the log of the unigram context distribution (see
 * `unigramLogPrior`), instead of TensorFlow's zeros. So the model starts as the unigram
 * baseline (its first held-out full-softmax loss equals the baseline, where zeros would
 * give ln V) and training spends its steps on what the center word tells, not on learning
 * word frequencies through a sampler that rarely draws rare words.
 */
import {
  Adagrad,
  Adam,
  SGD,
  fullSigmoidLoss,
  fullSoftmaxLoss,
  gather,
  mean,
  nceLoss,
  noGrad,
  randomUniform,
  sampledSoftmaxLoss,
  sum,
  tensor,
  zeros,
  type Optimizer,
  type Tensor,
} from '../../src/index.js';
import type { Pairs } from './pairs.js';

export type LossName = 'nce' | 'softmax';
export type OptimizerName = 'sgd' | 'adagrad' | 'adam';

export interface Model {
  /** E [V, D], the word vectors. */
  emb: Tensor;
  /** W [V, D]. */
  w: Tensor;
  /** b [V]. */
  b: Tensor;
}

/** A new model of D dims over the V words of `logPrior` (the initial b); E seeded. */
export function initModel(logPrior: Float64Array, D: number, seed: number): Model {
  const V = logPrior.length;
  const emb = randomUniform([V, D], -0.5 / D, 0.5 / D, 'float32', `${seed}:init`);
  const w = zeros([V, D]),
    b = tensor(Float32Array.from(logPrior));
  for (const t of [emb, w, b]) t.requiresGrad = true;
  return { emb, w, b };
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

/**
 * One step on a batch of (center, context) pairs: inputs = E[centers] [B, D], labels =
 * contexts [B, 1], the sampled loss with its own log-uniform sampler seeded by `seed` (one
 * sample set per batch), its mean over the batch, backward, then the optimizer step (the
 * gradients of E, W and b are row-sparse). Returns the mean loss.
 */
export function trainStep(
  m: Model,
  batch: Pairs,
  loss: LossName,
  numSampled: number,
  opt: Optimizer,
  seed: string,
): number {
  const B = batch.centers.length,
    V = m.w.shape[0];
  const inputs = gather(m.emb, tensor(batch.centers, [B], 'int32'));
  const labels = tensor(batch.contexts, [B, 1], 'int32');
  const f = loss === 'nce' ? nceLoss : sampledSoftmaxLoss;
  const l = mean(f({ weights: m.w, biases: m.b, labels, inputs, numSampled, numClasses: V, seed }));
  l.backward();
  opt.step();
  opt.zeroGrad();
  return l.item();
}

/** Held-out losses: means over the pairs of the full softmax and full sigmoid losses. */
export interface EvalResult {
  softmax: number;
  sigmoid?: number;
}

/**
 * The mean full-softmax (and, with `sigmoid`, full-sigmoid) loss of the pairs, under
 * noGrad, in chunks of `chunk` pairs (the logits of a chunk are [chunk, V]).
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
      const inputs = gather(m.emb, tensor(pairs.centers.subarray(s, e), [B], 'int32'));
      const o = {
        weights: m.w,
        biases: m.b,
        labels: tensor(pairs.contexts.subarray(s, e), [B, 1], 'int32'),
        inputs,
        numClasses: V,
      };
      soft += sum(fullSoftmaxLoss(o)).item();
      if (sigmoid) sig += sum(fullSigmoidLoss(o)).item();
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
