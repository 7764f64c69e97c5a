import { describe, expect, test, vi } from 'vitest';
import { gradcheck } from '../../../src/autograd/gradcheck.js';
import { gather } from '../../../src/autograd/ops/gather.js';
import { transpose } from '../../../src/autograd/ops/movement.js';
import { randomNormal, tensor } from '../../../src/tensor/create.js';
import { allocate } from '../../../src/tensor/dtype.js';
import { TapegradError } from '../../../src/tensor/errors.js';
import { Tensor } from '../../../src/tensor/tensor.js';
import { rowSparse } from '../helpers.js';
import { sliceView, transposeView } from '../../../src/tensor/views.js';

// Watch allocations, to check that rejected input allocates nothing.
vi.mock('../../../src/tensor/dtype.js', async (importOriginal) => {
  const m = await importOriginal<typeof import('../../../src/tensor/dtype.js')>();
  return { ...m, allocate: vi.fn(m.allocate) };
});

const ids = (v: number[] | number[][]) => tensor(v, undefined, 'int32');
const leaf = (x: Tensor) => Object.assign(x, { requiresGrad: true });
/** params[r, k] = 10·r + k: every gathered value names its row. */
function params(rows: number, cols: number, dtype: 'float32' | 'float64' = 'float32') {
  const values = Array.from({ length: rows * cols }, (_, i) => 10 * Math.floor(i / cols) + (i % cols));
  return new Tensor(dtype === 'float32' ? Float32Array.from(values) : Float64Array.from(values), [rows, cols]);
}

describe('gather values', () => {
  test('indices [2, 2] pick rows: out[i, j, :] = params[indices[i, j], :]', () => {
    const out = gather(
      params(5, 3),
      ids([
        [4, 0],
        [0, 2],
      ]),
    );
    expect(out.shape).toEqual([2, 2, 3]);
    expect(out.dtype).toBe('float32');
    expect(out.toArray()).toEqual([
      [
        [40, 41, 42],
        [0, 1, 2],
      ],
      [
        [0, 1, 2],
        [20, 21, 22],
      ],
    ]);
  });

  test('long rows (block copies), scalar rows, rank-3 params, empty indices', () => {
    const wide = params(4, 40, 'float64');
    expect(gather(wide, ids([3, 1])).toArray()).toEqual(
      [3, 1].map((r) => Array.from({ length: 40 }, (_, k) => 10 * r + k)),
    );
    expect(gather(tensor([5, 6, 7]), ids([[2], [0]])).toArray()).toEqual([[7], [5]]);
    const cube = new Tensor(
      Float32Array.from({ length: 12 }, (_, i) => i),
      [3, 2, 2],
    );
    expect(gather(cube, ids([2, 0])).toArray()).toEqual([
      [
        [8, 9],
        [10, 11],
      ],
      [
        [0, 1],
        [2, 3],
      ],
    ]);
    expect(gather(params(3, 2), new Tensor(new Int32Array(0), [0])).shape).toEqual([0, 2]);
  });

  test('non-contiguous params (transposed, sliced) are read through their strides', () => {
    const t = transposeView(params(3, 4)); // t[k, r] = 10·r + k, [4, 3]
    expect(gather(t, ids([3, 0])).toArray()).toEqual([
      [3, 13, 23],
      [0, 10, 20],
    ]);
    const s = sliceView(params(5, 4), [1, 1], [3, 2]); // rows 1..3, cols 1..2
    expect(gather(s, ids([2, 2, 0])).toArray()).toEqual([
      [31, 32],
      [31, 32],
      [11, 12],
    ]);
  });
});

describe('gather gradient', () => {
  test('row-sparse: ids = flat indices, values = g as [n, D]; toDense() is the scatter-add', () => {
    const p = leaf(params(6, 2, 'float64'));
    const idx = ids([
      [4, 1, 4],
      [0, 4, 1],
    ]); // 4 three times, 1 twice, 2, 3 and 5 never
    const g = new Tensor(
      Float64Array.from({ length: 12 }, (_, i) => i + 1),
      [2, 3, 2],
    );
    gather(p, idx).backward(g);
    const grad = rowSparse(p.grad);
    expect(Array.from(grad.ids)).toEqual([4, 1, 4, 0, 4, 1]);
    expect(grad.values.shape).toEqual([6, 2]);
    expect(grad.denseShape).toEqual([6, 2]);
    expect(grad.dtype).toBe('float64');
    // g rows: [1,2] [3,4] [5,6] [7,8] [9,10] [11,12] go to rows 4, 1, 4, 0, 4, 1.
    expect(grad.toDense().toArray()).toEqual([
      [7, 8],
      [3 + 11, 4 + 12],
      [0, 0],
      [0, 0],
      [1 + 5 + 9, 2 + 6 + 10],
      [0, 0],
    ]);
  });

  test('a non-contiguous upstream gradient still gives the right rows', () => {
    const p = leaf(params(3, 2, 'float64'));
    const gT = transposeView(new Tensor(Float64Array.from([1, 2, 3, 4]), [2, 2])); // [[1, 3], [2, 4]]
    gather(p, ids([2, 2])).backward(gT);
    expect(p.grad!.toDense().toArray()).toEqual([
      [0, 0],
      [0, 0],
      [1 + 2, 3 + 4],
    ]);
  });

  test('gradcheck (float64 central differences) with repeated ids, on params and on a transposed view', () => {
    const idx = ids([
      [2, 0],
      [2, 3],
    ]);
    const p = randomNormal([4, 3], 0, 1, 'float64', 1),
      pT = randomNormal([3, 4], 0, 1, 'float64', 2);
    // gradcheck promotes inputs to contiguous copies: the view is made inside f.
    for (const r of [
      gradcheck((x: Tensor) => gather(x, idx), [p]),
      gradcheck((x: Tensor) => gather(transpose(x), idx), [pT]),
    ]) {
      expect(r.ok).toBe(true);
      expect(r.maxAbsError).toBeLessThan(1e-6);
    }
  });
});

describe('gather errors', () => {
  const rejects = (fn: () => unknown, pattern: RegExp) => {
    const calls = vi.mocked(allocate);
    calls.mockClear();
    let error: unknown;
    try {
      fn();
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(TapegradError);
    expect((error as TapegradError).message).toMatch(pattern);
    expect(calls).not.toHaveBeenCalled();
  };

  test('ids out of range name indices, the range [0, C) and the bad value', () => {
    const p = leaf(params(5, 3));
    const tooBig = ids([
        [1, 2],
        [5, 0],
      ]),
      negative = ids([0, -1]);
    rejects(() => gather(p, tooBig), /^gather: indices \(element 2\) must be in \[0, 5\), got 5$/);
    rejects(() => gather(p, negative), /^gather: indices \(element 1\) must be in \[0, 5\), got -1$/);
    const empty = params(0, 3),
      zero = ids([0]);
    rejects(() => gather(empty, zero), /indices \(element 0\) must be in \[0, 0\)/);
  });

  test('indices not int32, params a scalar', () => {
    const p = params(5, 3),
      floats = tensor([1, 2]);
    rejects(() => gather(p, floats), /^gather: indices must be an int32 tensor, got float32 \[2\]$/);
    const scalar = tensor(3),
      zero = ids([0]);
    rejects(() => gather(scalar, zero), /^gather: params must be a tensor of rank ≥ 1, got float32 \[\]$/);
  });
});
