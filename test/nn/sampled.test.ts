import { describe, expect, test } from 'vitest';
import {
  allCandidateSampler,
  fullSigmoidLoss,
  fullSoftmaxLoss,
  gradcheck,
  nceLoss,
  RowSparse,
  sampledSoftmaxLoss,
  sum,
  tensor,
  TapegradError,
  zeros,
  type Tensor,
} from '../../src/index.js';
import { computeSampledLogits } from '../../src/nn/losses/sampled-logits.js';
import { arr, makeCase, rowSparse } from './helpers.js';
import { refNce, refSampledSoftmax, sigmoidCE } from './reference.js';

describe('closed forms', () => {
  // W = 0, b = 0, expected counts 1: every logit is 0 (or −FLT_MAX where masked).
  const base = {
    weights: zeros([5, 3]),
    biases: zeros([5]),
    inputs: tensor([
      [1, 2, 3],
      [4, 5, 6],
    ]),
    numClasses: 5,
    numSampled: 2,
    labels: tensor([[0], [1]], undefined, 'int32'),
    sampledValues: {
      sampledCandidates: tensor([1, 4], undefined, 'int32'),
      trueExpectedCount: tensor([[1], [1]]),
      sampledExpectedCount: tensor([1, 1]),
    },
  };
  test('nceLoss of zero logits is (T+S)·ln 2', () => {
    const loss = nceLoss(base);
    for (const v of arr(loss)) expect(v).toBeCloseTo(3 * Math.LN2, 6);
  });
  test('nceLoss with a hit: the masked column adds sigmoidCE(−FLT_MAX, 0) = 0', () => {
    const loss = arr(nceLoss({ ...base, removeAccidentalHits: true }));
    expect(loss[0]).toBeCloseTo(3 * Math.LN2, 6);
    expect(loss[1]).toBeCloseTo(2 * Math.LN2, 6); // row 1's label 1 was sampled
  });
  test('sampledSoftmaxLoss of zero logits is ln(T+S), ln(T+S−hits) with hit removal (the default)', () => {
    expect(arr(sampledSoftmaxLoss({ ...base, removeAccidentalHits: false })).map((v) => v.toFixed(6))).toEqual(
      [Math.log(3), Math.log(3)].map((v) => v.toFixed(6)),
    );
    const loss = arr(sampledSoftmaxLoss(base));
    expect(loss[0]).toBeCloseTo(Math.log(3), 6);
    expect(loss[1]).toBeCloseTo(Math.log(2), 6);
  });
  test('log Q is subtracted: expected count e on the true class shifts its logit by −ln e', () => {
    const e = 0.25;
    const loss = arr(
      nceLoss({ ...base, sampledValues: { ...base.sampledValues, trueExpectedCount: tensor([[e], [e]]) } }),
    );
    expect(loss[0]).toBeCloseTo(sigmoidCE(-Math.log(e), 1) + 2 * Math.LN2, 6);
  });
});

describe('against the float64 reference (B=2, C=5, D=3)', () => {
  for (const T of [1, 3]) {
    for (const hits of [false, true]) {
      test(`numTrue ${T}, removeAccidentalHits ${hits}`, () => {
        // sampled ids 0..3 include labels of both rows, and a repeated id (2 twice).
        const { ref, t } = makeCase({ B: 2, C: 5, D: 3, T, sampled: [2, 0, 2, 3] });
        const nce = arr(nceLoss({ ...t, removeAccidentalHits: hits }));
        const ssm = arr(sampledSoftmaxLoss({ ...t, removeAccidentalHits: hits }));
        refNce(ref, hits).forEach((v, b) => expect(nce[b]).toBeCloseTo(v, 10));
        refSampledSoftmax(ref, hits).forEach((v, b) => expect(ssm[b]).toBeCloseTo(v, 10));
      });
    }
  }
  test('float32 tensors agree with the float64 reference to float32 precision', () => {
    const { ref, t } = makeCase({ B: 2, C: 5, D: 3, T: 1, sampled: [1, 4] });
    const f32 = (x: Tensor) => tensor(x.dataSync(), x.shape as number[], x.dtype === 'int32' ? 'int32' : 'float32');
    const t32 = { ...t, weights: f32(t.weights), biases: f32(t.biases), inputs: f32(t.inputs) };
    const loss = arr(sampledSoftmaxLoss(t32));
    refSampledSoftmax(ref).forEach((v, b) => expect(Math.abs(loss[b] - v) / Math.abs(v)).toBeLessThan(1e-5));
  });
});

describe('identities of SPEC §2 with the all-candidate sampler', () => {
  const C = 7;
  const { t } = makeCase({
    B: 3,
    C,
    D: 4,
    T: 2,
    sampled: [],
    labels: [
      [0, 3],
      [6, 1],
      [2, 5],
    ],
  });
  const all = allCandidateSampler({
    trueClasses: t.labels,
    numTrue: 2,
    numSampled: C,
    unique: true,
    rangeMax: C,
    seed: 0,
  });
  const o = { ...t, numSampled: C, sampledValues: all };
  test('sampledSoftmaxLoss == fullSoftmaxLoss, nceLoss == fullSigmoidLoss (hits removed)', () => {
    const full = arr(fullSoftmaxLoss(t)),
      fsig = arr(fullSigmoidLoss(t));
    arr(sampledSoftmaxLoss({ ...o, removeAccidentalHits: true })).forEach((v, b) => expect(v).toBeCloseTo(full[b], 10));
    arr(nceLoss({ ...o, removeAccidentalHits: true })).forEach((v, b) => expect(v).toBeCloseTo(fsig[b], 10));
  });
  test('without hit removal NCE adds sigmoidCE(true logit, 0) = softplus(true logit) per true column', () => {
    const { logits } = computeSampledLogits({ ...o });
    const L = logits.toArray() as number[][];
    const fsig = arr(fullSigmoidLoss(t));
    const extra = L.map((row) => row.slice(0, 2).reduce((s, x) => s + sigmoidCE(x, 0), 0));
    arr(nceLoss(o)).forEach((v, b) => expect(v).toBeCloseTo(fsig[b] + extra[b], 10));
  });
});

describe('gradients', () => {
  const { t } = makeCase({ B: 2, C: 6, D: 3, T: 2, sampled: [5, 1, 0, 2] });
  const shardsOf = (x: Tensor, sizes: number[]) => {
    const d = x.toArray() as number[][] | number[];
    let at = 0;
    return sizes.map((n) => tensor(d.slice(at, (at += n)) as number[], undefined, 'float64'));
  };
  for (const [name, loss] of [
    ['nceLoss', nceLoss],
    ['sampledSoftmaxLoss', sampledSoftmaxLoss],
  ] as const) {
    test(`${name}: gradcheck of weights, biases, inputs (single tensor)`, () => {
      const f = (w: Tensor, b: Tensor, x: Tensor) => loss({ ...t, weights: w, biases: b, inputs: x });
      const r = gradcheck(f, [t.weights, t.biases, t.inputs]);
      expect(r.ok, JSON.stringify(r.worst)).toBe(true);
    });
    for (const partitionStrategy of ['mod', 'div'] as const) {
      test(`${name}: gradcheck over 3 shards, '${partitionStrategy}'`, () => {
        // 6 classes over 3 shards of 2 rows: both layouts are valid, and differ.
        const ws = shardsOf(t.weights, [2, 2, 2]),
          bs = shardsOf(t.biases, [2, 2, 2]);
        const f = (w0: Tensor, w1: Tensor, w2: Tensor, b0: Tensor, b1: Tensor, b2: Tensor, x: Tensor) =>
          loss({ ...t, weights: [w0, w1, w2], biases: [b0, b1, b2], inputs: x, partitionStrategy });
        const r = gradcheck(f, [...ws, ...bs, t.inputs]);
        expect(r.ok, JSON.stringify(r.worst)).toBe(true);
      });
    }
  }
  test('the weight and bias gradients are row-sparse over labels ∪ sampled only', () => {
    const w = tensor(t.weights.dataSync(), [6, 3], 'float64', { requiresGrad: true });
    const b = tensor(t.biases.dataSync(), [6], 'float64', { requiresGrad: true });
    sum(nceLoss({ ...t, weights: w, biases: b })).backward();
    expect(w.grad).toBeInstanceOf(RowSparse);
    expect(b.grad).toBeInstanceOf(RowSparse);
    // labels [[0, 3], [2, 5]] ∪ sampled [5, 1, 0, 2]
    expect([...new Set(rowSparse(w.grad).ids)].sort()).toEqual([0, 1, 2, 3, 5]);
    expect(rowSparse(w.grad).ids.length).toBeLessThanOrEqual(2 * 2 + 4);
  });
  test('extreme logits (inputs × 60) give finite losses and gradients', () => {
    const { t: big } = makeCase({ B: 2, C: 5, D: 3, T: 1, sampled: [1, 2, 3], scale: 60 });
    for (const loss of [nceLoss, sampledSoftmaxLoss]) {
      const x = tensor(big.inputs.dataSync(), [2, 3], 'float32', { requiresGrad: true });
      const w = tensor(big.weights.dataSync(), [5, 3], 'float32', { requiresGrad: true });
      const l = loss({ ...big, inputs: x, weights: w, biases: tensor(big.biases.dataSync(), [5], 'float32') });
      expect(arr(l).every(Number.isFinite)).toBe(true);
      sum(l).backward();
      expect(arr(x.grad).every(Number.isFinite)).toBe(true);
      expect(arr(rowSparse(w.grad).values).every(Number.isFinite)).toBe(true);
    }
  });
});

describe('sampling', () => {
  const base = {
    weights: zeros([50, 4]),
    biases: zeros([50]),
    inputs: tensor([[1, 2, 3, 4]]),
    labels: tensor([[7]], undefined, 'int32'),
    numClasses: 50,
    numSampled: 8,
  };
  test('same seed, same loss bit for bit; another seed, another sample', () => {
    const w = tensor(
      Array.from({ length: 200 }, (_, i) => Math.sin(i)),
      [50, 4],
    );
    const o = { ...base, weights: w };
    expect(arr(nceLoss({ ...o, seed: 3 }))).toEqual(arr(nceLoss({ ...o, seed: 3 })));
    expect(arr(nceLoss({ ...o, seed: 3 }))).not.toEqual(arr(nceLoss({ ...o, seed: 4 })));
  });
  test('an empty batch gives an empty [0] loss', () => {
    const o = { ...base, inputs: zeros([0, 4]), labels: tensor(new Int32Array(0), [0, 1]) };
    expect(nceLoss(o).shape).toEqual([0]);
    expect(sampledSoftmaxLoss(o).shape).toEqual([0]);
  });
});

describe('bad input (SPEC §6): a TapegradError naming the argument, no state change', () => {
  const { t } = makeCase({ B: 2, C: 5, D: 3, T: 1, sampled: [1, 2] });
  const cases: [string, Record<string, unknown>, RegExp][] = [
    [
      'labels rank 1',
      { labels: tensor([0, 1], undefined, 'int32') },
      /labels must be an int32 tensor of shape \[B, numTrue\] = \[2, 1\], got int32 \[2\]/,
    ],
    [
      'labels not T columns',
      {
        labels: tensor(
          [
            [0, 1],
            [1, 2],
          ],
          undefined,
          'int32',
        ),
      },
      /labels must be an int32 tensor of shape \[B, numTrue\] = \[2, 1\]/,
    ],
    ['labels float', { labels: tensor([[0], [1]]) }, /labels must be an int32 tensor/],
    [
      'label out of range',
      { labels: tensor([[0], [5]], undefined, 'int32') },
      /labels \(element 1\) must be in \[0, 5\), got 5/,
    ],
    [
      'label batch 1 against inputs batch 2',
      { labels: tensor([[0]], undefined, 'int32') },
      /labels must be an int32 tensor of shape \[B, numTrue\] = \[2, 1\], got int32 \[1, 1\]/,
    ],
    [
      'sampled id out of range',
      { sampledValues: { ...t.sampledValues, sampledCandidates: tensor([1, -1], undefined, 'int32') } },
      /sampledCandidates \(element 1\) must be in \[0, 5\)/,
    ],
    [
      'sampled length',
      { sampledValues: { ...t.sampledValues, sampledCandidates: tensor([1, 2, 3], undefined, 'int32') } },
      /sampledCandidates must be an int32 tensor of shape \[numSampled\] = \[2\]/,
    ],
    [
      'true counts shape',
      { sampledValues: { ...t.sampledValues, trueExpectedCount: tensor([1, 1]) } },
      /trueExpectedCount must be a float32 or float64 tensor of shape \[2, 1\]/,
    ],
    [
      'NaN count',
      { sampledValues: { ...t.sampledValues, sampledExpectedCount: tensor([1, NaN]) } },
      /sampledExpectedCount \(element 1\) must be a finite expected count > 0, got NaN/,
    ],
    ['D mismatch', { inputs: zeros([2, 4], 'float64') }, /weights must be float \[numClasses, D\] = \[5, 4\]/],
    ['biases length', { biases: zeros([4], 'float64') }, /biases must be float \[numClasses\] = \[5\]/],
    [
      'shards of unequal D',
      { weights: [zeros([2, 3], 'float64'), zeros([3, 2], 'float64')] },
      /weights\[1\] must be a float64 shard of shape \[rows, 3\]/,
    ],
    ['numSampled 0', { numSampled: 0 }, /numSampled must be an integer in \[1, 2147483647\], got 0/],
    ['numClasses 0', { numClasses: 0 }, /numClasses must be an integer in \[1, 2147483648\], got 0/],
  ];
  for (const [name, patch, msg] of cases) {
    test(name, () => {
      for (const loss of [nceLoss, sampledSoftmaxLoss]) {
        expect(() => loss({ ...t, ...patch } as never)).toThrow(TapegradError);
        expect(() => loss({ ...t, ...patch } as never)).toThrow(msg);
      }
    });
  }
  test('unique sampling with numSampled > numClasses is an error', () => {
    const { sampledValues: _, ...rest } = t;
    expect(() => nceLoss({ ...rest, numSampled: 6 })).toThrow(TapegradError);
  });
  test('a rejected call neither advances the sampler stream nor touches parameters', () => {
    const { sampledValues: _, ...rest } = t;
    let draws = 0;
    const rng = () => (draws++, 0.5);
    const before = arr(rest.weights);
    expect(() => nceLoss({ ...rest, labels: tensor([[0], [9]], undefined, 'int32'), seed: rng })).toThrow(
      TapegradError,
    );
    expect(draws).toBe(0);
    expect(arr(rest.weights)).toEqual(before);
  });
});
