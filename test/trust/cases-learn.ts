/** Bad inputs of the learners' tools: toDot, renderGraphSvg, graphOf, tensor's name, compareSampledToFull. */
import {
  compareSampledToFull,
  graphOf,
  makeRng,
  mul,
  renderGraphSvg,
  sum,
  tensor,
  toDot,
  type CompareSampledToFullOptions,
} from '../../src/index.js';
import { badCase, type BadCase } from './cases.js';

/** A small model whose weights require gradients, and an Rng seed whose next draw shows if it advanced. */
function setup() {
  const weights = tensor(
    [
      [1, 0],
      [0, 1],
      [1, 1],
      [2, 0],
    ],
    { requiresGrad: true },
  );
  const biases = tensor([0, 0.1, 0.2, 0.3], { requiresGrad: true });
  const inputs = tensor([
    [1, 2],
    [3, 4],
  ]);
  const labels = tensor([[1], [3]], undefined, 'int32');
  const seed = makeRng('cases-learn');
  const o: CompareSampledToFullOptions = {
    weights,
    biases,
    inputs,
    labels,
    numClasses: 4,
    loss: 'softmax',
    numSampled: [2],
    trials: 2,
    seed,
  };
  return { o, seed };
}
type State = ReturnType<typeof setup>;
const after = (s: State) => [
  s.o.weights instanceof Array ? null : Array.from(s.o.weights.dataSync()),
  (s.o.weights as { grad: unknown }).grad,
  s.seed(),
];

const compare = (name: string, arg: string, change: Record<string, unknown>): BadCase =>
  badCase({
    name,
    setup,
    call: (s: State) => compareSampledToFull({ ...s.o, ...change } as CompareSampledToFullOptions),
    fn: 'compareSampledToFull',
    arg,
    after,
  });

const freed = () => {
  const a = tensor([1, 2], { requiresGrad: true });
  const y = sum(mul(a, a));
  y.backward();
  return y;
};

export const cases: BadCase[] = [
  badCase({
    name: 'toDot of a tensor that needs no gradient',
    call: () => toDot(tensor([1, 2])),
    fn: 'toDot',
    arg: 't',
  }),
  badCase({ name: 'toDot of a graph freed by backward', call: () => toDot(freed()), fn: 'toDot', arg: 't' }),
  badCase({ name: 'toDot of a number', call: () => toDot(3 as never), fn: 'toDot', arg: 't' }),
  badCase({
    name: 'renderGraphSvg of a freed graph',
    call: () => renderGraphSvg(freed()),
    fn: 'renderGraphSvg',
    arg: 't',
  }),
  badCase({ name: 'graphOf of a constant', call: () => graphOf(tensor([1])), fn: 'graphOf', arg: 't' }),
  badCase({
    name: 'tensor with a numeric name',
    call: () => tensor([1], { name: 7 as never }),
    fn: 'tensor',
    arg: 'options.name',
  }),
  badCase({
    name: 'compareSampledToFull without options',
    call: () => compareSampledToFull(null as never),
    fn: 'compareSampledToFull',
    arg: 'options',
  }),
  compare('compareSampledToFull with an unknown loss', 'loss', { loss: 'hinge' }),
  compare('compareSampledToFull with numSampled a number', 'numSampled', { numSampled: 8 }),
  compare('compareSampledToFull with numSampled empty', 'numSampled', { numSampled: [] }),
  compare('compareSampledToFull with numSampled 0', 'numSampled[1]', { numSampled: [2, 0] }),
  compare('compareSampledToFull with unique numSampled > C', 'numSampled[0]', { numSampled: [5] }),
  compare('compareSampledToFull with numSampled 2.5', 'numSampled[0]', { numSampled: [2.5] }),
  compare('compareSampledToFull with trials 0', 'trials', { trials: 0 }),
  compare('compareSampledToFull with trials 1e9', 'trials', { trials: 1e9 }),
  compare('compareSampledToFull with a seed object', 'seed', { seed: {} }),
  compare('compareSampledToFull with a sampler name', 'sampler', { sampler: 'log-uniform' }),
  compare('compareSampledToFull with unique "yes"', 'unique', { unique: 'yes' }),
  compare('compareSampledToFull with removeAccidentalHits 1', 'removeAccidentalHits', { removeAccidentalHits: 1 }),
  compare('compareSampledToFull with partitionStrategy "hash"', 'partitionStrategy', { partitionStrategy: 'hash' }),
  compare('compareSampledToFull with maxBlockElements 0', 'maxBlockElements', { maxBlockElements: 0 }),
  compare('compareSampledToFull with labels [2]', 'labels', { labels: tensor([1, 3], undefined, 'int32') }),
  compare('compareSampledToFull with a label ≥ C', 'labels', { labels: tensor([[1], [4]], undefined, 'int32') }),
  compare('compareSampledToFull with numClasses 5 for 4 rows', 'weights', { numClasses: 5 }),
  compare('compareSampledToFull with an empty batch', 'inputs', {
    inputs: tensor(new Float32Array(0), [0, 2]),
    labels: tensor(new Int32Array(0), [0, 1]),
  }),
];
