/**
 * The fused sampled-logits op against the same logits composed from the primitive ops
 * (each of which is gradchecked on its own): values and gradients agree.
 */
import { describe, expect, test } from 'vitest';
import {
  add,
  computeAccidentalHits,
  concat,
  embeddingLookup,
  log,
  matMul,
  mul,
  nceLoss,
  reshape,
  slice,
  sub,
  sum,
  tensor,
  TapegradError,
  transpose,
  valueAndGrads,
  type PartitionStrategy,
  type Tensor,
} from '../../src/index.js';
import { computeSampledLogits, type SampledLossOptions } from '../../src/nn/losses/sampled-logits.js';
import { arr, lcg, makeCase, matrix, rowSparse } from './helpers.js';

type Options = SampledLossOptions & { subtractLogQ?: boolean };

/** The reference: SPEC §1 built from embeddingLookup, mul, sum, matMul, add, sub and concat. */
function composed(o: Options): Tensor {
  const { inputs, labels, sampledValues: sv } = o;
  const [B, D] = inputs.shape,
    T = o.numTrue ?? 1,
    S = o.numSampled;
  const ids = tensor(
    Int32Array.from([...labels.dataSync(), ...sv!.sampledCandidates.dataSync()]),
    [B * T + S],
    'int32',
  );
  const lookup = { partitionStrategy: o.partitionStrategy ?? 'div' };
  const allW = embeddingLookup(o.weights, ids, lookup),
    allB = embeddingLookup(o.biases, ids, lookup);
  const trueW = reshape(slice(allW, [0, 0], [B * T, D]), [B, T, D]);
  let trueLogits = add(sum(mul(reshape(inputs, [B, 1, D]), trueW), 2), reshape(slice(allB, [0], [B * T]), [B, T]));
  let sampledLogits = add(
    matMul(inputs, slice(allW, [B * T, 0], [S, D]), { transposeB: true }),
    slice(allB, [B * T], [S]),
  );
  if (o.removeAccidentalHits) {
    const hits = computeAccidentalHits(labels, sv!.sampledCandidates, T);
    const mask = new Float64Array(B * S);
    const r = hits.indices.dataSync(),
      c = hits.ids.dataSync(),
      w = hits.weights.dataSync();
    for (let k = 0; k < r.length; k++) mask[r[k] * S + c[k]] = w[k];
    sampledLogits = add(sampledLogits, tensor(mask, [B, S], sampledLogits.dtype));
  }
  if (o.subtractLogQ ?? true) {
    trueLogits = sub(trueLogits, log(sv!.trueExpectedCount));
    sampledLogits = sub(sampledLogits, log(sv!.sampledExpectedCount));
  }
  return concat([trueLogits, sampledLogits], 1);
}

/** Shards of the rows of x (row c = class c) laid out for `strategy`: class c goes to shard owner(c). */
function shard(x: Tensor, P: number, strategy: PartitionStrategy): Tensor[] {
  const rows = x.toArray() as (number[] | number)[];
  const C = rows.length,
    q = Math.floor(C / P),
    r = C % P; // 'div': the first r shards hold q + 1
  const owner = (c: number) =>
    strategy === 'mod' ? c % P : c < r * (q + 1) ? Math.floor(c / (q + 1)) : r + Math.floor((c - r * (q + 1)) / q);
  return Array.from({ length: P }, (_, p) =>
    tensor(rows.filter((_, c) => owner(c) === p) as number[], undefined, x.dtype),
  );
}

/** Logits and the dense gradients of Σ logits ⊙ R with respect to inputs, weights, biases. */
function logitsAndGrads(make: (o: Options) => Tensor, o: Options) {
  const ws = o.weights instanceof Array ? o.weights : [o.weights],
    bs = o.biases instanceof Array ? o.biases : [o.biases];
  const P = ws.length;
  const r = lcg(9);
  let proj: Tensor | null = null; // a fixed random upstream gradient
  const { grads } = valueAndGrads(
    (x, ...wb) => {
      const z = make({ ...o, inputs: x, weights: wb.slice(0, P), biases: wb.slice(P) });
      proj ??= tensor(matrix(z.shape[0], z.shape[1], r), undefined, z.dtype);
      return sum(mul(z, proj));
    },
    [o.inputs, ...ws, ...bs],
  );
  const z = make(o);
  return { logits: arr(z), grads: grads.map(arr) };
}

const fused = (o: Options) => computeSampledLogits(o).logits;

describe('fused op == composed ops (float64)', () => {
  const configs: { T: number; P: number; strategy: PartitionStrategy; hits: boolean; logQ: boolean }[] = [
    { T: 1, P: 1, strategy: 'mod', hits: false, logQ: true },
    { T: 1, P: 1, strategy: 'mod', hits: true, logQ: true },
    { T: 2, P: 1, strategy: 'mod', hits: true, logQ: false },
    { T: 2, P: 3, strategy: 'mod', hits: true, logQ: true },
    { T: 2, P: 3, strategy: 'div', hits: false, logQ: true },
    { T: 1, P: 4, strategy: 'div', hits: true, logQ: true }, // 7 classes over 4 shards: 2, 2, 2, 1 rows
  ];
  for (const c of configs) {
    test(`numTrue ${c.T}, ${c.P} shard(s) '${c.strategy}', hits ${c.hits}, subtractLogQ ${c.logQ}`, () => {
      // sampled ids repeat (2 twice) and hit labels of both rows.
      const { t } = makeCase({ B: 3, C: 7, D: 4, T: c.T, sampled: [2, 0, 2, 3, 6] });
      const o: Options = {
        ...t,
        removeAccidentalHits: c.hits,
        subtractLogQ: c.logQ,
        partitionStrategy: c.strategy,
        weights: c.P === 1 ? t.weights : shard(t.weights, c.P, c.strategy),
        biases: c.P === 1 ? t.biases : shard(t.biases, c.P, c.strategy),
      };
      const a = logitsAndGrads(fused, o),
        b = logitsAndGrads(composed, o);
      a.logits.forEach((v, i) => expect(v).toBeCloseTo(b.logits[i], 12));
      a.grads.forEach((g, k) => g.forEach((v, i) => expect(v, `grad ${k} [${i}]`).toBeCloseTo(b.grads[k][i], 12)));
      if (c.hits) expect(a.logits.some((v) => v < -1e38)).toBe(true);
    });
  }
});

describe('fused op: dtypes and views', () => {
  const { t } = makeCase({ B: 3, C: 7, D: 4, T: 1, sampled: [5, 1, 0] });
  const f32 = (x: Tensor) => tensor(x.dataSync(), x.shape as number[], 'float32');
  test('float32 agrees with the composed ops to float32 precision; gradients keep each input dtype', () => {
    const o: Options = { ...t, weights: f32(t.weights), biases: f32(t.biases), inputs: f32(t.inputs) };
    const a = logitsAndGrads(fused, o),
      b = logitsAndGrads(composed, o);
    a.logits.forEach((v, i) => expect(Math.abs(v - b.logits[i])).toBeLessThan(1e-5 * (1 + Math.abs(v))));
    a.grads.forEach((g, k) =>
      g.forEach((v, i) => expect(Math.abs(v - b.grads[k][i])).toBeLessThan(1e-5 * (1 + Math.abs(v)))),
    );
    // float64 biases with float32 weights and inputs: float64 logits, as the composed add gives.
    const mixed: Options = { ...o, biases: t.biases };
    expect(fused(mixed).dtype).toBe(composed(mixed).dtype);
    expect(fused(mixed).dtype).toBe('float64');
    const w = tensor(t.weights.dataSync(), [7, 4], 'float32', { requiresGrad: true });
    const x = tensor(t.inputs.dataSync(), [3, 4], 'float64', { requiresGrad: true });
    const z = computeSampledLogits({ ...t, weights: w, inputs: x }).logits;
    expect(z.dtype).toBe('float64');
    sum(z).backward();
    expect(rowSparse(w.grad).dtype).toBe('float32');
    expect(x.grad?.dtype).toBe('float64');
  });
  test('transposed inputs and weights (strided views) give the contiguous result', () => {
    // m as a view: the transpose of a contiguous copy of mᵀ.
    const view = (m: Tensor) => transpose(tensor(transpose(m).toArray() as number[][], undefined, 'float64'));
    const o: Options = { ...t, inputs: view(t.inputs), weights: view(t.weights) };
    expect(o.inputs.isContiguous() || (o.weights as Tensor).isContiguous()).toBe(false);
    expect(arr(fused(o))).toEqual(arr(fused(t)));
  });
});

describe('fused op: bad shard layout is refused before anything is drawn', () => {
  test("weights shards of 3, 2, 1 rows are not a 'mod' layout of 6 classes", () => {
    const { t } = makeCase({ B: 2, C: 6, D: 3, T: 1, sampled: [1, 2] });
    const { sampledValues: _, ...rest } = t;
    let draws = 0;
    const seed = () => (draws++, 0.5);
    const o = {
      ...rest,
      weights: [slice(t.weights, [0, 0], [3, 3]), slice(t.weights, [3, 0], [2, 3]), slice(t.weights, [5, 0], [1, 3])],
      seed,
      partitionStrategy: 'mod' as const,
    };
    expect(() => nceLoss(o)).toThrow(TapegradError);
    expect(() => nceLoss(o)).toThrow("weights[0] must be 2 rows (6 ids over 3 shards, 'mod'), got 3 rows");
    expect(draws).toBe(0);
  });
});
