/** examples/micrograd.mjs runs as written, and its numbers match a backward pass done by hand. */
import { readFileSync } from 'node:fs';
import { afterEach, expect, test, vi } from 'vitest';

afterEach(() => vi.restoreAllMocks());

// The example's data and initial parameters, and its model's forward and backward by hand (float64).
const X = [
  [2, 3, -1],
  [3, -1, 0.5],
  [0.5, 1, 1],
  [1, 1, -1],
];
const Y = [1, -1, -1, 1];
const W1 = [
  [0.1, -0.2, 0.3, 0.4],
  [-0.5, 0.6, -0.7, 0.8],
  [0.9, -0.1, 0.2, -0.3],
];
const b1 = [0.01, -0.02, 0.03, -0.04];
const W2 = [0.5, -0.4, 0.3, -0.2];
const b2 = 0.1;

function byHand() {
  const H = X.map((x) => b1.map((b, j) => Math.tanh(x.reduce((s, v, k) => s + v * W1[k][j], b))));
  const out = H.map((h) => h.reduce((s, v, j) => s + v * W2[j], b2));
  const loss = out.reduce((s, o, i) => s + (o - Y[i]) ** 2, 0) / 4;
  const dOut = out.map((o, i) => (2 * (o - Y[i])) / 4); // ∂loss/∂out
  const dW2 = W2.map((_, j) => H.reduce((s, h, i) => s + h[j] * dOut[i], 0));
  const db2 = dOut.reduce((s, v) => s + v, 0);
  const dZ = H.map((h, i) => h.map((v, j) => dOut[i] * W2[j] * (1 - v * v))); // through tanh
  const dW1 = W1.map((row, k) => row.map((_, j) => X.reduce((s, x, i) => s + x[k] * dZ[i][j], 0)));
  const db1 = b1.map((_, j) => dZ.reduce((s, z) => s + z[j], 0));
  return { loss, dW1, db1, dW2: dW2.map((v) => [v]), db2: [db2] };
}

test('micrograd walk-through: graph, gradients equal to a hand backward pass, gradcheck ok, training fits', async () => {
  const logs: unknown[][] = [];
  vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => void logs.push(args));
  const example = '../../examples/micrograd.mjs'; // a path in a variable: the script has no types
  await import(/* @vite-ignore */ example);
  const said = (label: string) => logs.find((l) => l[0] === label)!;
  const hand = byHand();
  expect(said('loss:')[1] as number).toBeCloseTo(hand.loss, 12);
  for (const name of ['dW1', 'db1', 'dW2', 'db2'] as const) {
    const got = said(`dloss/${name}:`)[1] as number[] | number[][];
    const want = hand[name] as number[] | number[][];
    expect(got.flat().length).toBe(want.flat().length);
    got.flat().forEach((v, i) => expect(v).toBeCloseTo(want.flat()[i], 12));
  }
  expect(said('dloss/db2 by hand:')[1] as number).toBeCloseTo(hand.db2[0], 12);
  expect(said('gradcheck ok:')[1]).toBe(true);

  const dot = logs.find((l) => typeof l[0] === 'string' && l[0].startsWith('digraph tape {'))![0] as string;
  for (const label of ['W1', 'b1', 'W2', 'b2', 'x', 'y', 'tanh', 'matMul', 'square'])
    expect(dot).toContain(`label="${label}\\n`);
  expect(dot.match(/ -> /g)).toHaveLength(15);
  expect(readFileSync('out/micrograd/graph.dot', 'utf8')).toBe(dot);
  expect(readFileSync('out/micrograd/graph.svg', 'utf8')).toMatch(/^<svg [^>]*>[\s\S]*<\/svg>\n$/);

  const final = said('loss after 100 steps:')[1] as number;
  expect(final).toBeLessThan(hand.loss / 100);
  const preds = (said('predictions:')[1] as string[]).map(Number);
  preds.forEach((p, i) => expect(Math.sign(p)).toBe(Y[i]));
});
