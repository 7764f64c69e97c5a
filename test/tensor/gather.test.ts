import { describe, expect, test } from 'vitest';
import { tensor } from '../../src/tensor/create.js';
import { TapegradError } from '../../src/tensor/errors.js';
import { checkIds, gatherRows } from '../../src/tensor/gather.js';
import { transposeView } from '../../src/tensor/views.js';

describe('gather kernel', () => {
  test('checkIds reads indices of any layout in row-major order', () => {
    const idsT = transposeView(
      tensor(
        [
          [0, 1, 2],
          [3, 4, 5],
        ],
        undefined,
        'int32',
      ),
    ); // [[0,3],[1,4],[2,5]]
    expect(Array.from(checkIds('f', 'indices', idsT, 6))).toEqual([0, 3, 1, 4, 2, 5]);
    expect(() => checkIds('f', 'indices', idsT, 5)).toThrow(
      new TapegradError('f', 'indices (element 5)', 'in [0, 5)', '5'),
    );
  });

  test('gatherRows keeps the dtype of params (int32 rows too) and shapes out as [...I, ...R]', () => {
    const p = tensor(
      [
        [1, 2],
        [3, 4],
        [5, 6],
      ],
      undefined,
      'int32',
    );
    const out = gatherRows(p, Int32Array.from([2, 2, 0, 1]), [2, 2]);
    expect(out.dtype).toBe('int32');
    expect(out.toArray()).toEqual([
      [
        [5, 6],
        [5, 6],
      ],
      [
        [1, 2],
        [3, 4],
      ],
    ]);
  });
});
