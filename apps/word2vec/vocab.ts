/** The vocabulary: words with their counts, ids by decreasing frequency; subsampling. */

/** Words with counts; id i is the (i+1)-th most frequent word. */
export class Vocab {
  /** id of each word. */
  readonly index: Map<string, number>;
  /** Σ counts: the number of in-vocabulary training tokens. */
  readonly total: number;

  constructor(
    readonly words: readonly string[],
    readonly counts: readonly number[],
  ) {
    this.index = new Map(words.map((w, i) => [w, i]));
    this.total = counts.reduce((a, b) => a + b, 0);
  }

  get size(): number {
    return this.words.length;
  }

  /** The ids of the in-vocabulary tokens (out-of-vocabulary tokens dropped). */
  encode(tokens: readonly string[]): number[] {
    const out: number[] = [];
    for (const w of tokens) {
      const id = this.index.get(w);
      if (id !== undefined) out.push(id);
    }
    return out;
  }
}

/**
 * The vocabulary of the words counted at least `minCount` times, sorted by decreasing count,
 * ties by the word's UTF-16 code units ascending (so the order never depends on the order
 * in which words were met). The log-uniform sampler relies on this order.
 */
export function buildVocab(counts: ReadonlyMap<string, number>, minCount: number): Vocab {
  const kept = [...counts].filter(([, c]) => c >= minCount);
  kept.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  return new Vocab(
    kept.map(([w]) => w),
    kept.map(([, c]) => c),
  );
}

/**
 * word2vec's subsampling of frequent words (word2vec.c): a token of a word counted `count`
 * times among `total` training tokens is kept with probability
 *
 *   keep = (√(count / (t·total)) + 1) · (t·total) / count,   capped at 1,
 *
 * so words rarer than about t·total are always kept and a very frequent word keeps about
 * √(t·total / count) of its tokens. t = 0 keeps everything. (Mikolov et al. 2013 wrote
 * 1 − √(t/f); the code, used here, differs slightly.)
 */
export function keepProbability(count: number, total: number, t: number): number {
  if (t <= 0) return 1;
  const tt = t * total;
  return Math.min(1, (Math.sqrt(count / tt) + 1) * (tt / count));
}

/** keepProbability of every word of the vocabulary, by id. */
export function keepProbabilities(vocab: Vocab, t: number): Float64Array {
  return Float64Array.from(vocab.counts, (c) => keepProbability(c, vocab.total, t));
}
