/**
 * The data pipeline: one counting pass builds the vocabulary, sets the held-out sentences
 * aside and keeps the training sentences encoded as ids (when they fit `cacheTokens`);
 * each epoch then turns them (or, past that bound, the corpus read again) into shuffled
 * batches of skip-gram pairs. Every random choice comes from a generator named by the seed
 * and its purpose (and the epoch), so any epoch can be replayed exactly (resume).
 */
import { makeRng, type Rng } from '../../src/index.js';
import { checkSource, CorpusError, MAX_SENTENCE, sentenceGroups, type CorpusSource } from './corpus.js';
import { PairBatcher, subsample, windowPairs, type Pairs } from './pairs.js';
import { buildVocab, keepProbabilities, type Vocab } from './vocab.js';

/** The settings the data depends on. */
export interface DataOptions {
  source: CorpusSource;
  /** Stop reading after this many tokens (Infinity: all). */
  maxWords: number;
  /** Words seen fewer times in the training sentences are dropped. */
  minCount: number;
  /** The subsampling threshold t (0: off). */
  sample: number;
  /** The largest window radius. */
  window: number;
  /** The fraction of sentences held out for evaluation. */
  heldOut: number;
  /** At most this many held-out pairs are evaluated (a seeded random subset). */
  evalPairs: number;
  seed: number;
  /**
   * Training tokens kept in memory, encoded, at most [MAX_CACHED_TOKENS]: a larger corpus is
   * read and encoded again in every epoch (same batches, memory bounded).
   */
  cacheTokens?: number;
}

/**
 * The training sentences as ids, in corpus order, out-of-vocabulary tokens dropped:
 * sentence i is ids[ends[i − 1], ends[i]) (ends[−1] = 0; a sentence may be empty).
 */
export interface EncodedCorpus {
  ids: Int32Array;
  ends: Int32Array;
}

/** The vocabulary, subsampling probabilities and the held-out pairs. */
export interface Dataset {
  vocab: Vocab;
  keep: Float64Array;
  heldOut: Pairs;
  /** Tokens read (all sentences, before the vocabulary). */
  corpusWords: number;
  trainSentences: number;
  heldOutSentences: number;
  /** The training sentences encoded, or null when they hold more than `cacheTokens` tokens. */
  corpus: EncodedCorpus | null;
}

/**
 * A batch of pairs and how far the epoch is: in-vocabulary training tokens read so far,
 * spread evenly over the batches of one shuffle-buffer burst (reaches vocab.total at the end).
 */
export interface Batch extends Pairs {
  words: number;
}

/** Held-out sentences kept in memory at most (in tokens); beyond, they are only skipped. */
const MAX_HELD_TOKENS = 500_000;
/**
 * The default `cacheTokens`: 2^25 tokens, 128 MB of ids (while the list grows, briefly up to
 * twice that); a corpus of more is streamed in every epoch instead.
 */
export const MAX_CACHED_TOKENS = 2 ** 25;

/** A growing list of int32 values. */
class IntList {
  data = new Int32Array(1 << 12);
  length = 0;

  push(v: number): void {
    if (this.length === this.data.length) {
      const d = new Int32Array(2 * this.length);
      d.set(this.data);
      this.data = d;
    }
    this.data[this.length++] = v;
  }
}

const rngFor = (seed: number, purpose: string): Rng => makeRng(`${seed}:${purpose}`);

/**
 * Pass 1: counts the words of the training sentences, builds the vocabulary, and makes
 * the held-out pairs (subsampled and windowed like training pairs). A sentence is held out
 * when its draw from the 'split' generator is below `heldOut`. Errors (CorpusError): a
 * source that cannot be read (checkSource: a missing file…), no words, no word reaching
 * minCount, no held-out pairs.
 */
export async function prepareData(o: DataOptions): Promise<Dataset> {
  checkSource(o.source);
  const split = rngFor(o.seed, 'split');
  // Training words get ids in the order they are first met; the vocabulary renumbers them.
  const met = new Map<string, number>();
  const counts: number[] = [];
  const held: string[][] = [];
  const limit = o.cacheTokens ?? MAX_CACHED_TOKENS;
  let tokens: IntList | null = new IntList(),
    ends: IntList | null = new IntList();
  let corpusWords = 0,
    heldTokens = 0,
    trainSentences = 0,
    heldOutSentences = 0;
  for await (const group of sentenceGroups(o.source, o.maxWords))
    for (const s of group) {
      corpusWords += s.length;
      if (split() < o.heldOut) {
        heldOutSentences++;
        if (heldTokens < MAX_HELD_TOKENS) held.push(s);
        heldTokens += s.length;
        continue;
      }
      trainSentences++;
      if (tokens !== null && tokens.length + s.length > limit) tokens = ends = null;
      for (const w of s) {
        let id = met.get(w);
        if (id === undefined) met.set(w, (id = counts.push(0) - 1));
        counts[id]++;
        tokens?.push(id);
      }
      ends?.push(tokens!.length);
    }
  const where = o.source.kind === 'file' ? o.source.path : 'the Brown corpus';
  if (corpusWords === 0) throw new CorpusError(`the corpus is empty: no words in ${where}`);
  const vocab = buildVocab(new Map(Array.from(met, ([w, id]) => [w, counts[id]])), o.minCount);
  if (vocab.size < 2) {
    throw new CorpusError(
      `the vocabulary has ${vocab.size} word(s): fewer than 2 words occur at least --min-count ${o.minCount} times in ${where} (lower --min-count or use a larger corpus)`,
    );
  }
  const keep = keepProbabilities(vocab, o.sample);
  const heldOut = heldOutPairs(held, vocab, keep, o);
  if (heldOut.centers.length === 0) {
    throw new CorpusError(
      `no held-out pairs: ${heldOutSentences} sentence(s) of ${where} were held out (raise --held-out or use a larger corpus)`,
    );
  }
  const corpus = tokens && encodeCorpus(tokens, ends!, met, vocab);
  return { vocab, keep, heldOut, corpusWords, trainSentences, heldOutSentences, corpus };
}

/** Renumbers the first-met ids of pass 1 into vocabulary ids, dropping the words left out. */
function encodeCorpus(tokens: IntList, ends: IntList, met: Map<string, number>, vocab: Vocab): EncodedCorpus {
  const id = new Int32Array(met.size);
  for (const [w, first] of met) id[first] = vocab.index.get(w) ?? -1;
  const t = tokens.data,
    e = ends.data;
  let k = 0;
  for (let i = 0, j = 0; i < ends.length; i++) {
    for (; j < e[i]; j++) if (id[t[j]] >= 0) t[k++] = id[t[j]];
    e[i] = k;
  }
  return { ids: t.slice(0, k), ends: e.slice(0, ends.length) };
}

function heldOutPairs(held: string[][], vocab: Vocab, keep: Float64Array, o: DataOptions): Pairs {
  const sub = rngFor(o.seed, 'heldout:subsample'),
    win = rngFor(o.seed, 'heldout:window');
  const c: number[] = [],
    x: number[] = [];
  const push = (a: number, b: number): void => void (c.push(a), x.push(b));
  for (const s of held) {
    const ids = vocab.encode(s),
      kept = new Int32Array(ids.length);
    windowPairs(kept, subsample(ids, 0, ids.length, keep, sub, kept), o.window, win, push);
  }
  // A seeded random subset of evalPairs pairs (partial Fisher–Yates), in the drawn order.
  const pick = rngFor(o.seed, 'heldout:pick');
  const n = Math.min(o.evalPairs, c.length);
  for (let i = 0; i < n; i++) {
    const j = i + Math.floor(pick() * (c.length - i));
    [c[i], c[j]] = [c[j], c[i]];
    [x[i], x[j]] = [x[j], x[i]];
  }
  return { centers: Int32Array.from(c.slice(0, n)), contexts: Int32Array.from(x.slice(0, n)) };
}

/** The training sentences (the same split as pass 1), as tokens, in corpus order, in groups. */
export async function* trainingSentenceGroups(o: DataOptions): AsyncGenerator<string[][]> {
  const split = rngFor(o.seed, 'split');
  for await (const group of sentenceGroups(o.source, o.maxWords)) yield group.filter(() => !(split() < o.heldOut));
}

/** The training sentences (the same split as pass 1), as tokens, in corpus order. */
export async function* trainingSentences(o: DataOptions): AsyncGenerator<string[]> {
  for await (const group of trainingSentenceGroups(o)) yield* group;
}

/** With --threads N, thread `index` of `count` trains the training sentences i with i mod count = index. */
export interface Shard {
  index: number;
  count: number;
}

/**
 * The training batches of one epoch: the training sentences (the same split as pass 1),
 * encoded, subsampled, windowed, and block-shuffled through a buffer of `shuffleBuffer`
 * pairs. The last batch of an epoch may be smaller. Depends only on (seed, epoch, shard);
 * `words` counts the shard's tokens. The sentences come from `data.corpus` when it is
 * there, else from reading the corpus again: the same batches either way.
 */
export async function* epochBatches(
  data: Dataset,
  o: DataOptions,
  batch: number,
  shuffleBuffer: number,
  epoch: number,
  shard: Shard = { index: 0, count: 1 },
): AsyncGenerator<Batch> {
  const name = shard.count === 1 ? `epoch${epoch}` : `epoch${epoch}:shard${shard.index}of${shard.count}`;
  const sub = rngFor(o.seed, `${name}:subsample`),
    win = rngFor(o.seed, `${name}:window`);
  const batcher = new PairBatcher(batch, shuffleBuffer, rngFor(o.seed, `${name}:shuffle`));
  const ready: Pairs[] = [];
  let kept = new Int32Array(MAX_SENTENCE);
  // Batches come out of the shuffle buffer in bursts; their word counts are spread evenly
  // over the words read since the previous burst, so progress (and the learning-rate
  // schedule) advances smoothly on any corpus size.
  let words = 0,
    before = 0;
  const add = (ids: ArrayLike<number>, from: number, to: number): void => {
    if (kept.length < to - from) kept = new Int32Array(to - from);
    words += to - from;
    batcher.addSentence(kept, subsample(ids, from, to, data.keep, sub, kept), o.window, win, ready);
  };
  function* burst(): Generator<Batch> {
    const n = ready.length;
    for (let i = 0; i < n; i++) {
      const { centers, contexts } = ready[i];
      yield { centers, contexts, words: before + Math.round(((words - before) * (i + 1)) / n) };
    }
    ready.length = 0;
    before = words;
  }
  if (data.corpus !== null) {
    const { ids, ends } = data.corpus;
    for (let i = shard.index; i < ends.length; i += shard.count) {
      add(ids, i === 0 ? 0 : ends[i - 1], ends[i]);
      if (ready.length) yield* burst();
    }
  } else {
    let sentence = 0;
    for await (const group of trainingSentenceGroups(o))
      for (const s of group) {
        if (sentence++ % shard.count !== shard.index) continue;
        const ids = data.vocab.encode(s);
        add(ids, 0, ids.length);
        if (ready.length) yield* burst();
      }
  }
  batcher.flush(ready, true);
  yield* burst();
}
