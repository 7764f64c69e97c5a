import { tensor, randomNormal, zeros, sum, mean, matMul, sigmoid, gradcheck, nceLoss, fullSoftmaxLoss, noGrad, SGD } from 'tapegrad';

// 1. A tiny model, its loss, backward(), and a gradient check.
const w = tensor([[0.5, -1], [2, 0.25]], { requiresGrad: true });
const x = tensor([[1, 2], [3, 4]]);
const loss = mean(sigmoid(matMul(x, w)));
loss.backward();
console.log('dloss/dw =', w.grad.toArray());
console.log('gradcheck ok:', gradcheck((w) => mean(sigmoid(matMul(x, w))), [w]).ok);

// 2. Train with NCE over 10,000 classes, evaluate with the full softmax.
const C = 10_000, D = 32, B = 64;
const weights = randomNormal([C, D], 0, 0.1, 'float32', 1); weights.requiresGrad = true;
const biases = zeros([C]); biases.requiresGrad = true;
const inputs = randomNormal([B, D], 0, 1, 'float32', 2);
const labels = tensor(Int32Array.from({ length: B }, (_, i) => (i * 37) % C), [B, 1]);
const opt = new SGD([weights, biases], { lr: 0.5 });
for (let step = 0; step < 50; step++) {
  opt.zeroGrad();
  sum(nceLoss({ weights, biases, labels, inputs, numSampled: 64, numClasses: C, seed: step })).backward();
  opt.step(); // row-sparse: touches only the labelled and sampled rows
}
const evalLoss = noGrad(() => mean(fullSoftmaxLoss({ weights, biases, labels, inputs, numClasses: C })));
console.log('held-in full-softmax loss:', evalLoss.item().toFixed(3), 'vs ln C =', Math.log(C).toFixed(3));
