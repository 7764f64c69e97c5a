import { describe, expect, it } from 'vitest';
import { Adagrad } from '../../src/optim/index.js';
import { tensor } from '../../src/tensor/index.js';
import { param64, twins, row, rows } from './helpers.js';

describe('Adagrad', () => {
  it('two steps by hand: a += g², p −= lr·g/(√a + ε)', () => {
    const p = param64([1, -1]);
    const opt = new Adagrad([p], { lr: 0.5, initialAccumulatorValue: 0.1, eps: 0 });
    p.grad = tensor([0.5, 2], undefined, 'float64');
    opt.step(); // a = [0.35, 4.1]
    expect(p.data[0]).toBeCloseTo(1 - 0.25 / Math.sqrt(0.35), 14);
    expect(p.data[1]).toBeCloseTo(-1 - 1 / Math.sqrt(4.1), 14);
    p.grad = tensor([-0.5, 0], undefined, 'float64');
    opt.step(); // a = [0.6, 4.1]
    expect(p.data[0]).toBeCloseTo(1 - 0.25 / Math.sqrt(0.35) + 0.25 / Math.sqrt(0.6), 14);
    expect(p.data[1]).toBeCloseTo(-1 - 1 / Math.sqrt(4.1), 14);
  });

  it('duplicate row ids count as their sum (the square of the sum)', () => {
    const [dup, one] = twins(2, 2, 0);
    const od = new Adagrad([dup], { lr: 1, initialAccumulatorValue: 0, eps: 0 });
    const oo = new Adagrad([one], { lr: 1, initialAccumulatorValue: 0, eps: 0 });
    dup.grad = rows(
      [1, 1],
      [
        [1, 3],
        [2, 1],
      ],
      [2, 2],
    );
    one.grad = rows([1], [[3, 4]], [2, 2]);
    od.step();
    oo.step();
    expect(row(dup, 1)).toEqual([-1, -1]); // g/|g| per element for a first step from a = 0
    expect(Array.from(dup.data)).toEqual(Array.from(one.data));
  });

  it('dense and row-sparse agree on touched rows; other rows stay bit-identical (float32)', () => {
    const init = [
      [0.1, 0.2, 0.3],
      [0.4, 0.5, 0.6],
      [0.7, 0.8, 0.9],
      [1.1, 1.2, 1.3],
    ];
    const d = tensor(init),
      s = tensor(init);
    const od = new Adagrad([d], { lr: 0.3 }),
      os = new Adagrad([s], { lr: 0.3 });
    for (const ids of [[2, 0, 2], [0]]) {
      const g = rows(
        ids,
        ids.map((id, k) => [id + k, -k, 0.25]),
        [4, 3],
        'float32',
      );
      d.grad = g.toDense();
      s.grad = g;
      od.step();
      os.step();
    }
    for (const r of [0, 2]) expect(row(s, r)).toEqual(row(d, r));
    expect(row(s, 1)).toEqual(Array.from(new Float32Array(init[1])));
    expect(row(s, 3)).toEqual(Array.from(new Float32Array(init[3])));
    expect(os.stateDict().slots.accumulator[0][3]).toBeCloseTo(0.1, 7);
  });
});
