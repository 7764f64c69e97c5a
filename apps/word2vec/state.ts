/** What a checkpoint holds: settings, progress, history, the model and optimizer state. */
import { join } from 'node:path';
import type { Optimizer, OptimizerState } from '../../src/index.js';
import { saveCheckpoint } from './checkpoint.js';
import type { CorpusIdentity } from './corpus.js';
import type { Model } from './model.js';
import { UsageError, type TrainSettings } from './options.js';
import type { EvalPoint } from './svg.js';
import type { Vocab } from './vocab.js';

/** Where training stands; with the arrays, enough to continue bit for bit. */
export interface RunState {
  /** The epoch under way (0-based); = epochs when done. */
  epoch: number;
  /** Batches of this epoch already trained. */
  batchInEpoch: number;
  /** Optimizer steps so far (also names each step's sampler seed). */
  step: number;
  /** Evaluations made inside this epoch (not counting the one at its end). */
  evalsInEpoch: number;
  /** Sum and count of training losses since the last evaluation point. */
  lossSum: number;
  lossCount: number;
  history: EvalPoint[];
  /** Seconds spent training (all runs of this training together). */
  seconds: number;
  /** In-vocabulary words trained on (all runs together). */
  words: number;
  /** With --threads N > 1: the batches of this epoch each thread has trained (its shard). */
  shardBatches?: number[];
}

/** The state of a run that has not started. */
export const newRunState = (): RunState => ({
  epoch: 0,
  batchInEpoch: 0,
  step: 0,
  evalsInEpoch: 0,
  lossSum: 0,
  lossCount: 0,
  history: [],
  seconds: 0,
  words: 0,
});

/** The JSON header of a checkpoint (read back and verified by resume.ts). */
export interface CheckpointMeta {
  version: 1;
  settings: TrainSettings;
  vocab: { size: number; fingerprint: string };
  progress: RunState;
  optimizer: Omit<OptimizerState, 'slots'> & { slots: Record<string, number> };
  /** The corpus trained on (checked on resume); absent in runs started through `train()` without it. */
  corpus?: CorpusIdentity;
}

export const checkpointPath = (out: string): string => join(out, 'checkpoint.tgc');

/** FNV-1a over the words and counts: a resumed run must see the same vocabulary. */
export function vocabFingerprint(v: Vocab): string {
  let h = 0x811c9dc5;
  const text = v.words.map((w, i) => `${w} ${v.counts[i]}`).join('\n');
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return `${v.size}:${h.toString(16)}`;
}

/** Writes the checkpoint of the run (atomically), with the identity of its corpus when known. */
export function writeCheckpoint(
  out: string,
  settings: TrainSettings,
  vocab: Vocab,
  m: Model,
  opt: Optimizer,
  progress: RunState,
  corpus?: CorpusIdentity,
): void {
  const st = opt.stateDict();
  const arrays: Record<string, Float32Array | Float64Array> = {
    emb: m.emb.data as Float32Array,
    w: m.w.data as Float32Array,
    b: m.b.data as Float32Array,
  };
  const slots: Record<string, number> = {};
  for (const [k, arrs] of Object.entries(st.slots)) {
    slots[k] = arrs.length;
    arrs.forEach((a, i) => {
      arrays[`slot:${k}:${i}`] = a;
    });
  }
  const meta: CheckpointMeta = {
    version: 1,
    settings,
    vocab: { size: vocab.size, fingerprint: vocabFingerprint(vocab) },
    progress,
    optimizer: { ...st, slots },
    ...(corpus ? { corpus } : {}),
  };
  saveCheckpoint(
    checkpointPath(out),
    JSON.parse(JSON.stringify(meta, (_, v) => (v === Infinity ? 'Infinity' : v))),
    arrays,
  );
}

/** Loads the model and optimizer state of a checkpoint; returns its progress. */
export function restore(
  ck: { meta: CheckpointMeta; arrays: Record<string, Float32Array | Float64Array | Int32Array> },
  vocab: Vocab,
  m: Model,
  opt: Optimizer,
): RunState {
  const { meta, arrays } = ck;
  if (meta.vocab.fingerprint !== vocabFingerprint(vocab)) {
    throw new UsageError(
      `--resume: the corpus gives another vocabulary than the checkpoint's (${meta.vocab.size} words); the corpus file changed`,
    );
  }
  (m.emb.data as Float32Array).set(arrays.emb);
  (m.w.data as Float32Array).set(arrays.w);
  (m.b.data as Float32Array).set(arrays.b);
  const slots: Record<string, (Float32Array | Float64Array)[]> = {};
  for (const [k, n] of Object.entries(meta.optimizer.slots)) {
    slots[k] = Array.from({ length: n }, (_, i) => arrays[`slot:${k}:${i}`] as Float32Array | Float64Array);
  }
  opt.loadStateDict({ ...meta.optimizer, slots });
  return meta.progress;
}
