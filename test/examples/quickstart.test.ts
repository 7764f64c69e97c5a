/** The README's API snippet is examples/quickstart.mjs, and it runs with the numbers it claims. */
import { readFileSync } from 'node:fs';
import { afterEach, expect, test, vi } from 'vitest';

const root = new URL('../../', import.meta.url);
const read = (p: string) => readFileSync(new URL(p, root), 'utf8');

afterEach(() => vi.restoreAllMocks());

test('the README shows examples/quickstart.mjs verbatim', () => {
  const readme = read('README.md');
  const block = readme.slice(readme.indexOf('`examples/quickstart.mjs`')).match(/```js\n([\s\S]*?)```/);
  expect(block?.[1].trim()).toBe(read('examples/quickstart.mjs').trim());
});

test('quickstart runs: its gradient matches the closed form, gradcheck passes, NCE training lowers the full-softmax loss', async () => {
  const logs: unknown[][] = [];
  vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => void logs.push(args));
  const example = '../../examples/quickstart.mjs'; // a path in a variable: the script has no types
  await import(/* @vite-ignore */ example);
  const [grad, check, evalLine] = logs;
  // loss = mean(σ(x·w)) over 4 entries: ∂loss/∂w = xᵀ · (σ'(x·w) / 4), with σ' = σ(1 − σ).
  const x = [
      [1, 2],
      [3, 4],
    ],
    w = [
      [0.5, -1],
      [2, 0.25],
    ];
  const s = (v: number) => 1 / (1 + Math.exp(-v));
  const dz = x.map((row) =>
    [0, 1].map((j) => {
      const z = row[0] * w[0][j] + row[1] * w[1][j];
      return (s(z) * (1 - s(z))) / 4;
    }),
  );
  const want = [0, 1].map((i) => [0, 1].map((j) => x[0][i] * dz[0][j] + x[1][i] * dz[1][j]));
  (grad[1] as number[][]).forEach((row, i) => row.forEach((v, j) => expect(v).toBeCloseTo(want[i][j], 6)));
  expect(check).toEqual(['gradcheck ok:', true]);
  const [, loss, , lnC] = evalLine as [string, string, string, string];
  expect(Number(lnC)).toBeCloseTo(Math.log(10_000), 3);
  expect(Number(loss)).toBeLessThan(Number(lnC) - 1); // 50 NCE steps on 64 fixed examples
});
