/**
 * matMul on 512 × 512 × 512 float32, in the forms NN, NT and TN (TensorFlow's transposeA /
 * transposeB), against a naive i-j-h triple loop over the same data in the same run.
 */
import { matMul, randomNormal, tensor, type Tensor } from '../src/index.js';
import { gflops, measure, printTable, type Measurement } from './harness.js';

/** C = A · B by the textbook triple loop over row-major A [I, H], B [H, J] (a double accumulator). */
function naiveMatMul(a: Float32Array, b: Float32Array, I: number, H: number, J: number): Float32Array {
  const c = new Float32Array(I * J);
  for (let i = 0; i < I; i++) {
    for (let j = 0; j < J; j++) {
      let s = 0;
      for (let h = 0; h < H; h++) s += a[i * H + h] * b[h * J + j];
      c[i * J + j] = s;
    }
  }
  return c;
}

/** A contiguous tensor holding Xᵀ for a row-major n × n X. */
function transposed(x: Float32Array, n: number): Tensor {
  const t = new Float32Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) t[j * n + i] = x[i * n + j];
  return tensor(t, [n, n]);
}

const maxAbsDiff = (x: ArrayLike<number>, y: ArrayLike<number>): number => {
  let m = 0;
  for (let i = 0; i < x.length; i++) m = Math.max(m, Math.abs(x[i] - y[i]));
  return m;
};

/** Runs the matMul cases and prints their table; returns the measurements. */
export async function benchMatMul(n = 512): Promise<Measurement[]> {
  const flops = 2 * n * n * n;
  const a = randomNormal([n, n], 0, 1, 'float32', 1);
  const b = randomNormal([n, n], 0, 1, 'float32', 2);
  const ad = a.dataSync() as Float32Array,
    bd = b.dataSync() as Float32Array;
  // The same product in each form: the transposed operands hold Aᵀ and Bᵀ.
  const aT = transposed(ad, n),
    bT = transposed(bd, n);
  const forms: [string, () => Tensor][] = [
    ['NN  A·B', () => matMul(a, b)],
    ['NT  A·(Bᵀ)ᵀ', () => matMul(a, bT, { transposeB: true })],
    ['TN  (Aᵀ)ᵀ·B', () => matMul(aT, b, { transposeA: true })],
  ];
  const reference = naiveMatMul(ad, bd, n, n, n);
  const naive = await measure('naive triple loop', () => naiveMatMul(ad, bd, n, n, n), { warmup: 1, runs: 3 });
  const results = [naive];
  const row = (m: Measurement, check: string) => ({
    case: m.name,
    'median ms': m.medianMs,
    'best ms': m.minMs,
    'GFLOP/s': gflops(flops, m.medianMs),
    'vs naive': naive.medianMs / m.medianMs,
    'max |Δ| vs naive': check,
  });
  const rows = [row(naive, '-')];
  for (const [name, run] of forms) {
    const m = await measure(`matMul ${name}`, run, { warmup: 3, runs: 10 });
    results.push(m);
    rows.push(row(m, maxAbsDiff(run().dataSync(), reference).toExponential(1)));
  }
  printTable(
    `matMul ${n}×${n}×${n} float32, one core (GFLOP/s from the median; the machine may be shared, see best ms)`,
    rows,
  );
  return results;
}
