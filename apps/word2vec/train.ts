/**
 * The training run: data, model, optimizer, the loop over epochs and batches with
 * evaluations, checkpoints (each epoch and on Ctrl-C) and resume, and the outputs.
 */
import { join } from 'node:path';
import { epochBatches, prepareData, type DataOptions, type Dataset } from './data.js';
import {
  evaluate,
  initModel,
  makeOptimizer,
  trainStep,
  unigramBaseline,
  unigramLogPrior,
  type Model,
} from './model.js';
import { nearest, normalizeRows } from './neighbors.js';
import { UsageError, sourceOf, type TrainSettings } from './options.js';
import { writeOutputs } from './outputs.js';
import { formatDuration, Progress, type ProgressStream } from './progress.js';
import type { CorpusIdentity } from './corpus.js';
import { preflight, refuseUnfinished } from './preflight.js';
import { loadRun, type RunCheckpoint } from './resume.js';
import { restore, writeCheckpoint, checkpointPath, type RunState } from './state.js';
import type { EvalPoint } from './svg.js';

export interface TrainRequest {
  settings: TrainSettings;
  /** Options given on the command line (checked against the checkpoint on resume). */
  given: ReadonlySet<keyof TrainSettings>;
  out: string;
  probes: string[];
  resume: boolean;
  /** Start over even when --out holds the checkpoint of an unfinished run. */
  force?: boolean;
  /** The verified checkpoint to resume (else read from `out`), and the corpus's identity to store. */
  checkpoint?: RunCheckpoint;
  corpus?: CorpusIdentity;
  quiet: boolean;
  /** Called after every step; returning true interrupts as Ctrl-C does (for tests). */
  afterStep?: (step: number) => boolean;
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

/** Runs (or resumes) training. Exit code 0 done, 130 interrupted (checkpoint saved). */
export async function train(req: TrainRequest, io: TrainIO): Promise<TrainResult> {
  let s = req.settings;
  let ck: RunCheckpoint | undefined;
  if (!req.resume) refuseUnfinished(req.out, req.force ?? false);
  else {
    ck = req.checkpoint ?? loadRun(req.out);
    for (const k of req.given) {
      if (ck.settings[k] !== s[k])
        throw new UsageError(
          `--resume continues with the checkpoint's settings: ${k} is ${ck.settings[k]} there, got ${s[k]} (drop the option)`,
        );
    }
    s = ck.settings;
  }
  const bar = new Progress(req.quiet ? { write: () => true, isTTY: false } : io.err);
  const say = (line: string): void => {
    bar.clear();
    io.out.write(`${line}\n`);
  };

  const dopts = dataOptions(s);
  const data = await prepareData(dopts);
  const { vocab } = data;
  if (s.numSampled > vocab.size)
    throw new UsageError(`option --num-sampled must be at most the vocabulary size ${vocab.size}, got ${s.numSampled}`);
  preflight(req.out, s, vocab.size);
  const logPrior = unigramLogPrior(vocab.counts, data.keep);
  const baseline = unigramBaseline(logPrior, data.heldOut);
  const model = initModel(logPrior, s.dim, s.seed);
  const opt = makeOptimizer(s.optimizer, model, s.lr, s.batch);
  const where = s.corpus === 'brown' ? 'the Brown corpus' : s.corpus;
  say(
    `corpus: ${where}, ${fmt(data.corpusWords)} words, ${fmt(data.trainSentences)} training and ${fmt(data.heldOutSentences)} held-out sentences`,
  );
  say(
    `vocabulary: ${fmt(vocab.size)} words seen at least ${s.minCount} times; ${fmt(vocab.total)} training tokens per epoch`,
  );
  say(
    `model: skip-gram, ${s.loss === 'nce' ? 'NCE' : 'sampled softmax'} with ${s.numSampled} samples per batch, dim ${s.dim}, window ${s.window}, batch ${s.batch}, ${s.optimizer} lr ${s.lr}, ${s.epochs} epoch(s), seed ${s.seed}`,
  );
  say(
    `held-out: ${fmt(data.heldOut.centers.length)} pairs; unigram baseline ${baseline.crossEntropy.toFixed(3)} nats (a model ignoring the center word; context entropy ${baseline.entropy.toFixed(3)})`,
  );

  const evalPoint = (st: RunState, sigmoid: boolean): EvalPoint => {
    const r = evaluate(model, data.heldOut, sigmoid);
    const p: EvalPoint = {
      step: st.step,
      epoch: Number((st.epoch + st.evalsInEpoch / s.evalsPerEpoch).toFixed(6)),
      trainLoss: st.lossCount > 0 ? st.lossSum / st.lossCount : null,
      heldOutSoftmax: r.softmax,
      ...(r.sigmoid !== undefined ? { heldOutSigmoid: r.sigmoid } : {}),
    };
    st.lossSum = 0;
    st.lossCount = 0;
    st.history.push(p);
    return p;
  };

  let st: RunState;
  if (ck) {
    st = restore(ck, vocab, model, opt);
    say(`resuming at epoch ${st.epoch + 1}, step ${st.step} from ${checkpointPath(req.out)}`);
  } else {
    st = {
      epoch: 0,
      batchInEpoch: 0,
      step: 0,
      evalsInEpoch: 0,
      lossSum: 0,
      lossCount: 0,
      history: [],
      seconds: 0,
      words: 0,
    };
    const p = evalPoint(st, true);
    say(`start: held-out full softmax ${p.heldOutSoftmax.toFixed(3)}, full sigmoid ${p.heldOutSigmoid!.toFixed(3)}`);
  }

  let interrupted = false;
  const onSigint = (): void => {
    interrupted = true;
  };
  process.on('SIGINT', onSigint);
  const t0 = performance.now();
  const words0 = st.words,
    seconds0 = st.seconds;
  const total = vocab.total;
  try {
    while (st.epoch < s.epochs) {
      let k = 0,
        lastWords = 0;
      for await (const batch of epochBatches(data, dopts, s.batch, s.shuffleBuffer, st.epoch)) {
        if (interrupted) break;
        if (k++ < st.batchInEpoch) continue; // replaying the part of the epoch already trained
        const fraction = (st.epoch + batch.words / total) / s.epochs;
        opt.lr = s.lr * Math.max(1e-4, 1 - fraction);
        const loss = trainStep(model, batch, s.loss, s.numSampled, opt, `${s.seed}:step${st.step}`);
        st.step++;
        st.batchInEpoch = k;
        st.lossSum += loss;
        st.lossCount++;
        st.words += batch.words - lastWords;
        lastWords = batch.words;
        const secs = seconds0 + (performance.now() - t0) / 1000;
        st.seconds = secs;
        const wps = (st.words - words0) / Math.max(1e-9, secs - seconds0);
        bar.update(fraction, wps, loss, ((1 - fraction) * total * s.epochs) / Math.max(wps, 1e-9));
        while (
          st.evalsInEpoch + 1 < s.evalsPerEpoch &&
          batch.words >= ((st.evalsInEpoch + 1) / s.evalsPerEpoch) * total
        ) {
          st.evalsInEpoch++;
          const p = evalPoint(st, false);
          say(
            `epoch ${p.epoch.toFixed(2)}: training loss ${p.trainLoss?.toFixed(3)}, held-out full softmax ${p.heldOutSoftmax.toFixed(3)}`,
          );
        }
        if (req.afterStep?.(st.step)) interrupted = true;
        if (st.step % 64 === 0) await new Promise((r) => setImmediate(r));
      }
      if (interrupted) break;
      st.epoch++;
      st.batchInEpoch = 0;
      st.evalsInEpoch = 0;
      const p = evalPoint(st, st.epoch === s.epochs);
      say(
        `epoch ${st.epoch}/${s.epochs}: training loss ${p.trainLoss?.toFixed(3)}, held-out full softmax ${p.heldOutSoftmax.toFixed(3)}`,
      );
      writeCheckpoint(req.out, s, vocab, model, opt, st, req.corpus);
    }
  } finally {
    process.off('SIGINT', onSigint);
  }
  if (interrupted) {
    writeCheckpoint(req.out, s, vocab, model, opt, st, req.corpus);
    say(`interrupted at epoch ${st.epoch + 1}, step ${st.step}: checkpoint saved to ${checkpointPath(req.out)}`);
    say(`continue with: tapegrad train --resume --out ${req.out}`);
    return { exitCode: 130 };
  }
  bar.done();

  const first = st.history[0],
    last = st.history[st.history.length - 1];
  const wps = st.words / Math.max(st.seconds, 1e-9);
  say(
    `end: held-out full softmax ${last.heldOutSoftmax.toFixed(3)} (start ${first.heldOutSoftmax.toFixed(3)}, unigram baseline ${baseline.crossEntropy.toFixed(3)}: ${(baseline.crossEntropy - last.heldOutSoftmax).toFixed(3)} nats below), full sigmoid ${last.heldOutSigmoid?.toFixed(3)}`,
  );
  say(
    `speed: ${fmt(wps)} words/s, ${fmt((st.step * s.batch) / Math.max(st.seconds, 1e-9))} pairs/s, ${formatDuration(st.seconds)} of training`,
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
    wordsPerSecond: wps,
    history: st.history,
    neighbours: Object.fromEntries(neighbours.map((n) => [n.word, n.neighbours])),
  };
  const title = `skip-gram ${s.loss === 'nce' ? 'NCE' : 'sampled softmax'} on ${s.corpus === 'brown' ? 'the Brown corpus' : s.corpus}`;
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
