// A micrograd-style walk-through: a two-layer model, the graph its loss records, the
// gradients backward() finds, one of them by hand, and gradcheck for all of them.
// Run: npm run build && node examples/micrograd.mjs   (writes out/micrograd/graph.{dot,svg})
import { mkdirSync, writeFileSync } from 'node:fs';
import { tensor, matMul, add, sub, tanh, square, mean, toDot, renderGraphSvg, gradcheck, SGD } from 'tapegrad';

// 1. Data: micrograd's four points and their targets ±1. float64, so gradcheck is exact.
const x = tensor(
  [
    [2, 3, -1],
    [3, -1, 0.5],
    [0.5, 1, 1],
    [1, 1, -1],
  ],
  undefined,
  'float64',
  { name: 'x' },
);
const y = tensor([[1], [-1], [-1], [1]], undefined, 'float64', { name: 'y' });

// 2. The model: 3 inputs -> 4 tanh units -> 1 output. Named leaves show up in the graph.
const param = (values, name) => tensor(values, undefined, 'float64', { requiresGrad: true, name });
const W1 = param(
  [
    [0.1, -0.2, 0.3, 0.4],
    [-0.5, 0.6, -0.7, 0.8],
    [0.9, -0.1, 0.2, -0.3],
  ],
  'W1',
);
const b1 = param([0.01, -0.02, 0.03, -0.04], 'b1');
const W2 = param([[0.5], [-0.4], [0.3], [-0.2]], 'W2');
const b2 = param([0.1], 'b2');
const params = [W1, b1, W2, b2];

// 3. Forward: h = tanh(x·W1 + b1), out = h·W2 + b2, loss = mean((out − y)²).
const model = (W1, b1, W2, b2) => add(matMul(tanh(add(matMul(x, W1), b1)), W2), b2);
const lossOf = (...ps) => mean(square(sub(model(...ps), y)));
const loss = lossOf(...params);
console.log('loss:', loss.item());

// 4. The graph the tape recorded: one node per op and per leaf (Graphviz DOT, and an SVG).
//    mean() shows as what it is made of: sum, then mul by the constant 1/4.
const dot = toDot(loss);
console.log(dot);
mkdirSync('out/micrograd', { recursive: true });
writeFileSync('out/micrograd/graph.dot', dot);
writeFileSync('out/micrograd/graph.svg', renderGraphSvg(loss));

// 5. Backward: every leaf gets ∂loss/∂leaf in .grad.
loss.backward();
for (const p of params) console.log(`dloss/d${p.name}:`, p.grad.toArray());

// 6. One gradient by hand: ∂loss/∂b2 = mean over the 4 points of 2·(out − y).
const out = model(...params)
  .toArray()
  .map((row) => row[0]);
const targets = y.toArray().map((row) => row[0]);
const byHand = out.reduce((s, o, i) => s + 2 * (o - targets[i]), 0) / out.length;
console.log('dloss/db2 by hand:', byHand);

// 7. gradcheck: the tape's gradients against central finite differences, every element.
const report = gradcheck(lossOf, params);
console.log('gradcheck ok:', report.ok, 'max abs error:', report.maxAbsError);

// 8. Train: 100 steps of gradient descent, as micrograd's demo does.
const opt = new SGD(params, { lr: 0.1 });
for (let step = 0; step < 100; step++) {
  opt.zeroGrad();
  lossOf(...params).backward();
  opt.step();
}
console.log('loss after 100 steps:', lossOf(...params).item());
console.log(
  'predictions:',
  model(...params)
    .toArray()
    .map((row) => row[0].toFixed(3)),
);
