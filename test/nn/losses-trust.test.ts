// Issue 10 §2 for the losses: errors name the loss and its own argument, options of the wrong
// type and expected counts that are not finite and > 0 are refused, and an empty batch trains.
import { describe, expect, test } from 'vitest';
import {
  fullSigmoidLoss,
  fullSoftmaxLoss,
  nceLoss,
  sampledSoftmaxLoss,
  SGD,
  sigmoidCrossEntropyWithLogits,
  softmaxCrossEntropyWithLogits,
  sparseSoftmaxCrossEntropyWithLogits,
  sum,
  tensor,
  zeros,
  type Tensor,
} from '../../src/index.js';
import { computeSampledLogits } from '../../src/nn/losses/sampled-logits.js';
import { arr, makeCase, refusal } from './helpers.js';

const { t } = makeCase({ B: 2, C: 10, D: 3, T: 1, sampled: [1, 2] });
const sampledLosses = { nceLoss, sampledSoftmaxLoss, computeSampledLogits } as const;

describe('a loss names itself and its own argument, not an internal callee', () => {
  for (const [name, loss] of Object.entries(sampledLosses)) {
    test(`${name}({ numSampled: 11, numClasses: 10 }) without sampledValues`, () => {
      const { sampledValues: _, ...rest } = t;
      const e = refusal(() => loss({ ...rest, numSampled: 11 }));
      expect(e.message).toBe(
        `${name}: numSampled must be at most numClasses = 10 (the default sampler draws distinct classes), got 11`,
      );
    });
  }
});

describe('options of the wrong type are refused', () => {
  const wrong: [string, Record<string, unknown>][] = [
    ['removeAccidentalHits', { removeAccidentalHits: 'false' }],
    ['removeAccidentalHits', { removeAccidentalHits: 0 }],
    ['subtractLogQ', { subtractLogQ: 'yes' }],
    ['partitionStrategy', { partitionStrategy: 'DIV' }],
    ['numTrue', { numTrue: '1' }],
    ['numSampled', { numSampled: '2' }],
    ['numClasses', { numClasses: 10.5 }],
    ['seed', { seed: {} }],
    ['sampledValues', { sampledValues: null }],
    ['weights', { weights: [] }],
    ['weights[1]', { weights: [t.weights, 'rows'] }],
    ['biases[0]', { biases: [1, 2] }],
    ['inputs', { inputs: [[1, 2, 3]] }],
    ['options', null as never],
  ];
  for (const [name, loss] of Object.entries(sampledLosses)) {
    test(`${name}: each names its argument`, () => {
      for (const [arg, patch] of wrong) {
        const o = patch === null ? null : { ...t, ...patch };
        expect(refusal(() => loss(o as never)).arg, JSON.stringify(patch)).toBe(arg);
      }
    });
  }
  for (const full of [fullSigmoidLoss, fullSoftmaxLoss]) {
    test(`${full.name}: options of the wrong type`, () => {
      expect(refusal(() => full({ ...t, partitionStrategy: 'Div' as never })).arg).toBe('partitionStrategy');
      expect(refusal(() => full({ ...t, numTrue: true as never })).arg).toBe('numTrue');
      expect(refusal(() => full(undefined as never)).arg).toBe('options');
    });
  }
});

describe('expected counts must be finite and > 0 (their log is taken)', () => {
  for (const bad of [0, -1, Infinity, -Infinity, NaN]) {
    test(`a count of ${bad}`, () => {
      for (const [which, shape] of [
        ['trueExpectedCount', [2, 1]],
        ['sampledExpectedCount', [2]],
      ] as const) {
        const counts = tensor([1, bad], shape, 'float64');
        const o = { ...t, sampledValues: { ...t.sampledValues, [which]: counts } };
        for (const [name, loss] of Object.entries(sampledLosses)) {
          const e = refusal(() => loss(o));
          expect(e.fn).toBe(name);
          expect(e.message).toBe(
            `${name}: sampledValues.${which} (element 1) must be a finite expected count > 0, got ${bad}`,
          );
        }
      }
    });
  }
});

describe('an empty batch (B = 0): an empty loss whose backward gives zero gradients', () => {
  const leaf = (x: Tensor) => {
    x.requiresGrad = true;
    return x;
  };
  const model = () => ({
    weights: [leaf(zeros([5, 3])), leaf(zeros([5, 3]))],
    biases: [leaf(zeros([5])), leaf(zeros([5]))],
    inputs: leaf(zeros([0, 3])),
    labels: tensor(new Int32Array(0), [0, 2]),
    numClasses: 10,
    numTrue: 2,
    numSampled: 4,
  });
  const losses = { nceLoss, sampledSoftmaxLoss, fullSigmoidLoss, fullSoftmaxLoss };
  for (const [name, loss] of Object.entries(losses)) {
    test(`${name}: sum(loss).backward() works, no gradient is non-zero, an SGD step changes nothing`, () => {
      const m = model();
      const l = loss(m);
      expect(l.shape).toEqual([0]);
      sum(l).backward();
      expect(m.inputs.grad?.toDense().shape).toEqual([0, 3]);
      const params = [...m.weights, ...m.biases];
      for (const p of params) {
        const g = p.grad;
        if (g === null) continue; // a shard no id reached
        expect(arr(g).every((v) => v === 0)).toBe(true);
      }
      expect(params.some((p) => p.grad !== null)).toBe(true);
      new SGD(params, { lr: 1 }).step();
      for (const p of params) expect(arr(p).every((v) => v === 0)).toBe(true);
    });
  }
});

describe('the cross-entropies refuse a missing or non-tensor argument (a raw TypeError before)', () => {
  const logits = tensor([[0.5, -1]]);
  test('sigmoid, softmax and sparse softmax', () => {
    expect(refusal(() => sigmoidCrossEntropyWithLogits({ logits } as never)).arg).toBe('labels');
    expect(refusal(() => sigmoidCrossEntropyWithLogits(undefined as never)).arg).toBe('options');
    expect(refusal(() => softmaxCrossEntropyWithLogits({ labels: [[1, 0]], logits } as never)).arg).toBe('labels');
    expect(refusal(() => softmaxCrossEntropyWithLogits({ labels: logits, logits, axis: '1' } as never)).arg).toBe(
      'axis',
    );
    expect(refusal(() => sparseSoftmaxCrossEntropyWithLogits({ labels: tensor([0], [1], 'int32') } as never)).arg).toBe(
      'logits',
    );
    expect(refusal(() => sparseSoftmaxCrossEntropyWithLogits({ labels: tensor([0]), logits })).arg).toBe('labels');
  });
});
