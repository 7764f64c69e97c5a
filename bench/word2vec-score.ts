/**
 * The benchmark's word-similarity scorer (a small local one: `tapegrad eval --similarity`
 * is written elsewhere): Spearman ρ between the cosine of each pair's vectors and the human
 * score, over the pairs whose two words are in the vocabulary (lower-cased), with the share
 * of pairs left out. Ties get their average rank, as scipy's spearmanr (gensim) does.
 */
import { readFileSync } from 'node:fs';

/** Vectors of the word2vec text format: a "V D" line, then "word v1 … vD". */
export function readVectors(path: string): Map<string, Float64Array> {
  const lines = readFileSync(path, 'utf8').split('\n');
  const out = new Map<string, Float64Array>();
  for (const line of lines.slice(1)) {
    const f = line.trim().split(' ');
    if (f.length < 2) continue;
    out.set(f[0].toLowerCase(), Float64Array.from(f.slice(1), Number));
  }
  return out;
}

/** Ranks 1..n, ties sharing their average rank. */
export function ranks(x: readonly number[]): number[] {
  const order = x.map((_, i) => i).sort((a, b) => x[a] - x[b]);
  const r = new Array<number>(x.length);
  for (let i = 0; i < order.length;) {
    let j = i;
    while (j + 1 < order.length && x[order[j + 1]] === x[order[i]]) j++;
    for (let k = i; k <= j; k++) r[order[k]] = (i + j) / 2 + 1;
    i = j + 1;
  }
  return r;
}

/** Spearman ρ: the Pearson correlation of the ranks. */
export function spearman(a: readonly number[], b: readonly number[]): number {
  const ra = ranks(a),
    rb = ranks(b);
  const n = a.length,
    ma = ra.reduce((s, v) => s + v, 0) / n,
    mb = rb.reduce((s, v) => s + v, 0) / n;
  let sab = 0,
    saa = 0,
    sbb = 0;
  for (let i = 0; i < n; i++) {
    sab += (ra[i] - ma) * (rb[i] - mb);
    saa += (ra[i] - ma) ** 2;
    sbb += (rb[i] - mb) ** 2;
  }
  return sab / Math.sqrt(saa * sbb);
}

const cosine = (u: Float64Array, v: Float64Array): number => {
  let uv = 0,
    uu = 0,
    vv = 0;
  for (let i = 0; i < u.length; i++) ((uv += u[i] * v[i]), (uu += u[i] * u[i]), (vv += v[i] * v[i]));
  return uv / Math.sqrt(uu * vv);
};

/** ρ over the in-vocabulary pairs of a tab-separated "w1 w2 score" file (# comments), and the OOV share. */
export function similarity(vectors: Map<string, Float64Array>, file: string): { rho: number; oov: number } {
  const pairs = readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim() && !l.startsWith('#'))
    .map((l) => l.split('\t'));
  const model: number[] = [],
    human: number[] = [];
  for (const [a, b, s] of pairs) {
    const u = vectors.get(a.toLowerCase()),
      v = vectors.get(b.toLowerCase());
    if (!u || !v) continue;
    model.push(cosine(u, v));
    human.push(Number(s));
  }
  return { rho: spearman(model, human), oov: 1 - model.length / pairs.length };
}
