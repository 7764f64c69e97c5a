import { describe, expect, test } from 'vitest';
import {
  broadcastTo,
  concat,
  expandDims,
  mul,
  reshape,
  slice,
  squeeze,
  sum,
  TapegradError,
  tensor,
  transpose,
  valueAndGrads,
} from '../../../src/index.js';
import { expectClose, expectGradOk, f64, layouts } from '../helpers.js';

const X = [
  [1, 2, 3],
  [4, 5, 6],
];
/** A weighted sum makes every output element's gradient distinct (w = 1, 2, 3, ...). */
const weights = (n: number) => f64(Array.from({ length: n }, (_, i) => i + 1));

describe('views copy nothing', () => {
  test('reshape, transpose, slice, expandDims, squeeze, broadcastTo share data', () => {
    const x = f64(X);
    for (const y of [
      reshape(x, [3, 2]),
      transpose(x),
      slice(x, [0, 1]),
      expandDims(x, 1),
      squeeze(expandDims(x, 0)),
      broadcastTo(x, [4, 2, 3]),
    ]) {
      expect(y.data).toBe(x.data);
    }
  });
});

describe('reshape', () => {
  test('values, −1 inferred', () =>
    expect(reshape(f64(X), [3, -1]).toArray()).toEqual([
      [1, 2],
      [3, 4],
      [5, 6],
    ]));
  test.each(layouts(X))('gradcheck on a %s input', (_, x) =>
    expectGradOk((v) => mul(reshape(v, [6]), weights(6)), [x]),
  );
  test('bad shape: wrong size, non-integer', () => {
    expect(() => reshape(f64(X), [4, 2])).toThrow(
      new TapegradError('reshape', 'shape', 'a shape of 6 elements (as many as x)', '[4, 2]'),
    );
    expect(() => reshape(f64(X), [1.5, 4])).toThrow(
      new TapegradError('reshape', 'shape', 'a list of integers', 'an array [1.5, 4]'),
    );
  });
});

describe('transpose', () => {
  test('values: default reverses, a perm permutes', () => {
    expect(transpose(f64(X)).toArray()).toEqual([
      [1, 4],
      [2, 5],
      [3, 6],
    ]);
    const y = transpose(f64([[[1, 2]], [[3, 4]]]), [1, 2, 0]); // [2, 1, 2] → [1, 2, 2]
    expect(y.toArray()).toEqual([
      [
        [1, 3],
        [2, 4],
      ],
    ]);
  });
  test('gradient: g transposed back', () => {
    const { grads } = valueAndGrads(
      (x) =>
        sum(
          mul(
            transpose(x),
            f64([
              [1, 2],
              [3, 4],
              [5, 6],
            ]),
          ),
        ),
      [f64(X)],
    );
    expectClose(grads[0], [
      [1, 3, 5],
      [2, 4, 6],
    ]);
  });
  test.each(layouts(X))('gradcheck on a %s input', (_, x) => expectGradOk((v) => transpose(v), [x]));
  test('gradcheck of a rank-3 permutation', () =>
    expectGradOk((v) => transpose(v, [2, 0, 1]), [f64([[[1, 2]], [[3, 4]]])]));
  test('bad perm', () => {
    expect(() => transpose(f64(X), [0, 0])).toThrow(
      new TapegradError('transpose', 'perm', 'a permutation of 0..1', '[0, 0]'),
    );
  });
});

describe('slice', () => {
  test('values; size −1 or omitted runs to the end', () => {
    expect(slice(f64(X), [1, 1], [1, 2]).toArray()).toEqual([[5, 6]]);
    expect(slice(f64(X), [0, 1], [-1, 1]).toArray()).toEqual([[2], [5]]);
    expect(slice(f64(X), [0, 2]).toArray()).toEqual([[3], [6]]);
  });
  test('gradient: g placed in zeros', () => {
    const { grads } = valueAndGrads(
      (x) =>
        sum(
          mul(
            slice(x, [0, 1], [2, 2]),
            f64([
              [1, 2],
              [3, 4],
            ]),
          ),
        ),
      [f64(X)],
    );
    expectClose(grads[0], [
      [0, 1, 2],
      [0, 3, 4],
    ]);
  });
  test.each(layouts(X))('gradcheck on a %s input', (_, x) => expectGradOk((v) => slice(v, [0, 1], [2, 2]), [x]));
  test('out of range', () => {
    expect(() => slice(f64(X), [0, 2], [1, 2])).toThrow(
      new TapegradError('slice', 'begin/size on axis 1', 'within [0, 3]', 'begin 2, size 2'),
    );
    expect(() => slice(f64(X), [0])).toThrow(
      new TapegradError('slice', 'begin', 'a list of 2 entries (one per axis)', '[0]'),
    );
  });
});

describe('expandDims and squeeze', () => {
  test('shapes', () => {
    expect(expandDims(f64(X), -1).shape).toEqual([2, 3, 1]);
    expect(expandDims(f64(X), 1).shape).toEqual([2, 1, 3]);
    expect(squeeze(f64([[[1], [2]]])).shape).toEqual([2]);
    expect(squeeze(f64([[[1], [2]]]), [2]).toArray()).toEqual([[1, 2]]);
  });
  test.each(layouts(X))('gradcheck on a %s input', (_, x) => {
    expectGradOk((v) => expandDims(v, 1), [x]);
    expectGradOk((v) => squeeze(expandDims(v, 0)), [x]);
  });
  test('bad axes', () => {
    expect(() => expandDims(f64(X), 3)).toThrow(new TapegradError('expandDims', 'axis', 'an integer in [-3, 3)', '3'));
    expect(() => squeeze(f64(X), [0])).toThrow(new TapegradError('squeeze', 'axis 0', 'of length 1', '2'));
  });
});

describe('broadcastTo', () => {
  test('values and gradient summed over the broadcast axes', () => {
    expect(broadcastTo(f64([[1], [2]]), [2, 2, 3]).toArray()).toEqual([
      [
        [1, 1, 1],
        [2, 2, 2],
      ],
      [
        [1, 1, 1],
        [2, 2, 2],
      ],
    ]);
    const { grads } = valueAndGrads((x) => sum(broadcastTo(x, [4, 2, 3])), [f64([[1], [2]])]);
    expectClose(grads[0], [[12], [12]]);
  });
  test.each(layouts(X))('gradcheck on a %s input', (_, x) => expectGradOk((v) => broadcastTo(v, [2, 2, 3]), [x]));
  test('incompatible shape', () => {
    expect(() => broadcastTo(f64(X), [3, 3])).toThrow(
      new TapegradError('broadcastTo', 'shapes', 'broadcast-compatible', '[2, 3] and [3, 3]'),
    );
  });
});

describe('concat', () => {
  test('values along 0 and −1', () => {
    expect(concat([f64(X), f64([[7, 8, 9]])], 0).toArray()).toEqual([
      [1, 2, 3],
      [4, 5, 6],
      [7, 8, 9],
    ]);
    expect(concat([f64(X), f64([[7], [8]])], -1).toArray()).toEqual([
      [1, 2, 3, 7],
      [4, 5, 6, 8],
    ]);
  });
  test('gradient: each input gets its block', () => {
    const { grads } = valueAndGrads(
      (a, b) =>
        sum(
          mul(
            concat([a, b], 1),
            f64([
              [1, 2, 3],
              [4, 5, 6],
            ]),
          ),
        ),
      [
        f64([[0], [0]]),
        f64([
          [0, 0],
          [0, 0],
        ]),
      ],
    );
    expectClose(grads[0], [[1], [4]]);
    expectClose(grads[1], [
      [2, 3],
      [5, 6],
    ]);
  });
  test.each(layouts(X))('gradcheck on a %s input', (_, x) => {
    expectGradOk((a, b) => concat([a, b, a], 0), [x, f64([[7, 8, 9]])]);
    expectGradOk((a, b) => concat([b, a], 1), [x, f64([[7], [8]])]);
  });
  test('gradcheck with a broadcast made inside f', () => {
    expectGradOk((a, b) => concat([broadcastTo(a, [2, 3]), b], 0), [f64([1, 2, 3]), f64(X)]);
  });
  test('mismatched shape or dtype, empty list, bad axis', () => {
    expect(() => concat([f64(X), f64([[1, 2]])], 0)).toThrow(
      new TapegradError('concat', 'xs[1]', 'float64 of shape [-1, 3] (−1: any)', 'float64 [1, 2]'),
    );
    expect(() => concat([f64(X), tensor(X)], 0)).toThrow(
      new TapegradError('concat', 'xs[1]', 'float64 of shape [-1, 3] (−1: any)', 'float32 [2, 3]'),
    );
    expect(() => concat([], 0)).toThrow(
      new TapegradError('concat', 'xs', 'a non-empty array of Tensors', 'an array []'),
    );
    expect(() => concat([f64(X)], 2)).toThrow(new TapegradError('concat', 'axis', 'an integer in [-2, 2)', '2'));
  });
});
