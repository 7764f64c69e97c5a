/**
 * `tapegrad eval`: the held-out losses of a trained model, and the two measures a word2vec
 * user expects: word similarity (Spearman's ρ against human scores, WordSim-353 and
 * SimLex-999 files) and analogies (3CosAdd accuracy on word2vec's questions-words.txt).
 * The scoring functions are exported for benchmarks.
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { matMul, tensor } from '../../src/index.js';
import { evaluate, unigramBaseline, unigramLogPrior, type Model } from './model.js';
import { normalizeRows } from './neighbors.js';
import { UsageError, type Command } from './options.js';
import { readModelNpy, readSaved, readSummary } from './outputs.js';
import { dataOptions, type TrainIO } from './train.js';
import { prepareData, type Dataset } from './data.js';

/** A human-scored word pair (words lowercased), from line `line` of its file. */
export interface ScoredPair {
  a: string;
  b: string;
  score: number;
  line: number;
}

/** A line as an error message quotes it (at most 60 characters). */
const quote = (l: string): string => JSON.stringify(l.length > 60 ? `${l.slice(0, 57)}...` : l);

const lines = (text: string): [string, number][] =>
  text
    .split(/\r?\n/)
    .map((l, i): [string, number] => [l.trim(), i + 1])
    .filter(([l]) => l !== '' && !l.startsWith('#'));

/**
 * Reads a word-similarity file: "word1<TAB>word2<TAB>score" per line (or three fields split
 * by spaces), '#' comments and blank lines skipped. Throws UsageError naming `name` and the
 * line of a malformed row.
 */
export function parseSimilarity(text: string, name: string): ScoredPair[] {
  return lines(text).map(([l, line]) => {
    const f = l.includes('\t') ? l.split('\t').map((x) => x.trim()) : l.split(/\s+/);
    const score = Number(f[2]);
    if (f.length !== 3 || f[0] === '' || f[1] === '' || f[2] === '' || !Number.isFinite(score))
      throw new UsageError(`${name} line ${line}: expected "word1<TAB>word2<TAB>score", got ${quote(l)}`);
    return { a: f[0].toLowerCase(), b: f[1].toLowerCase(), score, line };
  });
}

/** The ranks 1..n of `x`, ties given the mean of the ranks they span (as scipy's rankdata). */
export function averageRanks(x: ArrayLike<number>): Float64Array {
  const n = x.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((i, j) => x[i] - x[j]);
  const r = new Float64Array(n);
  for (let i = 0; i < n;) {
    let j = i;
    while (j + 1 < n && x[order[j + 1]] === x[order[i]]) j++;
    for (let k = i; k <= j; k++) r[order[k]] = (i + j) / 2 + 1;
    i = j + 1;
  }
  return r;
}

/** Pearson's correlation Σ(x−x̄)(y−ȳ) / √(Σ(x−x̄)² Σ(y−ȳ)²); NaN when n < 2 or a side is constant. */
export function pearson(x: ArrayLike<number>, y: ArrayLike<number>): number {
  const n = x.length;
  let mx = 0,
    my = 0;
  for (let i = 0; i < n; i++) ((mx += x[i] / n), (my += y[i] / n));
  let sxy = 0,
    sxx = 0,
    syy = 0;
  for (let i = 0; i < n; i++) {
    sxy += (x[i] - mx) * (y[i] - my);
    sxx += (x[i] - mx) ** 2;
    syy += (y[i] - my) ** 2;
  }
  return n < 2 || sxx === 0 || syy === 0 ? NaN : sxy / Math.sqrt(sxx * syy);
}

/** Spearman's ρ: Pearson's correlation of the average ranks of x and of y. */
export const spearman = (x: ArrayLike<number>, y: ArrayLike<number>): number =>
  pearson(averageRanks(x), averageRanks(y));

/** Unit-length word vectors and the id of each word. */
export interface UnitVectors {
  index: ReadonlyMap<string, number>;
  /** [V, D] rows of unit length (zero rows stay zero). */
  unit: Float32Array;
  V: number;
  D: number;
}

/** The unit vectors of the V rows of `emb` [V, D], with the id of each word. */
export const unitVectors = (
  index: ReadonlyMap<string, number>,
  emb: Float32Array,
  V: number,
  D: number,
): UnitVectors => ({
  index,
  unit: normalizeRows(emb, V, D),
  V,
  D,
});

const dot = (u: UnitVectors, i: number, j: number): number => {
  let s = 0;
  for (let k = 0; k < u.D; k++) s += u.unit[i * u.D + k] * u.unit[j * u.D + k];
  return s;
};

/**
 * Spearman's ρ between cos(a, b) and the human score over the pairs whose two words are in
 * the vocabulary; `oov` pairs left out of `total` (the OOV ratio is oov / total).
 */
export function similarityScore(u: UnitVectors, pairs: readonly ScoredPair[]) {
  const cos: number[] = [],
    human: number[] = [];
  for (const p of pairs) {
    const i = u.index.get(p.a),
      j = u.index.get(p.b);
    if (i === undefined || j === undefined) continue;
    cos.push(dot(u, i, j));
    human.push(p.score);
  }
  return { rho: spearman(cos, human), used: cos.length, oov: pairs.length - cos.length, total: pairs.length };
}

/** An analogy section: its name and its questions [a, b, c, d] (a is to b as c is to d). */
export interface AnalogySection {
  name: string;
  questions: [string, string, string, string][];
}

/** Reads word2vec's questions-words.txt format: ": section" lines, then "a b c d" lines. */
export function parseAnalogies(text: string, name: string): AnalogySection[] {
  const out: AnalogySection[] = [];
  for (const [l, line] of lines(text)) {
    if (l.startsWith(':')) {
      out.push({ name: l.slice(1).trim(), questions: [] });
      continue;
    }
    const w = l.toLowerCase().split(/\s+/);
    if (w.length !== 4) throw new UsageError(`${name} line ${line}: expected four words "a b c d", got ${quote(l)}`);
    if (out.length === 0) throw new UsageError(`${name} line ${line}: a question before the first ": section" line`);
    out[out.length - 1].questions.push(w as [string, string, string, string]);
  }
  return out;
}

/**
 * 3CosAdd: the answer to a : b :: c : ? is the word x ∉ {a, b, c} maximizing
 * cos(x, b − a + c) over unit vectors, i.e. x̂·(b̂ − â + ĉ) (ties: the lower id, the more
 * frequent word), as word2vec's compute-accuracy and gensim do. Questions with a word out of
 * the vocabulary are skipped. Per section and in total: correct, asked (evaluated), skipped.
 */
export function analogyScore(u: UnitVectors, sections: readonly AnalogySection[], chunk = 256) {
  // The questions asked (all four words known), as [section, a, b, c, d].
  const asked: number[][] = [];
  sections.forEach((s, k) => {
    for (const words of s.questions) {
      const ids = words.map((w) => u.index.get(w));
      if (ids.every((i) => i !== undefined)) asked.push([k, ...(ids as number[])]);
    }
  });
  const correct = new Array<number>(sections.length).fill(0);
  const all = tensor(u.unit, [u.V, u.D]);
  for (let s0 = 0; s0 < asked.length; s0 += chunk) {
    const part = asked.slice(s0, s0 + chunk),
      n = part.length;
    const q = new Float32Array(n * u.D);
    part.forEach(([, a, b, c], r) => {
      for (let k = 0; k < u.D; k++) q[r * u.D + k] = u.unit[b * u.D + k] - u.unit[a * u.D + k] + u.unit[c * u.D + k];
    });
    // [n, V] scores x̂·(b̂ − â + ĉ) of every word for each question.
    const scores = matMul(tensor(q, [n, u.D]), all, { transposeB: true }).data;
    part.forEach(([k, a, b, c, d], r) => {
      let best = -1,
        bestS = -Infinity;
      for (let x = 0, o = r * u.V; x < u.V; x++) {
        if (scores[o + x] > bestS && x !== a && x !== b && x !== c) ((bestS = scores[o + x]), (best = x));
      }
      if (best === d) correct[k]++;
    });
  }
  const rows = sections.map((s, k) => {
    const n = asked.filter((q) => q[0] === k).length;
    return { name: s.name, correct: correct[k], asked: n, skipped: s.questions.length - n };
  });
  const sum = (k: 'correct' | 'asked' | 'skipped'): number => rows.reduce((a, r) => a + r[k], 0);
  return { sections: rows, total: { correct: sum('correct'), asked: sum('asked'), skipped: sum('skipped') } };
}

const pct = (n: number, d: number): string => (d > 0 ? `${((100 * n) / d).toFixed(1)}%` : 'n/a');

function readText(path: string, what: string): string {
  if (!existsSync(path)) throw new UsageError(`${what} file not found: ${path}`);
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    throw new UsageError(`${what} file cannot be read: ${path} (${(e as NodeJS.ErrnoException).code ?? e})`);
  }
}

/** `tapegrad eval`: held-out losses, or the --similarity and --analogies scores. */
export async function evalCommand(cmd: Command, io: TrainIO): Promise<number> {
  if (cmd.similarity.length === 0 && cmd.analogies.length === 0) return heldOut(cmd, io);
  const files = [
    ...cmd.similarity.map((f) => ({ f, pairs: parseSimilarity(readText(f, 'similarity'), basename(f)) })),
    ...cmd.analogies.map((f) => ({ f, sections: parseAnalogies(readText(f, 'analogies'), basename(f)) })),
  ];
  const emb = readSaved(cmd.out, 'input_embeddings.npy');
  const [V, D] = emb.shape;
  const u = unitVectors(emb.vocab.index, emb.data, V, D);
  for (const x of files) {
    if ('pairs' in x) {
      const r = similarityScore(u, x.pairs);
      io.out.write(
        `similarity ${basename(x.f)}: Spearman rho ${Number.isNaN(r.rho) ? 'n/a' : r.rho.toFixed(4)} over ${r.used} of ${r.total} pairs, ${r.oov} OOV (${pct(r.oov, r.total)})\n`,
      );
      continue;
    }
    const r = analogyScore(u, x.sections);
    io.out.write(`analogies ${basename(x.f)} (3CosAdd, question words excluded):\n`);
    for (const s of [...r.sections, { name: 'total', ...r.total }])
      io.out.write(`  ${s.name}: ${pct(s.correct, s.asked)} (${s.correct}/${s.asked}), ${s.skipped} skipped (OOV)\n`);
  }
  return 0;
}

/**
 * The model train saved in `out` (E, W, b over the words of vocab.txt, their sizes checked
 * against each other) and the data of its run, prepared again from the saved settings.
 * UsageError when a file is missing or malformed, the files disagree, or the corpus no
 * longer gives the saved vocabulary.
 */
export async function readTrainedRun(out: string): Promise<{ model: Model; data: Dataset }> {
  const { settings } = readSummary(out);
  const emb = readSaved(out, 'input_embeddings.npy'),
    w = readSaved(out, 'output_weights.npy'),
    b = readModelNpy(out, 'output_biases.npy');
  const V = emb.vocab.size;
  if (w.shape[1] !== emb.shape[1] || b.shape.length !== 1 || b.shape[0] !== V)
    throw new UsageError(
      `the model files in ${out} disagree: input_embeddings.npy (${emb.shape.join(', ')}), output_weights.npy (${w.shape.join(', ')}), output_biases.npy (${b.shape.join(', ')})`,
    );
  const data = await prepareData(dataOptions(settings));
  if (data.vocab.size !== V)
    throw new UsageError(`the saved model has ${V} words but the corpus gives ${data.vocab.size}: the corpus changed`);
  return { model: { emb: tensor(emb.data, emb.shape), w: tensor(w.data, w.shape), b: tensor(b.data, b.shape) }, data };
}

async function heldOut(cmd: Command, io: TrainIO): Promise<number> {
  const { model, data } = await readTrainedRun(cmd.out);
  const r = evaluate(model, data.heldOut, true);
  const base = unigramBaseline(unigramLogPrior(data.vocab.counts, data.keep), data.heldOut);
  io.out.write(
    `held-out pairs: ${data.heldOut.centers.length}\nfull softmax: ${r.softmax.toFixed(4)}\nfull sigmoid: ${r.sigmoid!.toFixed(4)}\nunigram baseline: ${base.crossEntropy.toFixed(4)}\n`,
  );
  return 0;
}
