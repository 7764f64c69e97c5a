/** Accidental hits: sampled candidates that equal a label of a row (SPEC §1 step 6). */
import { checkInteger, checkTensor, fail, MAX_ELEMENTS } from '../../tensor/check.js';
import { checkIds } from '../../tensor/gather.js';
import { Tensor } from '../../tensor/tensor.js';
import { MAX_RANGE } from './validate.js';

/** −FLT_MAX (−3.4028235e38): the weight of a hit, finite unlike −Infinity. */
export const ACCIDENTAL_HIT = -3.4028234663852886e38;

/** id → its positions in `sampled`, ascending. */
function positionsOf(sampled: Int32Array): Map<number, number[]> {
  const positions = new Map<number, number[]>();
  sampled.forEach((id, j) => {
    const list = positions.get(id);
    if (list) list.push(j);
    else positions.set(id, [j]);
  });
  return positions;
}

/**
 * Every (row b, position j) with sampledCandidates[j] equal to one of the labels of row b:
 *
 *   indices int32 [numHits]: b,   ids int32 [numHits]: j,   weights float32 [numHits]: all −3.4028235e38,
 *
 * sorted by b, then j; each pair once, even when a row repeats a label. trueClasses is
 * int32 [B, T] with T = numTrue, sampledCandidates int32 [S]. **Deviation** from TensorFlow,
 * which reports only the last of several equal sampled ids: every equal position is a hit.
 * Cost O(B·T + S + numHits). Errors: numTrue not an integer ≥ 1, trueClasses not int32
 * [B, numTrue], sampledCandidates not int32 of rank 1, a negative id.
 */
export function computeAccidentalHits(
  trueClasses: Tensor,
  sampledCandidates: Tensor,
  numTrue: number,
): { indices: Tensor; ids: Tensor; weights: Tensor } {
  const fn = 'computeAccidentalHits';
  const T = checkInteger(fn, 'numTrue', numTrue, 1, MAX_ELEMENTS);
  checkTensor(fn, 'trueClasses', trueClasses, { dtype: 'int32', rank: 2 });
  if (trueClasses.shape[1] !== T) {
    fail(fn, 'trueClasses', `an int32 tensor of shape [B, numTrue] = [B, ${T}]`, trueClasses);
  }
  const labels = checkIds(fn, 'trueClasses', trueClasses, MAX_RANGE);
  checkTensor(fn, 'sampledCandidates', sampledCandidates, { dtype: 'int32', rank: 1 });
  const sampled = checkIds(fn, 'sampledCandidates', sampledCandidates, MAX_RANGE);

  const positions = positionsOf(sampled);
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
  const numHits = rows.length;
  return {
    indices: new Tensor(Int32Array.from(rows), [numHits]),
    ids: new Tensor(Int32Array.from(cols), [numHits]),
    weights: new Tensor(new Float32Array(numHits).fill(ACCIDENTAL_HIT), [numHits]),
  };
}

/**
 * The hits of `computeAccidentalHits` as a mask [B, S]: mask[b·S + j] = ACCIDENTAL_HIT where
 * sampled[j] is one of labels[b·T …], else 0, for ids its caller has checked (the sampled
 * losses). Cost O(B·T + S + numHits), no sorting.
 */
export function accidentalHitMask(labels: Int32Array, T: number, sampled: Int32Array): Float64Array {
  const B = labels.length / T,
    S = sampled.length;
  const positions = positionsOf(sampled);
  const mask = new Float64Array(B * S);
  for (let b = 0; b < B; b++) {
    for (let t = 0; t < T; t++) {
      const list = positions.get(labels[b * T + t]);
      if (list) for (const j of list) mask[b * S + j] = ACCIDENTAL_HIT;
    }
  }
  return mask;
}
