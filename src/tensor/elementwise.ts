/** Elementwise kernels: plain data in, new contiguous tensor out, no gradients. */
import { binary, type BinaryName } from './adapter.js';
import { allocate, floatResult, type DType } from './dtype.js';
import { broadcastShapes, sameShape, sizeOf } from './shape.js';
import { rowMajor, Tensor } from './tensor.js';
import { sumAxes } from './reduce.js';
import { broadcastView } from './views.js';

/** out[i] = f(x[i]); float result (float64 if x is float64). */
export function mapUnary(x: Tensor, f: (v: number) => number, dtype: DType = floatResult(x.dtype)): Tensor {
  const c = rowMajor(x);
  const n = c.size,
    o = c.offset,
    src = c.data;
  const out = allocate(dtype, n);
  for (let i = 0; i < n; i++) out[i] = f(src[o + i]);
  return new Tensor(out, c.shape);
}

/** out[i] = f(a[i], b[i]) with NumPy broadcasting; float result. */
export function mapBinary(a: Tensor, b: Tensor, f: (x: number, y: number) => number, fn = 'mapBinary'): Tensor {
  const shape = broadcastShapes(fn, a.shape, b.shape);
  const ac = rowMajor(broadcastView(a, shape)),
    bc = rowMajor(broadcastView(b, shape));
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

/** sigmoid(x) = 1 / (1 + exp(−x)), evaluated without overflow for any x (exact at ±1e4). */
export function sigmoidScalar(x: number): number {
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const e = Math.exp(x);
  return e / (1 + e);
}

/**
 * out[i] = f(a[i], b[i], c[i]) with NumPy broadcasting of all three; result `dtype` (default:
 * the float result of the three). Unary backwards use it as f(g, x, y); `where` as f(cond, a, b).
 */
export function mapTernary(
  a: Tensor,
  b: Tensor,
  c: Tensor,
  f: (x: number, y: number, z: number) => number,
  fn = 'mapTernary',
  dtype: DType = floatResult(a.dtype, b.dtype, c.dtype),
): Tensor {
  const shape = broadcastShapes(fn, broadcastShapes(fn, a.shape, b.shape), c.shape);
  const [ac, bc, cc] = [a, b, c].map((t) => rowMajor(broadcastView(t, shape)));
  const n = sizeOf(shape);
  const out = allocate(dtype, n);
  const ad = ac.data,
    bd = bc.data,
    cd = cc.data,
    ao = ac.offset,
    bo = bc.offset,
    co = cc.offset;
  for (let i = 0; i < n; i++) out[i] = f(ad[ao + i], bd[bo + i], cd[co + i]);
  return new Tensor(out, shape);
}
