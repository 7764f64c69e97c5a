import { describe, expect, test } from 'vitest';
import { TapegradError, tensor } from '../../src/index.js';
import {
  broadcastView,
  expandDimsView,
  reshapeView,
  sliceView,
  squeezeView,
  transposeView,
} from '../../src/tensor/views.js';

const x = () =>
  tensor([
    [1, 2, 3],
    [4, 5, 6],
  ]);

describe('raw views copy nothing', () => {
  test('transpose: strides swapped, same data, values transposed', () => {
    const t = x();
    const v = transposeView(t);
    expect(v.data).toBe(t.data);
    expect(v.strides).toEqual([1, 3]);
    expect(v.toArray()).toEqual([
      [1, 4],
      [2, 5],
      [3, 6],
    ]);
    expect(v.isContiguous()).toBe(false);
  });

  test('slice: offset into the same data', () => {
    const t = x();
    const v = sliceView(t, [1, 1], [1, -1]);
    expect(v.data).toBe(t.data);
    expect(v.offset).toBe(4);
    expect(v.toArray()).toEqual([[5, 6]]);
  });

  test('reshape of a contiguous tensor is a view; of a transposed one, a copy', () => {
    const t = x();
    expect(reshapeView(t, [3, 2]).data).toBe(t.data);
    expect(reshapeView(t, [-1]).toArray()).toEqual([1, 2, 3, 4, 5, 6]);
    const tr = reshapeView(transposeView(t), [6]);
    expect(tr.data).not.toBe(t.data);
    expect(tr.toArray()).toEqual([1, 4, 2, 5, 3, 6]);
  });

  test('broadcast: stride 0 on new and stretched axes', () => {
    const t = tensor([[1], [2]]);
    const v = broadcastView(t, [3, 2, 2]);
    expect(v.data).toBe(t.data);
    expect(v.strides).toEqual([0, 1, 0]);
    expect(v.toArray()).toEqual([
      [
        [1, 1],
        [2, 2],
      ],
      [
        [1, 1],
        [2, 2],
      ],
      [
        [1, 1],
        [2, 2],
      ],
    ]);
  });

  test('expandDims and squeeze', () => {
    const t = x();
    expect(expandDimsView(t, 1).shape).toEqual([2, 1, 3]);
    expect(expandDimsView(t, 1).data).toBe(t.data);
    expect(squeezeView(expandDimsView(t, -1)).toArray()).toEqual([
      [1, 2, 3],
      [4, 5, 6],
    ]);
  });

  test('a view of a view: slice of a transpose', () => {
    const v = sliceView(transposeView(x()), [1, 0], [2, 2]);
    expect(v.toArray()).toEqual([
      [2, 5],
      [3, 6],
    ]);
  });

  test('bad arguments', () => {
    expect(() => transposeView(x(), [1, 1])).toThrow(
      new TapegradError('transpose', 'perm', 'a permutation of 0..1', '[1, 1]'),
    );
    expect(() => reshapeView(x(), [-1, -1])).toThrow(
      new TapegradError('reshape', 'shape', 'a shape of 6 elements (as many as x)', '[-1, -1]'),
    );
    expect(() => broadcastView(x(), [2, 1])).toThrow(TapegradError);
  });
});
