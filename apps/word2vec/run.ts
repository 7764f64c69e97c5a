/**
 * The pieces of a training run that the one-thread loop (train.ts) and the worker threads'
 * loop (threads.ts) share: the run's context, evaluations, the end of an epoch, the
 * learning-rate schedule, Ctrl-C and the clock.
 */
import type { Optimizer } from '../../src/index.js';
import type { DataOptions, Dataset } from './data.js';
import { evaluate, type EvalResult, type Model, type Objective } from './model.js';
import type { TrainSettings } from './options.js';
import type { Progress } from './progress.js';
import type { RunState } from './state.js';
import type { EvalPoint } from './svg.js';

/** What a run is made of once set up: settings, data, model, optimizer and the log. */
export interface Run {
  s: TrainSettings;
  dopts: DataOptions;
  data: Dataset;
  model: Model;
  opt: Optimizer;
  objective: Objective;
  baseline: { crossEntropy: number; entropy: number };
  bar: Progress;
  /** Prints a line above the progress bar. */
  say: (line: string) => void;
  /** Writes the checkpoint of `st` into --out. */
  save: (st: RunState) => void;
  /** Seconds spent in held-out evaluations (this process). */
  evalSeconds: number;
  /** The part of evalSeconds inside the training time st.seconds counts (this process). */
  evalSecondsInTraining: number;
}

/**
 * Evaluates on the held-out pairs (or takes `result`, an evaluation made elsewhere), records
 * the point (resetting the loss average) and returns it.
 */
export function evalPoint(run: Run, st: RunState, sigmoid: boolean, result?: EvalResult): EvalPoint {
  const t = performance.now();
  const r = result ?? evaluate(run.model, run.data.heldOut, sigmoid);
  run.evalSeconds += (performance.now() - t) / 1000;
  const p: EvalPoint = {
    step: st.step,
    epoch: Number((st.epoch + st.evalsInEpoch / run.s.evalsPerEpoch).toFixed(6)),
    trainLoss: st.lossCount > 0 ? st.lossSum / st.lossCount : null,
    heldOutSoftmax: r.softmax,
    ...(r.sigmoid !== undefined ? { heldOutSigmoid: r.sigmoid } : {}),
  };
  st.lossSum = 0;
  st.lossCount = 0;
  st.history.push(p);
  return p;
}

/** Evaluations due inside the epoch once `words` of it are read (the one at its end is not one of them). */
export function midEpochEvals(run: Run, st: RunState, words: number): void {
  const { s } = run,
    total = run.data.vocab.total;
  while (st.evalsInEpoch + 1 < s.evalsPerEpoch && words >= ((st.evalsInEpoch + 1) / s.evalsPerEpoch) * total) {
    st.evalsInEpoch++;
    const p = evalPoint(run, st, false);
    run.say(
      `epoch ${p.epoch.toFixed(2)}: training loss ${p.trainLoss?.toFixed(3)}, held-out full softmax ${p.heldOutSoftmax.toFixed(3)}`,
    );
  }
}

/**
 * The end of an epoch: evaluation (with the sigmoid after the last; by `evaluateWith` when
 * given, e.g. split over worker threads, else here), checkpoint.
 */
export async function endEpoch(
  run: Run,
  st: RunState,
  evaluateWith?: (sigmoid: boolean) => Promise<EvalResult>,
): Promise<void> {
  const { s } = run;
  st.epoch++;
  st.batchInEpoch = 0;
  st.evalsInEpoch = 0;
  const sigmoid = st.epoch === s.epochs,
    t = performance.now();
  const r = await evaluateWith?.(sigmoid);
  run.evalSeconds += (performance.now() - t) / 1000;
  const p = evalPoint(run, st, sigmoid, r);
  run.say(
    `epoch ${st.epoch}/${s.epochs}: training loss ${p.trainLoss?.toFixed(3)}, held-out full softmax ${p.heldOutSoftmax.toFixed(3)}`,
  );
  run.save(st);
}

/** The learning rate at `fraction` of the run: linear decay to 1e-4 of --lr (word2vec.c's schedule). */
export const lrAt = (s: TrainSettings, fraction: number): number => s.lr * Math.max(1e-4, 1 - fraction);

/** Calls `fn` on SIGINT (Ctrl-C) until the returned function is called. */
export function onInterrupt(fn: () => void): () => void {
  process.on('SIGINT', fn);
  return () => process.off('SIGINT', fn);
}

/** Training time and speed across runs of the same training (a resumed run continues the clock). */
export class Clock {
  private readonly t0 = performance.now();
  private readonly words0: number;
  private readonly seconds0: number;

  constructor(st: RunState) {
    this.words0 = st.words;
    this.seconds0 = st.seconds;
  }

  /** Updates st.seconds; returns the words/s of this process. */
  tick(st: RunState): number {
    st.seconds = this.seconds0 + (performance.now() - this.t0) / 1000;
    return (st.words - this.words0) / Math.max(1e-9, st.seconds - this.seconds0);
  }

  /** Seconds left at `fraction` done, at this process's speed. */
  eta(st: RunState, fraction: number, totalWords: number): number {
    return ((1 - fraction) * totalWords) / Math.max(this.tick(st), 1e-9);
  }
}

/**
 * What the one-thread and the threaded epoch loops share: the `interrupted` flag (set by
 * Ctrl-C until `close()`, or by the request's afterStep), the clock, and the report after
 * each step (progress bar, mid-epoch evaluations, afterStep).
 */
export class EpochLoop {
  interrupted = false;
  private readonly clock: Clock;
  private readonly off: () => void;
  private readonly eval0: number;

  constructor(
    private readonly run: Run,
    st: RunState,
  ) {
    this.clock = new Clock(st);
    this.eval0 = run.evalSeconds;
    this.off = onInterrupt(() => (this.interrupted = true));
  }

  /** The fraction of the run done at `words` words into the current epoch. */
  fraction(st: RunState, words: number): number {
    return (st.epoch + words / this.run.data.vocab.total) / this.run.s.epochs;
  }

  /** After a step, `words` words into the epoch, at loss `loss`. */
  report(st: RunState, words: number, loss: number, afterStep?: (step: number) => boolean): void {
    const { s, data, bar } = this.run;
    const fraction = this.fraction(st, words);
    const wps = this.clock.tick(st);
    this.run.evalSecondsInTraining = this.run.evalSeconds - this.eval0;
    if (bar.due(fraction)) bar.update(fraction, wps, loss, this.clock.eta(st, fraction, data.vocab.total * s.epochs));
    midEpochEvals(this.run, st, words);
    if (afterStep?.(st.step)) this.interrupted = true;
  }

  /** Stops listening for Ctrl-C. */
  close(): void {
    this.off();
  }
}
