/**
 * The fixed-unigram sampler: weights from a list or a vocabulary file, distorted, with
 * reserved ids and sharding; an alias table built once makes every draw O(1).
 */
import { TapegradError } from '../../tensor/errors.js';
import type { Rng } from '../../tensor/random.js';
import { AliasTable } from './alias.js';
import { CandidateSampler, type SamplerOptions } from './base.js';
import { MAX_TABLE } from './learned.js';
import { checkInt } from './validate.js';
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
 * Errors: neither or both of unigrams / vocabFile; a count NaN, negative or infinite; a
 * distorted weight not finite; all local weights 0; distortion not finite; numReservedIds,
 * numShards, shard out of range; R ≠ number of local ids or > 2^26; an unreadable file.
 */
export class FixedUnigramSampler extends CandidateSampler {
  private readonly weights: Float64Array;
  private readonly total: number;
  private readonly table: AliasTable;

  constructor(options: FixedUnigramOptions, fn = 'FixedUnigramSampler') {
    super(options, fn);
    const { unigrams, vocabFile } = options;
    if ((unigrams === undefined) === (vocabFile === undefined)) {
      const got = unigrams === undefined ? 'neither' : 'both';
      throw new TapegradError(fn, 'unigrams / vocabFile', 'exactly one of the two', got);
    }
    const distortion = options.distortion ?? 1;
    if (typeof distortion !== 'number' || !Number.isFinite(distortion)) {
      throw new TapegradError(fn, 'distortion', 'a finite number', String(distortion));
    }
    const reserved = checkInt(fn, 'numReservedIds', options.numReservedIds ?? 0, 0);
    const P = checkInt(fn, 'numShards', options.numShards ?? 1, 1);
    const shard = checkInt(fn, 'shard', options.shard ?? 0, 0, P - 1);
    const counts = unigrams !== undefined ? checkCounts(fn, unigrams) : readVocabCounts(vocabFile as string, fn);

    const N = reserved + counts.length;
    const local = N > shard ? Math.ceil((N - shard) / P) : 0;
    if (this.rangeMax !== local) {
      throw new TapegradError(
        fn,
        'rangeMax',
        `the number of this shard's ids = ${local} (of ${N} ids, ${reserved} reserved, shard ${shard} of ${P})`,
        String(this.rangeMax),
      );
    }
    if (local > MAX_TABLE)
      throw new TapegradError(fn, 'rangeMax', `at most ${MAX_TABLE} for a table sampler`, String(local));

    this.weights = new Float64Array(local);
    let total = 0;
    for (let l = 0; l < local; l++) {
      const g = shard + l * P;
      const w = g < reserved ? 0 : Math.pow(counts[g - reserved], distortion);
      if (!Number.isFinite(w)) {
        throw new TapegradError(
          fn,
          'distortion',
          `one giving finite weights (count ${counts[g - reserved]} of id ${g})`,
          String(distortion),
        );
      }
      this.weights[l] = w;
      total += w;
    }
    if (!(total > 0)) throw new TapegradError(fn, 'unigrams', "a positive weight among this shard's ids", 'all zero');
    this.total = total;
    this.table = new AliasTable(this.weights);
  }

  /** w_l, the distorted weight of local id l. */
  weight(l: number): number {
    return this.weights[l];
  }

  probability(l: number): number {
    return this.weights[l] / this.total;
  }

  protected drawOne(rng: Rng): number {
    return this.table.draw(rng);
  }
}

function checkCounts(fn: string, unigrams: ArrayLike<number>): ArrayLike<number> {
  if (typeof unigrams !== 'object' || unigrams === null || typeof unigrams.length !== 'number') {
    throw new TapegradError(fn, 'unigrams', 'an array of counts', String(unigrams));
  }
  for (let i = 0; i < unigrams.length; i++) {
    const c = unigrams[i];
    if (typeof c !== 'number' || !Number.isFinite(c) || c < 0) {
      throw new TapegradError(fn, `unigrams[${i}]`, 'a finite count ≥ 0', String(c));
    }
  }
  return unigrams;
}
