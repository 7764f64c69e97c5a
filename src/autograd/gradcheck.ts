/**
 * gradcheck: the tape's gradients against float64 central finite differences.
 *
 * Inputs are promoted to float64 copies that keep their strides, so a transposed or sliced
 * view reaches f as a view (int32 inputs pass through, never perturbed). For each checked
 * input element x_e (all of them, or a seeded random subset of `maxElements`):
 *   numeric  J[k, e] = (f(x + eps·1_e)_k − f(x − eps·1_e)_k) / (2·eps)
 *   analytic J[k, e] = ∂f_k/∂x_e from one backward per output element k, upstream grad 1_k.
 * Element (k, e) passes iff |a − n| ≤ atol + rtol·|n|; ok iff every element passes.
 * fastMode compares, per input, the scalars vᵀJu (v over outputs, u over the checked
 * elements, seeded normal draws): one backward and two evaluations per input.
 * Both modes also check that every backward uses its upstream gradient (PyTorch's "backward
 * not multiplied by grad_output"): a zero upstream must give zero gradients, and (full mode)
 * an upstream w must give Σ_k w_k · J[k, :]; else `failure` names the op whose backward
 * does not scale with its upstream gradient.
 * Defaults in the PyTorch tradition: eps 1e-6, atol 1e-5, rtol 1e-3.
 * Refuses (TapegradError) broadcast inputs (a stride 0 on an axis of length > 1: perturbing
 * one element would move many) and functions whose output differs bit for bit between two
 * evaluations at the same point (they sample inside: pass the samples in, e.g. sampledValues).
 */
import { checkFunction, checkTensorList, fail } from '../tensor/check.js';
import { castValues } from '../tensor/create.js';
import { TapegradError } from '../tensor/errors.js';
import { makeRng, normal, type Rng } from '../tensor/random.js';
import { shapeStr } from '../tensor/shape.js';
import { Tensor } from '../tensor/tensor.js';
import { leavesOf } from './functional.js';
import { readOptions, type GradcheckOptions } from './gradcheck-options.js';
import { backward, opIgnoringUpstream, withRecording } from './tape.js';

export type { GradcheckOptions } from './gradcheck-options.js';

/** The element whose error is largest relative to its tolerance. */
export interface GradcheckWorst {
  /** Position of the input in xs. */
  input: number;
  /** Index of the element in that input ([] in fastMode). */
  index: number[];
  /** Index of the output element ([] in fastMode). */
  output: number[];
  /** The tape's gradient at that element. */
  analytic: number;
  /** The float64 central difference (f(x + eps) − f(x − eps)) / (2·eps). */
  numeric: number;
  /** |analytic − numeric|. */
  absError: number;
  /** |analytic − numeric| / max(|numeric|, atol). */
  relError: number;
}

/** What `gradcheck` found. */
export interface GradcheckReport {
  /** True when every checked element has |analytic − numeric| ≤ atol + rtol·|numeric|. */
  ok: boolean;
  /** The largest |analytic − numeric|. */
  maxAbsError: number;
  /** The largest |analytic − numeric| / max(|numeric|, atol). */
  maxRelError: number;
  /** null when nothing was checked (no float input, or an empty input or output). */
  worst: GradcheckWorst | null;
  /** null when ok; else what failed, in a sentence (the op, when a backward ignores its upstream gradient). */
  failure: string | null;
}

/** Row-major multi-index of flat position `e` in `shape`. */
function unravel(e: number, shape: readonly number[]): number[] {
  const idx = new Array<number>(shape.length);
  for (let k = shape.length - 1; k >= 0; k--) {
    idx[k] = e % shape[k];
    e = Math.floor(e / shape[k]);
  }
  return idx;
}

/**
 * x as float64 with x's shape and strides, over a copy of the part of its storage it spans
 * (a contiguous copy when a stride is negative).
 */
function promote(x: Tensor): Tensor {
  if (x.size === 0 || x.strides.some((s) => s < 0)) return castValues(x, 'float64');
  const span = x.shape.reduce((n, d, k) => n + (d - 1) * x.strides[k], 1);
  return new Tensor(Float64Array.from(x.data.subarray(x.offset, x.offset + span)), x.shape, x.strides, 0);
}

/** All of 0..n−1, or `max` of them drawn without replacement (sorted). */
function pickElements(n: number, max: number, rng: Rng): number[] {
  const all = Array.from({ length: n }, (_, i) => i);
  if (n <= max) return all;
  for (let i = 0; i < max; i++) {
    const j = i + Math.floor(rng() * (n - i));
    [all[i], all[j]] = [all[j], all[i]];
  }
  return all.slice(0, max).sort((a, b) => a - b);
}

const sameBits = (a: ArrayLike<number>, b: ArrayLike<number>) =>
  a.length === b.length && Array.from(a).every((v, i) => Object.is(v, b[i]));

/**
 * Checks the gradients of `f` at `xs` (float inputs of any shape; f may return any shape);
 * formulas, defaults and refusals in the file comment. Errors: f not a function, xs not a
 * list of tensors, a broadcast input, bad options, or f sampling inside.
 */
export function gradcheck(
  f: (...xs: Tensor[]) => Tensor,
  xs: readonly Tensor[],
  opts: GradcheckOptions = {},
): GradcheckReport {
  checkFunction('gradcheck', 'f', f, 'a function of Tensors');
  checkTensorList('gradcheck', 'xs', xs).forEach((x, i) => {
    if (x.shape.some((d, k) => d > 1 && x.strides[k] === 0)) {
      throw new TapegradError(
        'gradcheck',
        `xs[${i}]`,
        'a tensor that is not a broadcast view (stride 0 on an axis of length > 1; pass a copy, or broadcast inside f)',
        `shape ${shapeStr(x.shape)} with strides ${shapeStr(x.strides)}`,
      );
    }
  });
  const { eps, atol, rtol, fastMode, maxElements, seed, checked } = readOptions(opts, xs);

  const points = xs.map((x) => (x.dtype === 'int32' ? x : promote(x)));
  const evaluate = (): Float64Array => {
    const y = withRecording(false, () => f(...points));
    if (!(y instanceof Tensor) || (checked.length > 0 && y.dtype !== 'float64')) {
      const why = 'a float64 Tensor (inputs are promoted to float64: make constants inside f float64 too)';
      fail('gradcheck', 'the result of f', why, y);
    }
    return Float64Array.from(y.dataSync());
  };
  const y0 = evaluate();
  if (!sameBits(y0, evaluate())) {
    throw new TapegradError(
      'gradcheck',
      'f',
      'deterministic, the same output bit for bit at the same point (a function that samples inside must take its samples as input: pass sampledValues)',
      'two different outputs from two evaluations at the same point',
    );
  }
  const rng = makeRng(seed);
  const elems = checked.map((i) => pickElements(points[i].size, maxElements, rng));

  // Analytic side: fresh leaves over the float64 points; d(wᵀ f)/d x for the given upstream w.
  const leaves = leavesOf(points, (_, i) => checked.includes(i));
  const out = withRecording(true, () => f(...leaves));
  const gradsFor = (w: Float64Array): Float64Array[] => {
    leaves.forEach((l) => (l.grad = null));
    if (out.requiresGrad) backward(out, new Tensor(w, out.shape), { retainGraph: true });
    return checked.map((i) => {
      const g = leaves[i].grad;
      return g === null ? new Float64Array(points[i].size) : Float64Array.from(g.toDense().dataSync());
    });
  };
  // Numeric side: the central difference of f along direction u over elements es of input i.
  const difference = (i: number, flat: readonly number[], u: readonly number[]): Float64Array => {
    const { data, shape, strides, offset } = points[i];
    const es = flat.map((e) => unravel(e, shape).reduce((o, k, a) => o + k * strides[a], offset));
    const saved = es.map((e) => data[e]);
    es.forEach((e, j) => (data[e] = saved[j] + eps * u[j]));
    const yp = evaluate();
    es.forEach((e, j) => (data[e] = saved[j] - eps * u[j]));
    const ym = evaluate();
    es.forEach((e, j) => (data[e] = saved[j]));
    return yp.map((v, k) => (v - ym[k]) / (2 * eps));
  };

  const report: GradcheckReport = { ok: true, maxAbsError: 0, maxRelError: 0, worst: null, failure: null };
  let worstRatio = -1;
  const compare = (input: number, index: number[], output: number[], analytic: number, numeric: number) => {
    const absError = Math.abs(analytic - numeric);
    const relError = absError === 0 ? 0 : absError / Math.max(Math.abs(numeric), atol, Number.MIN_VALUE);
    const tol = atol + rtol * Math.abs(numeric);
    const ratio = absError === 0 ? 0 : Number.isNaN(absError) ? Infinity : absError / tol;
    if (!(absError <= tol)) report.ok = false;
    report.maxAbsError = Math.max(report.maxAbsError, Number.isNaN(absError) ? Infinity : absError);
    report.maxRelError = Math.max(report.maxRelError, Number.isNaN(relError) ? Infinity : relError);
    if (ratio > worstRatio) {
      worstRatio = ratio;
      report.worst = { input, index, output, analytic, numeric, absError, relError };
    }
  };

  // A backward must scale with its upstream gradient w: the gradients for w are Σ_k w_k · J[k, :].
  const upstream = (w: Float64Array, expected: (c: number, e: number) => number, what: string) => {
    const g = gradsFor(w);
    let scales = true;
    checked.forEach((i, c) => {
      for (const e of elems[c]) {
        const want = expected(c, e);
        if (Math.abs(g[c][e] - want) <= atol + rtol * Math.abs(want)) continue;
        scales = false;
        compare(i, unravel(e, points[i].shape), [], g[c][e], want);
      }
    });
    if (!scales && report.failure === null) {
      const op = out.requiresGrad ? opIgnoringUpstream(out) : null;
      const culprit = op === null ? 'a backward' : `the backward of '${op}'`;
      report.failure = `${culprit} is not multiplied by its upstream gradient (${what})`;
    }
  };
  upstream(new Float64Array(y0.length), () => 0, 'a zero upstream gradient gave a nonzero gradient');
  if (fastMode) {
    const v = Float64Array.from(y0, () => normal(rng));
    const g = gradsFor(v);
    checked.forEach((i, c) => {
      const u = elems[c].map(() => normal(rng));
      const analytic = elems[c].reduce((s, e, j) => s + u[j] * g[c][e], 0);
      const numeric = difference(i, elems[c], u).reduce((s, d, k) => s + v[k] * d, 0);
      if (elems[c].length > 0 && y0.length > 0) compare(i, [], [], analytic, numeric);
    });
    return finish(report);
  }
  const jacobianRows = Array.from(y0, (_, k) => {
    const w = new Float64Array(y0.length);
    w[k] = 1;
    return gradsFor(w);
  });
  const w = Float64Array.from(y0, () => 1 + Math.abs(normal(rng)));
  const combined = (c: number, e: number) => jacobianRows.reduce((s, row, k) => s + w[k] * row[c][e], 0);
  upstream(w, combined, 'an upstream gradient w did not give Σ_k w_k · ∂f_k');
  checked.forEach((i, c) => {
    for (const e of elems[c]) {
      const column = difference(i, [e], [1]);
      const index = unravel(e, points[i].shape);
      column.forEach((numeric, k) => compare(i, index, unravel(k, out.shape), jacobianRows[k][c][e], numeric));
    }
  });
  return finish(report);
}

/** The failure sentence of a report whose only fault is a Jacobian mismatch. */
function finish(report: GradcheckReport): GradcheckReport {
  const w = report.worst;
  if (!report.ok && report.failure === null && w !== null) {
    const at =
      w.index.length > 0 || w.output.length > 0 ? ` at ${shapeStr(w.index)} (output ${shapeStr(w.output)})` : '';
    report.failure = `the gradient of input ${w.input}${at} is ${w.analytic}, the finite difference ${w.numeric}`;
  }
  return report;
}
