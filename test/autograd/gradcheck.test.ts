import { describe, expect, test } from 'vitest';
import {
  add,
  defineOp,
  gradcheck,
  logSoftmax,
  mul,
  oneHot,
  randomNormal,
  sigmoid,
  sum,
  TapegradError,
  tensor,
  Tensor,
} from '../../src/index.js';
import { mapBinary, mapUnary } from '../../src/tensor/elementwise.js';
import { sumAxes } from '../../src/tensor/reduce.js';
import { broadcastView } from '../../src/tensor/views.js';
import { f64, slicedOf, transposedOf } from './helpers.js';

/** x² with a deliberately wrong backward: g·x instead of 2x·g. */
const badSquare = (x: Tensor) =>
  defineOp('badSquare', [x], () => ({
    out: mapUnary(x, (v) => v * v),
    backward: (g) => [mapBinary(g, x, (gi, xi) => gi * xi)],
  }));
/** A correct x² built the same way. */
const goodSquare = (x: Tensor) =>
  defineOp('goodSquare', [x], () => ({
    out: mapUnary(x, (v) => v * v),
    backward: (g) => [mapBinary(g, x, (gi, xi) => 2 * gi * xi)],
  }));

/** Σ x² (a scalar), whose backward ignores its upstream gradient g: [2x], right only when g = 1. */
const ignoresUpstream = (x: Tensor) =>
  defineOp('ignoresUpstream', [x], () => ({
    out: sumAxes(
      mapUnary(x, (v) => v * v),
      [0, 1],
    ),
    backward: () => [mapUnary(x, (v) => 2 * v)],
  }));
/** x², whose backward uses only whether g is zero, not its size: right for one-hot upstreams. */
const upstreamSign = (x: Tensor) =>
  defineOp('upstreamSign', [x], () => ({
    out: mapUnary(x, (v) => v * v),
    backward: (g) => [mapBinary(g, x, (gi, xi) => (gi === 0 ? 0 : 2 * xi))],
  }));

const A = [
  [0.3, -1.2],
  [2, 0.7],
];
const B = [
  [1, 2],
  [3, 5],
];

describe('gradcheck', () => {
  test('passes a correct op on contiguous, transposed and sliced inputs; the report is consistent', () => {
    for (const a of [f64(A), transposedOf(A), slicedOf(A)]) {
      const r = gradcheck((x, y) => add(x, goodSquare(y)), [a, f64(B)]);
      expect(r.ok).toBe(true);
      expect(r.maxAbsError).toBeLessThan(1e-7);
      expect(r.worst!.absError).toBeLessThanOrEqual(r.maxAbsError);
      expect(Math.abs(r.worst!.analytic - r.worst!.numeric)).toBe(r.worst!.absError);
    }
  });

  test('FAILS a wrong backward and names the input, index and output of the worst element', () => {
    const r = gradcheck((x, y) => add(x, badSquare(y)), [f64(A), f64(B)]);
    expect(r.ok).toBe(false);
    // d(y²)/dy = 2y: the error |y − 2y| = |y| is worst (relative to atol + rtol·2|y|) at y = 5.
    expect(r.worst).toMatchObject({ input: 1, index: [1, 1], output: [1, 1], analytic: 5 });
    expect(r.worst!.numeric).toBeCloseTo(10, 6);
    expect(r.maxAbsError).toBeCloseTo(5, 6);
    expect(r.maxRelError).toBeCloseTo(0.5, 6);
  });

  test('fastMode passes a correct function and fails the wrong backward on the right input', () => {
    const good = gradcheck((x, y) => logSoftmax(mul(x, goodSquare(y))), [f64(A), f64(B)], { fastMode: true });
    expect(good.ok).toBe(true);
    const bad = gradcheck((x, y) => add(x, badSquare(y)), [f64(A), f64(B)], { fastMode: true, seed: 3 });
    expect(bad.ok).toBe(false);
    expect(bad.worst).toMatchObject({ input: 1, index: [], output: [] });
  });

  test('FAILS a backward that ignores its upstream gradient on a scalar output, and names the op', () => {
    // With the one-hot upstream [1] alone, [2x] is the right Jacobian: the zero upstream exposes it.
    const r = gradcheck(ignoresUpstream, [f64(A)]);
    expect(r.ok).toBe(false);
    expect(r.failure).toBe(
      "the backward of 'ignoresUpstream' is not multiplied by its upstream gradient (a zero upstream gradient gave a nonzero gradient)",
    );
    // Inside a larger function, the same op is found behind the others.
    const composed = gradcheck((x) => sum(mul(add(ignoresUpstream(x), 1), 3)), [f64(A)]);
    expect(composed.ok).toBe(false);
    expect(composed.failure).toMatch(/^the backward of 'ignoresUpstream' is not multiplied/);
    expect(gradcheck(ignoresUpstream, [f64(A)], { fastMode: true }).ok).toBe(false);
  });

  test('FAILS a backward that passes every one-hot upstream but does not scale with a non-unit one', () => {
    const r = gradcheck(upstreamSign, [f64(A)]);
    expect(r.ok).toBe(false);
    expect(r.failure).toBe(
      "the backward of 'upstreamSign' is not multiplied by its upstream gradient (an upstream gradient w did not give Σ_k w_k · ∂f_k)",
    );
    expect(r.worst!.output).toEqual([]);
  });

  test('a correct op has no failure; a wrong Jacobian says where', () => {
    expect(gradcheck(goodSquare, [f64(A)]).failure).toBeNull();
    expect(gradcheck(badSquare, [f64(A)]).failure).toMatch(
      /^the gradient of input 0 at \[1, 0\] \(output \[1, 0\]\) is 2, the finite difference 4\.0000000/,
    );
  });

  test('maxElements checks a seeded subset: 2 evaluations per checked element', () => {
    let calls = 0;
    const f = (x: Tensor) => (calls++, sigmoid(x));
    const x = f64(Array.from({ length: 20 }, (_, i) => i / 10 - 1));
    expect(gradcheck(f, [x], { maxElements: 3, seed: 1 }).ok).toBe(true);
    expect(calls).toBe(2 + 1 + 2 * 3); // determinism check, analytic forward, central differences
    calls = 0;
    gradcheck(f, [x]);
    expect(calls).toBe(2 + 1 + 2 * 20);
    const bad = (s: number) => gradcheck(badSquare, [x], { maxElements: 4, seed: s }).worst!.index;
    expect(bad(7)).toEqual(bad(7));
  });

  test('transposed and sliced inputs reach f as views (their strides kept) and are checked as such', () => {
    for (const a of [transposedOf(A), slicedOf(A)]) {
      const seen: string[] = [];
      const r = gradcheck((x) => (seen.push(`${x.strides}`), goodSquare(x)), [a]);
      expect(r.ok).toBe(true);
      expect(new Set(seen)).toEqual(new Set([`${a.strides}`]));
      expect(a.isContiguous()).toBe(false);
    }
    // A backward that is right only for contiguous inputs (it reads x's storage in row-major order):
    const rowMajorOnly = (x: Tensor) =>
      defineOp('rowMajorOnly', [x], () => ({
        out: mapUnary(x, (v) => v * v),
        backward: (g) => [
          new Tensor(
            Float64Array.from(g.dataSync(), (gi, i) => 2 * gi * x.data[x.offset + i]),
            x.shape,
          ),
        ],
      }));
    expect(gradcheck(rowMajorOnly, [f64(A)]).ok).toBe(true);
    expect(gradcheck(rowMajorOnly, [transposedOf(A)]).ok).toBe(false);
  });

  test('float32 inputs are promoted to float64 copies; xs are left untouched', () => {
    const x = tensor([
      [0.5, -1],
      [2, 3],
    ]);
    const before = Array.from(x.data);
    const seen: string[] = [];
    const r = gradcheck((v) => (seen.push(v.dtype), sigmoid(v)), [x]);
    expect(r.ok).toBe(true);
    expect(new Set(seen)).toEqual(new Set(['float64']));
    expect(Array.from(x.data)).toEqual(before);
    expect(x.grad).toBeNull();
  });

  test('int32 inputs pass through, never perturbed; checkInputs selects inputs', () => {
    const ids = tensor([2, 0], undefined, 'int32');
    const f = (i: Tensor, x: Tensor, y: Tensor) => add(mul(oneHot(i, 3, 1, 0, 'float64'), x), badSquare(y));
    expect(
      gradcheck(
        f,
        [
          ids,
          f64([
            [1, 2, 3],
            [4, 5, 6],
          ]),
          f64([[1], [2]]),
        ],
        { checkInputs: [1] },
      ).ok,
    ).toBe(true);
    expect(
      gradcheck(f, [
        ids,
        f64([
          [1, 2, 3],
          [4, 5, 6],
        ]),
        f64([[1], [2]]),
      ]).ok,
    ).toBe(false);
    expect(() => gradcheck(f, [ids, f64([[1]]), f64([1])], { checkInputs: [0] })).toThrow(
      new TapegradError('gradcheck', 'opts.checkInputs', 'positions of float inputs in [0, 3)', '[0]'),
    );
  });

  test('works on a scalar-valued function as well as on any output shape', () => {
    expect(gradcheck((x) => sum(mul(x, x)), [f64(A)]).ok).toBe(true);
    expect(gradcheck((x) => logSoftmax(x, 0), [f64(A)]).worst!.output).toHaveLength(2);
  });

  test('refuses a broadcast (stride-0) input', () => {
    const x = broadcastView(f64([1, 2]), [3, 2]);
    expect(() => gradcheck(sigmoid, [x])).toThrow(TapegradError);
    expect(() => gradcheck(sigmoid, [x])).toThrow(
      /^gradcheck: xs\[0\] must be a tensor that is not a broadcast view.*got shape \[3, 2\] with strides \[0, 1\]$/,
    );
  });

  test('refuses a function that samples inside, pointing at sampledValues', () => {
    const f = (x: Tensor) => mul(x, randomNormal(x.shape, 0, 1, 'float64'));
    expect(() => gradcheck(f, [f64(A)])).toThrow(TapegradError);
    expect(() => gradcheck(f, [f64(A)])).toThrow(/sampledValues/);
  });

  test('bad arguments and a float32 result', () => {
    expect(() => gradcheck(sigmoid, [[1, 2] as never])).toThrow(
      new TapegradError('gradcheck', 'xs[0]', 'a tensor', 'an array [1, 2]'),
    );
    expect(() => gradcheck(sigmoid, [f64(A)], { eps: 0 })).toThrow(
      new TapegradError('gradcheck', 'opts.eps', 'a finite number in (0, ∞)', '0'),
    );
    expect(() => gradcheck(() => tensor([1]), [f64(A)])).toThrow(
      /^gradcheck: the result of f must be a float64 Tensor/,
    );
  });
});
