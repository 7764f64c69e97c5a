import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { epochBatches, prepareData, trainingSentences, type DataOptions } from '../../../apps/word2vec/data.js';
import { plantedCorpus, tempDir } from './synthetic.js';

describe('data pipeline', () => {
  const dir = tempDir('tg-data-');
  const path = join(dir, 'c.txt');
  writeFileSync(path, plantedCorpus(200));
  const o: DataOptions = {
    source: { kind: 'file', path },
    maxWords: Infinity,
    minCount: 1,
    sample: 0,
    window: 2,
    heldOut: 0.1,
    evalPairs: 300,
    seed: 3,
  };

  it('holds sentences out, counts only the training ones, caps the evaluation pairs', async () => {
    const d = await prepareData(o);
    expect(d.trainSentences + d.heldOutSentences).toBe(200);
    expect(d.heldOutSentences).toBeGreaterThan(5);
    expect(d.vocab.total).toBe(10 * d.trainSentences);
    expect(d.vocab.size).toBe(32);
    expect(d.heldOut.centers.length).toBe(300);
    // Planted structure: every held-out pair stays within one topic.
    for (let i = 0; i < 300; i++)
      expect(d.vocab.words[d.heldOut.centers[i]][1]).toBe(d.vocab.words[d.heldOut.contexts[i]][1]);
    const again = await prepareData(o);
    expect(again.heldOut).toEqual(d.heldOut);
  });

  it('an epoch: same seed and epoch, same batches; word progress rises smoothly to the total', async () => {
    const d = await prepareData(o);
    const read = async (epoch: number) => {
      const out = [];
      for await (const b of epochBatches(d, o, 16, 1 << 20, epoch)) out.push(b);
      return out;
    };
    const a = await read(0);
    expect(await read(0)).toEqual(a);
    expect((await read(1))[0].centers).not.toEqual(a[0].centers);
    // One buffer holds the whole epoch, yet progress is spread over the batches.
    const words = a.map((b) => b.words);
    expect(words[0]).toBeLessThan(d.vocab.total / 10);
    expect(words.every((w, i) => i === 0 || w >= words[i - 1])).toBe(true);
    expect(words[words.length - 1]).toBe(d.vocab.total);
    // With window 2 and no subsampling: each center of a 10-word sentence has 1..4 contexts.
    const pairs = a.reduce((n, b) => n + b.centers.length, 0);
    expect(pairs).toBeGreaterThanOrEqual(18 * d.trainSentences);
    expect(pairs).toBeLessThanOrEqual(34 * d.trainSentences);
  });

  it('keeps the training sentences encoded; past cacheTokens it reads the corpus again, same batches', async () => {
    // 9,000+ tokens (the id list grows past its first 4,096), words seen once (dropped by
    // min count 2) and sentences of them only (encoded empty).
    const big = join(dir, 'big.txt');
    const rare = Array.from({ length: 60 }, (_, i) => (i % 3 ? `t1w${i % 8} once${i} t2w3` : `once${i}`));
    writeFileSync(big, plantedCorpus(900, 'big') + rare.join('\n') + '\n');
    const ob: DataOptions = { ...o, source: { kind: 'file', path: big }, minCount: 2 };
    const d = await prepareData(ob);
    expect(d.vocab.size).toBe(32);
    const { ids, ends } = d.corpus!;
    // The encoded sentences are the training sentences' in-vocabulary words, in order.
    const expected: number[][] = [];
    for await (const s of trainingSentences(ob)) expected.push(d.vocab.encode(s));
    expect(ends.length).toBe(d.trainSentences);
    expect(Array.from(ends, (e, i) => Array.from(ids.subarray(i === 0 ? 0 : ends[i - 1], e)))).toEqual(expected);
    expect(ids.length).toBe(d.vocab.total);
    expect(expected.some((e) => e.length === 0)).toBe(true);
    const read = async (data: typeof d, shard?: { index: number; count: number }) => {
      const out = [];
      for await (const b of epochBatches(data, ob, 16, 1000, 1, shard)) out.push(b);
      return out;
    };
    for (const cacheTokens of [0, 5000]) {
      const streamed = await prepareData({ ...ob, cacheTokens });
      expect(streamed.corpus).toBeNull();
      expect(streamed.vocab.words).toEqual(d.vocab.words);
      expect(await read(streamed)).toEqual(await read(d));
      const shard = { index: 1, count: 3 };
      expect(await read(streamed, shard)).toEqual(await read(d, shard));
    }
  });

  it('maxWords caps the corpus', async () => {
    const d = await prepareData({ ...o, maxWords: 1000 });
    expect(d.corpusWords).toBe(1000);
  });
});
