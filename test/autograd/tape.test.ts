import { describe, expect, test } from 'vitest';
import {
  add,
  defineOp,
  detach,
  isRecording,
  mul,
  noGrad,
  RowSparse,
  sum,
  TapegradError,
  tensor,
} from '../../src/index.js';
import { expectClose, f64 } from './helpers.js';

const leaf = (v: number[], dtype: 'float32' | 'float64' = 'float64') =>
  tensor(v, undefined, dtype, { requiresGrad: true });

describe('the tape', () => {
  test('backward accumulates d(root)/d(leaf) into .grad', () => {
    const x = leaf([1, 2, 3]);
    sum(mul(x, x)).backward();
    expectClose(x.grad!.toDense(), [2, 4, 6]);
  });

  test('a second backward through a freed graph is a clear error', () => {
    const x = leaf([1, 2]);
    const y = sum(mul(x, x));
    y.backward();
    expect(() => y.backward()).toThrow(
      new TapegradError(
        'backward',
        'the graph through sum',
        'not yet freed (pass { retainGraph: true } to the first backward)',
        'a graph freed by an earlier backward',
      ),
    );
  });

  test('retainGraph allows a second backward, and .grad accumulates over the two', () => {
    const x = leaf([1, 2]);
    const y = sum(mul(x, x));
    y.backward(undefined, { retainGraph: true });
    y.backward();
    expectClose(x.grad!.toDense(), [4, 8]);
  });

  test('gradients accumulate over two separate graphs', () => {
    const x = leaf([1, 2]);
    sum(mul(x, 3)).backward();
    sum(mul(x, x)).backward();
    expectClose(x.grad!.toDense(), [5, 7]);
  });

  test('noGrad: nothing recorded, recording restored afterwards', () => {
    const x = leaf([1, 2]);
    const y = noGrad(() => {
      expect(isRecording()).toBe(false);
      return sum(mul(x, x));
    });
    expect(isRecording()).toBe(true);
    expect(y.requiresGrad).toBe(false);
    expect(() => y.backward()).toThrow(TapegradError);
  });

  test('detach: shares data, stops the gradient', () => {
    const x = leaf([1, 2]);
    const d = detach(x);
    expect(d.data).toBe(x.data);
    sum(mul(x, d)).backward(); // d(x·c)/dx = c = x
    expectClose(x.grad!.toDense(), [1, 2]);
  });

  test('an upstream gradient of the root shape', () => {
    const x = leaf([1, 2]);
    mul(x, x).backward(f64([10, 100]));
    expectClose(x.grad!.toDense(), [20, 400]);
    expect(() => mul(x, x).backward(f64([1]))).toThrow(
      new TapegradError('backward', 'grad', 'float64 [2]', 'float64 [1]'),
    );
  });

  test('a leaf used only through a row-sparse op gets a row-sparse .grad; two uses stay row-sparse', () => {
    const x = leaf([1, 2, 3, 4], 'float64');
    const pick = (id: number) =>
      defineOp('pick', [x], () => ({
        out: f64([x.data[id]]),
        backward: (g) => [new RowSparse(Int32Array.of(id), g, x.shape)],
      }));
    sum(add(mul(pick(1), 3), pick(3))).backward();
    expect(x.grad).toBeInstanceOf(RowSparse);
    expectClose(x.grad!.toDense(), [0, 3, 0, 1]);
  });

  test('a backward of the wrong shape or dtype is named by op and input', () => {
    const x = leaf([1, 2]);
    const y = leaf([3]);
    const badShape = defineOp('badShape', [y, x], () => ({
      out: f64([0]),
      backward: () => [f64([1]), f64([1, 2, 3])],
    }));
    expect(() => badShape.backward()).toThrow(
      new TapegradError('badShape (backward)', 'the gradient of input 1', 'float64 [2] like the input', 'float64 [3]'),
    );
    const badDtype = defineOp('badDtype', [x], () => ({ out: f64([0]), backward: () => [tensor([1, 2])] }));
    expect(() => badDtype.backward()).toThrow(
      new TapegradError('badDtype (backward)', 'the gradient of input 0', 'float64 [2] like the input', 'float32 [2]'),
    );
    expect(x.grad).toBeNull();
  });
});
