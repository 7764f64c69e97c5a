/**
 * The matrix-product kernel: out[I, J] = op(A) · op(B), op(X) = X or Xᵀ, rank 2, no gradients.
 * Letters: I rows and J columns of the product, H the inner dimension (the one summed over).
 *
 * `gemm` reads both operands in place through their strides, A(i, h) = a[ao + i·ais + h·ahs]
 * and B(h, j) = b[bo + h·bhs + j·bjs], so that NN, NT, TN and TT, slices and either float
 * dtype all reach the same loop with no packing copy and no scratch array; it writes each
 * result once, c[co + i·cis + j], rounded once to c's type.
 *
 * The loop computes out(i, j) = Σ_h A(i, h) · B(h, j) in 4×4 register tiles: sixteen double
 * accumulators, eight loads per sixteen multiply-adds. Each element's sum runs over h in
 * order, in one double, whatever tile or leftover path computes it: the result does not
 * depend on I, J or the blocking. Columns are blocked (JB at a time) so that the B panel a
 * tile row reads stays in cache while every row of A passes over it. Rows and columns left
 * over when I or J is not a multiple of 4 fall back to plain dot products.
 *
 * V8 keeps one record of the array types per function: a process that gives the kernel both
 * float32 and float64 operands runs it about 30 % slower on either (measured); one that
 * trains in float32 only (the library's case) keeps it monomorphic.
 */
import { allocate, floatResult, type DType, type FloatArray } from './dtype.js';
import { Tensor } from './tensor.js';

/** Columns of the product per block: a 100 × 64 panel of B (25 KiB of float32) stays in L1/L2. */
const JB = 64;

/** Σ_h A(h) · B(h) for h < H, A(h) = a[pa + h·as], B(h) = b[pb + h·bs]: one element of the product. */
function dot(a: FloatArray, pa: number, as: number, b: FloatArray, pb: number, bs: number, H: number): number {
  let s = 0;
  for (let h = 0; h < H; h++) s += a[pa + h * as] * b[pb + h * bs];
  return s;
}

/**
 * c[co + i·cis + j] = Σ_{h < H} a[ao + i·ais + h·ahs] · b[bo + h·bhs + j·bjs] for i < I,
 * j < J: the product of the strided views A [I, H] and B [H, J], every element of the
 * result written (none read), each summed in a double and rounded once into c. c must not
 * overlap a or b. The caller checks that every index is inside its array.
 */
export function gemm(
  I: number,
  J: number,
  H: number,
  a: FloatArray,
  ao: number,
  ais: number,
  ahs: number,
  b: FloatArray,
  bo: number,
  bhs: number,
  bjs: number,
  c: FloatArray,
  co: number,
  cis: number,
): void {
  const I4 = I - (I % 4);
  for (let j0 = 0; j0 < J; j0 += JB) {
    const j1 = Math.min(J, j0 + JB),
      j4 = j1 - ((j1 - j0) % 4);
    for (let i = 0; i < I4; i += 4) {
      const a0 = ao + i * ais,
        a1 = a0 + ais,
        a2 = a1 + ais,
        a3 = a2 + ais;
      for (let j = j0; j < j4; j += 4) {
        const b0 = bo + j * bjs,
          b1 = b0 + bjs,
          b2 = b1 + bjs,
          b3 = b2 + bjs;
        // The 4×4 tile of accumulators, c[r][s] for out(i + r, j + s).
        // prettier-ignore
        let c00 = 0, c01 = 0, c02 = 0, c03 = 0,
          c10 = 0, c11 = 0, c12 = 0, c13 = 0,
          c20 = 0, c21 = 0, c22 = 0, c23 = 0,
          c30 = 0, c31 = 0, c32 = 0, c33 = 0;
        for (let h = 0, pa = 0, pb = 0; h < H; h++, pa += ahs, pb += bhs) {
          const x0 = a[a0 + pa],
            x1 = a[a1 + pa],
            x2 = a[a2 + pa],
            x3 = a[a3 + pa];
          const y0 = b[b0 + pb],
            y1 = b[b1 + pb],
            y2 = b[b2 + pb],
            y3 = b[b3 + pb];
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
        let o = co + i * cis + j;
        // prettier-ignore
        { c[o] = c00; c[o + 1] = c01; c[o + 2] = c02; c[o + 3] = c03; o += cis; }
        // prettier-ignore
        { c[o] = c10; c[o + 1] = c11; c[o + 2] = c12; c[o + 3] = c13; o += cis; }
        // prettier-ignore
        { c[o] = c20; c[o + 1] = c21; c[o + 2] = c22; c[o + 3] = c23; o += cis; }
        // prettier-ignore
        { c[o] = c30; c[o + 1] = c31; c[o + 2] = c32; c[o + 3] = c33; }
      }
      // Columns left over at the end of the block (fewer than 4).
      for (let j = j4; j < j1; j++) {
        for (let r = 0; r < 4; r++) c[co + (i + r) * cis + j] = dot(a, a0 + r * ais, ahs, b, bo + j * bjs, bhs, H);
      }
    }
    // Rows left over at the end of I (fewer than 4).
    for (let i = I4; i < I; i++) {
      for (let j = j0; j < j1; j++) c[co + i * cis + j] = dot(a, ao + i * ais, ahs, b, bo + j * bjs, bhs, H);
    }
  }
}

/**
 * out = op(a) · op(b) with op(X) = Xᵀ when its flag is set: a [I, H] (or [H, I] transposed),
 * b [H, J] (or [J, H] transposed) → out [I, J], contiguous, of `dtype` (default: float64 if
 * either operand is float64, else float32). Operands may be any strided rank-2 views of
 * float32 or float64 data, read in place. The caller checks ranks, dtypes and inner dimensions.
 */
export function matmul(
  a: Tensor,
  b: Tensor,
  transposeA = false,
  transposeB = false,
  dtype: DType = floatResult(a.dtype, b.dtype),
): Tensor {
  // op(A)(i, h) at a.offset + i·ais + h·ahs; op(B)(h, j) at b.offset + h·bhs + j·bjs.
  const [I, H] = transposeA ? [a.shape[1], a.shape[0]] : [a.shape[0], a.shape[1]];
  const J = transposeB ? b.shape[0] : b.shape[1];
  const [ais, ahs] = transposeA ? [a.strides[1], a.strides[0]] : [a.strides[0], a.strides[1]];
  const [bhs, bjs] = transposeB ? [b.strides[1], b.strides[0]] : [b.strides[0], b.strides[1]];
  const out = allocate(dtype, I * J) as FloatArray;
  const ad = a.data as FloatArray,
    bd = b.data as FloatArray;
  gemm(I, J, H, ad, a.offset, ais, ahs, bd, b.offset, bhs, bjs, out, 0, J);
  return new Tensor(out, [I, J]);
}
