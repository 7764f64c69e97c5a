// Issue 10 §2 for the optimizers: a step with no gradient counts for nothing, and loadStateDict
// refuses a state that is not this optimizer's, changing nothing.
import { describe, expect, it } from 'vitest';
import { Adagrad, Adam, SGD, type Optimizer, type OptimizerState } from '../../src/optim/index.js';
import { tensor } from '../../src/tensor/index.js';
import { refusal } from '../nn/helpers.js';
import { param64 } from './helpers.js';

const makers: Record<string, (ps: ReturnType<typeof param64>[]) => Optimizer> = {
  SGD: (ps) => new SGD(ps, { lr: 0.1, momentum: 0.5 }),
  'SGD without momentum': (ps) => new SGD(ps, { lr: 0.1 }),
  Adagrad: (ps) => new Adagrad(ps, { lr: 0.1 }),
  Adam: (ps) => new Adam(ps, { lr: 0.1 }),
};

/** An optimizer over two parameters after one real step. */
function trained(make: (ps: ReturnType<typeof param64>[]) => Optimizer) {
  const ps = [param64([1, 2]), param64([[3], [4], [5]])];
  const opt = make(ps);
  ps[0].grad = tensor([0.5, -1], undefined, 'float64');
  ps[1].grad = tensor([[1], [2], [3]], undefined, 'float64');
  opt.step();
  return { ps, opt };
}

for (const [name, make] of Object.entries(makers)) {
  describe(name, () => {
    it('step() with every .grad null changes nothing: the next real step is that of a twin', () => {
      const a = trained(make),
        b = trained(make);
      a.opt.zeroGrad();
      b.opt.zeroGrad();
      const before = a.opt.stateDict();
      a.opt.step();
      a.opt.step();
      expect(a.opt.stateDict()).toEqual(before);
      for (const x of [a, b]) x.ps[0].grad = tensor([2, 3], undefined, 'float64');
      a.opt.step();
      b.opt.step();
      expect(Array.from(a.ps[0].data)).toEqual(Array.from(b.ps[0].data));
      expect(a.opt.stateDict()).toEqual(b.opt.stateDict());
    });

    it('loadStateDict refuses what is not a state of this optimizer, and changes nothing', () => {
      const { opt } = trained(make);
      const good = opt.stateDict();
      const other = trained(make).opt;
      const withThree = make([param64([1, 2]), param64([[3], [4], [5]]), param64([6])]).stateDict();
      const bad: [string, unknown, string][] = [
        ['null', null, 'state'],
        ['a number', 3, 'state'],
        ['another optimizer', { ...good, name: name === 'Adam' ? 'SGD' : 'Adam' }, 'state.name'],
        ['step −1', { ...good, step: -1 }, 'state.step'],
        ['step 1.5', { ...good, step: 1.5 }, 'state.step'],
        ['negative lr', { ...good, hyper: { ...good.hyper, lr: -0.1 } }, 'state.hyper.lr'],
        ['lr as a string', { ...good, hyper: { ...good.hyper, lr: '0.1' } }, 'state.hyper.lr'],
        ['no hyper', { ...good, hyper: undefined }, 'state.hyper'],
        ['three parameters, not two', withThree, 'state.paramSizes'],
        ['parameters of other sizes', { ...good, paramSizes: [3, 2] }, 'state.paramSizes'],
      ];
      if (name === 'Adam') {
        bad.push(['beta1 = 1.5', { ...good, hyper: { ...good.hyper, beta1: 1.5 } }, 'state.hyper.beta1']);
        bad.push(['eps NaN', { ...good, hyper: { ...good.hyper, eps: NaN } }, 'state.hyper.eps']);
      }
      for (const [slot, arrs] of Object.entries(good.slots)) {
        bad.push([
          'a slot array too short',
          { ...good, slots: { ...good.slots, [slot]: [arrs[0], arrs[1].subarray(1)] } },
          `state.slots.${slot}[1]`,
        ]);
        bad.push([
          'a slot for one parameter only',
          { ...good, slots: { ...good.slots, [slot]: [arrs[0]] } },
          `state.slots.${slot}`,
        ]);
        bad.push([
          'a third slot array, state without paramSizes',
          { ...good, paramSizes: undefined, slots: { ...good.slots, [slot]: [...arrs, arrs[0]] } },
          `state.slots.${slot}`,
        ]);
      }
      for (const [what, state, arg] of bad) {
        const e = refusal(() => opt.loadStateDict(state as OptimizerState));
        expect(e.arg, what).toBe(arg);
        expect(opt.stateDict(), what).toEqual(good);
      }
      expect(refusal(() => opt.loadStateDict(null as never)).message).toBe(
        `${name.split(' ')[0]}.loadStateDict: state must be an object, got null`,
      );
      other.loadStateDict(good); // the good state loads
      expect(other.stateDict()).toEqual(good);
    });
  });
}

describe('constructor options of the wrong type', () => {
  const ps = () => [param64([1])];
  it('each optimizer names the option', () => {
    expect(refusal(() => new SGD(ps(), null as never)).arg).toBe('options');
    expect(refusal(() => new SGD(ps(), { momentum: '0.9' as never })).arg).toBe('momentum');
    expect(refusal(() => new Adagrad(ps(), { eps: -1 })).arg).toBe('eps');
    expect(refusal(() => new Adam(ps(), { lr: '0.1' as never })).arg).toBe('lr');
    expect(refusal(() => new Adam(ps(), { beta2: 1 })).arg).toBe('beta2');
    expect(refusal(() => new Adam([], {})).arg).toBe('params');
  });
  it('an SGD state with momentum loads into an SGD made without it (the velocity slot comes with it)', () => {
    const { opt } = trained(makers.SGD);
    const plain = makers['SGD without momentum']([param64([1, 2]), param64([[3], [4], [5]])]);
    plain.loadStateDict(opt.stateDict());
    expect(plain.stateDict()).toEqual(opt.stateDict());
  });
});
