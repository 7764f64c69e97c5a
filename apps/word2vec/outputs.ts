/** Writing a trained model's files into the output folder, and reading them back. */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { removeStaleTemps, writeAtomic } from './checkpoint.js';
import { join } from 'node:path';
import type { Model } from './model.js';
import { npyBytes, readNpy } from './npy.js';
import { UsageError, type TrainSettings } from './options.js';
import { lossCurveSvg, type EvalPoint } from './svg.js';
import { Vocab } from './vocab.js';

/** The word2vec text format: a "V D" line, then "word v1 … vD" per word, by id. */
export function vectorsText(vocab: Vocab, emb: Float32Array, D: number): string {
  const lines = [`${vocab.size} ${D}`];
  for (let i = 0; i < vocab.size; i++) {
    const row = Array.from(emb.subarray(i * D, (i + 1) * D), (x) => x.toFixed(6));
    lines.push(`${vocab.words[i]} ${row.join(' ')}`);
  }
  return lines.join('\n') + '\n';
}

/** vocab.txt: "word count" per line, by id (word2vec.c's -save-vocab format). */
export function vocabText(vocab: Vocab): string {
  return vocab.words.map((w, i) => `${w} ${vocab.counts[i]}`).join('\n') + '\n';
}

/**
 * Writes vectors.txt, input_embeddings.npy [V, D], output_weights.npy [V, D],
 * output_biases.npy [V], vocab.txt, loss.svg and summary.json into `out`, each atomically
 * (a kill leaves the old file or the new one, never half of one).
 */
export function writeOutputs(
  out: string,
  vocab: Vocab,
  m: Model,
  history: readonly EvalPoint[],
  baseline: number,
  summary: unknown,
  title: string,
): string[] {
  mkdirSync(out, { recursive: true });
  const [V, D] = m.emb.shape;
  const emb = m.emb.data as Float32Array;
  const files: [string, string | Buffer][] = [
    ['vectors.txt', vectorsText(vocab, emb, D)],
    ['input_embeddings.npy', npyBytes(emb, [V, D])],
    ['output_weights.npy', npyBytes(m.w.data as Float32Array, [V, D])],
    ['output_biases.npy', npyBytes(m.b.data as Float32Array, [V])],
    ['vocab.txt', vocabText(vocab)],
    ['loss.svg', lossCurveSvg(history, baseline, title)],
    ['summary.json', JSON.stringify(summary, (_, v) => (v === Infinity ? 'all' : v), 2) + '\n'],
  ];
  for (const [name, content] of files) {
    removeStaleTemps(join(out, name));
    writeAtomic(join(out, name), content);
  }
  return files.map(([name]) => join(out, name));
}

/** The bytes of file `name` that train wrote in `out` (UsageError when it is missing or unreadable). */
export function savedFile(out: string, name: string): Buffer {
  const path = join(out, name);
  if (!existsSync(path))
    throw new UsageError(`${name} not found: ${path} (train a model with 'tapegrad train --out DIR' first)`);
  try {
    return readFileSync(path);
  } catch (e) {
    throw new UsageError(`${name} cannot be read: ${path} (${(e as NodeJS.ErrnoException).code ?? e})`);
  }
}

/** The vocabulary and a [V, D] matrix `npy` saved by train in `out`; their sizes must agree. */
export function readSaved(out: string, npy: string): { vocab: Vocab; data: Float32Array; shape: number[] } {
  const lines = savedFile(out, 'vocab.txt').toString('utf8').split('\n').filter(Boolean);
  const vocab = new Vocab(
    lines.map((l) => l.slice(0, l.lastIndexOf(' '))),
    lines.map((l) => Number(l.slice(l.lastIndexOf(' ') + 1))),
  );
  const m = readModelNpy(out, npy);
  if (m.shape.length !== 2 || m.shape[0] !== vocab.size)
    throw new UsageError(`${npy} has shape (${m.shape.join(', ')}) but vocab.txt ${vocab.size} words`);
  return { vocab, ...m };
}

/** The .npy file `npy` that train wrote in `out`; a UsageError when it is missing or malformed. */
export function readModelNpy(out: string, npy: string): ReturnType<typeof readNpy> {
  try {
    return readNpy(savedFile(out, npy));
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new UsageError(`${npy} in ${out} is not a matrix train wrote (${(e as Error).message})`);
  }
}

/**
 * The summary.json that `train` wrote in `out` (maxWords "all" read back as Infinity): a
 * UsageError (exit 2, one line) when it is missing, unreadable, not JSON, or has no settings
 * object naming its corpus.
 */
export function readSummary(out: string): { settings: TrainSettings } {
  let summary: { settings?: unknown } | null = null;
  try {
    summary = JSON.parse(savedFile(out, 'summary.json').toString('utf8'));
  } catch (e) {
    if (e instanceof UsageError) throw e;
  }
  const settings = summary?.settings as { corpus?: unknown } | null | undefined;
  if (typeof settings !== 'object' || settings === null || typeof settings.corpus !== 'string')
    throw new UsageError(
      `summary.json in ${out} is not the summary that 'tapegrad train' writes (not JSON, or no settings naming the corpus)`,
    );
  // summary.json writes maxWords = Infinity as "all" (JSON has no Infinity)
  if ((settings as { maxWords?: unknown }).maxWords === 'all') (settings as { maxWords: number }).maxWords = Infinity;
  return summary as { settings: TrainSettings };
}
