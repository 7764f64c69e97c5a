import { zeros } from '../../src/index.js';
import { badCase, type BadCase } from './cases.js';

export const cases: BadCase[] = [
  badCase({ name: 'zeros with a negative dimension', call: () => zeros([2, -1]), fn: 'zeros', arg: 'shape' }),
];
