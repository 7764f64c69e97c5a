/** cast (src/autograd/ops/cast.ts): records between float dtypes (gradcheck), refuses int32 while recording. */
import { describe, expect, test } from 'vitest';
import { cast, detach, mul, noGrad, sum, TapegradError, tensor } from '../../../src/index.js';
import { expectClose, expectGradOk, f64, layouts } from '../helpers.js';

const W = [
  [1, 2],
  [3, 4],
];
const leaf = (v: number[][]) => tensor(v, undefined, 'float32', { requiresGrad: true });

describe('cast', () => {
  test('float to float records: ∂x = g cast back (float32 leaf, float64 result)', () => {
    const w = leaf(W);
    const y = cast(w, 'float64');
    expect(y.dtype).toBe('float64');
    sum(mul(y, y)).backward();
    expect(w.grad!.toDense().dtype).toBe('float32');
    expectClose(w.grad!.toDense(), [
      [2, 4],
      [6, 8],
    ]);
  });

  test('gradcheck of cast(x, float64) and of cast(x, float32) on every layout', () => {
    for (const [, x] of layouts(W)) {
      expectGradOk(
        (v) =>
          mul(
            cast(cast(v, 'float32'), 'float64'),
            f64([
              [1, -2],
              [3, 0.5],
            ]),
          ),
        [x],
        { eps: 1e-2, atol: 1e-4 }, // a float32 round trip of a linear map: a wide step is exact to float32 rounding
      );
      expectGradOk((v) => mul(cast(v, 'float64'), v), [x]);
    }
  });

  test('to int32: refused for a tensor that requires a gradient while recording; fine detached or in noGrad', () => {
    const w = leaf([[1.5, -2.5]]);
    expect(() => cast(w, 'int32')).toThrow(TapegradError);
    expect(() => cast(w, 'int32')).toThrow(/^cast: x must be a tensor that requires no gradient when cast to int32/);
    expect(cast(detach(w), 'int32').toArray()).toEqual([[1, -2]]);
    expect(noGrad(() => cast(w, 'int32')).toArray()).toEqual([[1, -2]]);
  });
});
