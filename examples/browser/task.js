/**
 * The demo's task, model and gradient check: plain functions of a seed, with no DOM, so the
 * worker runs them in the browser and the test runs the same code in Node to compare numbers.
 *
 * Task: C classes; context ids k are drawn log-uniformly, P(k) = ln((k+2)/(k+1)) / ln(C+1)
 * (Zipf-like, the distribution the default sampler assumes); the class that follows context
 * k is k+1 (mod C), except with probability `noise` a uniformly random class.
 * Model: logits = W·E[k] + b, with E [C, D] a learned embedding of the context id, W [C, D]
 * and b [C] the output classes. Training loss: mean sampledSoftmaxLoss with S log-uniform
 * samples; eval loss: mean fullSoftmaxLoss (exact, all C classes) on held-out pairs.
 */
import * as tg from '../../dist/tapegrad.browser.js';

export const TASK = {
  numClasses: 5000,
  dim: 32,
  batchSize: 128,
  numSampled: 64,
  noise: 0.1,
  evalSize: 256,
  evalEvery: 100,
  lr: 1,
  seed: 1,
};

/** The sampled-against-full diagnosis the page runs on one batch of the trained model. */
export const DIAGNOSIS = {
  losses: ['softmax', 'nce'],
  numSampled: [8, 16, 32, 64, 128, 256, 512],
  trials: 10,
};

/** The cross-entropy of the uniform guess: ln C. */
export const uniformLoss = (C) => Math.log(C);

/**
 * The smallest expected loss any model can reach (the task's conditional entropy): the true
 * next class has probability 1 − ε + ε/C, each of the other C − 1 has ε/C.
 */
export function bayesLoss(C, noise) {
  const p1 = 1 - noise + noise / C,
    p0 = noise / C;
  return -(p1 * Math.log(p1) + (C - 1) * p0 * Math.log(p0));
}

/** n (context, next class) pairs drawn from the task with `rng`. */
export function samplePairs(rng, n, { numClasses: C, noise }) {
  const contexts = new Int32Array(n),
    labels = new Int32Array(n);
  const logRange = Math.log(C + 1);
  for (let i = 0; i < n; i++) {
    const k = Math.min(C - 1, Math.floor(Math.exp(rng() * logRange)) - 1);
    contexts[i] = k;
    labels[i] = rng() < noise ? Math.floor(rng() * C) : (k + 1) % C;
  }
  return { contexts: tg.tensor(contexts, [n]), labels: tg.tensor(labels, [n, 1]) };
}

/**
 * A trainer over `TASK` (overridable): `trainStep()` runs one Adagrad step on a fresh batch
 * and returns its training loss; `evalLoss()` the full-softmax loss on the held-out pairs.
 * Deterministic given `seed`: data, initial values and samples all come from it.
 */
export function createTrainer(overrides = {}) {
  const o = { ...TASK, ...overrides };
  const C = o.numClasses,
    D = o.dim;
  const rng = tg.makeRng(`demo-${o.seed}`);
  const sampleRng = tg.makeRng(`demo-samples-${o.seed}`);
  const evalSet = samplePairs(tg.makeRng(`demo-eval-${o.seed}`), o.evalSize, o);

  const embeddings = tg.randomUniform([C, D], -0.5, 0.5, 'float32', rng);
  const weights = tg.randomNormal([C, D], 0, 1 / Math.sqrt(D), 'float32', rng);
  const biases = tg.zeros([C]);
  for (const [p, name] of [
    [embeddings, 'embeddings'],
    [weights, 'weights'],
    [biases, 'biases'],
  ]) {
    p.requiresGrad = true;
    p.name = name;
  }
  const opt = new tg.Adagrad([embeddings, weights, biases], { lr: o.lr });

  /** The sampled softmax loss [B] of a batch; samples drawn from `seed` (default: the training stream). */
  const lossOf = (batch, inputs, seed = sampleRng) =>
    tg.sampledSoftmaxLoss({
      weights,
      biases,
      labels: batch.labels,
      inputs,
      numSampled: o.numSampled,
      numClasses: C,
      seed,
    });

  const trainer = {
    step: 0,
    trainStep() {
      const batch = samplePairs(rng, o.batchSize, o);
      const loss = tg.mean(lossOf(batch, tg.gather(embeddings, batch.contexts)));
      opt.zeroGrad();
      loss.backward();
      opt.step();
      trainer.step++;
      return loss.item();
    },
    /**
     * The recorded graph of one training step's loss, as SVG (renderGraphSvg) and DOT
     * (toDot): drawn from its own streams, so the training data and samples are untouched.
     * Never backpropagated: the graph is dropped with the loss.
     */
    stepGraph() {
      const batch = samplePairs(tg.makeRng(`demo-graph-${o.seed}`), o.batchSize, o);
      const inputs = tg.gather(embeddings, batch.contexts);
      const loss = tg.mean(lossOf(batch, inputs, `demo-graph-samples-${o.seed}`));
      loss.name = 'loss';
      return { svg: tg.renderGraphSvg(loss), dot: tg.toDot(loss) };
    },
    /**
     * Sampled against full on one batch of the current model (its own stream: the training
     * data and samples are untouched): `compareSampledToFull` for each loss, its rows in the
     * order of `DIAGNOSIS.numSampled`. Leaves the parameters and their gradients as they were.
     */
    diagnose({ losses = DIAGNOSIS.losses, numSampled = DIAGNOSIS.numSampled, trials = DIAGNOSIS.trials } = {}) {
      const batch = samplePairs(tg.makeRng(`demo-diagnose-${o.seed}`), o.batchSize, o);
      const inputs = tg.noGrad(() => tg.gather(embeddings, batch.contexts));
      return losses.map((loss) => ({
        loss,
        rows: tg.compareSampledToFull({
          loss,
          weights,
          biases,
          labels: batch.labels,
          inputs,
          numClasses: C,
          numSampled,
          trials,
          seed: `demo-diagnose-samples-${o.seed}`,
        }),
      }));
    },
    evalLoss() {
      return tg.noGrad(() =>
        tg
          .mean(
            tg.fullSoftmaxLoss({
              weights,
              biases,
              labels: evalSet.labels,
              inputs: tg.gather(embeddings, evalSet.contexts),
              numClasses: C,
            }),
          )
          .item(),
      );
    },
  };
  return trainer;
}

/**
 * The gradient check of both sampled losses on a tiny float64 case (C = 7, D = 3, B = 2,
 * T = 1, S = 3), with the samples drawn once and passed in as `sampledValues`, so that the
 * loss is a deterministic function of weights, biases and inputs.
 */
export function gradcheckReports() {
  const C = 7,
    D = 3,
    B = 2,
    S = 3;
  const rng = tg.makeRng('demo-gradcheck');
  const weights = tg.randomNormal([C, D], 0, 1, 'float64', rng);
  const biases = tg.randomNormal([C], 0, 1, 'float64', rng);
  const inputs = tg.randomNormal([B, D], 0, 1, 'float64', rng);
  const labels = tg.tensor(new Int32Array([2, 5]), [B, 1]);
  const sampledValues = tg.logUniformCandidateSampler({
    trueClasses: labels,
    numTrue: 1,
    numSampled: S,
    unique: true,
    rangeMax: C,
    seed: rng,
  });
  const common = { labels, numSampled: S, numClasses: C, sampledValues };
  const losses = { sampledSoftmaxLoss: tg.sampledSoftmaxLoss, nceLoss: tg.nceLoss };
  return Object.entries(losses).map(([name, loss]) => {
    const r = tg.gradcheck(
      (w, b, x) => loss({ ...common, weights: w, biases: b, inputs: x }),
      [weights, biases, inputs],
    );
    return { name, ok: r.ok, maxAbsError: r.maxAbsError, maxRelError: r.maxRelError, worst: r.worst ?? null };
  });
}
