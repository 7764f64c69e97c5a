/**
 * Bad inputs of the optimizers: constructors, step, loadStateDict and the lr setter. A failed
 * call leaves the parameters bit for bit and the stateDict as a fresh twin's.
 */
import { Adagrad, Adam, RowSparse, SGD, tensor, type Optimizer, type Tensor } from '../../src/index.js';
import { badCase, type BadCase } from './cases.js';
import { data, int32, row } from './rows.js';

interface Opt {
  p: Tensor;
  opt: Optimizer;
}
const optimizers: Record<string, (ps: Tensor[]) => Optimizer> = {
  SGD: (ps) => new SGD(ps, { lr: 0.1, momentum: 0.5 }),
  Adagrad: (ps) => new Adagrad(ps, { lr: 0.1 }),
  Adam: (ps) => new Adam(ps, { lr: 0.1 }),
};
const optimizerCases = Object.entries(optimizers).flatMap(([name, make]) => {
  const setup = (): Opt => {
    const p = tensor(
      [
        [1, 2],
        [3, 4],
      ],
      undefined,
      'float32',
      { requiresGrad: true },
    );
    const opt = make([p]);
    p.grad = tensor([
      [1, 1],
      [2, 2],
    ]);
    opt.step();
    return { p, opt };
  };
  const after = ({ p, opt }: Opt) => ({ p: data(p), state: opt.stateDict() });
  const loads: [string, (s: Opt) => unknown, string][] = [
    ['null', () => null, 'state'],
    ['another name', (s) => ({ ...s.opt.stateDict(), name: 'Other' }), 'state.name'],
    ['lr −1', (s) => ({ ...s.opt.stateDict(), hyper: { ...s.opt.stateDict().hyper, lr: -1 } }), 'state.hyper.lr'],
    ['two parameters', () => make([tensor([1]), tensor([2])]).stateDict(), 'state.paramSizes'],
  ];
  if (name === 'Adam') {
    loads.push([
      'beta1 1.5',
      (s) => ({ ...s.opt.stateDict(), hyper: { ...s.opt.stateDict().hyper, beta1: 1.5 } }),
      'state.hyper.beta1',
    ]);
  }
  const rows: BadCase[] = loads.map(([what, state, arg]) =>
    badCase({
      name: `${name}.loadStateDict: ${what}`,
      setup,
      call: (s) => s.opt.loadStateDict(state(s) as never),
      fn: `${name}.loadStateDict`,
      arg,
      after,
    }),
  );
  rows.push(
    badCase({
      name: `${name}.step: a gradient of the wrong shape`,
      setup,
      call: (s) => ((s.p.grad = tensor([1, 2])), s.opt.step()),
      fn: `${name}.step`,
      arg: 'params[0].grad',
      after,
    }),
    badCase({
      name: `${name}.step: row ids out of range`,
      setup,
      call: (s) => ((s.p.grad = new RowSparse(Int32Array.from([2]), tensor([[1, 1]]), [2, 2])), s.opt.step()),
      fn: `${name}.step`,
      arg: 'params[0].grad.ids',
      after,
    }),
    badCase({ name: `${name}: lr set to −1`, setup, call: (s) => (s.opt.lr = -1), fn: name, arg: 'lr', after }),
    badCase({ name: `${name}: no parameters`, call: () => make([]), fn: name, arg: 'params' }),
    badCase({ name: `${name}: int32 parameters`, call: () => make([int32([1])]), fn: name, arg: 'params[0]' }),
  );
  return rows;
});

const constructorOptions: BadCase[] = [
  row('SGD', 'options', 'options null', () => new SGD([tensor([1])], null as never)),
  row('SGD', 'momentum', 'momentum 1', () => new SGD([tensor([1])], { momentum: 1 })),
  row('Adam', 'lr', "lr '0.1'", () => new Adam([tensor([1])], { lr: '0.1' as never })),
  row('Adam', 'beta1', 'beta1 1.5', () => new Adam([tensor([1])], { beta1: 1.5 })),
  row('Adagrad', 'eps', 'eps NaN', () => new Adagrad([tensor([1])], { eps: NaN })),
  row(
    'Adagrad',
    'initialAccumulatorValue',
    'initialAccumulatorValue −1',
    () => new Adagrad([tensor([1])], { initialAccumulatorValue: -1 }),
  ),
];

export const cases: BadCase[] = [...optimizerCases, ...constructorOptions];
