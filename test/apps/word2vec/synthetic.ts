import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeRng } from '../../../src/index.js';
import { DEFAULTS, type TrainSettings } from '../../../apps/word2vec/options.js';

/**
 * A corpus with planted structure: 4 topics of 8 words each; every sentence (10 words)
 * draws its words from one topic only. A context then says which topic its center is in:
 * the best model pays about ln 8 per pair where the unigram baseline pays ln 32.
 */
export function plantedCorpus(sentences = 300, seed = 'planted'): string {
  const rng = makeRng(seed);
  const lines: string[] = [];
  for (let s = 0; s < sentences; s++) {
    const topic = Math.floor(rng() * 4);
    lines.push(Array.from({ length: 10 }, () => `t${topic}w${Math.floor(rng() * 8)}`).join(' '));
  }
  return lines.join('\n') + '\n';
}

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Writes the planted corpus and returns settings for a small, fast run on it. */
export function smallRun(dir: string, over: Partial<TrainSettings> = {}): TrainSettings {
  const corpus = join(dir, 'planted.txt');
  writeFileSync(corpus, plantedCorpus());
  return {
    ...DEFAULTS,
    corpus,
    dim: 8,
    window: 2,
    numSampled: 8,
    batch: 32,
    epochs: 2,
    minCount: 1,
    sample: 0,
    heldOut: 0.1,
    evalPairs: 400,
    evalsPerEpoch: 2,
    shuffleBuffer: 1000,
    seed: 7,
    optimizer: 'adagrad',
    lr: 0.1,
    ...over,
  };
}

/** An output sink that keeps what was written. */
export function sink(): { write(s: string): boolean; text: string; isTTY: boolean } {
  return {
    text: '',
    isTTY: false,
    write(s: string) {
      this.text += s;
      return true;
    },
  };
}
