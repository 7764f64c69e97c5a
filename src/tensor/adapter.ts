/**
 * The only module that imports `ndarray` and `ndarray-ops`.
 *
 * Both generate code with `new Function`, which a page whose Content-Security-Policy has no
 * 'unsafe-eval' (or a browser extension) refuses. We probe once; when code generation is
 * refused, every function here runs a plain strided loop instead, with the same numbers.
 * Their published types are also wrong in places, so they are wrapped, not re-exported.
 */
import { TapegradError } from './errors.js';
import type { TypedArray } from './dtype.js';

/** A strided view: what `ndarray` and the fallback loops both read. */
export interface StridedView {
  readonly data: TypedArray;
  readonly shape: readonly number[];
  readonly strides: readonly number[];
  readonly offset: number;
}

function probeCodegen(): boolean {
  try {
    return new Function('return 1')() === 1;
  } catch {
    return false;
  }
}

/**
 * ndarray and ndarray-ops call `new Function` already while loading, so a static import would
 * make the whole library fail to load under a strict CSP: they are loaded only when the probe
 * says code generation is allowed (a top-level await: the library is ESM-only anyway).
 */
async function loadKernels() {
  try {
    const [nda, ndops] = await Promise.all([import('ndarray'), import('ndarray-ops')]);
    return { ndarray: nda.default, ops: ndops.default };
  } catch {
    return null;
  }
}

const kernels = probeCodegen() ? await loadKernels() : null;
let codegen = kernels !== null;

/** Whether ndarray's generated kernels are in use (false under a strict CSP). */
export function codegenEnabled(): boolean {
  return codegen;
}

/**
 * Turns the generated kernels off (or back on, where the platform allows it). Tests use it
 * to check that the plain-loop fallback gives the same numbers.
 */
export function setCodegen(enabled: boolean): void {
  // Not check.ts's checkBoolean: check.ts imports Tensor, which imports this module.
  if (typeof enabled !== 'boolean') {
    throw new TapegradError('setCodegen', 'enabled', 'true or false', JSON.stringify(enabled) ?? String(enabled));
  }
  codegen = enabled && kernels !== null;
}

const nd = (v: StridedView) => kernels!.ndarray(v.data as never, v.shape as number[], v.strides as number[], v.offset);
const ops = () => kernels!.ops;

/**
 * Calls `f(dstIndex, srcIndices...)` for every element of `shape` in row-major order, with
 * the flat data index of each view. The fallback engine under a strict CSP.
 */
function stridedLoop(shape: readonly number[], views: readonly StridedView[], body: (idx: Int32Array) => void): void {
  const rank = shape.length;
  const n = shape.reduce((a, b) => a * b, 1);
  if (n === 0) return;
  const idx = new Int32Array(views.length);
  for (let v = 0; v < views.length; v++) idx[v] = views[v].offset;
  const counter = new Array<number>(rank).fill(0);
  for (let e = 0; e < n; e++) {
    body(idx);
    for (let ax = rank - 1; ax >= 0; ax--) {
      counter[ax]++;
      for (let v = 0; v < views.length; v++) idx[v] += views[v].strides[ax];
      if (counter[ax] < shape[ax]) break;
      for (let v = 0; v < views.length; v++) idx[v] -= views[v].strides[ax] * shape[ax];
      counter[ax] = 0;
    }
  }
}

/** dst[i] = src[i] over two views of the same shape (src may be broadcast: stride 0). */
export const assign = (dst: StridedView, src: StridedView): void => copyLike('assign', dst, src);

/** dst[i] += src[i] over two views of the same shape (src may be broadcast). */
export const addInto = (dst: StridedView, src: StridedView): void => copyLike('addeq', dst, src);

/** `assign` or `addInto`: ndarray-ops' kernel, or the plain strided loop. */
function copyLike(name: 'assign' | 'addeq', dst: StridedView, src: StridedView): void {
  if (codegen) {
    ops()[name](nd(dst), nd(src));
    return;
  }
  const d = dst.data,
    s = src.data;
  if (name === 'assign') {
    stridedLoop(dst.shape, [dst, src], (i) => {
      d[i[0]] = s[i[1]];
    });
  } else {
    stridedLoop(dst.shape, [dst, src], (i) => {
      d[i[0]] += s[i[1]];
    });
  }
}

/** Elementwise binary arithmetic that ndarray-ops provides. */
export type BinaryName = 'add' | 'sub' | 'mul' | 'div' | 'max' | 'min';

const binaryFallback: Record<BinaryName, (a: number, b: number) => number> = {
  add: (a, b) => a + b,
  sub: (a, b) => a - b,
  mul: (a, b) => a * b,
  div: (a, b) => a / b,
  max: Math.max,
  min: Math.min,
};

/** out[i] = a[i] (op) b[i]; `a` and `b` are views of out's shape, possibly broadcast (stride 0). */
export function binary(name: BinaryName, out: StridedView, a: StridedView, b: StridedView): void {
  if (codegen) {
    (ops()[name] as (o: unknown, a: unknown, b: unknown) => unknown)(nd(out), nd(a), nd(b));
    return;
  }
  const f = binaryFallback[name];
  const o = out.data,
    ad = a.data,
    bd = b.data;
  stridedLoop(out.shape, [out, a, b], (i) => {
    o[i[0]] = f(ad[i[1]], bd[i[2]]);
  });
}
