/**
 * The matrix-product kernel: out[I, J] = op(A) · op(B), op(X) = X or Xᵀ, rank 2, no gradients.
 * Letters: I rows and J columns of the product, H the inner dimension (the one summed over).
 *
 * Both operands are first packed into the one layout the kernel reads: op(A) as row-major
 * A[I, H] and op(B) as row-major Bt[J, H] (rows of op(B)ᵀ), both Float64Array. Packing is an
 * O(IK + KJ) copy that reads any strides (transposed or sliced views, either dtype) and runs as
 * a tiled transpose when the source is column-major, so NN, NT, TN and TT all reach the same
 * O(IJK) loop; it also keeps that loop monomorphic (one array type), which V8 rewards.
 *
 * The loop computes out[i, j] = Σ_h A[i, h] · Bt[j, h] in 4×4 register tiles: sixteen double
 * accumulators, eight loads per sixteen multiply-adds, every load sequential. It is blocked
 * over H (HB columns) and J (JB rows of Bt) so that a 4-row strip of A stays in L1 and the Bt
 * panel in L2. Rows and columns left over when I or J is not a multiple of 4 fall back to
 * plain dot products. Everything accumulates in doubles; the result is rounded once at the end.
 */
import { allocate, floatResult, type DType, type TypedArray } from './dtype.js';
import { Tensor } from './tensor.js';

/** Columns of H per block: a 4-row strip of A and of Bt (2 · 4 · 256 doubles = 16 KiB) in L1. */
const HB = 256;
/** Rows of Bt per block: a 64 × 256 panel of doubles (128 KiB) stays in L2. */
const JB = 64;
/** Tile edge of the cache-friendly transpose in `pack`. */
const TILE = 32;

/** Largest packed operand (in doubles, 2 MiB) kept for reuse; larger ones are allocated per call. */
const POOL_MAX = 1 << 18;
/** One reusable pack buffer per operand: allocating a fresh 100 KB array costs more than packing into it. */
const pool = [new Float64Array(0), new Float64Array(0)];

/**
 * Packs the matrix X[r, h] = src[offset + r·rs + h·cs] (`rows` rows, H columns) into a
 * row-major Float64Array: operand `slot`'s pool buffer when it fits, valid until the next
 * matmul. A float64 source that is already row-major is returned as a view, not copied.
 */
function pack(
  src: TypedArray,
  offset: number,
  rows: number,
  H: number,
  rs: number,
  cs: number,
  slot: 0 | 1,
): Float64Array {
  const n = rows * H;
  if (src instanceof Float64Array && cs === 1 && (rs === H || rows <= 1)) return src.subarray(offset, offset + n);
  if (n <= POOL_MAX && pool[slot].length < n) pool[slot] = new Float64Array(n);
  const dst = n > POOL_MAX ? new Float64Array(n) : pool[slot].subarray(0, n);
  // dst[r·H + h] = src[offset + r·rs + h·cs], every element written; a column-major-ish
  // source is copied in TILE × TILE blocks so that reads and writes both stay in cache.
  const tile = cs === 1 || H <= 1 ? H : TILE;
  for (let r0 = 0; r0 < rows; r0 += TILE) {
    const r1 = Math.min(rows, r0 + TILE);
    for (let h0 = 0; h0 < H; h0 += tile) {
      const h1 = Math.min(H, h0 + tile);
      for (let r = r0; r < r1; r++) {
        const s = offset + r * rs,
          d = r * H;
        for (let h = h0; h < h1; h++) dst[d + h] = src[s + h * cs];
      }
    }
  }
  return dst;
}

/** Σ_{h0 ≤ h < h1} a[ai + h] · b[bi + h]. */
function dot(a: Float64Array, ai: number, b: Float64Array, bi: number, h0: number, h1: number): number {
  let s = 0;
  for (let h = h0; h < h1; h++) s += a[ai + h] * b[bi + h];
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
 * c[I, J] += A[I, H] · Bt[J, H]ᵀ over packed row-major float64 arrays (c row-major [I, J]).
 */
function gemmABt(I: number, J: number, H: number, a: Float64Array, b: Float64Array, c: Float64Array): void {
  const I4 = I - (I % 4);
  for (let hb = 0; hb < H; hb += HB) {
    const hEnd = Math.min(H, hb + HB);
    for (let jb = 0; jb < J; jb += JB) {
      const jEnd = Math.min(J, jb + JB);
      const jEnd4 = jb + (jEnd - jb - ((jEnd - jb) % 4));
      for (let i = 0; i < I4; i += 4) {
        const a0 = i * H,
          a1 = a0 + H,
          a2 = a1 + H,
          a3 = a2 + H;
        for (let j = jb; j < jEnd4; j += 4) {
          const b0 = j * H,
            b1 = b0 + H,
            b2 = b1 + H,
            b3 = b2 + H;
          // The 4×4 tile of accumulators, c[r][s] for out[i + r, j + s].
          // prettier-ignore
          let c00 = 0, c01 = 0, c02 = 0, c03 = 0,
            c10 = 0, c11 = 0, c12 = 0, c13 = 0,
            c20 = 0, c21 = 0, c22 = 0, c23 = 0,
            c30 = 0, c31 = 0, c32 = 0, c33 = 0;
          for (let h = hb; h < hEnd; h++) {
            const x0 = a[a0 + h],
              x1 = a[a1 + h],
              x2 = a[a2 + h],
              x3 = a[a3 + h];
            const y0 = b[b0 + h],
              y1 = b[b1 + h],
              y2 = b[b2 + h],
              y3 = b[b3 + h];
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
          const bj = j * H;
          for (let r = 0; r < 4; r++) c[(i + r) * J + j] += dot(a, a0 + r * H, b, bj, hb, hEnd);
        }
      }
      // Rows left over at the end of I (fewer than 4).
      for (let i = I4; i < I; i++) {
        for (let j = jb; j < jEnd; j++) c[i * J + j] += dot(a, i * H, b, j * H, hb, hEnd);
      }
    }
  }
}

/**
 * out = op(a) · op(b) with op(X) = Xᵀ when its flag is set: a [I, H] (or [H, I] transposed),
 * b [H, J] (or [J, H] transposed) → out [I, J], contiguous, of `dtype` (default: float64 if
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
  // op(A)[i, h] at a.offset + i·ars + h·acs; op(B)ᵀ[j, h] = op(B)[h, j] at b.offset + j·brs + h·bcs.
  const [I, H] = transposeA ? [a.shape[1], a.shape[0]] : [a.shape[0], a.shape[1]];
  const J = transposeB ? b.shape[0] : b.shape[1];
  const [ars, acs] = transposeA ? [a.strides[1], a.strides[0]] : [a.strides[0], a.strides[1]];
  const [brs, bcs] = transposeB ? [b.strides[0], b.strides[1]] : [b.strides[1], b.strides[0]];
  const c = new Float64Array(I * J);
  if (I > 0 && J > 0 && H > 0) {
    const ap = pack(a.data, a.offset, I, H, ars, acs, 0);
    const bp = pack(b.data, b.offset, J, H, brs, bcs, 1);
    gemmABt(I, J, H, ap, bp, c);
  }
  if (dtype === 'float64') return new Tensor(c, [I, J]);
  const out = allocate(dtype, I * J);
  out.set(c);
  return new Tensor(out, [I, J]);
}
