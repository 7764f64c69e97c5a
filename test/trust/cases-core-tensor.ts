/**
 * Bad inputs of every public function of src/tensor (creation, random draws, oneHot,
 * RowSparse): each throws a TapegradError from the function the user called, naming the
 * argument, before it allocates or changes state (a generator's next draw).
 */
import {
  arange,
  fill,
  makeRng,
  oneHot,
  ones,
  randomNormal,
  randomUniform,
  RowSparse,
  setCodegen,
  Tensor,
  tensor,
  zeros,
  type Rng,
} from '../../src/index.js';
import { badCase, never, type BadCase } from './cases.js';

/** A generator whose next draw must not have been taken. */
const rngState = () => makeRng(7);
const rngAfter = (r: Rng) => r();
const onRng = (name: string, fn: string, arg: string, call: (r: Rng) => unknown): BadCase =>
  badCase({ name, setup: rngState, call, fn, arg, after: rngAfter });

const ids = () => tensor([0, 2], undefined, 'int32');

export const cases: BadCase[] = [
  // tensor()
  badCase({ name: 'tensor(undefined)', call: () => tensor(never(undefined)), fn: 'tensor', arg: 'values' }),
  badCase({ name: 'tensor of a string', call: () => tensor(never('12')), fn: 'tensor', arg: 'values' }),
  badCase({ name: 'tensor of a ragged array', call: () => tensor([[1, 2], [3]]), fn: 'tensor', arg: 'values' }),
  badCase({ name: 'tensor of [1, null]', call: () => tensor(never([1, null])), fn: 'tensor', arg: 'values' }),
  badCase({
    name: 'tensor([2**31], [1], int32)',
    call: () => tensor([2 ** 31], [1], 'int32'),
    fn: 'tensor',
    arg: 'values[0]',
  }),
  badCase({
    name: 'tensor([1.5], int32)',
    call: () => tensor([1.5], undefined, 'int32'),
    fn: 'tensor',
    arg: 'values[0]',
  }),
  badCase({
    name: 'tensor with a shape of another size',
    call: () => tensor([1, 2, 3], [2, 2]),
    fn: 'tensor',
    arg: 'shape',
  }),
  badCase({ name: 'tensor with a negative dimension', call: () => tensor([], [0, -1]), fn: 'tensor', arg: 'shape' }),
  badCase({
    name: "tensor([1, 2], 'int32'): a dtype where the shape goes",
    call: () => tensor([1, 2], never('int32')),
    fn: 'tensor',
    arg: 'shape',
  }),
  badCase({
    name: 'tensor with dtype int8',
    call: () => tensor([1], undefined, never('int8')),
    fn: 'tensor',
    arg: 'dtype',
  }),
  badCase({
    name: "tensor requiresGrad 'yes'",
    call: () => tensor([1], never({ requiresGrad: 'yes' })),
    fn: 'tensor',
    arg: 'options.requiresGrad',
  }),
  badCase({
    name: 'tensor int32 with requiresGrad',
    call: () => tensor([1], [1], 'int32', { requiresGrad: true }),
    fn: 'tensor',
    arg: 'options.requiresGrad',
  }),
  badCase({
    name: 'new Tensor over a plain array',
    call: () => new Tensor(never([1, 2]), [2]),
    fn: 'Tensor',
    arg: 'data',
  }),
  // fill, zeros, ones
  badCase({ name: 'zeros with a negative dimension', call: () => zeros([2, -1]), fn: 'zeros', arg: 'shape' }),
  badCase({ name: 'zeros([1e6, 1e6]): too many elements', call: () => zeros([1e6, 1e6]), fn: 'zeros', arg: 'shape' }),
  badCase({ name: 'zeros of a number', call: () => zeros(never(3)), fn: 'zeros', arg: 'shape' }),
  badCase({ name: 'zeros with dtype bool', call: () => zeros([2], never('bool')), fn: 'zeros', arg: 'dtype' }),
  badCase({ name: 'ones(undefined)', call: () => ones(never(undefined)), fn: 'ones', arg: 'shape' }),
  badCase({ name: 'ones([2.5])', call: () => ones([2.5]), fn: 'ones', arg: 'shape' }),
  badCase({ name: "fill with value '1'", call: () => fill([2], never('1')), fn: 'fill', arg: 'value' }),
  badCase({ name: 'fill int32 with 2**31', call: () => fill([2], 2 ** 31, 'int32'), fn: 'fill', arg: 'value' }),
  // arange
  badCase({ name: 'arange(0, NaN)', call: () => arange(0, NaN), fn: 'arange', arg: 'stop' }),
  badCase({ name: 'arange(0, Infinity)', call: () => arange(0, Infinity), fn: 'arange', arg: 'stop' }),
  badCase({ name: 'arange(0, 1e10): too many elements', call: () => arange(0, 1e10), fn: 'arange', arg: 'stop' }),
  badCase({ name: 'arange step 0', call: () => arange(0, 1, 0), fn: 'arange', arg: 'step' }),
  badCase({ name: "arange start '0'", call: () => arange(never('0'), 3), fn: 'arange', arg: 'start' }),
  badCase({ name: 'arange int32 from 0.5', call: () => arange(0.5, 3, 1, 'int32'), fn: 'arange', arg: 'start' }),
  badCase({
    name: 'arange int32 past 2**31',
    call: () => arange(2 ** 31 - 2, 2 ** 31 + 2, 1, 'int32'),
    fn: 'arange',
    arg: 'stop',
  }),
  // randomNormal, randomUniform, makeRng: a refused call draws nothing
  onRng('randomNormal([1e6, 1e6])', 'randomNormal', 'shape', (r) => randomNormal([1e6, 1e6], 0, 1, 'float32', r)),
  onRng('randomNormal mean NaN', 'randomNormal', 'mean', (r) => randomNormal([2], NaN, 1, 'float32', r)),
  onRng('randomNormal stdDev −1', 'randomNormal', 'stdDev', (r) => randomNormal([2], 0, -1, 'float32', r)),
  onRng('randomNormal dtype int32', 'randomNormal', 'dtype', (r) => randomNormal([2], 0, 1, never('int32'), r)),
  badCase({
    name: 'randomNormal seed {}',
    call: () => randomNormal([2], 0, 1, 'float32', never({})),
    fn: 'randomNormal',
    arg: 'seed',
  }),
  onRng('randomUniform maxval < minval', 'randomUniform', 'maxval', (r) => randomUniform([2], 1, 0, 'float32', r)),
  onRng('randomUniform shape [-1]', 'randomUniform', 'shape', (r) => randomUniform([-1], 0, 1, 'float32', r)),
  badCase({ name: 'makeRng(undefined)', call: () => makeRng(never(undefined)), fn: 'makeRng', arg: 'seed' }),
  badCase({ name: "setCodegen('no')", call: () => setCodegen(never('no')), fn: 'setCodegen', arg: 'enabled' }),
  // oneHot
  badCase({ name: 'oneHot depth 1e12', call: () => oneHot(ids(), 1e12), fn: 'oneHot', arg: 'depth' }),
  badCase({ name: 'oneHot depth −1', call: () => oneHot(ids(), -1), fn: 'oneHot', arg: 'depth' }),
  badCase({ name: 'oneHot of float ids', call: () => oneHot(tensor([0, 1]), 2), fn: 'oneHot', arg: 'indices' }),
  badCase({ name: 'oneHot of a plain array', call: () => oneHot(never([0, 1]), 2), fn: 'oneHot', arg: 'indices' }),
  // RowSparse
  badCase({
    name: 'RowSparse ids a plain array',
    call: () => new RowSparse(never([0]), tensor([[1, 2]]), [3, 2]),
    fn: 'RowSparse',
    arg: 'ids',
  }),
  badCase({
    name: 'RowSparse values undefined',
    call: () => new RowSparse(Int32Array.of(0), never(undefined), [3, 2]),
    fn: 'RowSparse',
    arg: 'values',
  }),
  badCase({
    name: 'RowSparse.add of another dense shape',
    call: () =>
      new RowSparse(Int32Array.of(0), tensor([[1, 2]]), [3, 2]).add(
        new RowSparse(Int32Array.of(0), tensor([[1, 2]]), [4, 2]),
      ),
    fn: 'RowSparse.add',
    arg: 'other',
  }),
];
