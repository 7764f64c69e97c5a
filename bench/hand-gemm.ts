/**
 * The matrix kernel of the hand-written step: out[I, J] = A[I, H] · Bt[J, H]ᵀ over row-major
 * Float64Arrays. It is the library's own 4 × 4 register-tiled kernel (`gemm` of
 * src/tensor/matmul.ts), called directly: the floor and tapegrad share the kernel, so that
 * the gap between them is what the library adds around it (checks, tape, allocation,
 * passes), not a different inner loop.
 */
import { gemm } from '../src/tensor/matmul.js';

/** c = A · Btᵀ, overwriting c. */
export function gemmABt(I: number, J: number, H: number, a: Float64Array, b: Float64Array, c: Float64Array): void {
  gemm(I, J, H, a, 0, H, 1, b, 0, 1, H, c, 0, J);
}

/** dst[c·rows + r] = src[r·cols + c]: the transpose of a row-major rows × cols matrix. */
export function transposeInto(src: Float64Array, rows: number, cols: number, dst: Float64Array): void {
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) dst[c * rows + r] = src[r * cols + c];
}
