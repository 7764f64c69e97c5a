// computeAccidentalHits on hand examples, including repeated sampled ids and repeated labels.
import { describe, expect, it } from 'vitest';
import { computeAccidentalHits } from '../../../src/nn/samplers/index.js';
import { accidentalHitMask } from '../../../src/nn/samplers/hits.js';
import { TapegradError, tensor } from '../../../src/tensor/index.js';
import { classes, refusal } from './helpers.js';

const FLT_MAX = 3.4028234663852886e38; // (2 − 2^−23) · 2^127

describe('computeAccidentalHits', () => {
  it('reports every position equal to a label of the row (the SPEC deviation), once each', () => {
    const labels = classes([
      [1, 4],
      [2, 2],
      [0, 3],
      [5, 6],
    ]);
    const sampled = tensor([4, 2, 4, 3, 0, 2], undefined, 'int32');
    const { indices, ids, weights } = computeAccidentalHits(labels, sampled, 2);
    // row 0: id 4 at 0 and 2; row 1: id 2 at 1 and 5 (label repeated, pairs once);
    // row 2: id 3 at 3, id 0 at 4; row 3: no hit.
    expect(Array.from(indices.dataSync())).toEqual([0, 0, 1, 1, 2, 2]);
    expect(Array.from(ids.dataSync())).toEqual([0, 2, 1, 5, 3, 4]);
    expect(indices.dtype).toBe('int32');
    expect(ids.dtype).toBe('int32');
    expect(weights.dtype).toBe('float32');
    expect(Array.from(weights.dataSync())).toEqual(new Array(6).fill(-FLT_MAX));
    expect(Number.isFinite(weights.dataSync()[0])).toBe(true);
  });

  it('no hit gives empty [0] tensors; an empty batch too', () => {
    const none = computeAccidentalHits(classes([[7]]), tensor([0, 1], undefined, 'int32'), 1);
    expect(none.indices.shape).toEqual([0]);
    expect(none.weights.shape).toEqual([0]);
    const empty = computeAccidentalHits(tensor(new Int32Array(0), [0, 2]), tensor([0], undefined, 'int32'), 2);
    expect(empty.ids.shape).toEqual([0]);
  });

  it('rejects bad shapes and ids, naming the argument', () => {
    const arg = (f: () => unknown): string => refusal(f).arg;
    const s = tensor([1, 2], undefined, 'int32');
    expect(arg(() => computeAccidentalHits(classes([[1, 2]]), s, 1))).toBe('trueClasses');
    expect(arg(() => computeAccidentalHits(classes([[1]]), s, 0))).toBe('numTrue');
    expect(arg(() => computeAccidentalHits(classes([[1]]), classes([[1, 2]]), 1))).toBe('sampledCandidates');
    expect(arg(() => computeAccidentalHits(classes([[1]]), tensor([1, 0.5]), 1))).toBe('sampledCandidates');
    expect(arg(() => computeAccidentalHits(classes([[1]]), tensor([1, 2]), 1))).toBe('sampledCandidates'); // int32 only
    expect(arg(() => computeAccidentalHits(classes([[1]]), tensor([1, -2], undefined, 'int32'), 1))).toBe(
      'sampledCandidates (element 1)',
    );
    expect(arg(() => computeAccidentalHits(classes([[-1]]), s, 1))).toBe('trueClasses (element 0)');
  });
});

describe('accidentalHitMask (the sampled losses’ internal form)', () => {
  it('marks the same hand-derived positions as computeAccidentalHits, as a [B, S] mask', () => {
    // The example above: hits (0,0) (0,2) (1,1) (1,5) (2,3) (2,4); row 3 none.
    const mask = accidentalHitMask(Int32Array.from([1, 4, 2, 2, 0, 3, 5, 6]), 2, Int32Array.from([4, 2, 4, 3, 0, 2]));
    const want = new Array(24).fill(0);
    for (const [b, j] of [
      [0, 0],
      [0, 2],
      [1, 1],
      [1, 5],
      [2, 3],
      [2, 4],
    ])
      want[b * 6 + j] = -FLT_MAX;
    expect(Array.from(mask)).toEqual(want);
    expect(Array.from(accidentalHitMask(Int32Array.from([7]), 1, Int32Array.from([0, 1])))).toEqual([0, 0]);
  });
});
