/**
 * The benchmark's word-similarity score, the same for tapegrad's and gensim's vectors:
 * `tapegrad eval --similarity`'s Spearman ρ (apps/word2vec/eval.ts: cosine of each pair's
 * vectors against the human score, over the pairs whose two words are in the vocabulary,
 * ties given their average rank as scipy's spearmanr does), with the share of pairs left out.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseSimilarity, similarityScore, unitVectors, type UnitVectors } from '../apps/word2vec/eval.js';

/** The unit vectors of a word2vec text file: a "V D" line, then "word v1 … vD" (words lower-cased). */
export function readVectors(path: string): UnitVectors {
  const rows = readFileSync(path, 'utf8')
    .split('\n')
    .slice(1)
    .map((l) => l.trim().split(' '))
    .filter((f) => f.length >= 2);
  const V = rows.length,
    D = V > 0 ? rows[0].length - 1 : 0;
  const emb = new Float32Array(V * D);
  const index = new Map<string, number>();
  rows.forEach((f, i) => {
    index.set(f[0].toLowerCase(), i);
    for (let k = 0; k < D; k++) emb[i * D + k] = Number(f[k + 1]);
  });
  return unitVectors(index, emb, V, D);
}

/** ρ over the in-vocabulary pairs of a similarity file, and the OOV share. */
export function similarity(vectors: UnitVectors, file: string): { rho: number; oov: number } {
  const r = similarityScore(vectors, parseSimilarity(readFileSync(file, 'utf8'), basename(file)));
  return { rho: r.rho, oov: r.oov / r.total };
}
