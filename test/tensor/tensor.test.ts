import { describe, expect, test } from 'vitest';
import { TapegradError, tensor } from '../../src/index.js';
import { broadcastView, sliceView, transposeView } from '../../src/tensor/views.js';

describe('Tensor', () => {
  test('contiguous() returns itself when contiguous, a row-major copy otherwise', () => {
    const t = tensor([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    expect(t.contiguous()).toBe(t);
    const c = transposeView(t).contiguous();
    expect(c.data).not.toBe(t.data);
    expect(Array.from(c.data)).toEqual([1, 4, 2, 5, 3, 6]);
    expect(c.strides).toEqual([2, 1]);
    const s = sliceView(t, [0, 1], [2, 1]).contiguous();
    expect(Array.from(s.data)).toEqual([2, 5]);
  });

  test('a slice of whole rows is contiguous and not copied', () => {
    const t = tensor([
      [1, 2],
      [3, 4],
      [5, 6],
    ]);
    const rows = sliceView(t, [1, 0], [2, 2]);
    expect(rows.contiguous()).toBe(rows);
    expect(Array.from(rows.dataSync())).toEqual([3, 4, 5, 6]);
  });

  test('dataSync: a row-major copy of the view', () => {
    const t = tensor(
      [
        [1, 2],
        [3, 4],
      ],
      undefined,
      'float64',
    );
    const d = transposeView(t).dataSync();
    expect(d).toBeInstanceOf(Float64Array);
    expect(Array.from(d)).toEqual([1, 3, 2, 4]);
    const own = t.dataSync();
    own[0] = 9;
    expect(t.data[0]).toBe(1);
    expect(Array.from(broadcastView(tensor([7]), [2, 2]).dataSync())).toEqual([7, 7, 7, 7]);
  });

  test('toArray nests by the shape; item of one element', () => {
    expect(tensor([1, 2, 3, 4, 5, 6], [3, 1, 2]).toArray()).toEqual([[[1, 2]], [[3, 4]], [[5, 6]]]);
    expect(tensor([[5]], undefined, 'int32').item()).toBe(5);
    expect(() => tensor([1, 2]).item()).toThrow(new TapegradError('item', 'tensor', 'of size 1', 'shape [2]'));
  });

  test('size, rank, toString', () => {
    const t = tensor([[1, 2, 3]]);
    expect([t.size, t.rank, String(t)]).toEqual([3, 2, 'Tensor(float32 [1, 3])']);
  });
});
