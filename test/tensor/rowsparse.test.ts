import { describe, expect, test } from 'vitest';
import { RowSparse, TapegradError, tensor } from '../../src/index.js';

const a = () =>
  new RowSparse(
    Int32Array.of(2, 0, 2),
    tensor(
      [
        [1, 2],
        [3, 4],
        [5, 6],
      ],
      undefined,
      'float64',
    ),
    [4, 2],
  );

describe('RowSparse', () => {
  test('toDense scatter-adds rows, repeated ids included', () => {
    expect(a().toDense().toArray()).toEqual([
      [3, 4],
      [0, 0],
      [6, 8],
      [0, 0],
    ]);
    expect(a().toDense().dtype).toBe('float64');
  });

  test('add concatenates; its dense value is the sum of the dense values', () => {
    const b = new RowSparse(Int32Array.of(3), tensor([[10, 20]], undefined, 'float64'), [4, 2]);
    const s = a().add(b);
    expect(Array.from(s.ids)).toEqual([2, 0, 2, 3]);
    expect(s.toDense().toArray()).toEqual([
      [3, 4],
      [0, 0],
      [6, 8],
      [10, 20],
    ]);
  });

  test('coalesce: each id once, in order of first appearance, rows summed', () => {
    const c = a().coalesce();
    expect(Array.from(c.ids)).toEqual([2, 0]);
    expect(c.values.toArray()).toEqual([
      [6, 8],
      [3, 4],
    ]);
    expect(c.toDense().toArray()).toEqual(a().toDense().toArray());
  });

  test('coalesce of 2000 ids with many repeats (and hash collisions): first-appearance order, exact sums', () => {
    // ids i·7919 mod 613 for i mod 1000 (each of the first 1000 appears twice); row i holds [i, −i].
    const n = 2000,
      ids = Int32Array.from({ length: n }, (_, i) => (((i % 1000) * 7919) % 613) + 613 * (i % 3 === 0 ? 1 : 0));
    const vals = tensor(
      Array.from({ length: n }, (_, i) => [i, -i]),
      undefined,
      'float64',
    );
    const c = new RowSparse(ids, vals, [1226, 2]).coalesce();
    const order: number[] = [],
      sums = new Map<number, number>();
    ids.forEach((id, i) => {
      if (!sums.has(id)) order.push(id);
      sums.set(id, (sums.get(id) ?? 0) + i);
    });
    expect(Array.from(c.ids)).toEqual(order);
    expect((c.values.toArray() as number[][]).map((r) => r[0])).toEqual(order.map((id) => sums.get(id)));
    expect(c.toDense().toArray()).toEqual(new RowSparse(ids, vals, [1226, 2]).toDense().toArray());
  });

  test('scatterAddInto scales the rows', () => {
    const target = new Float64Array(8);
    a().scatterAddInto(target, -0.5);
    expect(Array.from(target)).toEqual([-1.5, -2, 0, 0, -3, -4, 0, 0]);
  });

  test('values whose rows do not match the ids are refused', () => {
    expect(() => new RowSparse(Int32Array.of(1, 2), tensor([[1, 2]]), [4, 2])).toThrow(TapegradError);
  });
});
