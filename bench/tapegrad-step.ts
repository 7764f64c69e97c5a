/**
 * tapegrad's training step, written as a user would: the library's loss, `backward()` on the
 * batch mean, the SGD optimizer applying the row-sparse gradients of W and b.
 */
import {
  makeRng,
  mean,
  nceLoss,
  sampledSoftmaxLoss,
  SGD,
  tensor,
  Tensor,
  type SampledValues,
  type Seed,
} from '../src/index.js';
import { LR, type LossKind, type Problem, type Trainer } from './problem.js';

/** A leaf parameter over `data` (no copy). */
function leaf(data: Float32Array, shape: number[]): Tensor {
  const t = new Tensor(data, shape);
  t.requiresGrad = true;
  return t;
}

/**
 * A step of `kind` over a private copy of the problem (or, with `copy` false, over the
 * problem's own arrays). With `sample` set, each step draws its own candidates from the
 * default log-uniform sampler (a stream seeded by `sample`), as training does; otherwise
 * every step uses the problem's fixed draw.
 */
export function tapegradStep(p: Problem, kind: LossKind, sample?: Seed, copy = true): Trainer {
  const { B, D, S, C } = p;
  const param = (data: Float32Array, shape: number[]) => leaf(copy ? data.slice() : data, shape);
  const weights = param(p.W, [C, D]),
    biases = param(p.b, [C]),
    inputs = param(p.x, [B, D]);
  const labels = tensor(p.labels, [B, 1]);
  const opt = new SGD([weights, biases, inputs], { lr: LR });
  const sampledValues: SampledValues | undefined = sample === undefined ? p.sampledValues : undefined;
  const seed = sample === undefined ? undefined : makeRng(sample); // a stream: each step draws anew
  const loss = kind === 'nce' ? nceLoss : sampledSoftmaxLoss;
  const step = () => {
    const l = mean(loss({ weights, biases, labels, inputs, numSampled: S, numClasses: C, sampledValues, seed }));
    l.backward();
    opt.step();
    opt.zeroGrad();
    return l.item();
  };
  const params = () => ({
    W: weights.data as Float32Array,
    b: biases.data as Float32Array,
    x: inputs.data as Float32Array,
  });
  return { step, params };
}
