/**
 * The matrix-product kernel: out[I, J] = op(A) · op(B), op(X) = X or Xᵀ, rank 2, no gradients.
 * Letters: I rows and J columns of the product, K the inner dimension (the one summed over).
 *
 * Both operands are first packed into the one layout the kernel reads: op(A) as row-major
 * A[I, K] and op(B) as row-major Bt[J, K] (rows of op(B)ᵀ), both Float64Array. Packing is an
 * O(IK + KJ) copy that reads any strides (transposed or sliced views, either dtype) and runs as
 * a tiled transpose when the source is column-major, so NN, NT, TN and TT all reach the same
 * O(IJK) loop; it also keeps that loop monomorphic (one array type), which V8 rewards.
 *
 * The loop computes out[i, j] = Σ_k A[i, k] · Bt[j, k] in 4×4 register tiles: sixteen double
 * accumulators, eight loads per sixteen multiply-adds, every load sequential. It is blocked
 * over K (KB columns) and J (JB rows of Bt) so that a 4-row strip of A stays in L1 and the Bt
 * panel in L2. Rows and columns left over when I or J is not a multiple of 4 fall back to
 * plain dot products. Everything accumulates in doubles; the result is rounded once at the end.
 */
import { allocate, floatResult, type DType, type TypedArray } from './dtype.js';
import { Tensor } from './tensor.js';

/** Columns of K per block: a 4-row strip of A and of Bt (2 · 4 · 256 doubles = 16 KiB) in L1. */
const KB = 256;
/** Rows of Bt per block: a 64 × 256 panel of doubles (128 KiB) stays in L2. */
const JB = 64;
/** Tile edge of the cache-friendly transpose in `pack`. */
const TILE = 32;

/** Largest packed operand (in doubles, 2 MiB) kept for reuse; larger ones are allocated per call. */
const POOL_MAX = 1 << 18;
/** One reusable pack buffer per operand: allocating a fresh 100 KB array costs more than packing into it. */
const pool = [new Float64Array(0), new Float64Array(0)];

/**
 * Packs the matrix X[r, k] = src[offset + r·rs + k·cs] (`rows` rows, K columns) into a
 * row-major Float64Array: operand `slot`'s pool buffer when it fits, valid until the next
 * matmul. A float64 source that is already row-major is returned as a view, not copied.
 */
function pack(
  src: TypedArray,
  offset: number,
  rows: number,
  K: number,
  rs: number,
  cs: number,
  slot: 0 | 1,
): Float64Array {
  const n = rows * K;
  if (src instanceof Float64Array && cs === 1 && (rs === K || rows <= 1)) return src.subarray(offset, offset + n);
  if (n <= POOL_MAX && pool[slot].length < n) pool[slot] = new Float64Array(n);
  const dst = n > POOL_MAX ? new Float64Array(n) : pool[slot].subarray(0, n);
  // dst[r·K + k] = src[offset + r·rs + k·cs], every element written; a column-major-ish
  // source is copied in TILE × TILE blocks so that reads and writes both stay in cache.
  const tile = cs === 1 || K <= 1 ? K : TILE;
  for (let r0 = 0; r0 < rows; r0 += TILE) {
    const r1 = Math.min(rows, r0 + TILE);
    for (let k0 = 0; k0 < K; k0 += tile) {
      const k1 = Math.min(K, k0 + tile);
      for (let r = r0; r < r1; r++) {
        const s = offset + r * rs,
          d = r * K;
        for (let k = k0; k < k1; k++) dst[d + k] = src[s + k * cs];
      }
    }
  }
  return dst;
}

/** Σ_{k0 ≤ k < k1} a[ai + k] · b[bi + k]. */
function dot(a: Float64Array, ai: number, b: Float64Array, bi: number, k0: number, k1: number): number {
  let s = 0;
  for (let k = k0; k < k1; k++) s += a[ai + k] * b[bi + k];
  return s;
}

/** c[o..o+3] += the four accumulators of one tile row. */
function addFour(c: Float64Array, o: number, v0: number, v1: number, v2: number, v3: number): void {
  c[o] += v0;
  c[o + 1] += v1;
  c[o + 2] += v2;
  c[o + 3] += v3;
}

/**
 * c[I, J] += A[I, K] · Bt[J, K]ᵀ over packed row-major float64 arrays (c row-major [I, J]).
 */
function gemmABt(I: number, J: number, K: number, a: Float64Array, b: Float64Array, c: Float64Array): void {
  const I4 = I - (I % 4);
  for (let kb = 0; kb < K; kb += KB) {
    const kEnd = Math.min(K, kb + KB);
    for (let jb = 0; jb < J; jb += JB) {
      const jEnd = Math.min(J, jb + JB);
      const jEnd4 = jb + (jEnd - jb - ((jEnd - jb) % 4));
      for (let i = 0; i < I4; i += 4) {
        const a0 = i * K,
          a1 = a0 + K,
          a2 = a1 + K,
          a3 = a2 + K;
        for (let j = jb; j < jEnd4; j += 4) {
          const b0 = j * K,
            b1 = b0 + K,
            b2 = b1 + K,
            b3 = b2 + K;
          // The 4×4 tile of accumulators, c[r][s] for out[i + r, j + s].
          // prettier-ignore
          let c00 = 0, c01 = 0, c02 = 0, c03 = 0,
            c10 = 0, c11 = 0, c12 = 0, c13 = 0,
            c20 = 0, c21 = 0, c22 = 0, c23 = 0,
            c30 = 0, c31 = 0, c32 = 0, c33 = 0;
          for (let k = kb; k < kEnd; k++) {
            const x0 = a[a0 + k],
              x1 = a[a1 + k],
              x2 = a[a2 + k],
              x3 = a[a3 + k];
            const y0 = b[b0 + k],
              y1 = b[b1 + k],
              y2 = b[b2 + k],
              y3 = b[b3 + k];
            c00 += x0 * y0;
            c01 += x0 * y1;
            c02 += x0 * y2;
            c03 += x0 * y3;
            c10 += x1 * y0;
            c11 += x1 * y1;
            c12 += x1 * y2;
            c13 += x1 * y3;
            c20 += x2 * y0;
            c21 += x2 * y1;
            c22 += x2 * y2;
            c23 += x2 * y3;
            c30 += x3 * y0;
            c31 += x3 * y1;
            c32 += x3 * y2;
            c33 += x3 * y3;
          }
          const o = i * J + j;
          addFour(c, o, c00, c01, c02, c03);
          addFour(c, o + J, c10, c11, c12, c13);
          addFour(c, o + 2 * J, c20, c21, c22, c23);
          addFour(c, o + 3 * J, c30, c31, c32, c33);
        }
        // Columns left over at the end of J (fewer than 4).
        for (let j = jEnd4; j < jEnd; j++) {
          const bj = j * K;
          for (let r = 0; r < 4; r++) c[(i + r) * J + j] += dot(a, a0 + r * K, b, bj, kb, kEnd);
        }
      }
      // Rows left over at the end of I (fewer than 4).
      for (let i = I4; i < I; i++) {
        for (let j = jb; j < jEnd; j++) c[i * J + j] += dot(a, i * K, b, j * K, kb, kEnd);
      }
    }
  }
}

/**
 * out = op(a) · op(b) with op(X) = Xᵀ when its flag is set: a [I, K] (or [K, I] transposed),
 * b [K, J] (or [J, K] transposed) → out [I, J], contiguous, of `dtype` (default: float64 if
 * either operand is float64, else float32). Operands may be any strided rank-2 views of
 * float32 or float64 data. The caller checks ranks and inner dimensions.
 */
export function matmul(
  a: Tensor,
  b: Tensor,
  transposeA = false,
  transposeB = false,
  dtype: DType = floatResult(a.dtype, b.dtype),
): Tensor {
  // op(A)[i, k] at a.offset + i·ars + k·acs; op(B)ᵀ[j, k] = op(B)[k, j] at b.offset + j·brs + k·bcs.
  const [I, K] = transposeA ? [a.shape[1], a.shape[0]] : [a.shape[0], a.shape[1]];
  const J = transposeB ? b.shape[0] : b.shape[1];
  const [ars, acs] = transposeA ? [a.strides[1], a.strides[0]] : [a.strides[0], a.strides[1]];
  const [brs, bcs] = transposeB ? [b.strides[0], b.strides[1]] : [b.strides[1], b.strides[0]];
  const c = new Float64Array(I * J);
  if (I > 0 && J > 0 && K > 0) {
    const ap = pack(a.data, a.offset, I, K, ars, acs, 0);
    const bp = pack(b.data, b.offset, J, K, brs, bcs, 1);
    gemmABt(I, J, K, ap, bp, c);
  }
  if (dtype === 'float64') return new Tensor(c, [I, J]);
  const out = allocate(dtype, I * J);
  out.set(c);
  return new Tensor(out, [I, J]);
}
