/**
 * The kernels side by side with TensorFlow.js: matMul (512³ in the NN, NT and TN forms; the
 * sampled-logits shape; the full-eval shape), gather of the rows a sampled step touches in
 * a batch of 128 × 65, logSoftmax over 50 000 classes, and the full softmax loss (the eval
 * path: a [128, 50000] matMul, logSoftmax, the label columns picked).
 */
import { fullSoftmaxLoss, gather, logSoftmax, makeRng, matMul, tensor, type Tensor } from '../src/index.js';
import { hashFill } from './problem.js';
import type { CaseSpec, Impl } from './runner.js';
import { tf, tfFloat, tfInt } from './tf.js';

/** A float32 array of n values in [−1, 1) (deterministic). */
const values = (n: number, salt: number): Float32Array => hashFill(new Float32Array(n), 1, salt);

/** n ids uniform in [0, C) from the seeded generator. */
function ids(n: number, C: number, seed: number): Int32Array {
  const rng = makeRng(seed);
  return Int32Array.from({ length: n }, () => Math.floor(rng() * C));
}

/** A tapegrad implementation computing `f` (its output is the reference). */
const tg =
  (f: () => Tensor): (() => Impl) =>
  () => ({ run: f, check: () => ({ out: f().dataSync() }) });

/** A tfjs implementation: `make` builds its inputs on the active backend and returns the op. */
const tfImpl =
  (make: () => { inputs: tf.Tensor[]; f: () => tf.Tensor }): (() => Impl) =>
  () => {
    const { inputs, f } = make();
    return {
      run: () => f().dispose(),
      check: () => {
        const out = f();
        const v = out.dataSync();
        out.dispose();
        return { out: v };
      },
      dispose: () => tf.dispose(inputs),
    };
  };

/** matMul(A, B) of [I, H] × [H, J] with the operands stored transposed where the form says. */
function matMulCase(name: string, I: number, H: number, J: number, transposeA = false, transposeB = false): CaseSpec {
  const aShape = transposeA ? [H, I] : [I, H],
    bShape = transposeB ? [J, H] : [H, J];
  const a = values(I * H, 11),
    b = values(H * J, 12);
  const at = tensor(a, aShape),
    bt = tensor(b, bShape);
  return {
    group: 'matMul',
    name,
    tapegrad: tg(() => matMul(at, bt, { transposeA, transposeB })),
    tfjs: tfImpl(() => {
      const x = tfFloat(a, aShape),
        y = tfFloat(b, bShape);
      return { inputs: [x, y], f: () => tf.matMul(x, y, transposeA, transposeB) };
    }),
  };
}

/** The op cases at the sizes of the sampled step: B 128, D 128, S 64, C 50 000. */
export function opCases(): CaseSpec[] {
  const B = 128,
    D = 128,
    S = 64,
    C = 50_000;
  const table = values(C * D, 21),
    rows = ids(8320, C, 22);
  const tableT = tensor(table, [C, D]),
    rowsT = tensor(rows, [rows.length]);
  const z = values(B * C, 23),
    zT = tensor(z, [B, C]);
  const x = values(B * D, 24),
    bias = values(C, 25),
    labels = ids(B, C, 26);
  const xT = tensor(x, [B, D]),
    biasT = tensor(bias, [C]),
    labelsT = tensor(labels, [B, 1]);
  const flatLabels = Int32Array.from(labels, (l, i) => i * C + l);
  return [
    matMulCase('matMul 512×512×512 NN', 512, 512, 512),
    matMulCase('matMul 512×512×512 NT', 512, 512, 512, false, true),
    matMulCase('matMul 512×512×512 TN', 512, 512, 512, true, false),
    matMulCase('matMul [128,128]×[128,65]', B, D, S + 1),
    matMulCase('matMul [128,128]×[128,50000]', B, D, C),
    matMulCase('matMul [128,128]×[50000,128]ᵀ (eval form)', B, D, C, false, true),
    {
      group: 'gather',
      name: 'gather 8320 rows of [50000,128]',
      tapegrad: tg(() => gather(tableT, rowsT)),
      tfjs: tfImpl(() => {
        const p = tfFloat(table, [C, D]),
          i = tfInt(rows, [rows.length]);
        return { inputs: [p, i], f: () => tf.gather(p, i) };
      }),
    },
    {
      group: 'logSoftmax',
      name: 'logSoftmax [128,50000]',
      tapegrad: tg(() => logSoftmax(zT)),
      tfjs: tfImpl(() => {
        const t = tfFloat(z, [B, C]);
        return { inputs: [t], f: () => tf.logSoftmax(t) };
      }),
    },
    {
      group: 'fullSoftmaxLoss',
      name: 'fullSoftmaxLoss B=128 C=50000 (forward)',
      tapegrad: tg(() =>
        fullSoftmaxLoss({ weights: tableT, biases: biasT, labels: labelsT, inputs: xT, numClasses: C }),
      ),
      tfjs: tfImpl(() => {
        const w = tfFloat(table, [C, D]),
          b = tfFloat(bias, [C]),
          xs = tfFloat(x, [B, D]),
          at = tfInt(flatLabels, [B]);
        const f = () =>
          tf.tidy(() => {
            const logits = tf.add(tf.matMul(xs, w, false, true), b);
            return tf.neg(tf.gather(tf.reshape(tf.logSoftmax(logits), [-1]), at));
          });
        return { inputs: [w, b, xs, at], f };
      }),
    },
  ];
}
