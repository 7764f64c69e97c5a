/**
 * TensorFlow.js 4.x as the peer of every case, on its two backends that run in Node without
 * a native binary: 'cpu' (plain JS) and 'wasm' (XNNPACK, SIMD, one thread in Node). The wasm
 * binaries ship in @tensorflow/tfjs-backend-wasm's dist/ folder; `setWasmPaths` points there.
 */
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { createRequire } from 'node:module';
import path from 'node:path';

export { tf };

/** The peers, in the order the tables show them. */
export const BACKENDS = ['cpu', 'wasm'] as const;
export type Backend = (typeof BACKENDS)[number];

let ready = false;

/** Registers the wasm binaries' folder (once) and turns on tfjs' production mode. */
function init(): void {
  if (ready) return;
  const require = createRequire(import.meta.url);
  const dist =
    path.join(path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist') + path.sep;
  setWasmPaths(dist);
  tf.enableProdMode(); // tfjs at its fastest: no debug checks, no banner suggesting tfjs-node
  ready = true;
}

/** Makes `backend` the active one (awaiting the wasm module's start-up the first time). */
export async function useBackend(backend: Backend): Promise<void> {
  init();
  if (!(await tf.setBackend(backend))) throw new Error(`tfjs backend '${backend}' failed to initialise`);
  await tf.ready();
}

/** A tfjs float32 tensor holding a copy of `data` with `shape`. */
export const tfFloat = (data: Float32Array, shape: number[]): tf.Tensor => tf.tensor(data, shape, 'float32');

/** A tfjs int32 tensor holding a copy of `data` with `shape`. */
export const tfInt = (data: Int32Array, shape: number[]): tf.Tensor => tf.tensor(data, shape, 'int32');

/** The wasm backend's features as detected in this process (e.g. "SIMD, 1 thread"). */
export async function wasmFeatures(): Promise<string> {
  init();
  const simd = await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT');
  const threads = await tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT');
  return `${simd ? 'SIMD' : 'no SIMD'}, ${threads ? 'multi-threaded' : '1 thread'}`;
}
