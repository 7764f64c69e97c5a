import { describe, expect, it } from 'vitest';
import { Adam, SGD } from '../../src/optim/index.js';
import { tensor } from '../../src/tensor/index.js';
import { param64, stepBoth, twins123, row, rows } from './helpers.js';

describe('Adam', () => {
  it('two steps by hand', () => {
    const p = param64([1]);
    const opt = new Adam([p], { lr: 0.1, eps: 0 });
    p.grad = tensor([0.5], undefined, 'float64');
    opt.step(); // m̂ = g, v̂ = g²: p = 1 − 0.1·sign(g)
    expect(p.data[0]).toBeCloseTo(0.9, 14);
    p.grad = tensor([-1], undefined, 'float64');
    opt.step();
    // m = 0.9·0.05 − 0.1 = −0.055, m̂ = −0.055/0.19; v = 0.999·0.00025 + 0.001 = 0.00124975,
    // v̂ = 0.00124975/0.001999; p = 0.9 + 0.1·(0.055/0.19)/√(0.00124975/0.001999)
    expect(p.data[0]).toBeCloseTo(0.9 + (0.1 * (0.055 / 0.19)) / Math.sqrt(0.00124975 / 0.001999), 12);
  });

  it('lazy on row-sparse gradients: absent rows and moments untouched, touched rows as dense', () => {
    const [d, s] = twins123();
    const od = new Adam([d], { lr: 0.1 }),
      os = new Adam([s], { lr: 0.1 });
    const g1 = rows(
      [0, 1, 0],
      [
        [1, -1],
        [2, 2],
        [1, 0],
      ],
      [3, 2],
    );
    stepBoth(g1, [d, od], [s, os]);
    expect(row(s, 0)).toEqual(row(d, 0));
    expect(row(s, 1)).toEqual(row(d, 1));
    expect(row(s, 2)).toEqual([5, 6]);
    const s0 = row(s, 0);
    const g2 = rows([1], [[1, 1]], [3, 2]);
    stepBoth(g2, [d, od], [s, os]);
    expect(row(s, 1)).toEqual(row(d, 1));
    expect(row(s, 0)).toEqual(s0);
    // Dense Adam keeps moving row 0 on its momentum; lazy Adam leaves it and its moments.
    expect(row(d, 0)[0]).toBeLessThan(row(s, 0)[0]);
    const m = os.stateDict().slots.m[0];
    expect(m[0]).toBeCloseTo(0.1 * 2, 14);
  });

  it('stateDict / loadStateDict resume to the same values', () => {
    const a = param64([
      [1, 2],
      [3, 4],
    ]);
    const opt = new Adam([a], { lr: 0.05 });
    const grads = [
      rows([0], [[1, 2]], [2, 2]),
      rows(
        [1, 0],
        [
          [3, 1],
          [-1, 1],
        ],
        [2, 2],
      ),
      rows([1], [[0.5, 0.5]], [2, 2]),
    ];
    a.grad = grads[0];
    opt.step();
    const saved = opt.stateDict();
    const b = param64(a.toArray() as number[][]);
    for (const g of grads.slice(1)) {
      a.grad = g;
      opt.step();
    }
    const opt2 = new Adam([b], { lr: 1 });
    opt2.loadStateDict(saved);
    expect(opt2.lr).toBe(0.05);
    for (const g of grads.slice(1)) {
      b.grad = g;
      opt2.step();
    }
    expect(Array.from(b.data)).toEqual(Array.from(a.data));
  });

  it('loadStateDict rejects a foreign or mis-sized state, changing nothing', () => {
    const a = param64([1, 2]);
    const opt = new Adam([a]);
    const other = new SGD([param64([1, 2])], { momentum: 0.5 }).stateDict();
    expect(() => opt.loadStateDict(other)).toThrow(/Adam.loadStateDict: state.name must be "Adam", got "SGD"/);
    const bad = opt.stateDict();
    bad.slots.m[0] = new Float64Array(3);
    bad.step = 7;
    expect(() => opt.loadStateDict(bad)).toThrow(/state.slots.m\[0\] must be a float array of length 2/);
    expect(opt.stateDict().step).toBe(0);
  });
});
