/**
 * The matrix-product kernel: out[M, N] = op(A) · op(B), op(X) = X or Xᵀ, rank 2, no gradients.
 * Letters: M rows and N columns of the product, P the inner dimension (the one summed over).
 *
 * Both operands are first packed into the one layout the kernel reads: op(A) as row-major
 * A[M, P] and op(B) as row-major Bt[N, P] (rows of op(B)ᵀ), both Float64Array. Packing is an
 * O(MP + PN) copy that reads any strides (transposed or sliced views, either dtype) and runs as
 * a tiled transpose when the source is column-major, so NN, NT, TN and TT all reach the same
 * O(MNP) loop; it also keeps that loop monomorphic (one array type), which V8 rewards.
 *
 * The loop computes out[i, j] = Σ_p A[i, p] · Bt[j, p] in 4×4 register tiles: sixteen double
 * accumulators, eight loads per sixteen multiply-adds, every load sequential. It is blocked
 * over P (PB columns) and N (NB rows of Bt) so that a 4-row strip of A stays in L1 and the Bt
 * panel in L2. Rows and columns left over when M or N is not a multiple of 4 fall back to
 * plain dot products. Everything accumulates in doubles; the result is rounded once at the end.
 */
import { allocate, floatResult, type DType, type TypedArray } from './dtype.js';
import { Tensor } from './tensor.js';

/** Columns of P per block: a 4-row strip of A and of Bt (2 · 4 · 256 doubles = 16 KiB) in L1. */
const PB = 256;
/** Rows of Bt per block: a 64 × 256 panel of doubles (128 KiB) stays in L2. */
const NB = 64;
/** Tile edge of the cache-friendly transpose in `pack`. */
const TILE = 32;

/** Largest packed operand (in doubles, 2 MiB) kept for reuse; larger ones are allocated per call. */
const POOL_MAX = 1 << 18;
/** One reusable pack buffer per operand: allocating a fresh 100 KB array costs more than packing into it. */
const pool = [new Float64Array(0), new Float64Array(0)];

/**
 * Packs the matrix X[r, p] = src[offset + r·rs + p·cs] (`rows` rows, P columns) into a
 * row-major Float64Array: operand `slot`'s pool buffer when it fits, valid until the next
 * matmul. A float64 source that is already row-major is returned as a view, not copied.
 */
function pack(
  src: TypedArray,
  offset: number,
  rows: number,
  P: number,
  rs: number,
  cs: number,
  slot: 0 | 1,
): Float64Array {
  const n = rows * P;
  if (src instanceof Float64Array && cs === 1 && (rs === P || rows <= 1)) return src.subarray(offset, offset + n);
  if (n <= POOL_MAX && pool[slot].length < n) pool[slot] = new Float64Array(n);
  const dst = n > POOL_MAX ? new Float64Array(n) : pool[slot].subarray(0, n);
  // dst[r·P + p] = src[offset + r·rs + p·cs], every element written; a column-major-ish
  // source is copied in TILE × TILE blocks so that reads and writes both stay in cache.
  const tile = cs === 1 || P <= 1 ? P : TILE;
  for (let r0 = 0; r0 < rows; r0 += TILE) {
    const r1 = Math.min(rows, r0 + TILE);
    for (let p0 = 0; p0 < P; p0 += tile) {
      const p1 = Math.min(P, p0 + tile);
      for (let r = r0; r < r1; r++) {
        const s = offset + r * rs,
          d = r * P;
        for (let p = p0; p < p1; p++) dst[d + p] = src[s + p * cs];
      }
    }
  }
  return dst;
}

/** Σ_{p0 ≤ p < p1} a[ai + p] · b[bi + p]. */
function dot(a: Float64Array, ai: number, b: Float64Array, bi: number, p0: number, p1: number): number {
  let s = 0;
  for (let p = p0; p < p1; p++) s += a[ai + p] * b[bi + p];
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
 * c[M, N] += A[M, P] · Bt[N, P]ᵀ over packed row-major float64 arrays (c row-major [M, N]).
 */
function gemmABt(M: number, N: number, P: number, a: Float64Array, b: Float64Array, c: Float64Array): void {
  const M4 = M - (M % 4);
  for (let pb = 0; pb < P; pb += PB) {
    const pEnd = Math.min(P, pb + PB);
    for (let jb = 0; jb < N; jb += NB) {
      const jEnd = Math.min(N, jb + NB);
      const jEnd4 = jb + (jEnd - jb - ((jEnd - jb) % 4));
      for (let i = 0; i < M4; i += 4) {
        const a0 = i * P,
          a1 = a0 + P,
          a2 = a1 + P,
          a3 = a2 + P;
        for (let j = jb; j < jEnd4; j += 4) {
          const b0 = j * P,
            b1 = b0 + P,
            b2 = b1 + P,
            b3 = b2 + P;
          // The 4×4 tile of accumulators, c[r][s] for out[i + r, j + s].
          // prettier-ignore
          let c00 = 0, c01 = 0, c02 = 0, c03 = 0,
            c10 = 0, c11 = 0, c12 = 0, c13 = 0,
            c20 = 0, c21 = 0, c22 = 0, c23 = 0,
            c30 = 0, c31 = 0, c32 = 0, c33 = 0;
          for (let p = pb; p < pEnd; p++) {
            const x0 = a[a0 + p],
              x1 = a[a1 + p],
              x2 = a[a2 + p],
              x3 = a[a3 + p];
            const y0 = b[b0 + p],
              y1 = b[b1 + p],
              y2 = b[b2 + p],
              y3 = b[b3 + p];
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
          const o = i * N + j;
          addFour(c, o, c00, c01, c02, c03);
          addFour(c, o + N, c10, c11, c12, c13);
          addFour(c, o + 2 * N, c20, c21, c22, c23);
          addFour(c, o + 3 * N, c30, c31, c32, c33);
        }
        // Columns left over at the end of N (fewer than 4).
        for (let j = jEnd4; j < jEnd; j++) {
          const bj = j * P;
          for (let r = 0; r < 4; r++) c[(i + r) * N + j] += dot(a, a0 + r * P, b, bj, pb, pEnd);
        }
      }
      // Rows left over at the end of M (fewer than 4).
      for (let i = M4; i < M; i++) {
        for (let j = jb; j < jEnd; j++) c[i * N + j] += dot(a, i * P, b, j * P, pb, pEnd);
      }
    }
  }
}

/**
 * out = op(a) · op(b) with op(X) = Xᵀ when its flag is set: a [M, P] (or [P, M] transposed),
 * b [P, N] (or [N, P] transposed) → out [M, N], contiguous, of `dtype` (default: float64 if
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
  // op(A)[i, p] at a.offset + i·ars + p·acs; op(B)ᵀ[j, p] = op(B)[p, j] at b.offset + j·brs + p·bcs.
  const [M, P] = transposeA ? [a.shape[1], a.shape[0]] : [a.shape[0], a.shape[1]];
  const N = transposeB ? b.shape[0] : b.shape[1];
  const [ars, acs] = transposeA ? [a.strides[1], a.strides[0]] : [a.strides[0], a.strides[1]];
  const [brs, bcs] = transposeB ? [b.strides[0], b.strides[1]] : [b.strides[1], b.strides[0]];
  const c = new Float64Array(M * N);
  if (M > 0 && N > 0 && P > 0) {
    const ap = pack(a.data, a.offset, M, P, ars, acs, 0);
    const bp = pack(b.data, b.offset, N, P, brs, bcs, 1);
    gemmABt(M, N, P, ap, bp, c);
  }
  if (dtype === 'float64') return new Tensor(c, [M, N]);
  const out = allocate(dtype, M * N);
  out.set(c);
  return new Tensor(out, [M, N]);
}
