/**
 * Targeted tests for defects found by probing that are not a refusal (those are rows of
 * cases-probe.ts): results that were malformed or silently wrong.
 */
import { describe, expect, it } from 'vitest';
import { softmaxCrossEntropyWithLogits, sum, tensor, transpose, zeros } from '../../src/index.js';

describe('softmaxCrossEntropyWithLogits over zero classes', () => {
  it('gives one loss of 0 per row (−Σ over no classes), like the composed path, and backpropagates', () => {
    const logits = tensor([], [2, 0], 'float32', { requiresGrad: true });
    const loss = softmaxCrossEntropyWithLogits({ labels: zeros([2, 0]), logits });
    // Before the fix: shape [2] over an empty buffer, so toArray() gave [undefined, undefined].
    expect(loss.shape).toEqual([2]);
    expect(loss.dataSync()).toHaveLength(2);
    expect(loss.toArray()).toEqual([0, 0]);
    // The composed path (axis 0 of the transpose) is the reference: −Σ_j z_j log p_j over no j.
    const composed = softmaxCrossEntropyWithLogits({ labels: zeros([0, 2]), logits: transpose(logits), axis: 0 });
    expect((composed.toArray() as number[]).map((v) => v + 0)).toEqual(loss.toArray()); // −0 there
    sum(loss).backward();
    expect(logits.grad!.toDense().shape).toEqual([2, 0]);
  });
});
