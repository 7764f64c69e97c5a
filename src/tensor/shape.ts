import { TapegradError } from './errors.js';

/** A shape: one non-negative integer per axis. */
export type Shape = readonly number[];

/** Shape as text, `[2, 3]`. */
export const shapeStr = (shape: readonly number[]): string => `[${shape.join(', ')}]`;

/** Number of elements of a shape (1 for a scalar). */
export function sizeOf(shape: readonly number[]): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

/** Row-major (C order) strides of a shape. */
export function stridesOf(shape: readonly number[]): number[] {
  const s = new Array<number>(shape.length);
  let acc = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    s[i] = acc;
    acc *= shape[i];
  }
  return s;
}

/**
 * The most elements one tensor may hold: what a typed array can be given on every engine
 * (2³¹ − 1 is V8's bound for a Float32Array on 64-bit; Float64Array holds the same count).
 */
export const MAX_ELEMENTS = 2 ** 31 - 1;

/** Normalises a possibly negative axis into [0, rank). */
export function normAxis(fn: string, axis: number, rank: number): number {
  const a = axis < 0 ? axis + rank : axis;
  if (!Number.isInteger(axis) || a < 0 || a >= rank) {
    throw new TapegradError(fn, 'axis', `an integer in [${-rank}, ${rank})`, String(axis));
  }
  return a;
}

/** NumPy broadcasting: the shape both `a` and `b` broadcast to (at most MAX_ELEMENTS elements). */
export function broadcastShapes(fn: string, a: readonly number[], b: readonly number[]): number[] {
  const n = Math.max(a.length, b.length);
  const out = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    const da = a[a.length - n + i] ?? 1;
    const db = b[b.length - n + i] ?? 1;
    if (da !== db && da !== 1 && db !== 1) {
      throw new TapegradError(fn, 'shapes', 'broadcast-compatible', `${shapeStr(a)} and ${shapeStr(b)}`);
    }
    out[i] = da === 1 ? db : da;
  }
  if (sizeOf(out) > MAX_ELEMENTS) {
    throw new TapegradError(fn, 'shapes', `broadcastable to at most ${MAX_ELEMENTS} elements`, shapeStr(out));
  }
  return out;
}

export const sameShape = (a: readonly number[], b: readonly number[]): boolean =>
  a.length === b.length && a.every((d, i) => d === b[i]);
