/**
 * Bad inputs found by probing the public surface as a new user would, each silently accepted
 * (or a raw TypeError) before its fix: misspelt or misplaced option keys, NaN and ±Infinity
 * seeds, a user op's malformed inputs, a hand-set `.grad` that is not a gradient, expected
 * counts that require a gradient (none would flow to them), and a gradcheck with nothing to
 * check.
 */
import {
  Adagrad,
  Adam,
  allCandidateSampler,
  backward,
  cast,
  computeSampledLogits,
  defineOp,
  embeddingLookup,
  fixedUnigramCandidateSampler,
  fullSoftmaxLoss,
  gradcheck,
  learnedUnigramCandidateSampler,
  logUniformCandidateSampler,
  makeRng,
  matMul,
  mul,
  nceLoss,
  producerOf,
  randomNormal,
  sampledSoftmaxLoss,
  SGD,
  sigmoidCrossEntropyWithLogits,
  softmaxCrossEntropyWithLogits,
  sparseSoftmaxCrossEntropyWithLogits,
  sum,
  tensor,
  uniformCandidateSampler,
  UniformSampler,
  type Tensor,
} from '../../src/index.js';
import { badCase, never, type BadCase } from './cases.js';
import { data, int32, row } from './rows.js';

/** A valid sampler call over R = 3 ids. */
const call = () => ({ trueClasses: int32([[0]]), numTrue: 1, numSampled: 3, unique: true, rangeMax: 3, seed: 1 });
const x22 = () =>
  tensor([
    [1, 2],
    [3, 4],
  ]);

/** A leaf w whose loss is recorded (not yet backpropagated): a refused backward leaves w.grad null. */
const recorded = () => {
  const w = tensor([1, 2], { requiresGrad: true });
  return { w, y: sum(mul(w, w)) };
};

/** An optimizer over w whose .grad was set by hand to something that is not a gradient. */
const withGrad = (make: (w: Tensor) => SGD | Adam | Adagrad, grad: unknown) => () => {
  const w = tensor([1, 2], { requiresGrad: true });
  const opt = make(w);
  (w as { grad: unknown }).grad = grad;
  return { w, opt };
};
const optAfter = ({ w, opt }: { w: Tensor; opt: SGD | Adam | Adagrad }) => [data(w), opt.stateDict()];

/** A sampled loss over fresh leaves, with expected counts that (wrongly) require a gradient. */
const lossState = () => ({
  weights: tensor(
    [
      [1, 2],
      [3, 4],
      [5, 6],
    ],
    { requiresGrad: true },
  ),
  biases: tensor([0, 0, 0], { requiresGrad: true }),
  inputs: tensor([[1, 0]], { requiresGrad: true }),
  labels: int32([[1]]),
  numClasses: 3,
  numSampled: 2,
});
type LossState = ReturnType<typeof lossState>;
const countsNeedingGrad = (o: LossState, which: 'true' | 'sampled') => ({
  ...o,
  sampledValues: {
    sampledCandidates: int32([0, 2]),
    trueExpectedCount: tensor([[0.5]], { requiresGrad: which === 'true' }),
    sampledExpectedCount: tensor([0.5, 0.5], { requiresGrad: which === 'sampled' }),
  },
});
const lossAfter = (o: LossState) => [data(o.weights), o.weights.grad, o.biases.grad, o.inputs.grad];

export const cases: BadCase[] = [
  // Unknown option keys: refused, not ignored.
  row('tensor', 'options.dtype', 'the dtype given in the options (silently float32 before)', () =>
    tensor([1, 2], never({ dtype: 'int32' })),
  ),
  row('tensor', 'options.requiresgrad', 'a misspelt requiresGrad', () => tensor([1], never({ requiresgrad: true }))),
  row('matMul', 'options.transposeb', 'a misspelt transposeB', () => matMul(x22(), x22(), never({ transposeb: true }))),
  badCase({
    name: 'backward: a misspelt retainGraph, the graph kept and no gradient accumulated',
    setup: recorded,
    call: ({ y }) => backward(y, undefined, never({ retaingraph: true })),
    fn: 'backward',
    arg: 'options.retaingraph',
    after: ({ w }) => w.grad,
  }),
  ...(
    [
      ['a string', 'x'],
      ['a tensor of the wrong shape', tensor([1, 1, 1])],
    ] as const
  ).map(([what, grad]) =>
    badCase({
      name: `backward: a leaf .grad set by hand to ${what}, refused before any gradient is added`,
      setup: () => {
        const { w, y } = recorded();
        const v = tensor([3, 4], { requiresGrad: true, name: 'v' });
        (v as { grad: unknown }).grad = grad;
        return { w, v, y: sum(mul(y, sum(v))) };
      },
      call: ({ y }) => backward(y),
      fn: 'backward',
      arg: 'the .grad of leaf v',
      after: ({ w, v }) => [w.grad, String(v.grad)],
    }),
  ),
  row('gradcheck', 'opts.epsilon', 'a misspelt eps', () =>
    gradcheck((x) => sum(x), [tensor([1], [1], 'float64')], never({ epsilon: 1e-3 })),
  ),
  row('embeddingLookup', 'options.strategy', 'a misnamed partitionStrategy', () =>
    embeddingLookup(x22(), int32([0]), never({ strategy: 'mod' })),
  ),
  row(
    'SGD',
    'options.beta1',
    "Adam's beta1 given to SGD",
    () => new SGD([tensor([1], { requiresGrad: true })], never({ beta1: 0.9 })),
  ),
  row(
    'Adam',
    'options.momentum',
    "SGD's momentum given to Adam",
    () => new Adam([tensor([1], { requiresGrad: true })], never({ momentum: 0.9 })),
  ),
  row(
    'Adagrad',
    'options.weightDecay',
    'an option no optimizer has',
    () => new Adagrad([tensor([1], { requiresGrad: true })], never({ weightDecay: 0.1 })),
  ),

  row('nceLoss', 'options.removeAccidentalHit', 'a misspelt removeAccidentalHits', () =>
    nceLoss({ ...lossState(), ...({ removeAccidentalHit: false } as object) }),
  ),
  row('fullSoftmaxLoss', 'options.partition_strategy', "TensorFlow's snake_case name", () =>
    fullSoftmaxLoss({ ...lossState(), ...({ partition_strategy: 'mod' } as object) }),
  ),
  row('softmaxCrossEntropyWithLogits', 'options.dim', 'dim for axis', () =>
    softmaxCrossEntropyWithLogits({ labels: x22(), logits: x22(), ...({ dim: 0 } as object) }),
  ),
  row('sigmoidCrossEntropyWithLogits', 'options.axis', 'an axis it does not take', () =>
    sigmoidCrossEntropyWithLogits({ labels: x22(), logits: x22(), ...({ axis: 0 } as object) }),
  ),
  row('sparseSoftmaxCrossEntropyWithLogits', 'options.axis', 'an axis it does not take', () =>
    sparseSoftmaxCrossEntropyWithLogits({ labels: int32([0, 1]), logits: x22(), ...({ axis: 0 } as object) }),
  ),

  row('fixedUnigramCandidateSampler', 'options.distorsion', 'a misspelt distortion (the draw ignored it)', () =>
    fixedUnigramCandidateSampler({ ...call(), unigrams: [1, 2, 3], ...({ distorsion: 0.5 } as object) }),
  ),
  row('logUniformCandidateSampler', 'options.num_true', "TensorFlow's snake_case num_true", () =>
    logUniformCandidateSampler({ ...call(), ...({ num_true: 1 } as object) }),
  ),
  row('learnedUnigramCandidateSampler', 'options.distortion', "a fixed sampler's option", () =>
    learnedUnigramCandidateSampler({ ...call(), ...({ distortion: 0.5 } as object) }),
  ),
  row('allCandidateSampler', 'options.unigrams', "a fixed sampler's option", () =>
    allCandidateSampler({ ...call(), rangeMax: undefined, ...({ unigrams: [1, 1, 1] } as object) }),
  ),

  // cast to int32: a truncation outside int32 wrapped silently (1e10 → 1410065408, NaN → 0).
  row('cast', 'x (element 1)', 'NaN to int32', () => cast(tensor([1, NaN]), 'int32')),
  row('cast', 'x (element 0)', '1e10 to int32', () => cast(tensor([1e10]), 'int32')),
  row('cast', 'x (element 0)', '−Infinity to int32', () => cast(tensor([-Infinity], [1], 'float64'), 'int32')),

  // Seeds: NaN and ±Infinity (mostly a failed parse) are refused like any non-seed.
  row('makeRng', 'seed', 'a NaN seed', () => makeRng(NaN)),
  row('makeRng', 'seed', 'an infinite seed', () => makeRng(-Infinity)),
  row('randomNormal', 'seed', 'a NaN seed', () => randomNormal([2], 0, 1, 'float32', NaN)),
  row('UniformSampler', 'seed', 'a NaN seed', () => new UniformSampler({ rangeMax: 5, seed: NaN })),
  row('uniformCandidateSampler', 'seed', 'a NaN seed', () =>
    uniformCandidateSampler({
      trueClasses: int32([[0]]),
      numTrue: 1,
      numSampled: 1,
      unique: false,
      rangeMax: 5,
      seed: NaN,
    }),
  ),
  row('nceLoss', 'seed', 'an infinite seed', () => nceLoss({ ...lossState(), seed: Infinity })),
  row('gradcheck', 'opts.seed', 'a NaN seed', () =>
    gradcheck((x) => sum(x), [tensor([1], [1], 'float64')], { seed: NaN }),
  ),

  // A user's op: malformed arguments are refused at entry (a raw TypeError, or accepted, before).
  row('defineOp', 'inputs', 'inputs that are one tensor, not an array', () =>
    defineOp('op', never(tensor([1])), () => ({ out: tensor([1]), backward: (g) => [g] })),
  ),
  row('defineOp', 'name', 'a name that is a number', () =>
    defineOp(never(3), [tensor([1])], () => ({ out: tensor([1]), backward: (g) => [g] })),
  ),
  row('producerOf', 't', 'a string', () => producerOf(never('x'))),

  // gradcheck with nothing to check would pass whatever f does.
  row('gradcheck', 'xs', 'only int32 inputs', () => gradcheck((i) => sum(i), [int32([1, 2])])),
  row('gradcheck', 'xs', 'no inputs', () => gradcheck(() => tensor(1), [])),
  row('gradcheck', 'opts.checkInputs', 'an empty checkInputs', () =>
    gradcheck((x) => sum(mul(x, x)), [tensor([1], [1], 'float64')], { checkInputs: [] }),
  ),

  // A .grad set by hand to something that is not a gradient: refused, weights and state unchanged.
  ...(
    [
      ['SGD', (w: Tensor) => new SGD([w], { lr: 0.1 })],
      ['Adam', (w: Tensor) => new Adam([w], { lr: 0.1 })],
      ['Adagrad', (w: Tensor) => new Adagrad([w], { lr: 0.1 })],
    ] as const
  ).map(([name, make]) =>
    badCase({
      name: `${name}.step: a .grad that is an array`,
      setup: withGrad(make, [1, 1]),
      call: ({ opt }) => opt.step(),
      fn: `${name}.step`,
      arg: 'params[0].grad',
      after: optAfter,
    }),
  ),

  // loadStateDict: slot values that no run can produce (NaN; a negative sum of squares) are refused.
  ...(
    [
      ['Adagrad', 'accumulator', (w: Tensor) => new Adagrad([w], { lr: 0.1 }), -1],
      ['Adam', 'v', (w: Tensor) => new Adam([w], { lr: 0.1 }), -1],
      ['Adam', 'm', (w: Tensor) => new Adam([w], { lr: 0.1 }), NaN],
    ] as const
  ).map(([name, slot, make, bad]) =>
    badCase({
      name: `${name}.loadStateDict: ${bad} in slot ${slot}`,
      setup: () => {
        const s = withGrad(make, tensor([1, 1]))();
        s.opt.step();
        return s;
      },
      call: ({ opt }) => {
        const st = opt.stateDict();
        st.slots[slot][0][1] = bad;
        opt.loadStateDict(st);
      },
      fn: `${name}.loadStateDict`,
      arg: `state.slots.${slot}[0] (element 1)`,
      after: optAfter,
    }),
  ),

  // Expected counts that require a gradient: none flows to them (TensorFlow stops it), so refused.
  ...(
    [
      ['nceLoss', nceLoss],
      ['sampledSoftmaxLoss', sampledSoftmaxLoss],
      ['computeSampledLogits', computeSampledLogits],
    ] as const
  ).flatMap(([fn, loss]) =>
    (['true', 'sampled'] as const).map((which) =>
      badCase({
        name: `${fn}: ${which}ExpectedCount that requires a gradient`,
        setup: lossState,
        call: (o) => loss(countsNeedingGrad(o, which)),
        fn,
        arg: `sampledValues.${which}ExpectedCount`,
        after: lossAfter,
      }),
    ),
  ),
];
