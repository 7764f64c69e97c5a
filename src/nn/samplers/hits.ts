/** Accidental hits: sampled candidates that equal a label of a row (SPEC §1 step 6). */
import { TapegradError } from '../../tensor/errors.js';
import { Tensor } from '../../tensor/tensor.js';
import { checkInt, MAX_RANGE, readIds } from './validate.js';

/** −FLT_MAX (−3.4028235e38): the weight of a hit, finite unlike −Infinity. */
export const ACCIDENTAL_HIT = -3.4028234663852886e38;

/**
 * Every (row b, position j) with sampledCandidates[j] equal to one of the labels of row b:
 *
 *   indices int32 [K]: b,   ids int32 [K]: j,   weights float32 [K]: all −3.4028235e38,
 *
 * sorted by b, then j; each pair once, even when a row repeats a label. trueClasses is
 * int [B, T] with T = numTrue, sampledCandidates int [S]. **Deviation** from TensorFlow,
 * which reports only the last of several equal sampled ids: every equal position is a hit.
 * Cost O(B·T + S + K). Errors: numTrue not an integer ≥ 1, trueClasses not [B, numTrue],
 * sampledCandidates not rank 1, an id not a non-negative integer.
 */
export function computeAccidentalHits(
  trueClasses: Tensor,
  sampledCandidates: Tensor,
  numTrue: number,
): { indices: Tensor; ids: Tensor; weights: Tensor } {
  const fn = 'computeAccidentalHits';
  const T = checkInt(fn, 'numTrue', numTrue, 1);
  if (!(trueClasses instanceof Tensor) || trueClasses.rank !== 2 || trueClasses.shape[1] !== T) {
    const got = trueClasses instanceof Tensor ? `shape [${trueClasses.shape.join(', ')}]` : String(trueClasses);
    throw new TapegradError(fn, 'trueClasses', `a Tensor of shape [B, numTrue] = [B, ${T}]`, got);
  }
  const labels = readIds(fn, 'trueClasses', trueClasses, 2, MAX_RANGE);
  const sampled = readIds(fn, 'sampledCandidates', sampledCandidates, 1, MAX_RANGE);

  // id → its positions in sampled, ascending.
  const positions = new Map<number, number[]>();
  sampled.forEach((id, j) => {
    const list = positions.get(id);
    if (list) list.push(j);
    else positions.set(id, [j]);
  });
  const rows: number[] = [],
    cols: number[] = [];
  const B = trueClasses.shape[0];
  for (let b = 0; b < B; b++) {
    const hit: number[] = [];
    const seen = new Set<number>();
    for (let t = 0; t < T; t++) {
      const id = labels[b * T + t];
      const list = seen.has(id) ? undefined : positions.get(id);
      seen.add(id);
      if (list) hit.push(...list);
    }
    hit.sort((x, y) => x - y);
    for (const j of hit) {
      rows.push(b);
      cols.push(j);
    }
  }
  const K = rows.length;
  return {
    indices: new Tensor(Int32Array.from(rows), [K]),
    ids: new Tensor(Int32Array.from(cols), [K]),
    weights: new Tensor(new Float32Array(K).fill(ACCIDENTAL_HIT), [K]),
  };
}
