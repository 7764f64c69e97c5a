/** Nearest neighbours by cosine similarity over the rows of an embedding matrix. */

/** Each row scaled to unit length (a zero row stays zero). */
export function normalizeRows(data: Float32Array, V: number, D: number): Float32Array {
  const out = new Float32Array(V * D);
  for (let r = 0; r < V; r++) {
    let s = 0;
    for (let k = 0; k < D; k++) s += data[r * D + k] ** 2;
    const inv = s > 0 ? 1 / Math.sqrt(s) : 0;
    for (let k = 0; k < D; k++) out[r * D + k] = data[r * D + k] * inv;
  }
  return out;
}

/**
 * The k rows most similar to row `id` by cosine cos(a, b) = a·b / (|a|·|b|), itself
 * excluded, best first (ties by lower id). `unit` holds rows of unit length.
 */
export function nearest(
  unit: Float32Array,
  V: number,
  D: number,
  id: number,
  k: number,
): { id: number; cos: number }[] {
  const best: { id: number; cos: number }[] = [];
  const q = id * D;
  for (let r = 0; r < V; r++) {
    if (r === id) continue;
    let s = 0;
    for (let j = 0; j < D; j++) s += unit[q + j] * unit[r * D + j];
    if (best.length < k || s > best[best.length - 1].cos) {
      best.push({ id: r, cos: s });
      best.sort((a, b) => b.cos - a.cos || a.id - b.id);
      if (best.length > k) best.pop();
    }
  }
  return best;
}
