/**
 * Bad inputs of the losses, the lookup and the cross-entropies of src/nn (the samplers are in
 * cases-nn-samplers.ts, the optimizers in cases-optim.ts). Each call must throw a TapegradError
 * from `fn` naming `arg` and leave its state as a fresh twin's: the parameters bit for bit, no
 * gradient recorded, the seed stream not advanced.
 */
import {
  computeSampledLogits,
  embeddingLookup,
  fullLogits,
  fullSigmoidLoss,
  fullSoftmaxLoss,
  makeRng,
  nceLoss,
  sampledSoftmaxLoss,
  sigmoidCrossEntropyWithLogits,
  softmaxCrossEntropyWithLogits,
  sparseSoftmaxCrossEntropyWithLogits,
  tensor,
  type Rng,
  type Tensor,
} from '../../src/index.js';
import { badCase, type BadCase } from './cases.js';
import { data, int32, row } from './rows.js';

// ---- the losses: a model of C = 6 classes, D = 3, B = 2, and a seed stream ----
interface Model {
  weights: Tensor;
  biases: Tensor;
  inputs: Tensor;
  labels: Tensor;
  numClasses: number;
  numSampled: number;
  seed: Rng;
}
const model = (): Model => ({
  weights: tensor(
    [
      [1, 2, 3],
      [4, 5, 6],
      [7, 8, 9],
      [1, 0, 1],
      [0, 1, 0],
      [2, 2, 2],
    ],
    undefined,
    'float32',
    {
      requiresGrad: true,
    },
  ),
  biases: tensor([0.1, 0.2, 0.3, 0.4, 0.5, 0.6], undefined, 'float32', { requiresGrad: true }),
  inputs: tensor(
    [
      [0.5, -1, 2],
      [1, 1, 1],
    ],
    undefined,
    'float32',
    { requiresGrad: true },
  ),
  labels: int32([[0], [4]]),
  numClasses: 6,
  numSampled: 2,
  seed: makeRng(5),
});
/** What a failed loss call must not change: the parameters bit for bit, no gradient, the seed stream. */
const modelState = (m: Model) => ({
  w: data(m.weights),
  b: data(m.biases),
  x: data(m.inputs),
  grads: [m.weights.grad, m.biases.grad, m.inputs.grad],
  next: m.seed(),
});
const sampledValues = {
  sampledCandidates: int32([1, 2]),
  trueExpectedCount: tensor([[0.5], [0.5]]),
  sampledExpectedCount: tensor([0.5, 0.5]),
};
const countsWith = (bad: number) => ({ ...sampledValues, sampledExpectedCount: tensor([0.5, bad]) });

const sampledPatches: [string, Record<string, unknown>, string][] = [
  ['numSampled 7 > numClasses 6 (default sampler)', { numSampled: 7 }, 'numSampled'],
  ['numSampled 2^31', { numSampled: 2 ** 31 }, 'numSampled'],
  ['numSampled as a string', { numSampled: '2' }, 'numSampled'],
  ["removeAccidentalHits 'false'", { removeAccidentalHits: 'false' }, 'removeAccidentalHits'],
  ["subtractLogQ 'yes'", { subtractLogQ: 'yes' }, 'subtractLogQ'],
  ['an expected count of 0', { sampledValues: countsWith(0) }, 'sampledValues.sampledExpectedCount (element 1)'],
  ['a negative expected count', { sampledValues: countsWith(-1) }, 'sampledValues.sampledExpectedCount'],
  ['an infinite expected count', { sampledValues: countsWith(Infinity) }, 'sampledValues.sampledExpectedCount'],
  ['a NaN expected count', { sampledValues: countsWith(NaN) }, 'sampledValues.sampledExpectedCount'],
  [
    'true counts of the wrong shape',
    { sampledValues: { ...sampledValues, trueExpectedCount: tensor([0.5, 0.5]) } },
    'sampledValues.trueExpectedCount',
  ],
  [
    'float sampled candidates',
    { sampledValues: { ...sampledValues, sampledCandidates: tensor([1, 2]) } },
    'sampledValues.sampledCandidates',
  ],
  [
    'a sampled candidate ≥ numClasses',
    { sampledValues: { ...sampledValues, sampledCandidates: int32([1, 6]) } },
    'sampledValues.sampledCandidates (element 1)',
  ],
  ['sampledValues null', { sampledValues: null }, 'sampledValues'],
  ['a seed that is an object', { seed: {} }, 'seed'],
];
const classPatches: [string, Record<string, unknown>, string][] = [
  ['float labels', { labels: tensor([[0], [4]]) }, 'labels'],
  ['a label ≥ numClasses', { labels: int32([[0], [6]]) }, 'labels (element 1)'],
  ['labels of another batch', { labels: int32([[0]]) }, 'labels'],
  ['inputs missing', { inputs: undefined }, 'inputs'],
  [
    'int32 inputs',
    {
      inputs: int32([
        [1, 2, 3],
        [4, 5, 6],
      ]),
    },
    'inputs',
  ],
  ['weights missing', { weights: undefined }, 'weights'],
  [
    'weights of another D',
    {
      weights: tensor([
        [1, 2],
        [3, 4],
        [5, 6],
        [7, 8],
        [9, 0],
        [1, 1],
      ]),
    },
    'weights',
  ],
  ['biases of 5 classes', { biases: tensor([1, 2, 3, 4, 5]) }, 'biases'],
  ['numClasses as a string', { numClasses: '6' }, 'numClasses'],
  ['numTrue 0', { numTrue: 0 }, 'numTrue'],
  ["partitionStrategy 'DIV'", { partitionStrategy: 'DIV' }, 'partitionStrategy'],
  [
    "shards of 4 and 2 rows: not a 'div' layout of 6",
    {
      weights: [
        tensor([
          [1, 2, 3],
          [1, 2, 3],
          [1, 2, 3],
          [1, 2, 3],
        ]),
        tensor([
          [1, 2, 3],
          [1, 2, 3],
        ]),
      ],
    },
    'weights[0]',
  ],
];
const lossCases = (name: string, loss: (o: never) => unknown, patches: typeof classPatches) =>
  [...patches, ['options null', null, 'options'] as [string, null, string]].map(([what, patch, arg]) =>
    badCase({
      name: `${name}: ${what}`,
      setup: model,
      call: (m) => loss((patch === null ? null : { ...m, ...patch }) as never),
      fn: name,
      arg,
      after: modelState,
    }),
  );

// ---- the lookup and the cross-entropies ----
const logits = tensor([[0.5, -1]]);
const shards = () => [tensor([[1], [2]]), tensor([[3], [4]])];
const S = 'sparseSoftmaxCrossEntropyWithLogits';
const others: BadCase[] = [
  row('embeddingLookup', 'params', 'params []', () => embeddingLookup([], int32([0]))),
  row('embeddingLookup', 'ids', 'float ids', () => embeddingLookup(shards(), tensor([0]))),
  row('embeddingLookup', 'ids (element 0)', 'an id ≥ N', () => embeddingLookup(shards(), int32([4]))),
  row('embeddingLookup', 'partitionStrategy', "partitionStrategy 'x'", () =>
    embeddingLookup(shards(), int32([0]), { partitionStrategy: 'x' as never }),
  ),
  row('embeddingLookup', 'options', 'options null', () => embeddingLookup(shards(), int32([0]), null as never)),
  row('sigmoidCrossEntropyWithLogits', 'labels', 'labels missing', () =>
    sigmoidCrossEntropyWithLogits({ logits } as never),
  ),
  row('sigmoidCrossEntropyWithLogits', 'labels', 'labels of another shape', () =>
    sigmoidCrossEntropyWithLogits({ logits, labels: tensor([1, 0]) }),
  ),
  row('softmaxCrossEntropyWithLogits', 'logits', 'int32 logits', () =>
    softmaxCrossEntropyWithLogits({ logits: int32([[1, 0]]), labels: logits }),
  ),
  row('softmaxCrossEntropyWithLogits', 'axis', 'axis 5', () =>
    softmaxCrossEntropyWithLogits({ logits, labels: logits, axis: 5 }),
  ),
  row(S, 'labels', 'float labels', () => sparseSoftmaxCrossEntropyWithLogits({ logits, labels: tensor([0]) })),
  row(S, 'labels (element 0)', 'a label ≥ C', () =>
    sparseSoftmaxCrossEntropyWithLogits({ logits, labels: int32([2]) }),
  ),
  row(S, 'options', 'options null', () => sparseSoftmaxCrossEntropyWithLogits(null as never)),
];

export const cases: BadCase[] = [
  ...lossCases('nceLoss', nceLoss as never, [...sampledPatches, ...classPatches]),
  ...lossCases('sampledSoftmaxLoss', sampledSoftmaxLoss as never, [...sampledPatches, ...classPatches]),
  ...lossCases('computeSampledLogits', computeSampledLogits as never, [...sampledPatches, ...classPatches]),
  ...lossCases('fullSigmoidLoss', fullSigmoidLoss as never, classPatches),
  ...lossCases('fullSoftmaxLoss', fullSoftmaxLoss as never, classPatches),
  ...lossCases('fullLogits', fullLogits as never, classPatches),
  ...others,
];
