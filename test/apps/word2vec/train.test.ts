import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { train } from '../../../apps/word2vec/train.js';
import { readNpy } from '../../../apps/word2vec/npy.js';
import { sink, smallRun, tempDir } from './synthetic.js';

const run = (
  settings: ReturnType<typeof smallRun>,
  out: string,
  extra: { resume?: boolean; afterStep?: (s: number) => boolean } = {},
) => {
  const io = { out: sink(), err: sink() };
  return train(
    { settings, given: new Set(), out, probes: ['t0w0', 'nope'], resume: false, quiet: true, ...extra },
    io,
  ).then((r) => ({ ...r, io }));
};

describe('training on a corpus with planted structure', () => {
  it('lowers the held-out full-softmax loss below the unigram baseline and finds the topics', async () => {
    const dir = tempDir('tg-train-');
    for (const loss of ['softmax', 'nce'] as const) {
      const out = join(dir, loss);
      const r = await run(smallRun(dir, { loss, epochs: 3 }), out);
      expect(r.exitCode).toBe(0);
      const s = r.summary as {
        start: { heldOutSoftmax: number };
        end: { heldOutSoftmax: number; heldOutSigmoid: number };
        baseline: { unigramCrossEntropy: number };
      };
      // The model starts as the unigram model: start loss = baseline (≈ ln 32).
      expect(s.start.heldOutSoftmax).toBeCloseTo(s.baseline.unigramCrossEntropy, 4);
      expect(s.baseline.unigramCrossEntropy).toBeGreaterThan(Math.log(32) - 0.1);
      expect(s.end.heldOutSoftmax).toBeLessThan(s.baseline.unigramCrossEntropy - 0.5);
      expect(Number.isFinite(s.end.heldOutSigmoid)).toBe(true);
      // The nearest words of t0w0 are the other words of topic 0.
      const nn = (r.summary as { neighbours: Record<string, { word: string }[] | null> }).neighbours;
      expect(nn.t0w0!.slice(0, 7).every((n) => n.word.startsWith('t0'))).toBe(true);
      expect(nn.nope).toBeNull();
      expect(r.io.out.text).toContain('(not in the vocabulary)');
    }
  });

  it('writes the outputs: vectors, .npy matrices, vocab, svg, summary', async () => {
    const dir = tempDir('tg-out-');
    const out = join(dir, 'o');
    const r = await run(smallRun(dir, { epochs: 1 }), out);
    const lines = readFileSync(join(out, 'vectors.txt'), 'utf8').trimEnd().split('\n');
    expect(lines[0]).toBe('32 8');
    expect(lines).toHaveLength(33);
    expect(lines[1].split(' ')).toHaveLength(9);
    const emb = readNpy(readFileSync(join(out, 'input_embeddings.npy')));
    expect(emb.shape).toEqual([32, 8]);
    expect(Array.from(emb.data)).toEqual(Array.from(r.model!.emb.data));
    expect(Number(lines[1].split(' ')[1])).toBeCloseTo(emb.data[0], 6);
    expect(readNpy(readFileSync(join(out, 'output_biases.npy'))).shape).toEqual([32]);
    const vocab = readFileSync(join(out, 'vocab.txt'), 'utf8').trimEnd().split('\n');
    expect(vocab).toHaveLength(32);
    const counts = vocab.map((l) => Number(l.split(' ')[1]));
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
    const svg = readFileSync(join(out, 'loss.svg'), 'utf8');
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(svg).toContain('held-out full-softmax loss');
    expect(svg.match(/<polyline/g)).toHaveLength(2);
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
    expect(summary.history).toHaveLength(3); // start, mid-epoch, end of epoch
    expect(summary.settings.dim).toBe(8);
    // Of the three evaluations only the mid-epoch one falls inside the training time.
    expect(summary.evalSecondsInTraining).toBeGreaterThan(0);
    expect(summary.evalSecondsInTraining).toBeLessThan(summary.evalSeconds);
    expect(summary.evalSecondsInTraining).toBeLessThan(summary.seconds);
    const once = (await run(smallRun(dir, { epochs: 1, evalsPerEpoch: 1 }), join(dir, 'once'))).summary!;
    expect(once.evalSeconds).toBeGreaterThan(0); // the first and the last: both outside
    expect(once.evalSecondsInTraining).toBe(0);
  });

  it('resuming an interrupted run gives bit-identical results to a straight run', async () => {
    const dir = tempDir('tg-resume-');
    const settings = smallRun(dir);
    const straight = await run(settings, join(dir, 'straight'));
    const out = join(dir, 'resumed');
    const stopped = await run(settings, out, { afterStep: (s) => s === 11 }); // mid-epoch 1
    expect(stopped.exitCode).toBe(130);
    expect(stopped.io.out.text).toContain('continue with: tapegrad train --resume');
    const resumed = await run(settings, out, { resume: true });
    expect(resumed.exitCode).toBe(0);
    for (const k of ['emb', 'w', 'b'] as const) {
      expect(Buffer.from(resumed.model![k].data.buffer).equals(Buffer.from(straight.model![k].data.buffer))).toBe(true);
    }
    expect(JSON.stringify((resumed.summary as { history: unknown }).history)).toBe(
      JSON.stringify((straight.summary as { history: unknown }).history),
    );
  });
});
