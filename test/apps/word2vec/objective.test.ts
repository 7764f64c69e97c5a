/**
 * The word2vec objectives on the planted corpus: negative sampling and NCE with the
 * unigram sampler learn the topics and beat the unigram baseline (negative sampling with SGD
 * through the fused negativeSamplingSgd, with Adagrad through the tape); a negative-sampling
 * step matches the loss and gradient written out by hand, and both paths agree on it; same
 * seed, same bits.
 */
import { describe, expect, it } from 'vitest';
import { SGD, Tensor, makeRng, tensor } from '../../../src/index.js';
import { trainStep, type Model } from '../../../apps/word2vec/model.js';
import { Noise } from '../../../apps/word2vec/noise.js';
import { train } from '../../../apps/word2vec/train.js';
import { sink, smallRun, tempDir } from './synthetic.js';

const run = (settings: ReturnType<typeof smallRun>, out: string) =>
  train(
    { settings, given: new Set(), out, probes: ['t0w0'], resume: false, quiet: true },
    { out: sink(), err: sink() },
  );

describe('word2vec objectives', () => {
  it('negative-sampling and nce --sampler unigram learn the planted topics', async () => {
    const dir = tempDir('tg-ns-');
    for (const over of [
      { loss: 'negative-sampling', optimizer: 'sgd', lr: 2 },
      { loss: 'negative-sampling', optimizer: 'adagrad' },
      { loss: 'nce', sampler: 'unigram' },
    ] as const) {
      const name = `${over.loss}-${'optimizer' in over ? over.optimizer : 'default'}`;
      const r = await run(smallRun(dir, { ...over, epochs: 3 }), `${dir}/${name}`);
      const s = r.summary as { end: { heldOutSoftmax: number }; baseline: { unigramCrossEntropy: number } };
      expect(s.end.heldOutSoftmax, over.loss).toBeLessThan(s.baseline.unigramCrossEntropy - 0.5);
      const nn = (r.summary as { neighbours: Record<string, { word: string }[]> }).neighbours.t0w0;
      expect(
        nn.slice(0, 7).every((n) => n.word.startsWith('t0')),
        over.loss,
      ).toBe(true);
    }
  });

  it('one negative-sampling step: loss and SGD update as written out by hand', () => {
    // V = 3 words, D = 2, one pair (center 0, context 1), K = 2 negatives drawn from the noise.
    const noise = new Noise([5, 3, 2], 0.75);
    const seed = 'hand';
    const cand = new Int32Array(3);
    noise.negatives(Int32Array.from([1]), 2, makeRng(seed), cand);
    const E = [0.5, -1, 0.25, 0.75, 1, 1],
      W = [0.2, 0.1, -0.3, 0.4, 0.6, -0.5];
    const m: Model = {
      emb: tensor(E, [3, 2], 'float32', { requiresGrad: true }),
      w: tensor(W, [3, 2], 'float32', { requiresGrad: true }),
      b: tensor([0, 0, 0], [3], 'float32', { requiresGrad: true }),
    };
    const lr = 0.1;
    const loss = trainStep(
      m,
      { centers: Int32Array.from([0]), contexts: Int32Array.from([1]) },
      { loss: 'negative-sampling', numSampled: 1, negatives: 2, noise },
      new SGD([m.emb, m.w, m.b], { lr }),
      seed,
    );
    // By hand (float64): s_j = ⟨E[0], W[cand_j]⟩, loss = −log σ(s_0) − Σ_{j ≥ 1} log σ(−s_j) (a
    // negative equal to the context counts 0); ∂s_0 = σ(s_0) − 1, ∂s_j = σ(s_j).
    const h = [E[0], E[1]];
    const row = (k: number) => [W[2 * k], W[2 * k + 1]];
    const sig = (x: number) => 1 / (1 + Math.exp(-x));
    let want = 0;
    const gE = [0, 0],
      gW = [0, 0, 0, 0, 0, 0];
    cand.forEach((k, j) => {
      if (j > 0 && k === 1) return;
      const u = row(k),
        s = h[0] * u[0] + h[1] * u[1];
      want += j === 0 ? -Math.log(sig(s)) : -Math.log(sig(-s));
      const g = j === 0 ? sig(s) - 1 : sig(s);
      for (let d = 0; d < 2; d++) ((gE[d] += g * u[d]), (gW[2 * k + d] += g * h[d]));
    });
    expect(loss).toBeCloseTo(want, 5);
    const e = m.emb.dataSync(),
      w = m.w.dataSync();
    for (let d = 0; d < 2; d++) expect(e[d]).toBeCloseTo(E[d] - lr * gE[d], 6);
    for (let i = 0; i < 6; i++) expect(w[i]).toBeCloseTo(W[i] - lr * gW[i], 6);
    expect(Array.from(e.slice(2))).toEqual(Array.from(Float32Array.from(E.slice(2)))); // other rows untouched
    expect(Array.from(m.b.dataSync())).toEqual([0, 0, 0]); // no bias in the objective
  });

  it('the fused step (SGD) and the tape step (SGD with momentum: its first step is plain SGD) agree', () => {
    const noise = new Noise([9, 5, 3, 2, 1], 0.75);
    const r = makeRng('init');
    const init = Array.from({ length: 30 }, () => r() - 0.5);
    const batch = { centers: Int32Array.from([3]), contexts: Int32Array.from([1]) };
    const cand = new Int32Array(3);
    noise.negatives(batch.contexts, 2, makeRng('agree3'), cand);
    expect(new Set(cand).size, 'distinct candidates (else the fused step sees a row twice)').toBe(3);
    const after = (momentum: number) => {
      const t = (v: number[], shape: number[]) => tensor(v, shape, 'float32', { requiresGrad: true });
      const m: Model = { emb: t(init.slice(0, 15), [5, 3]), w: t(init.slice(15), [5, 3]), b: t([0, 0, 0, 0, 0], [5]) };
      const loss = trainStep(
        m,
        batch,
        { loss: 'negative-sampling', numSampled: 1, negatives: 2, noise },
        new SGD([m.emb, m.w, m.b], { lr: 0.5, momentum }),
        'agree3',
      );
      return { loss, e: Array.from(m.emb.dataSync()), w: Array.from(m.w.dataSync()) };
    };
    const fused = after(0),
      tape = after(0.9);
    expect(fused.loss).toBeCloseTo(tape.loss, 6);
    fused.e.forEach((v, i) => expect(v, `E ${i}`).toBeCloseTo(tape.e[i], 6));
    fused.w.forEach((v, i) => expect(v, `W ${i}`).toBeCloseTo(tape.w[i], 6));
    expect(fused.e).not.toEqual(init.slice(0, 15)); // it trained
  });

  it('tensors over SharedArrayBuffers train bit for bit like ordinary ones', () => {
    const noise = new Noise([9, 5, 3, 2, 1], 0.75);
    const make = (shared: boolean): Model => {
      const t = (v: number[], shape: number[]) => {
        const data = shared ? new Float32Array(new SharedArrayBuffer(v.length * 4)) : new Float32Array(v.length);
        data.set(v);
        const x = new Tensor(data, shape);
        x.requiresGrad = true;
        return x;
      };
      const r = makeRng('init');
      return {
        emb: t(
          Array.from({ length: 15 }, () => r() - 0.5),
          [5, 3],
        ),
        w: t(
          Array.from({ length: 15 }, () => r() - 0.5),
          [5, 3],
        ),
        b: t([0, 0, 0, 0, 0], [5]),
      };
    };
    const [a, b] = [make(false), make(true)];
    expect(b.emb.data.buffer).toBeInstanceOf(SharedArrayBuffer);
    for (const m of [a, b]) {
      const opt = new SGD([m.emb, m.w, m.b], { lr: 0.5 });
      for (let step = 0; step < 5; step++) {
        const batch = { centers: Int32Array.from([0, 1, 2, 3]), contexts: Int32Array.from([1, 2, 3, 4]) };
        trainStep(m, batch, { loss: 'negative-sampling', numSampled: 1, negatives: 3, noise }, opt, `s${step}`);
      }
    }
    expect(Array.from(b.emb.data)).toEqual(Array.from(a.emb.data));
    expect(Array.from(b.w.data)).toEqual(Array.from(a.w.data));
  });
});
