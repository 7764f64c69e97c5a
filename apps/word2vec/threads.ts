/**
 * --threads N > 1: N worker threads train disjoint shards of each epoch's sentences (thread
 * t takes sentences i with i mod N = t) at the same time, against the same E, W, b and
 * optimizer state held in SharedArrayBuffers, updating rows without locks (Hogwild, as
 * word2vec.c and gensim do). Runs are then no longer bit-identical from run to run: the
 * interleaving of updates depends on timing. The main thread keeps the clock, the
 * progress bar, the evaluations, checkpoints and Ctrl-C; each thread reports through a
 * shared counter block, and stops at its next step when the shared stop flag is set.
 * Adagrad's and Adam's slot arrays are shared too; Adam's step count (its bias correction)
 * is each thread's own and starts again at 0 on a resume. The training sentences, encoded
 * once by the main thread (data.corpus), are shared with the threads too; only a corpus too
 * large to keep encoded is read again by each thread, every epoch (keeping its shard). The
 * evaluation at each epoch's end is split over the threads (mid-epoch ones run on the main
 * thread, beside the training).
 */
import { Worker } from 'node:worker_threads';
import { Optimizer } from '../../src/index.js';
import { UsageError } from './options.js';
import { endEpoch, EpochLoop, type Run } from './run.js';
import type { Pairs } from './pairs.js';
import type { RunState } from './state.js';
import type { EvalResult } from './model.js';
import type { TrainRequest } from './train.js';

/**
 * Per-thread counters in the shared block, written by the thread only, for this epoch: words
 * trained by this process, position (words of the shard read, replayed ones included),
 * batches done (replayed included), and the sum and count of the step losses.
 */
export const COUNTERS = 5;
export const [WORDS, POSITION, BATCHES, LOSS_SUM, LOSS_COUNT] = [0, 1, 2, 3, 4];

/** What a worker thread is started with (structured-cloned; the buffers are shared, not copied). */
export interface WorkerInit {
  tapegradWorker: true;
  index: number;
  count: number;
  settings: Run['s'];
  words: readonly string[];
  counts: readonly number[];
  keep: Float64Array;
  /** The held-out pairs (each thread evaluates its slice of them at an epoch's end). */
  heldOut: Pairs;
  /** The encoded training sentences (data.corpus's ids and ends), or null: read the corpus. */
  corpus: { ids: SharedArrayBuffer; ends: SharedArrayBuffer } | null;
  /** E, W, b data. */
  params: SharedArrayBuffer[];
  /** Optimizer slots by name, one buffer per parameter. */
  slots: Record<string, SharedArrayBuffer[]>;
  /** Int32 [1]: the stop flag. */
  control: SharedArrayBuffer;
  /** Float64 [count · COUNTERS]. */
  counters: SharedArrayBuffer;
}

let workerEntry: string | null = null;

/** The script worker threads run: the bundled CLI (bin.ts sets it to itself). */
export function setWorkerEntry(path: string): void {
  workerEntry = path;
}

/** The optimizer's slot arrays, protected in the library, reached as a subclass may. */
abstract class SlotAccess extends Optimizer {
  static slotsOf(o: Optimizer): Record<string, Float32Array[]> {
    return (o as unknown as SlotAccess).slots as Record<string, Float32Array[]>;
  }
}

/** Moves the optimizer's slot arrays into SharedArrayBuffers (values kept); returns the buffers. */
export function shareSlots(opt: Optimizer): Record<string, SharedArrayBuffer[]> {
  const slots = SlotAccess.slotsOf(opt);
  const out: Record<string, SharedArrayBuffer[]> = {};
  for (const [k, arrs] of Object.entries(slots)) {
    slots[k] = arrs.map((a) => {
      const s = new Float32Array(new SharedArrayBuffer(a.byteLength));
      s.set(a);
      return s;
    });
    out[k] = slots[k].map((a) => a.buffer as SharedArrayBuffer);
  }
  return out;
}

/** Points the optimizer's slot arrays at the shared buffers. */
export function useSharedSlots(opt: Optimizer, shared: Record<string, SharedArrayBuffer[]>): void {
  const slots = SlotAccess.slotsOf(opt);
  for (const [k, bufs] of Object.entries(shared)) slots[k] = bufs.map((b) => new Float32Array(b));
}

type Done = { batches: number };
/** A thread's evaluation of `n` held-out pairs: its mean losses. */
export type EvalPart = EvalResult & { n: number };

/** Posts `msg` (unless undefined) to the worker; resolves with its next reply, rejects on its error. */
function ask<T>(w: Worker, msg?: unknown): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onMessage = (m: T): void => {
      w.off('error', onError);
      resolve(m);
    };
    const onError = (e: Error): void => {
      w.off('message', onMessage);
      reject(e);
    };
    w.once('message', onMessage);
    w.once('error', onError);
    if (msg !== undefined) w.postMessage(msg);
  });
}

/** A SharedArrayBuffer holding a copy of `a`. */
function sharedInts(a: Int32Array): SharedArrayBuffer {
  const sab = new SharedArrayBuffer(a.byteLength);
  new Int32Array(sab).set(a);
  return sab;
}

/** Moves the encoded corpus into SharedArrayBuffers (data.corpus then views them); returns the buffers. */
function shareCorpus(data: Run['data']): WorkerInit['corpus'] {
  const ids = sharedInts(data.corpus!.ids),
    ends = sharedInts(data.corpus!.ends);
  data.corpus = { ids: new Int32Array(ids), ends: new Int32Array(ends) };
  return { ids, ends };
}

/** Starts the workers and waits until each has set itself up (so the clock starts with the training). */
async function startWorkers(init: Omit<WorkerInit, 'index'>): Promise<Worker[]> {
  const workers = Array.from(
    { length: init.count },
    (_, index) => new Worker(workerEntry!, { workerData: { ...init, index } }),
  );
  try {
    await Promise.all(workers.map((w) => ask(w)));
  } catch (e) {
    await Promise.all(workers.map((w) => w.terminate()));
    throw e;
  }
  return workers;
}

/**
 * The held-out evaluation split over the threads: thread t scores pairs [⌊t·n/N⌋, ⌊(t+1)·n/N⌋)
 * of the n pairs, and the means are combined weighted by pair counts.
 */
async function evaluateInWorkers(workers: Worker[], n: number, sigmoid: boolean): Promise<EvalResult> {
  const N = workers.length;
  const parts = await Promise.all(
    workers.map((w, t) =>
      ask<EvalPart>(w, { evaluate: { sigmoid, from: Math.floor((t * n) / N), to: Math.floor(((t + 1) * n) / N) } }),
    ),
  );
  const mean = (f: (p: EvalPart) => number): number => parts.reduce((a, p) => a + f(p) * p.n, 0) / n;
  const softmax = mean((p) => p.softmax);
  return sigmoid ? { softmax, sigmoid: mean((p) => p.sigmoid!) } : { softmax };
}

/** The epochs with --threads worker threads, from where `st` stands. Returns true when interrupted. */
export async function trainThreaded(run: Run, st: RunState, req: TrainRequest): Promise<boolean> {
  const { s, data, model, opt } = run;
  if (workerEntry === null)
    throw new UsageError('--threads > 1 needs the built CLI (npm run build:cli; node dist/bin/tapegrad.js)');
  const threads = s.threads;
  const control = new SharedArrayBuffer(4),
    counters = new SharedArrayBuffer(8 * threads * COUNTERS);
  const stop = new Int32Array(control),
    c = new Float64Array(counters);
  const init: Omit<WorkerInit, 'index'> = {
    tapegradWorker: true,
    count: threads,
    settings: s,
    words: data.vocab.words,
    counts: data.vocab.counts,
    keep: data.keep,
    heldOut: data.heldOut,
    corpus: data.corpus && shareCorpus(data),
    params: [model.emb, model.w, model.b].map((t) => t.data.buffer as SharedArrayBuffer),
    slots: shareSlots(opt),
    control,
    counters,
  };
  const workers = await startWorkers(init);
  const loop = new EpochLoop(run, st);
  try {
    while (st.epoch < s.epochs) {
      const skip = st.shardBatches ?? new Array<number>(threads).fill(0);
      c.fill(0);
      let finished = 0;
      const done = workers.map((w, t) => ask<Done>(w, { epoch: st.epoch, skip: skip[t] }).then((m) => (finished++, m)));
      const steps0 = st.step - skip.reduce((a, b) => a + b, 0),
        words0 = st.words;
      let lossSum = 0,
        lossCount = 0;
      while (finished < threads) {
        await Promise.race([Promise.all(done), new Promise((r) => setTimeout(r, 100))]);
        const sumOf = (k: number): number => c.reduce((a, v, i) => (i % COUNTERS === k ? a + v : a), 0);
        st.step = steps0 + sumOf(BATCHES);
        st.words = words0 + sumOf(WORDS);
        st.lossSum += sumOf(LOSS_SUM) - lossSum;
        st.lossCount += sumOf(LOSS_COUNT) - lossCount;
        [lossSum, lossCount] = [sumOf(LOSS_SUM), sumOf(LOSS_COUNT)];
        const loss = st.lossCount > 0 ? st.lossSum / st.lossCount : NaN;
        loop.report(st, sumOf(POSITION), loss, req.afterStep);
        if (loop.interrupted) Atomics.store(stop, 0, 1);
      }
      const ends = await Promise.all(done);
      if (loop.interrupted) {
        st.shardBatches = ends.map((e) => e.batches);
        return true;
      }
      delete st.shardBatches;
      await endEpoch(run, st, (sigmoid) => evaluateInWorkers(workers, data.heldOut.centers.length, sigmoid));
    }
  } finally {
    loop.close();
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return false;
}
