/**
 * An independent float64 reference of SPEC-sampled-losses.md §1–2, written with plain loops
 * over number arrays straight from the formulas (no library code), for the loss tests.
 */
export interface RefCase {
  W: number[][]; // [C][D]
  bias: number[]; // [C]
  labels: number[][]; // [B][T]
  X: number[][]; // [B][D]
  sampled: number[]; // [S]
  trueEC: number[][]; // [B][T]
  sampledEC: number[]; // [S]
}

const dot = (a: number[], b: number[]) => a.reduce((s, v, i) => s + v * b[i], 0);
const FLT_MAX = 3.4028234663852886e38;

/** The [B][T+S] logits and targets of §1, steps 4–8. */
export function refLogits(c: RefCase, removeHits: boolean): { logits: number[][]; targets: number[][] } {
  const T = c.labels[0]?.length ?? 0;
  const logits = c.X.map((x, b) => [
    ...c.labels[b].map((l, t) => dot(x, c.W[l]) + c.bias[l] - Math.log(c.trueEC[b][t])),
    ...c.sampled.map((s, j) => {
      const hit = removeHits && c.labels[b].includes(s) ? -FLT_MAX : 0;
      return dot(x, c.W[s]) + c.bias[s] + hit - Math.log(c.sampledEC[j]);
    }),
  ]);
  const targets = logits.map((row) => row.map((_, k) => (k < T ? 1 / T : 0)));
  return { logits, targets };
}

export const sigmoidCE = (x: number, z: number) => Math.max(x, 0) - x * z + Math.log1p(Math.exp(-Math.abs(x)));

export function softmaxCE(x: number[], z: number[]): number {
  const m = Math.max(...x);
  const lse = Math.log(x.reduce((s, v) => s + Math.exp(v - m), 0));
  return z.reduce((s, zj, j) => s + zj * (lse - (x[j] - m)), 0);
}

/** nceLoss per row. */
export function refNce(c: RefCase, removeHits = false): number[] {
  const { logits, targets } = refLogits(c, removeHits);
  return logits.map((row, b) => row.reduce((s, x, k) => s + sigmoidCE(x, targets[b][k]), 0));
}

/** sampledSoftmaxLoss per row. */
export function refSampledSoftmax(c: RefCase, removeHits = true): number[] {
  const { logits, targets } = refLogits(c, removeHits);
  return logits.map((row, b) => softmaxCE(row, targets[b]));
}

/** Full-path logits and 1/T targets over all C classes (repeated labels add up). */
function refFull(c: RefCase): { logits: number[][]; targets: number[][] } {
  const logits = c.X.map((x) => c.W.map((w, k) => dot(x, w) + c.bias[k]));
  const targets = c.labels.map((ls) => {
    const z = new Array(c.W.length).fill(0);
    for (const l of ls) z[l] += 1 / ls.length;
    return z;
  });
  return { logits, targets };
}

export function refFullSigmoid(c: RefCase): number[] {
  const { logits, targets } = refFull(c);
  return logits.map((row, b) => row.reduce((s, x, k) => s + sigmoidCE(x, targets[b][k]), 0));
}

export function refFullSoftmax(c: RefCase): number[] {
  const { logits, targets } = refFull(c);
  return logits.map((row, b) => softmaxCE(row, targets[b]));
}
