/** Elementwise and reduction kernels: plain data in, new contiguous tensor out, no gradients. */
import { addInto, binary, type BinaryName } from './adapter.js';
import { allocate, floatResult, type DType } from './dtype.js';
import { broadcastShapes, sameShape, sizeOf, stridesOf } from './shape.js';
import { Tensor } from './tensor.js';
import { broadcastView } from './views.js';

/** out[i] = f(x[i]); float result (float64 if x is float64). */
export function mapUnary(x: Tensor, f: (v: number) => number, dtype: DType = floatResult(x.dtype)): Tensor {
  const c = x.contiguous();
  const n = c.size, o = c.offset, src = c.data;
  const out = allocate(dtype, n);
  for (let i = 0; i < n; i++) out[i] = f(src[o + i]);
  return new Tensor(out, c.shape);
}

/** out[i] = f(a[i], b[i]) with NumPy broadcasting; float result. */
export function mapBinary(a: Tensor, b: Tensor, f: (x: number, y: number) => number, fn = 'mapBinary'): Tensor {
  const shape = broadcastShapes(fn, a.shape, b.shape);
  const ac = broadcastView(a, shape).contiguous(), bc = broadcastView(b, shape).contiguous();
  const n = sizeOf(shape);
  const out = allocate(floatResult(a.dtype, b.dtype), n);
  for (let i = 0; i < n; i++) out[i] = f(ac.data[ac.offset + i], bc.data[bc.offset + i]);
  return new Tensor(out, shape);
}

/** out = a (op) b elementwise with NumPy broadcasting, via the adapter's strided kernels. */
export function arith(name: BinaryName, a: Tensor, b: Tensor, fn: string = name): Tensor {
  const shape = broadcastShapes(fn, a.shape, b.shape);
  const out = new Tensor(allocate(floatResult(a.dtype, b.dtype), sizeOf(shape)), shape);
  binary(name, out, broadcastView(a, shape), broadcastView(b, shape));
  return out;
}

/**
 * Σ of x over `axes` (sorted, distinct, in range); keepDims keeps them with length 1.
 * Trailing-axis reductions accumulate in float64; others through a stride-0 view.
 */
export function sumAxes(x: Tensor, axes: readonly number[], keepDims = false, dtype: DType = floatResult(x.dtype)): Tensor {
  const kept = x.shape.map((d, i) => (axes.includes(i) ? 1 : d));
  const outShape = keepDims ? kept : x.shape.filter((_, i) => !axes.includes(i));
  const trailing = axes.every((a) => a >= x.rank - axes.length);
  const out = allocate(dtype, sizeOf(kept));
  if (trailing) {
    const c = x.contiguous();
    const inner = sizeOf(x.shape.slice(x.rank - axes.length));
    for (let r = 0; r < out.length; r++) {
      let s = 0;
      const base = c.offset + r * inner;
      for (let k = 0; k < inner; k++) s += c.data[base + k];
      out[r] = s;
    }
  } else {
    const strides = stridesOf(kept).map((s, i) => (axes.includes(i) ? 0 : s));
    addInto(new Tensor(out, x.shape, strides, 0), x);
  }
  return new Tensor(out, outShape);
}

/**
 * Sums g over the axes along which `shape` was broadcast to g's shape (the inverse of
 * broadcasting, used by every broadcasting op's backward), cast to `dtype`.
 */
export function sumToShape(g: Tensor, shape: readonly number[], dtype: DType): Tensor {
  if (sameShape(g.shape, shape) && g.dtype === dtype) return g;
  const lead = g.rank - shape.length;
  const axes = g.shape.flatMap((d, i) => (i < lead || (shape[i - lead] === 1 && d !== 1) ? [i] : []));
  const s = sumAxes(g, axes, true, dtype);
  return new Tensor(s.data, [...shape]);
}
