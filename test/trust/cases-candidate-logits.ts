import { candidateLogits, tensor, zeros } from '../../src/index.js';
import { badCase, type BadCase } from './cases.js';

const inputs = () => zeros([2, 3]);
const weights = () => zeros([5, 3]);
const ids = (v: number[], shape: number[]) => tensor(Int32Array.from(v), shape);

export const cases: BadCase[] = [
  badCase({
    name: 'candidateLogits with inputs of rank 1',
    call: () => candidateLogits({ inputs: zeros([3]), weights: weights(), candidates: ids([0, 1], [2, 1]) }),
    fn: 'candidateLogits',
    arg: 'inputs',
  }),
  badCase({
    name: 'candidateLogits with weights of another D',
    call: () => candidateLogits({ inputs: inputs(), weights: zeros([5, 4]), candidates: ids([0, 1], [2, 1]) }),
    fn: 'candidateLogits',
    arg: 'weights',
  }),
  badCase({
    name: 'candidateLogits with float candidates',
    call: () => candidateLogits({ inputs: inputs(), weights: weights(), candidates: zeros([2, 1]) }),
    fn: 'candidateLogits',
    arg: 'candidates',
  }),
  badCase({
    name: 'candidateLogits with a candidate id ≥ C',
    call: () => candidateLogits({ inputs: inputs(), weights: weights(), candidates: ids([0, 5], [2, 1]) }),
    fn: 'candidateLogits',
    arg: 'candidates',
  }),
  badCase({
    name: 'candidateLogits with candidates for another B',
    call: () => candidateLogits({ inputs: inputs(), weights: weights(), candidates: ids([0, 1, 2], [3, 1]) }),
    fn: 'candidateLogits',
    arg: 'candidates',
  }),
];
