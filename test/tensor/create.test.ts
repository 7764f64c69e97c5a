import { describe, expect, test } from 'vitest';
import {
  arange,
  fill,
  oneHot,
  ones,
  randomNormal,
  randomUniform,
  TapegradError,
  tensor,
  zeros,
} from '../../src/index.js';

describe('tensor()', () => {
  test('nested arrays: shape inferred, float32 by default', () => {
    const t = tensor([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    expect(t.shape).toEqual([2, 3]);
    expect(t.dtype).toBe('float32');
    expect(t.strides).toEqual([3, 1]);
    expect(t.toArray()).toEqual([
      [1, 2, 3],
      [4, 5, 6],
    ]);
  });

  test('a number is a scalar; an explicit shape reshapes the values', () => {
    expect(tensor(2.5).shape).toEqual([]);
    expect(tensor(2.5).item()).toBe(2.5);
    expect(tensor([1, 2, 3, 4], [2, 2]).toArray()).toEqual([
      [1, 2],
      [3, 4],
    ]);
  });

  test('typed arrays keep their dtype and are copied', () => {
    const src = Float64Array.of(0.1, 0.2);
    const t = tensor(src);
    expect(t.dtype).toBe('float64');
    expect(t.data).not.toBe(src);
    src[0] = 9;
    expect(t.toArray()).toEqual([0.1, 0.2]);
    expect(tensor(Int32Array.of(1, 2, 3, 4), [2, 2]).dtype).toBe('int32');
  });

  test('dtype conversion: float32 rounds, float64 keeps', () => {
    expect(tensor([0.1]).dataSync()[0]).toBe(Math.fround(0.1));
    expect(tensor([0.1], undefined, 'float64').dataSync()[0]).toBe(0.1);
  });

  test('requiresGrad option', () => {
    expect(tensor([1], { requiresGrad: true }).requiresGrad).toBe(true);
    expect(tensor([1], [1], 'float64', { requiresGrad: true }).requiresGrad).toBe(true);
  });

  test('bad input: ragged, wrong size, non-integer shape, unknown dtype, non-integer int32', () => {
    expect(() => tensor([[1, 2], [3]])).toThrow(
      new TapegradError('tensor', 'values', 'a rectangular nested array (axis 1 of length 2)', 'an array [3]'),
    );
    expect(() => tensor([1, 2, 3], [2, 2])).toThrow(
      new TapegradError('tensor', 'shape', 'a shape of 3 elements (as many as the values)', '[2, 2]'),
    );
    expect(() => tensor([1, 2], [1.5])).toThrow(
      new TapegradError('tensor', 'shape', 'a list of non-negative integers', 'an array [1.5]'),
    );
    expect(() => tensor([1], undefined, 'int8' as never)).toThrow(
      new TapegradError('tensor', 'dtype', "one of 'float32', 'float64', 'int32'", '"int8"'),
    );
    expect(() => tensor([1.5], undefined, 'int32')).toThrow(
      new TapegradError('tensor', 'values[0]', 'an integer in [-2147483648, 2147483647] for dtype int32', '1.5'),
    );
  });
});

describe('zeros, ones, fill, arange', () => {
  test('values, shapes and dtypes', () => {
    expect(zeros([2, 2]).toArray()).toEqual([
      [0, 0],
      [0, 0],
    ]);
    expect(ones([3], 'int32').toArray()).toEqual([1, 1, 1]);
    expect(ones([3], 'int32').dtype).toBe('int32');
    expect(fill([1, 2], 7, 'float64').toArray()).toEqual([[7, 7]]);
    expect(arange(0, 5).toArray()).toEqual([0, 1, 2, 3, 4]);
    expect(arange(1, 2, 0.25, 'float64').toArray()).toEqual([1, 1.25, 1.5, 1.75]);
    expect(arange(5, 0, -2, 'int32').toArray()).toEqual([5, 3, 1]);
  });
  test('bad shape or step', () => {
    expect(() => zeros([2, -1])).toThrow(
      new TapegradError('zeros', 'shape', 'a list of non-negative integers', 'an array [2, -1]'),
    );
    expect(() => arange(0, 1, 0)).toThrow(new TapegradError('arange', 'step', 'a finite non-zero number', '0'));
  });
});

describe('seeded random tensors', () => {
  const bits = (t: { data: ArrayLike<number> }) => Array.from(new Uint8Array(Float64Array.from(t.data).buffer));

  test('same seed ⇒ identical bits; another seed ⇒ different draws', () => {
    expect(bits(randomNormal([50], 0, 1, 'float64', 42))).toEqual(bits(randomNormal([50], 0, 1, 'float64', 42)));
    expect(bits(randomUniform([50], -1, 1, 'float32', 'abc'))).toEqual(
      bits(randomUniform([50], -1, 1, 'float32', 'abc')),
    );
    expect(bits(randomNormal([50], 0, 1, 'float64', 42))).not.toEqual(bits(randomNormal([50], 0, 1, 'float64', 43)));
  });

  /** Sample mean and variance of n draws. */
  const moments = (x: ArrayLike<number>) => {
    const n = x.length;
    const m = Array.from(x).reduce((a, b) => a + b, 0) / n;
    const v = Array.from(x).reduce((a, b) => a + (b - m) ** 2, 0) / (n - 1);
    return { m, v };
  };

  test('randomNormal(mean 2, std 3): moments within 5 standard errors (n = 20000)', () => {
    const n = 20000;
    const { m, v } = moments(randomNormal([n], 2, 3, 'float64', 7).data);
    expect(Math.abs(m - 2)).toBeLessThan((5 * 3) / Math.sqrt(n)); // se(mean) = σ/√n
    expect(Math.abs(v / 9 - 1)).toBeLessThan(5 * Math.sqrt(2 / (n - 1))); // se(s²/σ²) ≈ √(2/(n−1))
  });

  test('randomUniform[-1, 3): all in range; moments within 5 standard errors (n = 20000)', () => {
    const n = 20000;
    const x = randomUniform([n], -1, 3, 'float64', 7).data;
    expect(Array.from(x).every((v) => v >= -1 && v < 3)).toBe(true);
    const { m, v } = moments(x);
    const variance = 16 / 12;
    expect(Math.abs(m - 1)).toBeLessThan(5 * Math.sqrt(variance / n));
    // Var(s²) for a uniform: (μ₄ − σ⁴(n−3)/(n−1)) / n with μ₄ = 9σ⁴/5.
    expect(Math.abs(v - variance)).toBeLessThan(5 * Math.sqrt(((9 / 5 - 1) * variance ** 2) / n));
  });
});

describe('oneHot', () => {
  test('values; out-of-range ids give a row of offValue; any index rank', () => {
    const ids = tensor(
      [
        [0, 2],
        [3, -1],
      ],
      undefined,
      'int32',
    );
    expect(oneHot(ids, 3).toArray()).toEqual([
      [
        [1, 0, 0],
        [0, 0, 1],
      ],
      [
        [0, 0, 0],
        [0, 0, 0],
      ],
    ]);
    expect(oneHot(tensor([1], undefined, 'int32'), 2, 5, -1).toArray()).toEqual([[-1, 5]]);
  });
  test('bad input: float indices, bad depth', () => {
    expect(() => oneHot(tensor([1], undefined, 'float64'), 2)).toThrow(
      new TapegradError('oneHot', 'indices', 'an int32 tensor', 'float64 [1]'),
    );
    expect(() => oneHot(tensor([1], undefined, 'int32'), 2.5)).toThrow(
      new TapegradError('oneHot', 'depth', 'an integer ≥ 0', '2.5'),
    );
  });
});
