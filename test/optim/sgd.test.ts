import { describe, expect, it } from 'vitest';
import { SGD } from '../../src/optim/index.js';
import { TapegradError, tensor } from '../../src/tensor/index.js';
import { param64, stepBoth, twins123, twins, row, rows } from './helpers.js';

describe('SGD', () => {
  it('plain step: p − lr·g', () => {
    const p = param64([1, 2]);
    const opt = new SGD([p], { lr: 0.1 });
    p.grad = tensor([0.5, -1], undefined, 'float64');
    opt.step();
    expect(Array.from(p.data)).toEqual([1 - 0.05, 2 + 0.1]);
  });

  it('momentum: v = μv + g, p −= lr·v over two steps', () => {
    const p = param64([1, 2]);
    const opt = new SGD([p], { lr: 0.1, momentum: 0.9 });
    p.grad = tensor([0.5, -1], undefined, 'float64');
    opt.step(); // v = [0.5, -1]; p = [0.95, 2.1]
    p.grad = tensor([1, 1], undefined, 'float64');
    opt.step(); // v = [0.45 + 1, -0.9 + 1] = [1.45, 0.1]; p = [0.95 - 0.145, 2.1 - 0.01]
    expect(p.data[0]).toBeCloseTo(0.805, 14);
    expect(p.data[1]).toBeCloseTo(2.09, 14);
  });

  it('row-sparse with momentum: touched rows as dense, absent rows and their velocity untouched', () => {
    const [dense, sparse] = twins123();
    const od = new SGD([dense], { lr: 0.5, momentum: 0.5 }),
      os = new SGD([sparse], { lr: 0.5, momentum: 0.5 });
    const g1 = rows(
      [0, 2, 0],
      [
        [1, 1],
        [2, 2],
        [0.5, -1],
      ],
      [3, 2],
    );
    stepBoth(g1, [dense, od], [sparse, os]);
    expect(row(sparse, 0)).toEqual([1 - 0.5 * 1.5, 2 - 0.5 * 0]);
    expect(row(sparse, 2)).toEqual(row(dense, 2));
    expect(row(sparse, 1)).toEqual([3, 4]);
    // Step 2 touches only row 1: lazy rows 0 and 2 stay; dense ones coast on their velocity.
    const g2 = rows([1], [[1, 1]], [3, 2]);
    stepBoth(g2, [dense, od], [sparse, os]);
    expect(row(sparse, 1)).toEqual(row(dense, 1));
    expect(row(sparse, 2)).toEqual([5 - 1, 6 - 1]);
    expect(row(dense, 2)).toEqual([5 - 1 - 0.5, 6 - 1 - 0.5]);
  });

  it('duplicate row ids count as their sum, with and without momentum', () => {
    for (const momentum of [0, 0.5]) {
      const [dup, one] = twins(2, 2, 1);
      const od = new SGD([dup], { lr: 0.5, momentum }),
        oo = new SGD([one], { lr: 0.5, momentum });
      dup.grad = rows(
        [1, 0, 1],
        [
          [1, 3],
          [2, 2],
          [2, 1],
        ],
        [2, 2],
      );
      one.grad = rows(
        [0, 1],
        [
          [2, 2],
          [3, 4],
        ],
        [2, 2],
      );
      od.step();
      oo.step();
      expect(row(dup, 1)).toEqual([1 - 0.5 * 3, 1 - 0.5 * 4]);
      expect(Array.from(dup.data)).toEqual(Array.from(one.data));
    }
  });

  it('checks every gradient before changing anything', () => {
    const a = param64([1, 2]),
      b = param64([[1, 2]]);
    const opt = new SGD([a, b], { lr: 0.1 });
    a.grad = tensor([1, 1], undefined, 'float64');
    b.grad = tensor([1, 1, 1], undefined, 'float64');
    expect(() => opt.step()).toThrow(
      /SGD.step: params\[1\].grad must be float64 \[1, 2\] like the parameter, got float64 \[3\]/,
    );
    expect(Array.from(a.data)).toEqual([1, 2]);
    b.grad = rows([1], [[1, 1]], [1, 2]);
    expect(() => opt.step()).toThrow(TapegradError);
    expect(Array.from(a.data)).toEqual([1, 2]);
    b.grad = tensor([[1, 1]], undefined, 'float32');
    expect(() => opt.step()).toThrow(/float32/);
  });

  it('rejects bad construction and lr', () => {
    const p = param64([1]);
    expect(() => new SGD([], {})).toThrow(/params must be a non-empty array/);
    expect(() => new SGD([p], { lr: -1 })).toThrow(/SGD: lr must be a finite number in \[0, ∞\), got -1/);
    expect(() => new SGD([p], { momentum: 1 })).toThrow(/momentum must be a finite number in \[0, 1\)/);
    expect(() => new SGD([p, p])).toThrow(/listed once/);
    expect(() => new SGD([tensor([1], [1], 'int32')])).toThrow(/float32 or float64/);
    const opt = new SGD([p]);
    expect(() => {
      opt.lr = NaN;
    }).toThrow(TapegradError);
    expect(opt.lr).toBe(0.01);
  });

  it('zeroGrad clears the gradients; a null grad is skipped', () => {
    const p = param64([1]),
      q = param64([2]);
    const opt = new SGD([p, q], { lr: 1 });
    p.grad = tensor([1], undefined, 'float64');
    opt.step();
    expect([p.data[0], q.data[0]]).toEqual([0, 2]);
    opt.zeroGrad();
    expect(p.grad).toBeNull();
  });
});
