/**
 * --threads 2: two worker threads (run from the bundled CLI, as dist/bin/tapegrad.js runs
 * them) train over shared memory, are interrupted mid-epoch, and resume to the end.
 */
import { describe, expect, it } from 'vitest';
import { setWorkerEntry } from '../../../apps/word2vec/threads.js';
import { train } from '../../../apps/word2vec/train.js';
import { loadRun } from '../../../apps/word2vec/resume.js';
import { evaluate } from '../../../apps/word2vec/model.js';
import { bundledBin } from './spawn.js';
import { sink, smallRun, tempDir } from './synthetic.js';

describe('--threads 2', () => {
  it('trains, is interrupted, resumes, and learns the planted topics', async () => {
    const outfile = await bundledBin(); // the CLI bundle is also the workers' script
    setWorkerEntry(outfile);
    const dir = tempDir('tg-threads-');
    const out = `${dir}/run`;
    const settings = smallRun(dir, { loss: 'negative-sampling', optimizer: 'sgd', lr: 2, threads: 2, epochs: 3 });
    const req = { settings, given: new Set<never>(), out, probes: ['t0w0'], quiet: true };
    // Stopped as soon as some steps are done (the main thread looks every 100 ms).
    const first = await train({ ...req, resume: false, afterStep: (step) => step > 0 }, { out: sink(), err: sink() });
    expect(first.exitCode).toBe(130);
    const ck = loadRun(out);
    expect(ck.settings.threads).toBe(2);
    const shards = ck.meta.progress.shardBatches!;
    expect(shards).toHaveLength(2);
    expect(shards.reduce((a, b) => a + b, 0)).toBe(ck.meta.progress.step);
    expect(ck.meta.progress.epoch).toBe(0);

    const io = { out: sink(), err: sink() };
    const resumed = await train({ ...req, resume: true }, io);
    expect(resumed.exitCode).toBe(0);
    expect(io.out.text).toContain('resuming at epoch 1');
    const s = resumed.summary as {
      end: { heldOutSoftmax: number; heldOutSigmoid: number };
      baseline: { unigramCrossEntropy: number };
      neighbours: Record<string, { word: string }[]>;
      history: unknown[];
    };
    expect(s.history).toHaveLength(1 + 3 * 2); // start, then 2 per epoch
    // The last evaluation was split over the two threads: it equals one over all pairs.
    const whole = evaluate(resumed.model!, resumed.data!.heldOut, true);
    expect(s.end.heldOutSoftmax).toBeCloseTo(whole.softmax, 5);
    expect(s.end.heldOutSigmoid).toBeCloseTo(whole.sigmoid!, 5);
    expect(s.end.heldOutSoftmax).toBeLessThan(s.baseline.unigramCrossEntropy - 0.5);
    expect(s.neighbours.t0w0.slice(0, 7).every((n) => n.word.startsWith('t0'))).toBe(true);
  }, 60_000);
});
