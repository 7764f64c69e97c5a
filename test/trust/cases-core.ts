/**
 * Bad inputs of every public function of src/tensor and src/autograd: each throws a
 * TapegradError from the function the user called, naming the argument, before it allocates
 * or changes state (a leaf's values and .grad, a generator's next draw).
 */
import {
  abs,
  add,
  addGrads,
  arange,
  backward,
  biasAdd,
  broadcastTo,
  cast,
  concat,
  defineOp,
  detach,
  div,
  exp,
  expandDims,
  fill,
  gather,
  gradcheck,
  log,
  log1p,
  logSoftmax,
  makeRng,
  matMul,
  max,
  maximum,
  mean,
  mul,
  neg,
  noGrad,
  oneHot,
  ones,
  randomNormal,
  randomUniform,
  relu,
  reshape,
  RowSparse,
  setCodegen,
  sigmoid,
  slice,
  softplus,
  sqrt,
  square,
  squeeze,
  sub,
  sum,
  tanh,
  Tensor,
  tensor,
  transpose,
  valueAndGrads,
  where,
  zeros,
  type Rng,
} from '../../src/index.js';
import { badCase, type BadCase } from './cases.js';

const never = (v: unknown) => v as never;
const sumAll = (x: Tensor) => sum(x);
/** A leaf W [3, 2] that already holds a gradient: a failed call must change neither. */
const leafState = () => {
  const W = tensor(
    [
      [1, 2],
      [3, 4],
      [5, 6],
    ],
    { requiresGrad: true },
  );
  sum(mul(W, W)).backward();
  return { W };
};
const leafAfter = ({ W }: { W: Tensor }) => [W.toArray(), W.grad!.toDense().toArray()];
/** A row on leaf state. */
const onLeaf = (name: string, fn: string, arg: string, call: (W: Tensor) => unknown): BadCase =>
  badCase({ name, setup: leafState, call: ({ W }) => call(W), fn, arg, after: leafAfter });
/** A generator whose next draw must not have been taken. */
const rngState = () => makeRng(7);
const rngAfter = (r: Rng) => r();
const onRng = (name: string, fn: string, arg: string, call: (r: Rng) => unknown): BadCase =>
  badCase({ name, setup: rngState, call, fn, arg, after: rngAfter });

const x23 = () =>
  tensor([
    [1, 2, 3],
    [4, 5, 6],
  ]);
const ids = () => tensor([0, 2], undefined, 'int32');
const unaries = { exp, log, log1p, abs, square, sqrt, relu, sigmoid, tanh, softplus };
const binaries = { add, sub, mul, div, maximum };

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
  // Tensor methods and the tape
  badCase({ name: 'item of two elements', call: () => tensor([1, 2]).item(), fn: 'item', arg: 'tensor' }),
  onLeaf('backward of a tensor that requires no gradient', 'backward', 'the tensor', (W) => detach(W).backward()),
  onLeaf('backward with grad of the wrong shape', 'backward', 'grad', (W) => mul(W, 2).backward(zeros([2]))),
  onLeaf('backward with grad a plain array', 'backward', 'grad', (W) => mul(W, 2).backward(never([1, 2]))),
  onLeaf('backward with retainGraph 1', 'backward', 'options.retainGraph', (W) =>
    sum(W).backward(undefined, never({ retainGraph: 1 })),
  ),
  onLeaf('backward(undefined)', 'backward', 'the tensor', () => backward(never(undefined))),
  onLeaf('a backward that returns a gradient of the wrong shape', 'bad (backward)', 'the gradient of input 0', (W) =>
    sum(defineOp('bad', [W], () => ({ out: mul(detach(W), 1), backward: () => [zeros([2])] }))).backward(),
  ),
  onLeaf('a backward that returns undefined for a needed input', 'bad (backward)', 'the gradient of input 0', (W) =>
    sum(defineOp('bad', [W], () => ({ out: mul(detach(W), 1), backward: () => [never(undefined)] }))).backward(),
  ),
  badCase({
    name: 'defineOp with a numeric name',
    call: () => defineOp(never(1), [], () => never(undefined)),
    fn: 'defineOp',
    arg: 'name',
  }),
  badCase({
    name: 'defineOp inputs not tensors',
    call: () => defineOp('op', never([1]), () => never({})),
    fn: 'defineOp',
    arg: 'inputs[0]',
  }),
  badCase({
    name: 'defineOp forward returning 1',
    call: () => defineOp('op', [], () => never(1)),
    fn: 'defineOp',
    arg: 'the result of forward',
  }),
  badCase({
    name: 'defineOp forward not a function',
    call: () => defineOp('op', [], never(1)),
    fn: 'defineOp',
    arg: 'forward',
  }),
  badCase({ name: 'detach(undefined)', call: () => detach(never(undefined)), fn: 'detach', arg: 'x' }),
  badCase({ name: 'noGrad(1)', call: () => noGrad(never(1)), fn: 'noGrad', arg: 'fn' }),
  badCase({
    name: 'addGrads(x, undefined)',
    call: () => addGrads(zeros([2]), never(undefined)),
    fn: 'addGrads',
    arg: 'b',
  }),
  badCase({ name: 'addGrads of two shapes', call: () => addGrads(zeros([2]), zeros([3])), fn: 'addGrads', arg: 'b' }),
  // elementwise ops
  ...Object.entries(binaries).flatMap(([name, op]) => [
    onLeaf(`${name}(W, undefined)`, name, 'b', (W) => op(W, never(undefined))),
    onLeaf(`${name}(W, [1, 2, 3])`, name, 'b', (W) => op(W, never([1, 2, 3]))),
    onLeaf(`${name}(null, W)`, name, 'a', (W) => op(never(null), W)),
    onLeaf(`${name}(W [3, 2], [3])`, name, 'shapes', (W) => op(W, zeros([3]))),
  ]),
  badCase({
    name: 'add broadcast to 1e10 elements',
    call: () => add(zeros([100000, 1]), zeros([1, 100000])),
    fn: 'add',
    arg: 'shapes',
  }),
  badCase({ name: 'neg(undefined)', call: () => neg(never(undefined)), fn: 'neg', arg: 'x' }),
  ...Object.entries(unaries).flatMap(([name, op]) => [
    badCase({ name: `${name}(undefined)`, call: () => op(never(undefined)), fn: name, arg: 'x' }),
    badCase({ name: `${name} of int32`, call: () => op(ids()), fn: name, arg: 'x' }),
  ]),
  onLeaf('where(W, [1, 0], W)', 'where', 'cond', (W) => where(never([1, 0]), W, W)),
  onLeaf('where(cond, W, undefined)', 'where', 'b', (W) => where(W, W, never(undefined))),
  onLeaf('biasAdd with a bias of the wrong length', 'biasAdd', 'bias', (W) => biasAdd(W, zeros([3]))),
  badCase({
    name: 'biasAdd(undefined, b)',
    call: () => biasAdd(never(undefined), zeros([2])),
    fn: 'biasAdd',
    arg: 'x',
  }),
  // matMul, gather
  onLeaf('matMul(W, undefined)', 'matMul', 'b', (W) => matMul(W, never(undefined))),
  onLeaf('matMul(undefined, W)', 'matMul', 'a', (W) => matMul(never(undefined), W)),
  onLeaf('matMul inner dimensions', 'matMul', 'inner dimensions', (W) => matMul(W, W)),
  onLeaf("matMul transposeA 'yes'", 'matMul', 'options.transposeA', (W) => matMul(W, W, never({ transposeA: 'yes' }))),
  onLeaf('matMul of int32', 'matMul', 'b', (W) => matMul(W, tensor([[1], [2]], undefined, 'int32'))),
  badCase({
    name: 'matMul to 1e10 elements',
    call: () => matMul(zeros([100000, 1]), zeros([1, 100000])),
    fn: 'matMul',
    arg: 'b',
  }),
  onLeaf('gather(W, [0, 1])', 'gather', 'indices', (W) => gather(W, never([0, 1]))),
  badCase({ name: 'gather(undefined, ids)', call: () => gather(never(undefined), ids()), fn: 'gather', arg: 'params' }),
  onLeaf('gather with float ids', 'gather', 'indices', (W) => gather(W, tensor([0, 1]))),
  onLeaf('gather with an id out of range', 'gather', 'indices', (W) => gather(W, tensor([0, 3], undefined, 'int32'))),
  // reductions
  badCase({ name: 'sum(undefined)', call: () => sum(never(undefined)), fn: 'sum', arg: 'x' }),
  badCase({ name: 'sum over axis 2 of a matrix', call: () => sum(x23(), 2), fn: 'sum', arg: 'axis' }),
  badCase({ name: "sum keepDims 'yes'", call: () => sum(x23(), 0, never('yes')), fn: 'sum', arg: 'keepDims' }),
  badCase({ name: 'mean over a repeated axis', call: () => mean(x23(), [0, -2]), fn: 'mean', arg: 'axis' }),
  badCase({ name: "max over axis 'a'", call: () => max(x23(), never('a')), fn: 'max', arg: 'axis' }),
  // movement
  badCase({ name: 'reshape to 4 elements', call: () => reshape(x23(), [2, 2]), fn: 'reshape', arg: 'shape' }),
  badCase({ name: "reshape to '6'", call: () => reshape(x23(), never('6')), fn: 'reshape', arg: 'shape' }),
  badCase({ name: 'transpose(undefined)', call: () => transpose(never(undefined)), fn: 'transpose', arg: 'x' }),
  badCase({ name: 'transpose perm [0, 0]', call: () => transpose(x23(), [0, 0]), fn: 'transpose', arg: 'perm' }),
  badCase({ name: 'slice past the end', call: () => slice(x23(), [0, 2], [1, 2]), fn: 'slice', arg: 'begin/size' }),
  badCase({ name: 'slice begin of one entry', call: () => slice(x23(), [0]), fn: 'slice', arg: 'begin' }),
  badCase({ name: 'expandDims axis 3', call: () => expandDims(x23(), 3), fn: 'expandDims', arg: 'axis' }),
  badCase({ name: 'squeeze an axis of length 2', call: () => squeeze(x23(), [0]), fn: 'squeeze', arg: 'axis' }),
  badCase({
    name: 'broadcastTo [1e6, 1e6]',
    call: () => broadcastTo(tensor([1]), [1e6, 1e6]),
    fn: 'broadcastTo',
    arg: 'shape',
  }),
  badCase({
    name: 'broadcastTo an incompatible shape',
    call: () => broadcastTo(x23(), [3, 3]),
    fn: 'broadcastTo',
    arg: 'shapes',
  }),
  badCase({ name: 'concat([])', call: () => concat([]), fn: 'concat', arg: 'xs' }),
  badCase({
    name: 'concat([x, undefined])',
    call: () => concat([x23(), never(undefined)]),
    fn: 'concat',
    arg: 'xs[1]',
  }),
  badCase({ name: "concat('ab')", call: () => concat(never('ab')), fn: 'concat', arg: 'xs' }),
  badCase({ name: 'logSoftmax of int32', call: () => logSoftmax(ids()), fn: 'logSoftmax', arg: 'x' }),
  badCase({ name: 'logSoftmax axis 2', call: () => logSoftmax(x23(), 2), fn: 'logSoftmax', arg: 'axis' }),
  badCase({ name: 'cast to int8', call: () => cast(x23(), never('int8')), fn: 'cast', arg: 'dtype' }),
  onLeaf('cast of a leaf to int32 while recording', 'cast', 'x', (W) => cast(W, 'int32')),
  // valueAndGrads, gradcheck
  onLeaf('valueAndGrads(1, [W])', 'valueAndGrads', 'f', (W) => valueAndGrads(never(1), [W])),
  onLeaf('valueAndGrads(f, W)', 'valueAndGrads', 'xs', (W) => valueAndGrads(sumAll, never(W))),
  onLeaf('valueAndGrads of a non-scalar f', 'valueAndGrads', 'the result of f', (W) =>
    valueAndGrads((w) => mul(w, 2), [W]),
  ),
  onLeaf('gradcheck(1, [W])', 'gradcheck', 'f', (W) => gradcheck(never(1), [W])),
  onLeaf('gradcheck of a broadcast view', 'gradcheck', 'xs[0]', (W) =>
    gradcheck(sumAll, [broadcastTo(slice(W, [0, 0], [1, 2]), [3, 2])]),
  ),
  onLeaf('gradcheck eps 0', 'gradcheck', 'opts.eps', (W) => gradcheck(sumAll, [W], { eps: 0 })),
  onLeaf("gradcheck fastMode 'yes'", 'gradcheck', 'opts.fastMode', (W) =>
    gradcheck(sumAll, [W], never({ fastMode: 'yes' })),
  ),
  onLeaf('gradcheck checkInputs [5]', 'gradcheck', 'opts.checkInputs', (W) =>
    gradcheck(sumAll, [W], { checkInputs: [5] }),
  ),
  onLeaf("gradcheck opts 'fast'", 'gradcheck', 'opts', (W) => gradcheck(sumAll, [W], never('fast'))),
];
