import { negativeSamplingSgd, tensor, transpose, zeros, type Tensor } from '../../src/index.js';
import { badCase, never, type BadCase } from './cases.js';

interface S {
  E: Tensor;
  W: Tensor;
}
const setup = (): S => ({
  E: tensor(
    Float32Array.from({ length: 6 }, (_, i) => 0.1 * i),
    [2, 3],
  ),
  W: tensor(
    Float32Array.from({ length: 15 }, (_, i) => 0.05 * i),
    [5, 3],
  ),
});
const after = (s: S) => [Array.from(s.E.dataSync()), Array.from(s.W.dataSync())];
const ids = (v: number[], shape: number[]) => tensor(Int32Array.from(v), shape);
const good = (s: S) => ({
  inputs: s.E,
  weights: s.W,
  centers: ids([0, 1], [2]),
  candidates: ids([1, 2, 3, 4], [2, 2]),
  lr: 0.1,
});
const row = (name: string, arg: string, change: (s: S) => Record<string, unknown>): BadCase =>
  badCase<S>({
    name: `negativeSamplingSgd with ${name}`,
    setup,
    call: (s) => negativeSamplingSgd(never({ ...good(s), ...change(s) })),
    fn: 'negativeSamplingSgd',
    arg,
    after,
  });

export const cases: BadCase[] = [
  badCase({
    name: 'negativeSamplingSgd with no options',
    call: () => negativeSamplingSgd(never(undefined)),
    fn: 'negativeSamplingSgd',
    arg: 'options',
  }),
  row('a misspelt key (learningRate)', 'options', () => ({ learningRate: 0.1 })),
  row('inputs of rank 1', 'inputs', () => ({ inputs: zeros([3]) })),
  row('int32 inputs', 'inputs', () => ({ inputs: ids([0, 0, 0, 0, 0, 0], [2, 3]) })),
  row('transposed (strided) weights', 'weights', (s) => ({
    weights: transpose(tensor(Float32Array.from(s.W.dataSync()), [3, 5])),
  })),
  row('weights of another D', 'weights', () => ({ weights: zeros([5, 4]) })),
  row('float centers', 'centers', () => ({ centers: zeros([2]) })),
  row('centers of rank 2', 'centers', () => ({ centers: ids([0, 1], [2, 1]) })),
  row('a center id ≥ V (the last pair)', 'centers', () => ({ centers: ids([0, 2], [2]) })),
  row('a negative center id', 'centers', () => ({ centers: ids([-1, 0], [2]) })),
  row('candidates for another B', 'candidates', () => ({ candidates: ids([1, 2, 3], [3, 1]) })),
  row('candidates with M = 0', 'candidates', () => ({ candidates: ids([], [2, 0]) })),
  row('a candidate id ≥ C (the last one)', 'candidates', () => ({ candidates: ids([1, 2, 3, 5], [2, 2]) })),
  row('float candidates', 'candidates', () => ({ candidates: zeros([2, 2]) })),
  row('a negative lr', 'lr', () => ({ lr: -0.1 })),
  row('lr NaN', 'lr', () => ({ lr: NaN })),
  row('lr as a string', 'lr', () => ({ lr: '0.1' })),
];
