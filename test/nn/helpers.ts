/** Small builders shared by the loss tests. */
import { expect } from 'vitest';
import { TapegradError, tensor, type Grad, type Tensor } from '../../src/index.js';
import type { RefCase } from './reference.js';

/** A seeded LCG in [-1, 1): test data that does not depend on the library's generator. */
export function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return (s / 2 ** 32) * 2 - 1;
  };
}

export const matrix = (rows: number, cols: number, r: () => number, scale = 1) =>
  Array.from({ length: rows }, () => Array.from({ length: cols }, () => r() * scale));

/** A reference case and its tensors (float64 so that gradcheck and values are exact). */
export function makeCase(o: {
  B: number;
  C: number;
  D: number;
  T: number;
  sampled: number[];
  seed?: number;
  labels?: number[][];
  scale?: number;
}) {
  const r = lcg(o.seed ?? 1);
  const S = o.sampled.length;
  const ref: RefCase = {
    W: matrix(o.C, o.D, r, o.scale ?? 1),
    bias: matrix(1, o.C, r)[0],
    labels:
      o.labels ?? Array.from({ length: o.B }, (_, b) => Array.from({ length: o.T }, (_, t) => (b * 2 + t * 3) % o.C)),
    X: matrix(o.B, o.D, r, o.scale ?? 1),
    sampled: o.sampled,
    trueEC: matrix(o.B, o.T, () => 0.2 + Math.abs(r())),
    sampledEC: matrix(1, S, () => 0.2 + Math.abs(r()))[0],
  };
  const t = {
    weights: tensor(ref.W, undefined, 'float64'),
    biases: tensor(ref.bias, undefined, 'float64'),
    labels: tensor(ref.labels, undefined, 'int32'),
    inputs: tensor(ref.X, undefined, 'float64'),
    sampledValues: {
      sampledCandidates: tensor(ref.sampled, undefined, 'int32'),
      trueExpectedCount: tensor(ref.trueEC, undefined, 'float64'),
      sampledExpectedCount: tensor(ref.sampledEC, undefined, 'float64'),
    },
    numClasses: o.C,
    numTrue: o.T,
    numSampled: S,
  };
  return { ref, t };
}

/** The values of a tensor or gradient (a row-sparse one made dense), row-major; a test failure on null. */
export function arr(x: Grad | null): number[] {
  if (x === null) throw new Error('expected a tensor or a gradient, got null');
  return Array.from(x.toDense().dataSync());
}

export { rowSparse } from '../autograd/helpers.js';

/** The TapegradError that `f` throws; a test failure if it throws anything else or returns. */
export function refusal(f: () => unknown): TapegradError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(TapegradError);
    return e as TapegradError;
  }
  throw new Error('expected a TapegradError, nothing was thrown');
}
