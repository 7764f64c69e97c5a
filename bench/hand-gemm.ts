/**
 * The matrix kernel of the hand-written step: out[I, J] = A[I, H] · Bt[J, H]ᵀ over row-major
 * Float64Arrays, in 4 × 4 register tiles (sixteen accumulators, eight sequential loads per
 * sixteen multiply-adds) — the fastest plain-JS form measured on this machine (about 4
 * GFLOP/s, against under 3 for float32 operands or 2 × 4 tiles). Leftover rows and columns
 * fall back to dot products. Written here, not imported, so the floor depends on nothing, and
 * so that its float64 operands do not share V8's type feedback with the library's kernel: a
 * kernel that has seen both float32 and float64 arrays runs about 30 % slower on either.
 */

function dot(a: Float64Array, ao: number, b: Float64Array, bo: number, n: number): number {
  let s = 0;
  for (let h = 0; h < n; h++) s += a[ao + h] * b[bo + h];
  return s;
}

/** c = A · Btᵀ, overwriting c. */
export function gemmABt(I: number, J: number, H: number, a: Float64Array, b: Float64Array, c: Float64Array): void {
  const I4 = I - (I % 4),
    J4 = J - (J % 4);
  for (let i = 0; i < I4; i += 4) {
    const a0 = i * H,
      a1 = a0 + H,
      a2 = a1 + H,
      a3 = a2 + H;
    for (let j = 0; j < J4; j += 4) {
      const b0 = j * H,
        b1 = b0 + H,
        b2 = b1 + H,
        b3 = b2 + H;
      let c00 = 0,
        c01 = 0,
        c02 = 0,
        c03 = 0,
        c10 = 0,
        c11 = 0,
        c12 = 0,
        c13 = 0;
      let c20 = 0,
        c21 = 0,
        c22 = 0,
        c23 = 0,
        c30 = 0,
        c31 = 0,
        c32 = 0,
        c33 = 0;
      for (let h = 0; h < H; h++) {
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
      let o = i * J + j;
      c[o] = c00;
      c[o + 1] = c01;
      c[o + 2] = c02;
      c[o + 3] = c03;
      o += J;
      c[o] = c10;
      c[o + 1] = c11;
      c[o + 2] = c12;
      c[o + 3] = c13;
      o += J;
      c[o] = c20;
      c[o + 1] = c21;
      c[o + 2] = c22;
      c[o + 3] = c23;
      o += J;
      c[o] = c30;
      c[o + 1] = c31;
      c[o + 2] = c32;
      c[o + 3] = c33;
    }
    for (let j = J4; j < J; j++) for (let r = 0; r < 4; r++) c[(i + r) * J + j] = dot(a, (i + r) * H, b, j * H, H);
  }
  for (let i = I4; i < I; i++) for (let j = 0; j < J; j++) c[i * J + j] = dot(a, i * H, b, j * H, H);
}

/** dst[c·rows + r] = src[r·cols + c]: the transpose of a row-major rows × cols matrix. */
export function transposeInto(src: Float64Array, rows: number, cols: number, dst: Float64Array): void {
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) dst[c * rows + r] = src[r * cols + c];
}
