import { TapegradError } from './errors.js';

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

/** Validates a shape: every dimension a non-negative integer. */
export function checkShape(fn: string, arg: string, shape: readonly number[]): void {
  for (const d of shape) {
    if (!Number.isInteger(d) || d < 0) {
      throw new TapegradError(fn, arg, 'a list of non-negative integers', shapeStr(shape));
    }
  }
}

/** Normalises a possibly negative axis into [0, rank). */
export function normAxis(fn: string, axis: number, rank: number): number {
  const a = axis < 0 ? axis + rank : axis;
  if (!Number.isInteger(axis) || a < 0 || a >= rank) {
    throw new TapegradError(fn, 'axis', `an integer in [${-rank}, ${rank})`, String(axis));
  }
  return a;
}

/** NumPy broadcasting: the shape both `a` and `b` broadcast to. */
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
  return out;
}

export const sameShape = (a: readonly number[], b: readonly number[]): boolean =>
  a.length === b.length && a.every((d, i) => d === b[i]);
