/**
 * The fixed-unigram sampler: weights from a list or a vocabulary file, distorted, with
 * reserved ids and sharding; an alias table built once makes every draw O(1).
 */
import { checkInteger, checkNumber, checkObject, fail } from '../../tensor/check.js';
import { TapegradError } from '../../tensor/errors.js';
import type { Rng } from '../../tensor/random.js';
import { AliasTable } from './alias.js';
import { CandidateSampler, type SamplerOptions } from './base.js';
import { MAX_TABLE } from './learned.js';
import { checkRangeMax, checkSeed } from './validate.js';
import { readVocabCounts } from './vocab.js';

/** Options of `FixedUnigramSampler` (TensorFlow's names). */
export interface FixedUnigramOptions extends SamplerOptions {
  /** Count (or probability) of each id after the reserved ones, in id order. */
  unigrams?: ArrayLike<number>;
  /** Path of a CSV-like file, one id per line, the count in the last field (Node only). */
  vocabFile?: string;
  /** Each weight is raised to this power: 1 unigram (default), 0 uniform, 0.75 word2vec. */
  distortion?: number;
  /** Ids [0, numReservedIds) come first with weight 0 (default 0). */
  numReservedIds?: number;
  /** Split the ids over this many samplers (default 1). */
  numShards?: number;
  /** This sampler owns the ids g with g mod numShards == shard (default 0). */
  shard?: number;
}

/**
 * Fixed unigram. Global ids are the `numReservedIds` reserved ids followed by one id per
 * count (of `unigrams` or the lines of `vocabFile`: exactly one of the two). This shard owns
 * the global ids g = shard + l·numShards, its local ids l = 0, 1, … (what it samples):
 *
 *   w_l = 0                              if g < numReservedIds
 *   w_l = count[g − numReservedIds] ^ distortion   otherwise,      p(l) = w_l / Σw.
 *
 * R (rangeMax) must equal the number of local ids. **Deviation** from TensorFlow, which
 * counts its reserved ids per shard and so shifts the unigrams (shard 0 of unigrams
 * [1,2,3,4], 2 reserved ids, 2 shards: TF [0,2,4], here the documented [0,1,3]).
 * Errors (all before the table is built or a seed is taken): neither or both of unigrams /
 * vocabFile; a count NaN, negative or infinite; a distorted weight not finite; all local
 * weights 0; distortion not finite; numReservedIds, numShards, shard out of range; R ≠
 * number of local ids or > 2^26; an unreadable file. A unique draw of more ids than have a
 * non-zero weight is refused by `sample`.
 */
export class FixedUnigramSampler extends CandidateSampler {
  private readonly weights: Float64Array;
  private readonly total: number;
  private readonly nonZero: number;
  private readonly table: AliasTable;

  /** Builds the alias table of this shard's weights (see above); `fn` names the caller in errors. */
  constructor(options: FixedUnigramOptions, fn = 'FixedUnigramSampler') {
    const { weights, total, nonZero } = shardWeights(fn, options);
    super(options, fn);
    this.weights = weights;
    this.total = total;
    this.nonZero = nonZero;
    this.table = new AliasTable(weights);
  }

  /** w_l, the distorted weight of local id l. */
  weight(l: number): number {
    return this.weights[checkInteger(`${this.fn}.weight`, 'l', l, 0, this.rangeMax - 1)];
  }

  protected probabilityOf(l: number): number {
    return this.weights[l] / this.total;
  }

  /** Number of local ids with a non-zero weight: the most a unique draw can return. */
  override get numNonZero(): number {
    return this.nonZero;
  }

  protected drawOne(rng: Rng): number {
    return this.table.draw(rng);
  }
}

/** The distorted weights of this shard's local ids, from validated options (see the class). */
function shardWeights(
  fn: string,
  options: FixedUnigramOptions,
): { weights: Float64Array; total: number; nonZero: number } {
  const o = checkObject(fn, 'options', options);
  const R = checkRangeMax(fn, o.rangeMax);
  checkSeed(fn, o.seed);
  if ((o.unigrams === undefined) === (o.vocabFile === undefined)) {
    fail(fn, 'unigrams / vocabFile', 'exactly one of the two', o.unigrams === undefined ? 'neither' : 'both');
  }
  const distortion = o.distortion === undefined ? 1 : checkNumber(fn, 'distortion', o.distortion);
  const reserved = o.numReservedIds === undefined ? 0 : checkInteger(fn, 'numReservedIds', o.numReservedIds, 0);
  const P = o.numShards === undefined ? 1 : checkInteger(fn, 'numShards', o.numShards, 1);
  const shard = o.shard === undefined ? 0 : checkInteger(fn, 'shard', o.shard, 0, P - 1);
  const counts = o.unigrams !== undefined ? checkUnigrams(fn, o.unigrams) : readVocabCounts(o.vocabFile, fn);

  const N = reserved + counts.length;
  const local = N > shard ? Math.ceil((N - shard) / P) : 0;
  if (R !== local) {
    const ids = `${N} ids, ${reserved} reserved, shard ${shard} of ${P}`;
    fail(fn, 'rangeMax', `the number of this shard's ids = ${local} (of ${ids})`, R);
  }
  if (local > MAX_TABLE) fail(fn, 'rangeMax', `at most ${MAX_TABLE} for a table sampler`, local);

  const weights = new Float64Array(local);
  let total = 0,
    nonZero = 0;
  for (let l = 0; l < local; l++) {
    const g = shard + l * P;
    const w = g < reserved ? 0 : Math.pow(counts[g - reserved], distortion);
    if (!Number.isFinite(w)) {
      fail(fn, 'distortion', `one giving finite weights (count ${counts[g - reserved]} of id ${g})`, distortion);
    }
    weights[l] = w;
    total += w;
    if (w > 0) nonZero++;
  }
  if (!(total > 0)) throw new TapegradError(fn, 'unigrams', "a positive weight among this shard's ids", 'all zero');
  return { weights, total, nonZero };
}

/** The counts of `unigrams`: an array (or typed array) of finite numbers ≥ 0. */
function checkUnigrams(fn: string, unigrams: unknown): ArrayLike<number> {
  if (!Array.isArray(unigrams) && !(ArrayBuffer.isView(unigrams) && !(unigrams instanceof DataView))) {
    fail(fn, 'unigrams', 'an array of counts', unigrams);
  }
  const counts = unigrams as ArrayLike<unknown>;
  for (let i = 0; i < counts.length; i++) {
    const c = counts[i];
    if (typeof c !== 'number' || !Number.isFinite(c) || c < 0) fail(fn, `unigrams[${i}]`, 'a finite count ≥ 0', c);
  }
  return counts as ArrayLike<number>;
}
