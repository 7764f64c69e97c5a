/**
 * The same training step in TensorFlow.js, built from its ops the way TensorFlow builds
 * `nce_loss` / `sampled_softmax_loss` (one gather of the true and sampled rows, a row-wise
 * dot, one matMul, log Q subtracted, the sigmoid or softmax cross-entropy), minimised by
 * `tf.train.sgd`. The gather's gradient is a `scatterND` into a dense [C, D] tensor given
 * with `tf.customGrad`: tfjs's registered GatherV2 gradient (unsortedSegmentSum) takes
 * minutes on 'cpu' at this size and is not registered on 'wasm'. tfjs has no row-sparse
 * gradient, so the optimizer updates all C rows: that is TensorFlow.js's cost model.
 */
import { LR, type LossKind, type Params, type Problem, type Trainer } from './problem.js';
import { tf, tfFloat, tfInt } from './tf.js';

/** params[ids] along axis 0, whose gradient scatter-adds dy into zeros shaped like params. */
function gatherScatterGrad(params: tf.Tensor, ids: tf.Tensor1D): tf.Tensor {
  const f = tf.customGrad((...inputs) => {
    const p = inputs[0] as tf.Tensor;
    return {
      value: tf.gather(p, ids),
      gradFunc: (dy: tf.Tensor) => [tf.scatterND(tf.expandDims(ids, 1), dy, p.shape)],
    };
  });
  return f(params);
}

/** σ cross-entropy with logits, TensorFlow's formula: max(z, 0) − z·t + log(1 + e^(−|z|)). */
const sigmoidCE = (t: tf.Tensor, z: tf.Tensor): tf.Tensor =>
  tf.add(tf.sub(tf.relu(z), tf.mul(z, t)), tf.log1p(tf.exp(tf.neg(tf.abs(z)))));

/**
 * A step of `kind` on the active backend over a private copy of the problem; `dispose()`
 * frees its tensors. Call `useBackend` first.
 */
export function tfStep(p: Problem, kind: LossKind): Trainer {
  const { B, D, S, C } = p;
  // Variables are kept by tidy; the constants it returns are kept, the temporaries freed.
  const { W, b, x, ids, logQt, logQs, mask, targets } = tf.tidy(() => ({
    W: tf.variable(tfFloat(p.W, [C, D])),
    b: tf.variable(tfFloat(p.b, [C])),
    x: tf.variable(tfFloat(p.x, [B, D])),
    ids: tfInt(Int32Array.from([...p.labels, ...p.sampled]), [B + S]) as tf.Tensor1D,
    logQt: tf.log(tfFloat(p.trueExpected, [B, 1])),
    logQs: tf.log(tfFloat(p.sampledExpected, [S])),
    mask: tfFloat(p.hitMask, [B, S]),
    targets: tf.concat([tf.ones([B, 1]), tf.zeros([B, S])], 1),
  }));
  const opt = tf.train.sgd(LR);

  const loss = (): tf.Scalar => {
    const allW = gatherScatterGrad(W, ids),
      allB = gatherScatterGrad(b, ids);
    const trueW = tf.slice(allW, [0, 0], [B, D]),
      sampledW = tf.slice(allW, [B, 0], [S, D]);
    const trueB = tf.slice(allB, [0], [B]),
      sampledB = tf.slice(allB, [B], [S]);
    const trueLogits = tf.sub(tf.add(tf.sum(tf.mul(x, trueW), 1), trueB).reshape([B, 1]), logQt);
    let sampledLogits = tf.add(tf.matMul(x, sampledW, false, true), sampledB);
    if (kind === 'sampledSoftmax') sampledLogits = tf.add(sampledLogits, mask); // removeAccidentalHits
    const logits = tf.concat([trueLogits, tf.sub(sampledLogits, logQs)], 1);
    const perExample =
      kind === 'nce'
        ? tf.sum(sigmoidCE(targets, logits), 1)
        : tf.neg(tf.sum(tf.mul(targets, tf.logSoftmax(logits)), 1));
    return tf.mean(perExample) as tf.Scalar;
  };

  const step = (): number => {
    const cost = opt.minimize(loss, true, [W, b, x])!;
    const v = cost.dataSync()[0];
    cost.dispose();
    return v;
  };
  const dispose = () => {
    tf.dispose([W, b, x, ids, logQt, logQs, mask, targets]);
    opt.dispose();
  };
  const params = (): Params => ({
    W: W.dataSync() as Float32Array,
    b: b.dataSync() as Float32Array,
    x: x.dataSync() as Float32Array,
  });
  return { step, params, dispose };
}
