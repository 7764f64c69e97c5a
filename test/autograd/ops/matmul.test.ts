import { describe, expect, test, vi } from 'vitest';
import { gradcheck } from '../../../src/autograd/gradcheck.js';
import { matMul } from '../../../src/autograd/ops/matmul.js';
import { slice, transpose } from '../../../src/autograd/ops/movement.js';
import { randomNormal, tensor } from '../../../src/tensor/create.js';
import { TapegradError } from '../../../src/tensor/errors.js';
import * as kernel from '../../../src/tensor/matmul.js';
import { Tensor } from '../../../src/tensor/tensor.js';
import { transposeView } from '../../../src/tensor/views.js';
import { flags, label } from '../../tensor/matmul-cases.js';

// Count kernel calls (forward + backward) without changing what the kernel computes.
vi.mock('../../../src/tensor/matmul.js', async (importOriginal) => {
  const m = await importOriginal<typeof import('../../../src/tensor/matmul.js')>();
  return { ...m, matmul: vi.fn(m.matmul) };
});

const at = (x: Tensor, i: number, j: number) => x.data[x.offset + i * x.strides[0] + j * x.strides[1]];
const leaf = (x: Tensor) => Object.assign(x, { requiresGrad: true });

/** Operands for op(a) [I, H] · op(b) [H, J]. */
function operands(I: number, H: number, J: number, [ta, tb]: [boolean, boolean], seed: number) {
  return {
    a: randomNormal(ta ? [H, I] : [I, H], 0, 1, 'float64', seed),
    b: randomNormal(tb ? [J, H] : [H, J], 0, 1, 'float64', seed + 1),
  };
}

describe('matMul backward', () => {
  // L = Σ W ⊙ (op(a)·op(b)): ∂L/∂a[p, q] = Σ_{i,j,h} W[i,j] ∂(A[i,h] B[h,j])/∂a[p, q], summed by loops.
  for (const f of flags) {
    test(`${label(f)}: gradients equal the loop-summed Σ W[i,j] B[h,j] and Σ W[i,j] A[i,h]`, () => {
      const [ta, tb] = f;
      const I = 5,
        H = 7,
        J = 6;
      const { a, b } = operands(I, H, J, f, 11);
      const W = randomNormal([I, J], 0, 1, 'float64', 13);
      leaf(a);
      leaf(b);
      matMul(a, b, { transposeA: ta, transposeB: tb }).backward(W);
      const A = (i: number, h: number) => (ta ? at(a, h, i) : at(a, i, h));
      const B = (h: number, j: number) => (tb ? at(b, j, h) : at(b, h, j));
      const dA = new Float64Array(a.size),
        dB = new Float64Array(b.size);
      for (let i = 0; i < I; i++) {
        for (let j = 0; j < J; j++) {
          for (let h = 0; h < H; h++) {
            dA[ta ? h * I + i : i * H + h] += at(W, i, j) * B(h, j);
            dB[tb ? j * H + h : h * J + j] += at(W, i, j) * A(i, h);
          }
        }
      }
      const ga = a.grad!.toDense(),
        gb = b.grad!.toDense();
      expect(ga.shape).toEqual(a.shape);
      expect(gb.shape).toEqual(b.shape);
      ga.dataSync().forEach((v, i) => expect(v).toBeCloseTo(dA[i], 12));
      gb.dataSync().forEach((v, i) => expect(v).toBeCloseTo(dB[i], 12));
    });
  }

  test('only the needed gradients are computed: one kernel call per input that needs one', () => {
    const calls = vi.mocked(kernel.matmul);
    const { a, b } = operands(3, 4, 2, [false, false], 21);
    leaf(b);
    calls.mockClear();
    matMul(a, b).backward();
    expect(calls).toHaveBeenCalledTimes(2); // forward + db
    expect(a.grad).toBeNull();
    leaf(a);
    calls.mockClear();
    matMul(a, b).backward();
    expect(calls).toHaveBeenCalledTimes(3); // forward + da + db
  });

  test('mixed dtypes: output float64, each gradient in its input dtype', () => {
    const a = leaf(randomNormal([3, 4], 0, 1, 'float32', 31)),
      b = leaf(randomNormal([4, 2], 0, 1, 'float64', 32));
    const y = matMul(a, b);
    expect(y.dtype).toBe('float64');
    y.backward();
    expect(a.grad!.toDense().dtype).toBe('float32');
    expect(b.grad!.toDense().dtype).toBe('float64');
    // d Σ(a·b) / d a[i, h] = Σ_j b[h, j]
    const rowSums = [0, 1, 2, 3].map((h) => at(b, h, 0) + at(b, h, 1));
    a.grad!.toDense()
      .dataSync()
      .forEach((v, i) => expect(v).toBeCloseTo(rowSums[i % 4], 5));
  });
});

describe('matMul gradcheck (float64 central differences)', () => {
  for (const f of flags) {
    const opts = { transposeA: f[0], transposeB: f[1] };
    test(`${label(f)} on contiguous operands of odd sizes`, () => {
      const { a, b } = operands(3, 5, 4, f, 41);
      const r = gradcheck((x: Tensor, y: Tensor) => matMul(x, y, opts), [a, b]);
      expect(r.ok).toBe(true);
      expect(r.maxAbsError).toBeLessThan(1e-6);
    });
    // gradcheck promotes its inputs to contiguous float64 copies, so the views are made inside f.
    test(`${label(f)} on a transposed view and a sliced view made inside f`, () => {
      const { a, b } = operands(4, 3, 5, f, 51);
      const aStore = transposeView(a).contiguous(); // aᵀ, so that transpose(aStore) has a's values
      const bStore = randomNormal([b.shape[0] + 2, b.shape[1] + 3], 0, 1, 'float64', 52);
      const g = (x: Tensor, y: Tensor) => {
        const av = transpose(x),
          bv = slice(y, [1, 2], b.shape); // av a transposed view; bv a slice, row stride > row length
        expect(av.isContiguous() || bv.isContiguous()).toBe(false);
        return matMul(av, bv, opts);
      };
      const r = gradcheck(g, [aStore, bStore]);
      expect(r.ok).toBe(true);
      expect(r.maxAbsError).toBeLessThan(1e-6);
    });
  }
});

describe('matMul errors', () => {
  const err = (fn: () => unknown) => {
    try {
      fn();
    } catch (e) {
      return e as TapegradError;
    }
    throw new Error('no error raised');
  };

  test('operands of rank ≠ 2', () => {
    const e = err(() => matMul(randomNormal([2, 3, 4]), randomNormal([4, 2])));
    expect(e).toBeInstanceOf(TapegradError);
    expect(e.message).toBe('matMul: a must be a rank-2 tensor, got rank 3 [2, 3, 4]');
    expect(err(() => matMul(randomNormal([2, 3]), randomNormal([3]))).message).toMatch(
      /^matMul: b must be a rank-2 tensor, got rank 1 \[3\]/,
    );
  });

  test('inner dimensions that differ, after the transposes', () => {
    const e = err(() => matMul(randomNormal([2, 3]), randomNormal([4, 5])));
    expect(e).toBeInstanceOf(TapegradError);
    expect(e.message).toBe('matMul: inner dimensions must be equal, got 3 (a [2, 3]) and 4 (b [4, 5])');
    // [2, 3]ᵀ · [2, 5] is fine; [2, 3] · [2, 5]ᵀ is not.
    expect(matMul(randomNormal([2, 3]), randomNormal([2, 5]), { transposeA: true }).shape).toEqual([3, 5]);
    expect(err(() => matMul(randomNormal([2, 3]), randomNormal([2, 5]), { transposeB: true })).message).toMatch(
      /inner dimensions must be equal, got 3 \(a \[2, 3\]\) and 5 \(b \[2, 5\] transposed\)/,
    );
  });

  test('int32 operands', () => {
    const ids = tensor(
      [
        [1, 2],
        [3, 4],
      ],
      undefined,
      'int32',
    );
    const e = err(() => matMul(ids, randomNormal([2, 2])));
    expect(e).toBeInstanceOf(TapegradError);
    expect([e.fn, e.arg, e.expected]).toEqual(['matMul', 'a', 'float32 or float64']);
    expect(err(() => matMul(randomNormal([2, 2]), ids)).message).toMatch(
      /^matMul: b must be float32 or float64, got int32/,
    );
  });

  test('a rejected call records nothing and computes nothing', () => {
    const calls = vi.mocked(kernel.matmul);
    calls.mockClear();
    const a = leaf(randomNormal([2, 3]));
    expect(() => matMul(a, randomNormal([4, 5]))).toThrow(TapegradError);
    expect(calls).not.toHaveBeenCalled();
  });
});
