/** Bad inputs of the word2vec app's exported file helpers (.npy). */
import { npyBytes, readNpy } from '../../apps/word2vec/npy.js';
import { badCase, type BadCase } from './cases.js';

export const cases: BadCase[] = [
  badCase({
    name: 'npyBytes of a shape of another size',
    call: () => npyBytes(new Float32Array(3), [2, 2]),
    fn: 'npyBytes',
    arg: 'shape',
  }),
  badCase({
    name: 'npyBytes of a negative dimension',
    call: () => npyBytes(new Float32Array(0), [-1]),
    fn: 'npyBytes',
    arg: 'shape',
  }),
  badCase({
    name: 'npyBytes of a plain array',
    call: () => npyBytes([1, 2] as never, [2]),
    fn: 'npyBytes',
    arg: 'data',
  }),
  badCase({ name: 'npyBytes of null', call: () => npyBytes(null as never, [0]), fn: 'npyBytes', arg: 'data' }),
  badCase({ name: 'readNpy of text', call: () => readNpy(Buffer.from('hello world')), fn: 'readNpy', arg: 'file' }),
  badCase({ name: 'readNpy of undefined', call: () => readNpy(undefined as never), fn: 'readNpy', arg: 'file' }),
  badCase({
    name: 'readNpy of float64 data',
    call: () =>
      readNpy(Buffer.from(npyBytes(new Float32Array(1), [1]).toString('latin1').replace('<f4', '<f8'), 'latin1')),
    fn: 'readNpy',
    arg: 'file',
  }),
  badCase({
    name: 'readNpy cut short',
    call: () => readNpy(npyBytes(new Float32Array(4), [4]).subarray(0, 130)),
    fn: 'readNpy',
    arg: 'file',
  }),
];
