import { describe, expect, test } from 'vitest';
import {
  allCandidateSampler,
  embeddingLookup,
  fullSigmoidLoss,
  fullSoftmaxLoss,
  gradcheck,
  mul,
  nceLoss,
  sampledSoftmaxLoss,
  SGD,
  sum,
  tensor,
  TapegradError,
  type Tensor,
} from '../../src/index.js';
import { shardOf } from '../../src/nn/embedding.js';
import { arr, makeCase } from './helpers.js';

/** A fixed upstream gradient for a lookup of ids [2, 2] from rows of width 2. */
const weights = tensor(
  [
    [
      [0.3, -1],
      [2, 0.5],
    ],
    [
      [-0.7, 1.5],
      [0.1, 2],
    ],
  ],
  undefined,
  'float64',
);

describe('shard layouts (SPEC §3)', () => {
  test("'div': 13 ids over 5 shards are [[0,1,2],[3,4,5],[6,7,8],[9,10],[11,12]]", () => {
    const shards: number[][] = [[], [], [], [], []];
    for (let id = 0; id < 13; id++) {
      const [p, r] = shardOf(id, 5, 13, 'div');
      shards[p][r] = id;
    }
    expect(shards).toEqual([
      [0, 1, 2],
      [3, 4, 5],
      [6, 7, 8],
      [9, 10],
      [11, 12],
    ]);
  });
  test("'mod': id → shard id mod P, row floor(id / P)", () => {
    expect([0, 1, 2, 3, 4, 5, 6].map((id) => shardOf(id, 3, 7, 'mod'))).toEqual([
      [0, 0],
      [1, 0],
      [2, 0],
      [0, 1],
      [1, 1],
      [2, 1],
      [0, 2],
    ]);
  });
  test('lookup over shards returns the rows of the class each id names', () => {
    // Row i of shard p holds the class it stands for, as its value.
    const divShards = [
      [0, 1, 2],
      [3, 4, 5],
      [6, 7, 8],
      [9, 10],
      [11, 12],
    ].map((ids) => tensor(ids.map((c) => [c, -c])));
    const modShards = [0, 1, 2, 3, 4].map((p) => tensor([p, p + 5, p + 10].filter((c) => c < 13).map((c) => [c, -c])));
    const ids = tensor(
      [
        [12, 0],
        [7, 7],
        [3, 10],
      ],
      undefined,
      'int32',
    );
    const want = [12, 0, 7, 7, 3, 10].flatMap((c) => [c, -c]);
    expect(arr(embeddingLookup(divShards, ids, { partitionStrategy: 'div' }))).toEqual(want);
    expect(arr(embeddingLookup(modShards, ids, { partitionStrategy: 'mod' }))).toEqual(want);
    expect(embeddingLookup(modShards, ids, { partitionStrategy: 'mod' }).shape).toEqual([3, 2, 2]);
    // The default is 'div' (TensorFlow 2's only layout).
    expect(arr(embeddingLookup(divShards, ids))).toEqual(want);
  });
  test("gradcheck of the lookup over 2 shards, 'mod' and 'div', ids repeated", () => {
    const ids = tensor(
      [
        [4, 0],
        [4, 3],
      ],
      undefined,
      'int32',
    );
    const shard = (v: number[][]) => tensor(v, undefined, 'float64');
    for (const partitionStrategy of ['mod', 'div'] as const) {
      const f = (a: Tensor, b: Tensor) => mul(embeddingLookup([a, b], ids, { partitionStrategy }), weights);
      const r = gradcheck(f, [
        shard([
          [1, -2],
          [0.5, 3],
          [2, 0],
        ]),
        shard([
          [-1, 4],
          [0.25, -0.5],
        ]),
      ]);
      expect(r.ok, JSON.stringify(r.worst)).toBe(true);
    }
  });
  test('errors: id out of range, shards not laid out for the strategy', () => {
    const shards = [tensor([[1], [2], [3]]), tensor([[4]])];
    expect(() => embeddingLookup(shards, tensor([4], undefined, 'int32'))).toThrow(
      /ids \(element 0\) must be in \[0, 4\)/,
    );
    expect(() => embeddingLookup(shards, tensor([3], undefined, 'int32'), { partitionStrategy: 'mod' })).toThrow(
      TapegradError,
    );
    // 4 ids over 2 shards: 'mod' wants 2 + 2 rows, 'div' 2 + 2 as well; 3 + 1 is neither.
    expect(() => embeddingLookup(shards, tensor([0], undefined, 'int32'), { partitionStrategy: 'div' })).toThrow(
      "params[0] must be 2 rows (4 ids over 2 shards, 'div'), got 3 rows",
    );
  });
});

describe('sharded losses against the full path', () => {
  // 10 classes in 3 shards of 4, 3, 3 rows (the 'div' layout); the same classes in 'mod'.
  const C = 10;
  const { t } = makeCase({ B: 2, C, D: 3, T: 1, sampled: [], labels: [[4], [9]] });
  const W = t.weights.toArray() as number[][],
    b = t.biases.toArray() as number[];
  const div = (rows: number[][] | number[]) =>
    [rows.slice(0, 4), rows.slice(4, 7), rows.slice(7)].map((r) => tensor(r as number[], undefined, 'float64'));
  const mod = (rows: number[][] | number[]) =>
    [0, 1, 2].map((p) => tensor(rows.filter((_, c) => c % 3 === p) as number[], undefined, 'float64'));
  const all = allCandidateSampler({
    trueClasses: t.labels,
    numTrue: 1,
    numSampled: C,
    unique: true,
    rangeMax: C,
    seed: 0,
  });
  const sampled = { ...t, numSampled: C, sampledValues: all, removeAccidentalHits: true };
  const close = (a: Tensor, b: Tensor) => arr(a).forEach((v, i) => expect(v).toBeCloseTo(arr(b)[i], 10));

  test("shards in 'div' and the full losses (default 'div') agree; one tensor gives the same", () => {
    const o = { ...sampled, weights: div(W), biases: div(b), partitionStrategy: 'div' as const };
    close(nceLoss(o), fullSigmoidLoss({ ...t, weights: div(W), biases: div(b) }));
    close(sampledSoftmaxLoss(o), fullSoftmaxLoss({ ...t, weights: div(W), biases: div(b) }));
    close(fullSoftmaxLoss({ ...t, weights: div(W), biases: div(b) }), fullSoftmaxLoss(t));
  });
  test("shards in 'mod' agree with the full losses given 'mod'; read as 'div' they are other classes", () => {
    const o = { ...sampled, weights: mod(W), biases: mod(b), partitionStrategy: 'mod' as const };
    close(nceLoss(o), fullSigmoidLoss({ ...t, weights: mod(W), biases: mod(b), partitionStrategy: 'mod' }));
    close(nceLoss(o), fullSigmoidLoss(t));
    expect(arr(fullSigmoidLoss({ ...t, weights: mod(W), biases: mod(b) }))).not.toEqual(arr(fullSigmoidLoss(t)));
  });
});

describe("default options: 'div' in training and in eval", () => {
  // 10 classes over 3 shards of 4, 3, 3 rows: a layout both 'mod' and 'div' accept, so only
  // the default decides which class each row is.
  const { t } = makeCase({ B: 2, C: 10, D: 3, T: 1, sampled: [], labels: [[4], [9]] });
  const W = t.weights.toArray() as number[][],
    b = t.biases.toArray() as number[];
  const leaf = (v: number[][] | number[]) => tensor(v, undefined, 'float64', { requiresGrad: true });
  const blocks = <X>(v: X[]) => [v.slice(0, 4), v.slice(4, 7), v.slice(7)];
  const cases = [
    ['nceLoss', nceLoss, fullSigmoidLoss],
    ['sampledSoftmaxLoss', sampledSoftmaxLoss, fullSoftmaxLoss],
  ] as const;
  for (const [name, loss, full] of cases) {
    test(`${name} on shards trains the rows that ${full.name} reads, as one matrix would`, () => {
      const shards = { weights: blocks(W).map(leaf), biases: blocks(b).map(leaf) };
      const single = { weights: leaf(W), biases: leaf(b) };
      for (const model of [shards, single]) {
        const params = [model.weights, model.biases].flat();
        const opt = new SGD(params, { lr: 0.5 });
        for (let step = 0; step < 5; step++) {
          opt.zeroGrad();
          sum(loss({ ...t, ...model, sampledValues: undefined, numSampled: 4, seed: step })).backward();
          opt.step();
        }
      }
      const concatRows = (ts: Tensor[]) => ts.flatMap((s) => arr(s));
      expect(concatRows(shards.weights)).toEqual(arr(single.weights));
      expect(concatRows(shards.biases)).toEqual(arr(single.biases));
      expect(arr(single.weights)).not.toEqual(W.flat()); // the model did train
      expect(arr(full({ ...t, ...shards }))).toEqual(arr(full({ ...t, ...single })));
    });
  }
});
