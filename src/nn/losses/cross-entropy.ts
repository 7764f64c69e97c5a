/**
 * The cross-entropies with logits (SPEC-sampled-losses.md §5): sigmoid (elementwise),
 * softmax (over an axis, soft targets) and sparse softmax (integer labels).
 */
import { defineOp } from '../../autograd/tape.js';
import { mul, neg } from '../../autograd/ops/arithmetic.js';
import { gather } from '../../autograd/ops/gather.js';
import { logSoftmax } from '../../autograd/ops/logsoftmax.js';
import { reshape } from '../../autograd/ops/movement.js';
import { sum } from '../../autograd/ops/reduce.js';
import { allocate, floatResult } from '../../tensor/dtype.js';
import { checkInteger, checkKeys, checkObject, checkTensor, fail } from '../../tensor/check.js';
import { checkIds } from '../../tensor/gather.js';
import { normAxis, sameShape, shapeStr, sizeOf } from '../../tensor/shape.js';
import { rowMajor, Tensor } from '../../tensor/tensor.js';

/** `{ labels, logits }`: two float tensors of one shape. */
function checkLabelsLogits(fn: string, options: unknown, known: readonly string[]): { labels: Tensor; logits: Tensor } {
  const o = checkObject(fn, 'options', options);
  checkKeys(fn, 'options', o, known);
  const logits = checkTensor(fn, 'logits', o.logits, { dtype: 'float' });
  const labels = checkTensor(fn, 'labels', o.labels, { dtype: 'float' });
  if (!sameShape(labels.shape, logits.shape)) {
    fail(fn, 'labels', `a float tensor of the logits' shape ${shapeStr(logits.shape)}`, labels);
  }
  return { labels, logits };
}

/**
 * Sigmoid cross-entropy with logits, elementwise, in TensorFlow's stable form:
 *
 *   loss = max(x, 0) − x·z + log1p(exp(−|x|))      (x = logits, z = labels)
 *   ∂loss/∂x = sigmoid(x) − z   (0.5 − z at x = 0),   ∂loss/∂z = −x
 *
 * Shapes: labels and logits alike, any shape; the result has that shape. Finite for any
 * finite logits (±1e4 included). Errors: shapes differ, int32 operands.
 */
export function sigmoidCrossEntropyWithLogits(options: { labels: Tensor; logits: Tensor }): Tensor {
  const { labels, logits } = checkLabelsLogits('sigmoidCrossEntropyWithLogits', options, ['labels', 'logits']);
  return defineOp('sigmoidCrossEntropyWithLogits', [labels, logits], () => {
    const x = rowMajor(logits),
      z = rowMajor(labels);
    const n = x.size;
    const out = allocate(floatResult(x.dtype, z.dtype), n);
    const e = new Float64Array(n); // exp(−|x|), kept: sigmoid(x) = 1/(1+e) for x ≥ 0, e/(1+e) below
    for (let i = 0; i < n; i++) {
      const xi = x.data[x.offset + i];
      e[i] = Math.exp(-Math.abs(xi));
      out[i] = Math.max(xi, 0) - xi * z.data[z.offset + i] + Math.log1p(e[i]);
    }
    return {
      out: new Tensor(out, x.shape),
      backward: (g, [needZ, needX]) => {
        const gz = needZ ? allocate(z.dtype, n) : null;
        const gx = needX ? allocate(x.dtype, n) : null;
        for (let i = 0; i < n; i++) {
          const gi = g.data[g.offset + i],
            xi = x.data[x.offset + i];
          if (gz) gz[i] = -xi * gi;
          if (gx) gx[i] = ((xi >= 0 ? 1 : e[i]) / (1 + e[i]) - z.data[z.offset + i]) * gi;
        }
        return [gz && new Tensor(gz, z.shape), gx && new Tensor(gx, x.shape)];
      },
    };
  });
}

/**
 * Softmax cross-entropy with soft targets z over `axis` (default −1):
 *
 *   loss = −Σ_j z_j · logSoftmax(x)_j = Σ_j z_j · (log Σ_k exp(x_k − m) − (x_j − m)),  m = max x
 *   ∂loss/∂x = (Σ_j z_j) · softmax(x) − z   (right also when z does not sum to 1)
 *   ∂loss/∂z = −logSoftmax(x)
 *
 * Shapes: labels and logits alike, e.g. [B, C]; the result drops `axis`, e.g. [B].
 * Over the last axis it is one fused op; over another axis it is composed from
 * logSoftmax, mul and sum (the reference the tests compare the fused op with).
 * Errors: shapes differ, int32 operands, bad axis.
 */
export function softmaxCrossEntropyWithLogits(options: { labels: Tensor; logits: Tensor; axis?: number }): Tensor {
  const fn = 'softmaxCrossEntropyWithLogits';
  const { labels, logits } = checkLabelsLogits(fn, options, ['labels', 'logits', 'axis']);
  const axis = options.axis === undefined ? -1 : checkInteger(fn, 'axis', options.axis, -logits.rank, logits.rank - 1);
  if (normAxis(fn, axis, logits.rank) !== logits.rank - 1) return neg(sum(mul(labels, logSoftmax(logits, axis)), axis));
  // The last axis (the losses' case): one fused op over rows r of length C.
  return defineOp(fn, [labels, logits], () => {
    const x = rowMajor(logits),
      z = rowMajor(labels);
    const C = logits.shape[logits.rank - 1],
      rows = sizeOf(logits.shape.slice(0, -1)); // even when C = 0 (each loss is then 0)
    const xd = x.data,
      zd = z.data,
      xo = x.offset,
      zo = z.offset;
    // logSoftmax(x)_j = (x_j − m) − log s, rounded to the logits' dtype as logSoftmax's result is.
    const round = x.dtype === 'float32' ? Math.fround : (v: number) => v;
    const e = new Float64Array(rows * C); // exp(x_j − m), kept: softmax_j = e_j / s
    const m = new Float64Array(rows),
      s = new Float64Array(rows),
      zSum = new Float64Array(rows);
    const out = allocate(floatResult(x.dtype, z.dtype), rows);
    for (let r = 0; r < rows; r++) {
      const xr = xo + r * C,
        o = r * C;
      let mr = -Infinity,
        sr = 0;
      for (let j = 0; j < C; j++) if (xd[xr + j] > mr) mr = xd[xr + j];
      for (let j = 0; j < C; j++) sr += e[o + j] = Math.exp(xd[xr + j] - mr);
      const logS = Math.log(sr);
      let loss = 0,
        zr = 0;
      for (let j = 0; j < C; j++) {
        const zj = zd[zo + o + j];
        loss -= zj * round(xd[xr + j] - mr - logS);
        zr += zj;
      }
      out[r] = loss;
      m[r] = mr;
      s[r] = sr;
      zSum[r] = zr;
    }
    return {
      out: new Tensor(out, logits.shape.slice(0, -1)),
      backward: (g, [needZ, needX]) => {
        const gz = needZ ? allocate(z.dtype, rows * C) : null;
        const gx = needX ? allocate(x.dtype, rows * C) : null;
        for (let r = 0; r < rows; r++) {
          const gr = g.data[g.offset + r],
            o = r * C,
            logS = Math.log(s[r]);
          if (gz) for (let j = 0; j < C; j++) gz[o + j] = -gr * round(xd[xo + o + j] - m[r] - logS);
          if (gx) for (let j = 0; j < C; j++) gx[o + j] = gr * (zSum[r] * (e[o + j] / s[r]) - zd[zo + o + j]);
        }
        return [gz && new Tensor(gz, z.shape), gx && new Tensor(gx, logits.shape)];
      },
    };
  });
}

/**
 * x[b, cols[b, t]] for x [B, C] and int32 cols [B, T]: a gather on the flattened logits,
 * so that its gradient touches only the picked entries. Result [B, T].
 */
export function pickColumns(x: Tensor, cols: Tensor): Tensor {
  const [B, C] = x.shape;
  const T = cols.shape[1];
  const flat = new Int32Array(B * T);
  const c = rowMajor(cols);
  for (let b = 0; b < B; b++) for (let t = 0; t < T; t++) flat[b * T + t] = b * C + c.data[c.offset + b * T + t];
  return gather(reshape(x, [B * C]), new Tensor(flat, [B, T]));
}

/**
 * Softmax cross-entropy with integer labels: loss[b] = −logSoftmax(logits[b])[labels[b]],
 * i.e. softmaxCrossEntropyWithLogits against one-hot targets.
 *
 * Shapes: labels int32 [B], logits [B, C]; result [B]. ∂loss/∂logits = softmax − onehot.
 * Errors: labels not int32 [B], logits not rank 2, a label outside [0, C).
 */
export function sparseSoftmaxCrossEntropyWithLogits(options: { labels: Tensor; logits: Tensor }): Tensor {
  const fn = 'sparseSoftmaxCrossEntropyWithLogits';
  const o = checkObject(fn, 'options', options);
  checkKeys(fn, 'options', o, ['labels', 'logits']);
  const logits = checkTensor(fn, 'logits', o.logits, { dtype: 'float', rank: 2 });
  const [B, C] = logits.shape;
  const labels = o.labels;
  if (!(labels instanceof Tensor) || labels.dtype !== 'int32' || labels.rank !== 1 || labels.shape[0] !== B) {
    fail(fn, 'labels', `an int32 tensor of shape [B] = [${B}]`, labels);
  }
  checkIds(fn, 'labels', labels, C);
  return neg(reshape(pickColumns(logSoftmax(logits, -1), reshape(labels, [B, 1])), [B]));
}
