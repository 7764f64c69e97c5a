import { afterEach, describe, expect, test } from 'vitest';
import { codegenEnabled, setCodegen, tensor, type Tensor } from '../../src/index.js';
import { assign, binary } from '../../src/tensor/adapter.js';
import { allocate } from '../../src/tensor/dtype.js';
import { sumAxes } from '../../src/tensor/reduce.js';
import { broadcastView, sliceView, transposeView } from '../../src/tensor/views.js';

/** Deterministic awkward values (not exactly representable sums) in a [4, 5, 3] float32 tensor. */
const base = () =>
  tensor(
    Array.from({ length: 60 }, (_, i) => Math.sin(i * 1.7) * 10 ** ((i % 5) - 2)),
    [4, 5, 3],
  );
const strided = (t: Tensor) => sliceView(transposeView(t, [2, 0, 1]), [1, 1, 0], [2, 3, 4]); // [2, 3, 4], no unit strides
const bcast = () => broadcastView(tensor([0.1, -0.3, 0.7, 1e-3]), [2, 3, 4]);

function run(): number[][] {
  const out: number[][] = [];
  const a = strided(base()),
    b = bcast();
  const dst = tensor(new Float32Array(24), [2, 3, 4]);
  assign(dst, a);
  out.push(Array.from(dst.data));
  for (const name of ['add', 'sub', 'mul', 'div', 'max', 'min'] as const) {
    const o = tensor(allocate('float32', 24) as Float32Array, [2, 3, 4]);
    binary(name, o, a, b);
    out.push(Array.from(o.data));
  }
  for (const axes of [[0], [1], [0, 2], [2]])
    out.push(Array.from(sumAxes(a, axes).data), Array.from(sumAxes(b, axes).data));
  return out;
}

describe('strict-CSP fallback', () => {
  afterEach(() => setCodegen(true));

  test('code generation is available under Node', () => expect(codegenEnabled()).toBe(true));

  test('setCodegen(false) gives bit-identical assign / binary / sum on strided and broadcast views', () => {
    const withCodegen = run();
    setCodegen(false);
    expect(codegenEnabled()).toBe(false);
    const withLoops = run();
    setCodegen(true);
    expect(codegenEnabled()).toBe(true);
    expect(withLoops).toEqual(withCodegen);
    // and the values are the right ones: the strided view read element by element
    const a = strided(base()).toArray() as number[][][];
    expect(withLoops[0]).toEqual(a.flat(2));
  });
});
