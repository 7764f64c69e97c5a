/** Small builders shared by the bad-input tables of src/nn and src/optim. */
import { tensor, type Tensor } from '../../src/index.js';
import { badCase, type BadCase } from './cases.js';

/** An int32 tensor of ids. */
export const int32 = (v: number[] | number[][]): Tensor => tensor(v, undefined, 'int32');

/** A tensor's values as a plain array (bit for bit, for `after`). */
export const data = (t: Tensor): number[] => Array.from(t.data);

/** One row whose call needs no state: `fn` refuses `arg` for `what`. */
export const row = (fn: string, arg: string, what: string, call: () => unknown): BadCase =>
  badCase({ name: `${fn}: ${what}`, call, fn, arg });
