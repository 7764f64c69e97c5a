/**
 * Bad inputs of every public function of src/autograd (the tape, the ops, valueAndGrads,
 * gradcheck): each throws a TapegradError from the function the user called, naming the
 * argument, before it allocates or changes state (a leaf's values and .grad).
 */
import {
  abs,
  add,
  addGrads,
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
  gather,
  gradcheck,
  log,
  log1p,
  logSoftmax,
  matMul,
  max,
  maximum,
  mean,
  mul,
  neg,
  noGrad,
  relu,
  reshape,
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
} from '../../src/index.js';
import { badCase, never, type BadCase } from './cases.js';

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

const x23 = () =>
  tensor([
    [1, 2, 3],
    [4, 5, 6],
  ]);
const ids = () => tensor([0, 2], undefined, 'int32');
const unaries = { exp, log, log1p, abs, square, sqrt, relu, sigmoid, tanh, softplus };
const binaries = { add, sub, mul, div, maximum };

export const cases: BadCase[] = [
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
