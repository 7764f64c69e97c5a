/**
 * Views that copy nothing: they return a Tensor over the same `data` with other shape,
 * strides and offset. Storage only; the differentiable versions are in src/autograd.
 */
import { TapegradError } from './errors.js';
import { broadcastShapes, normAxis, sameShape, shapeStr, sizeOf } from './shape.js';
import { rowMajor, Tensor } from './tensor.js';

/** Permutes the axes: out.shape[i] = x.shape[perm[i]]. Default perm reverses them. */
export function transposeView(x: Tensor, perm?: readonly number[]): Tensor {
  const p = perm ?? x.shape.map((_, i) => x.rank - 1 - i);
  const sorted = [...p].sort((a, b) => a - b);
  if (p.length !== x.rank || sorted.some((v, i) => v !== i)) {
    throw new TapegradError('transpose', 'perm', `a permutation of 0..${x.rank - 1}`, shapeStr(p));
  }
  return new Tensor(
    x.data,
    p.map((a) => x.shape[a]),
    p.map((a) => x.strides[a]),
    x.offset,
  );
}

/**
 * The block starting at `begin` with extent `size` (-1: to the end of that axis).
 * out[i] = x[begin + i].
 */
export function sliceView(x: Tensor, begin: readonly number[], size?: readonly number[]): Tensor {
  if (begin.length !== x.rank) {
    throw new TapegradError('slice', 'begin', `a list of ${x.rank} entries (one per axis)`, shapeStr(begin));
  }
  const shape = begin.map((b, i) => {
    const s = size?.[i] ?? -1;
    const extent = s === -1 ? x.shape[i] - b : s;
    if (!Number.isInteger(b) || b < 0 || !Number.isInteger(extent) || extent < 0 || b + extent > x.shape[i]) {
      throw new TapegradError('slice', `begin/size on axis ${i}`, `within [0, ${x.shape[i]}]`, `begin ${b}, size ${s}`);
    }
    return extent;
  });
  const offset = begin.reduce((o, b, i) => o + b * x.strides[i], x.offset);
  return new Tensor(x.data, shape, x.strides, offset);
}

/**
 * The same elements in row-major order under `shape` (one entry may be -1: inferred).
 * A view when x is contiguous, else a contiguous copy first.
 */
export function reshapeView(x: Tensor, shape: readonly number[]): Tensor {
  const known = shape.filter((d) => d !== -1);
  const inferred = shape.length - known.length;
  const knownSize = sizeOf(known);
  const target = shape.map((d) => (d === -1 ? (knownSize === 0 ? 0 : x.size / knownSize) : d));
  if (inferred > 1 || target.some((d) => !Number.isInteger(d) || d < 0) || sizeOf(target) !== x.size) {
    throw new TapegradError('reshape', 'shape', `a shape of ${x.size} elements (as many as x)`, shapeStr(shape));
  }
  const c = rowMajor(x);
  return new Tensor(c.data, target, undefined, c.offset);
}

/** A view of x broadcast to `shape` (NumPy rules): broadcast axes get stride 0. */
export function broadcastView(x: Tensor, shape: readonly number[]): Tensor {
  const full = broadcastShapes('broadcastTo', x.shape, shape);
  if (!sameShape(full, shape)) {
    throw new TapegradError('broadcastTo', 'shape', `a shape ${shapeStr(x.shape)} broadcasts to`, shapeStr(shape));
  }
  const lead = shape.length - x.rank;
  const strides = shape.map((d, i) => (i < lead || x.shape[i - lead] !== d ? 0 : x.strides[i - lead]));
  return new Tensor(x.data, shape, strides, x.offset);
}

/** Inserts an axis of length 1 at `axis` (may be negative, counted in the result's rank). */
export function expandDimsView(x: Tensor, axis = 0): Tensor {
  const a = normAxis('expandDims', axis, x.rank + 1);
  const shape = [...x.shape];
  const strides = [...x.strides];
  shape.splice(a, 0, 1);
  strides.splice(a, 0, a < x.rank ? x.strides[a] * x.shape[a] : 1);
  return new Tensor(x.data, shape, strides, x.offset);
}

/** Removes the given axes of length 1 (all of them by default). */
export function squeezeView(x: Tensor, axes?: readonly number[]): Tensor {
  const drop = new Set(
    axes ? axes.map((a) => normAxis('squeeze', a, x.rank)) : x.shape.flatMap((d, i) => (d === 1 ? [i] : [])),
  );
  for (const a of drop) {
    if (x.shape[a] !== 1) throw new TapegradError('squeeze', `axis ${a}`, 'of length 1', String(x.shape[a]));
  }
  const keep = x.shape.map((_, i) => i).filter((i) => !drop.has(i));
  return new Tensor(
    x.data,
    keep.map((i) => x.shape[i]),
    keep.map((i) => x.strides[i]),
    x.offset,
  );
}
