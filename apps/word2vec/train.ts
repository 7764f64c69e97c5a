/**
 * The training run: data, model, optimizer, the loop over epochs and batches with
 * evaluations, checkpoints (each epoch and on Ctrl-C) and resume, and the outputs.
 */
import { join } from 'node:path';
import { epochBatches, prepareData, type DataOptions, type Dataset } from './data.js';
import {
  initModel,
  makeOptimizer,
  trainStep,
  unigramBaseline,
  unigramLogPrior,
  type Model,
  type Objective,
} from './model.js';
import { Noise } from './noise.js';
import { nearest, normalizeRows } from './neighbors.js';
import { UsageError, sourceOf, type TrainSettings } from './options.js';
import { writeOutputs } from './outputs.js';
import { formatDuration, Progress, type ProgressStream } from './progress.js';
import type { CorpusIdentity } from './corpus.js';
import { preflight, refuseUnfinished } from './preflight.js';
import { loadRun, type RunCheckpoint } from './resume.js';
import { checkpointPath, newRunState, restore, writeCheckpoint, type RunState } from './state.js';
import { trainThreaded } from './threads.js';
import { endEpoch, EpochLoop, evalPoint, lrAt, type Run } from './run.js';
import type { EvalPoint } from './svg.js';

export interface TrainRequest {
  settings: TrainSettings;
  /** Options given on the command line (checked against the checkpoint on resume). */
  given: ReadonlySet<keyof TrainSettings>;
  out: string;
  probes: string[];
  resume: boolean;
  quiet: boolean;
  /** Called after every step; returning true interrupts as Ctrl-C does (for tests). */
  afterStep?: (step: number) => boolean;
  /** Start over even when --out holds the checkpoint of an unfinished run. */
  force?: boolean;
  /** The verified checkpoint to resume (else read from `out`), and the corpus's identity to store. */
  checkpoint?: RunCheckpoint;
  corpus?: CorpusIdentity;
}

export interface TrainIO {
  out: { write(s: string): unknown };
  err: ProgressStream;
}

export interface TrainResult {
  exitCode: number;
  model?: Model;
  data?: Dataset;
  summary?: Record<string, unknown>;
}

export const dataOptions = (s: TrainSettings): DataOptions => ({
  source: sourceOf(s.corpus),
  maxWords: s.maxWords,
  minCount: s.minCount,
  sample: s.sample,
  window: s.window,
  heldOut: s.heldOut,
  evalPairs: s.evalPairs,
  seed: s.seed,
});

const fmt = (n: number): string => Math.round(n).toLocaleString('en-US');

/**
 * Runs (or resumes) training, in the steps below: settings (from the checkpoint when
 * resuming), data, model and optimizer, the start state, the epochs, then the outputs.
 * Exit code 0 done, 130 interrupted (checkpoint saved).
 */
export async function train(req: TrainRequest, io: TrainIO): Promise<TrainResult> {
  const { s, ck } = settingsOf(req);
  const run = await setUp(s, req, io);
  const st = ck ? resume(run, ck, req.out) : start(run);
  const interrupted = await (s.threads > 1 ? trainThreaded(run, st, req) : trainEpochs(run, st, req));
  if (interrupted) {
    run.save(st);
    run.say(`interrupted at epoch ${st.epoch + 1}, step ${st.step}: checkpoint saved to ${checkpointPath(req.out)}`);
    run.say(`continue with: tapegrad train --resume --out ${req.out}`);
    return { exitCode: 130 };
  }
  run.bar.done();
  return finish(run, st, req);
}

/** The settings of the run: the request's, or the checkpoint's when resuming (options given must agree). */
function settingsOf(req: TrainRequest): { s: TrainSettings; ck?: RunCheckpoint } {
  if (!req.resume) {
    refuseUnfinished(req.out, req.force ?? false);
    return { s: req.settings };
  }
  const ck = req.checkpoint ?? loadRun(req.out);
  for (const k of req.given) {
    if (ck.settings[k] !== req.settings[k])
      throw new UsageError(
        `--resume continues with the checkpoint's settings: ${k} is ${ck.settings[k]} there, got ${req.settings[k]} (drop the option)`,
      );
  }
  return { s: ck.settings, ck };
}

const lossTitle = (s: TrainSettings): string =>
  s.loss === 'negative-sampling'
    ? `negative sampling with ${s.negatives} negatives per pair (unigram^${s.distortion})`
    : `${s.loss === 'nce' ? 'NCE' : 'sampled softmax'} with ${s.numSampled} ${s.sampler} samples per batch`;

/** Reads the data, makes the model, optimizer and objective, and prints what the run is. */
async function setUp(s: TrainSettings, req: TrainRequest, io: TrainIO): Promise<Run> {
  const bar = new Progress(req.quiet ? { write: () => true, isTTY: false } : io.err);
  const say = (line: string): void => {
    bar.clear();
    io.out.write(`${line}\n`);
  };
  const dopts = dataOptions(s);
  const data = await prepareData(dopts);
  const { vocab } = data;
  if (s.loss !== 'negative-sampling' && s.numSampled > vocab.size)
    throw new UsageError(`option --num-sampled must be at most the vocabulary size ${vocab.size}, got ${s.numSampled}`);
  preflight(req.out, s, vocab.size);
  const logPrior = unigramLogPrior(vocab.counts, data.keep);
  const baseline = unigramBaseline(logPrior, data.heldOut);
  const ns = s.loss === 'negative-sampling';
  const noise = ns || s.sampler === 'unigram' ? new Noise(vocab.counts, s.distortion) : null;
  // Negative sampling's optimum is ⟨h, u⟩ = log p(c|w) − log K − log noise(c): with b = log noise
  // (not trained), softmax(⟨h, W⟩ + b) estimates p(c|w) for the full-softmax evaluation.
  const model = initModel(ns ? noise!.logProbabilities() : logPrior, s.dim, s.seed, s.threads > 1);
  const opt = makeOptimizer(s.optimizer, model, s.lr, s.batch);
  const objective: Objective = { loss: s.loss, numSampled: s.numSampled, negatives: s.negatives, noise };
  const where = s.corpus === 'brown' ? 'the Brown corpus' : s.corpus;
  say(
    `corpus: ${where}, ${fmt(data.corpusWords)} words, ${fmt(data.trainSentences)} training and ${fmt(data.heldOutSentences)} held-out sentences`,
  );
  say(
    `vocabulary: ${fmt(vocab.size)} words seen at least ${s.minCount} times; ${fmt(vocab.total)} training tokens per epoch`,
  );
  say(
    `model: skip-gram, ${lossTitle(s)}, dim ${s.dim}, window ${s.window}, batch ${s.batch}, ${s.optimizer} lr ${s.lr}, ${s.epochs} epoch(s), seed ${s.seed}${s.threads > 1 ? `, ${s.threads} threads` : ''}`,
  );
  say(
    `held-out: ${fmt(data.heldOut.centers.length)} pairs; unigram baseline ${baseline.crossEntropy.toFixed(3)} nats (a model ignoring the center word; context entropy ${baseline.entropy.toFixed(3)})`,
  );
  const save = (st: RunState): void => writeCheckpoint(req.out, s, vocab, model, opt, st, req.corpus);
  return { s, dopts, data, model, opt, objective, baseline, bar, say, save, evalSeconds: 0, evalSecondsInTraining: 0 };
}

/** A fresh state, with the first evaluation (full softmax and full sigmoid). */
function start(run: Run): RunState {
  const st = newRunState();
  const p = evalPoint(run, st, true);
  run.say(`start: held-out full softmax ${p.heldOutSoftmax.toFixed(3)}, full sigmoid ${p.heldOutSigmoid!.toFixed(3)}`);
  return st;
}

/** The checkpoint's model, optimizer state and progress. */
function resume(run: Run, ck: RunCheckpoint, out: string): RunState {
  const st = restore(ck, run.data.vocab, run.model, run.opt);
  run.say(`resuming at epoch ${st.epoch + 1}, step ${st.step} from ${checkpointPath(out)}`);
  return st;
}

/**
 * The epochs on one thread, from where `st` stands: each batch is one step (its draws
 * seeded by the step number), then progress, mid-epoch evaluations and, at each epoch's
 * end, an evaluation and a checkpoint. Returns true when interrupted (Ctrl-C or afterStep).
 */
async function trainEpochs(run: Run, st: RunState, req: TrainRequest): Promise<boolean> {
  const { s, data, model, opt, objective } = run;
  const loop = new EpochLoop(run, st);
  try {
    while (st.epoch < s.epochs) {
      let k = 0,
        lastWords = 0;
      for await (const batch of epochBatches(data, run.dopts, s.batch, s.shuffleBuffer, st.epoch)) {
        if (loop.interrupted) break;
        if (k++ < st.batchInEpoch) continue; // replaying the part of the epoch already trained
        opt.lr = lrAt(s, loop.fraction(st, batch.words));
        const loss = trainStep(model, batch, objective, opt, `${s.seed}:step${st.step}`);
        st.step++;
        st.batchInEpoch = k;
        st.lossSum += loss;
        st.lossCount++;
        st.words += batch.words - lastWords;
        lastWords = batch.words;
        loop.report(st, batch.words, loss, req.afterStep);
        if (st.step % 64 === 0) await new Promise((r) => setImmediate(r));
      }
      if (loop.interrupted) break;
      await endEpoch(run, st);
    }
  } finally {
    loop.close();
  }
  return loop.interrupted;
}

/** The last report, the outputs and the summary of a finished run. */
function finish(run: Run, st: RunState, req: TrainRequest): TrainResult {
  const { s, data, model, baseline, say } = run;
  const vocab = data.vocab;
  const first = st.history[0],
    last = st.history[st.history.length - 1];
  const wps = st.words / Math.max(st.seconds, 1e-9);
  say(
    `end: held-out full softmax ${last.heldOutSoftmax.toFixed(3)} (start ${first.heldOutSoftmax.toFixed(3)}, unigram baseline ${baseline.crossEntropy.toFixed(3)}: ${(baseline.crossEntropy - last.heldOutSoftmax).toFixed(3)} nats below), full sigmoid ${last.heldOutSigmoid?.toFixed(3)}`,
  );
  say(
    `speed: ${fmt(wps)} words/s, ${fmt((st.step * s.batch) / Math.max(st.seconds, 1e-9))} pairs/s, ${formatDuration(st.seconds)} of training (held-out evaluations ${formatDuration(run.evalSeconds)})`,
  );
  const neighbours = probeNeighbours(model, vocab, req.probes);
  if (neighbours.length) say('nearest neighbours (cosine, input embeddings):');
  for (const n of neighbours)
    say(
      `  ${n.word.padEnd(10)} ${n.neighbours === null ? '(not in the vocabulary)' : n.neighbours.map((x) => x.word).join(', ')}`,
    );
  const summary = {
    settings: s,
    corpus: {
      words: data.corpusWords,
      trainSentences: data.trainSentences,
      heldOutSentences: data.heldOutSentences,
      vocabulary: vocab.size,
      trainTokens: vocab.total,
    },
    heldOutPairs: data.heldOut.centers.length,
    baseline: { unigramCrossEntropy: baseline.crossEntropy, contextEntropy: baseline.entropy },
    start: { heldOutSoftmax: first.heldOutSoftmax, heldOutSigmoid: first.heldOutSigmoid },
    end: { heldOutSoftmax: last.heldOutSoftmax, heldOutSigmoid: last.heldOutSigmoid },
    steps: st.step,
    seconds: st.seconds,
    evalSeconds: run.evalSeconds,
    evalSecondsInTraining: run.evalSecondsInTraining,
    wordsPerSecond: wps,
    history: st.history,
    neighbours: Object.fromEntries(neighbours.map((n) => [n.word, n.neighbours])),
  };
  const title = `skip-gram ${s.loss === 'nce' ? 'NCE' : s.loss === 'softmax' ? 'sampled softmax' : 'negative sampling'} on ${s.corpus === 'brown' ? 'the Brown corpus' : s.corpus}`;
  const files = writeOutputs(req.out, vocab, model, st.history, baseline.crossEntropy, summary, title);
  say(`wrote ${files.map((f) => f.slice(join(req.out, '/').length)).join(', ')} and checkpoint.tgc in ${req.out}`);
  return { exitCode: 0, model, data, summary };
}

/** The 8 nearest words of each probe (null for a word not in the vocabulary). */
export function probeNeighbours(
  m: Model,
  vocab: Dataset['vocab'],
  probes: readonly string[],
  k = 8,
): { word: string; neighbours: { word: string; cos: number }[] | null }[] {
  const [V, D] = m.emb.shape;
  const unit = normalizeRows(m.emb.data as Float32Array, V, D);
  return probes.map((word) => {
    const id = vocab.index.get(word);
    if (id === undefined) return { word, neighbours: null };
    return {
      word,
      neighbours: nearest(unit, V, D, id, k).map((n) => ({ word: vocab.words[n.id], cos: Number(n.cos.toFixed(4)) })),
    };
  });
}
