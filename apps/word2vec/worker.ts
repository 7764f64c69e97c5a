/**
 * One worker thread of --threads N: the model and optimizer state over the shared buffers,
 * then, for each epoch the main thread asks for, the batches of its shard (skipping those
 * already trained before a resume), one step each, counters updated after every step,
 * until the shard ends or the stop flag is set. Replies with the batches done. Asked to
 * evaluate, scores its slice of the held-out pairs and replies with the means.
 */
import { parentPort } from 'node:worker_threads';
import { Tensor } from '../../src/index.js';
import { epochBatches, type Dataset } from './data.js';
import { evaluate, makeOptimizer, trainStep, type Model, type Objective } from './model.js';
import { Noise } from './noise.js';
import { lrAt } from './run.js';
import {
  BATCHES,
  COUNTERS,
  LOSS_COUNT,
  LOSS_SUM,
  POSITION,
  WORDS,
  useSharedSlots,
  type EvalPart,
  type WorkerInit,
} from './threads.js';
import { dataOptions } from './train.js';
import { Vocab } from './vocab.js';

/** Runs the worker described by `init` (the workerData), answering the main thread's epoch requests. */
export function runWorker(init: WorkerInit): void {
  const s = init.settings;
  const vocab = new Vocab(init.words, init.counts);
  const data: Dataset = {
    vocab,
    keep: init.keep,
    heldOut: init.heldOut,
    corpusWords: 0,
    trainSentences: 0,
    heldOutSentences: 0,
    corpus: init.corpus && { ids: new Int32Array(init.corpus.ids), ends: new Int32Array(init.corpus.ends) },
  };
  const dopts = dataOptions(s);
  const [V, D] = [vocab.size, s.dim];
  const param = (i: number, shape: number[]): Tensor => {
    const t = new Tensor(new Float32Array(init.params[i]), shape);
    t.requiresGrad = true;
    return t;
  };
  const model: Model = { emb: param(0, [V, D]), w: param(1, [V, D]), b: param(2, [V]) };
  const opt = makeOptimizer(s.optimizer, model, s.lr, s.batch);
  useSharedSlots(opt, init.slots);
  const ns = s.loss === 'negative-sampling';
  const noise = ns || s.sampler === 'unigram' ? new Noise(vocab.counts, s.distortion) : null;
  const objective: Objective = { loss: s.loss, numSampled: s.numSampled, negatives: s.negatives, noise };
  const stop = new Int32Array(init.control),
    c = new Float64Array(init.counters),
    o = init.index * COUNTERS;
  const shard = { index: init.index, count: init.count };

  const scoreSlice = ({ sigmoid, from, to }: { sigmoid: boolean; from: number; to: number }): EvalPart => {
    const pairs = {
      centers: data.heldOut.centers.subarray(from, to),
      contexts: data.heldOut.contexts.subarray(from, to),
    };
    return { ...(to > from ? evaluate(model, pairs, sigmoid) : { softmax: 0, sigmoid: 0 }), n: to - from };
  };

  type Request = { epoch: number; skip: number } | { evaluate: Parameters<typeof scoreSlice>[0] };
  parentPort!.on('message', async (m: Request) => {
    if ('evaluate' in m) return parentPort!.postMessage(scoreSlice(m.evaluate));
    const { epoch, skip } = m;
    let k = 0,
      lastWords = 0;
    for await (const batch of epochBatches(data, dopts, s.batch, s.shuffleBuffer, epoch, shard)) {
      if (Atomics.load(stop, 0) === 1) break;
      const from = lastWords;
      lastWords = batch.words;
      if (k++ < skip) {
        // trained before the resume: only the position moves on
        c[o + POSITION] = batch.words;
        c[o + BATCHES] = k;
        continue;
      }
      // The schedule follows all threads' progress through the epoch.
      let position = 0;
      for (let t = 0; t < init.count; t++) position += c[t * COUNTERS + POSITION];
      opt.lr = lrAt(s, (epoch + (position + batch.words - c[o + POSITION]) / vocab.total) / s.epochs);
      const loss = trainStep(model, batch, objective, opt, `${s.seed}:epoch${epoch}:thread${init.index}:batch${k}`);
      c[o + WORDS] += batch.words - from;
      c[o + POSITION] = batch.words;
      c[o + BATCHES] = k;
      c[o + LOSS_SUM] += loss;
      c[o + LOSS_COUNT]++;
    }
    parentPort!.postMessage({ batches: c[o + BATCHES] });
  });
  parentPort!.postMessage({ ready: true });
}
