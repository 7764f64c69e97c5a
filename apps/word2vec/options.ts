/** The command line: options, their defaults and checks (the help text is in help.ts). */
import { parseArgs } from 'node:util';
import type { CorpusSource } from './corpus.js';
import type { LossName, OptimizerName, SamplerName } from './model.js';
import { choice, intOpt, joinValues, numOpt, parseArgsMessage, UsageError } from './args.js';

export { UsageError };

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

/**
 * The subcommands, and the options each takes (train: every option not listed here). A new
 * subcommand adds its name here, its options to OWN_OPTS, its help to help.ts and one
 * dispatch line to cli.ts.
 */
export const COMMANDS = ['train', 'neighbors', 'eval'] as const;
const OWN_OPTS: Record<string, readonly string[]> = {
  neighbors: ['out', 'k'],
  eval: ['out', 'similarity', 'analogies'],
};
/** Every command name, with diagnose, which parses its own flags (diagnose.ts) but has its help here too. */
const NAMES: readonly string[] = [...COMMANDS, 'diagnose'];
const isCommand = (c: string | undefined): boolean => (COMMANDS as readonly (string | undefined)[]).includes(c);
const isName = (c: string | undefined): boolean => c !== undefined && NAMES.includes(c);
const MULTI_OPTS = ['similarity', 'analogies'] as const;
const BOOL_OPTS = ['resume', 'quiet', 'force'] as const;
/** The options train does not take (they belong to neighbors and eval). */
const NOT_FOR_TRAIN = new Set<string>(['similarity', 'analogies', 'k']);
const takes = (command: string, opt: string): boolean =>
  opt === 'help' || (OWN_OPTS[command] ? OWN_OPTS[command].includes(opt) : !NOT_FOR_TRAIN.has(opt));

/** What the command line asked for. */
export interface Command {
  command: (typeof COMMANDS)[number] | 'help';
  /** For help: the subcommand whose help is asked for ('' for the general help). */
  topic: string;
  settings: TrainSettings;
  /** The training options given explicitly (for --resume's consistency check). */
  given: Set<keyof TrainSettings>;
  out: string;
  probes: string[];
  words: string[];
  k: number;
  resume: boolean;
  force: boolean;
  quiet: boolean;
  /** eval: word-similarity files and analogy files. */
  similarity: string[];
  analogies: string[];
}

/** The option of each training setting (every setting has one: checkpoints are checked through them). */
export const KEY: Record<string, keyof TrainSettings> = {
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

/** The options that take one value: every training setting's, and the others'. */
const STRING_OPTS = [...Object.keys(KEY), 'probe', 'out', 'k'];

type Values = Record<string, string | string[] | boolean | undefined>;

/** Parses and checks argv (without node and the script). Throws UsageError. */
export function parseCommand(argv: readonly string[]): Command {
  let parsed;
  try {
    parsed = parseArgs({
      args: joinValues(argv, new Set<string>([...STRING_OPTS, ...MULTI_OPTS])),
      allowPositionals: true,
      strict: true,
      options: {
        ...Object.fromEntries(STRING_OPTS.map((o) => [o, { type: 'string' as const }])),
        ...Object.fromEntries(MULTI_OPTS.map((o) => [o, { type: 'string' as const, multiple: true }])),
        ...Object.fromEntries(BOOL_OPTS.map((o) => [o, { type: 'boolean' as const }])),
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (e) {
    throw new UsageError(parseArgsMessage(e as Error), isCommand(argv[0]) ? argv[0] : '');
  }
  const v = parsed.values as Values;
  const s = (k: string): string | undefined => v[k] as string | undefined;
  const [first, ...rest] = parsed.positionals;
  if (first !== undefined && first !== 'help' && !isName(first)) {
    throw new UsageError(`unknown command ${JSON.stringify(first)}: expected ${NAMES.join(', ')}`);
  }
  if (first === 'help' || first === undefined || v.help) {
    const topic = first === 'help' ? (rest[0] ?? '') : (first ?? '');
    if (topic !== '' && !isName(topic))
      throw new UsageError(`unknown command ${JSON.stringify(topic)}: expected ${NAMES.join(', ')}`);
    return { ...readOptions({}, () => undefined), command: 'help', topic, words: [] };
  }
  // cli.ts hands `diagnose ...` to diagnose.ts; here it can only come after an option.
  if (first === 'diagnose') throw new UsageError('diagnose must come first: tapegrad diagnose [options]', first);
  for (const o of Object.keys(v))
    if (!takes(first, o)) throw new UsageError(`option --${o} is not an option of ${first}`, first);
  if (first !== 'neighbors' && rest.length > 0)
    throw new UsageError(`unexpected argument ${JSON.stringify(rest[0])}`, first);
  try {
    return {
      ...readOptions(v, s),
      command: first as Command['command'],
      topic: '',
      words: rest.map((w) => w.toLowerCase()),
    };
  } catch (e) {
    if (e instanceof UsageError) throw new UsageError(e.message, first);
    throw e;
  }
}

function readOptions(v: Values, s: (k: string) => string | undefined): Omit<Command, 'command' | 'topic' | 'words'> {
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
    negatives: intOpt('negatives', s('negatives'), DEFAULTS.negatives, 1, 1000),
    sampler: choice('sampler', s('sampler'), DEFAULTS.sampler, ['log-uniform', 'unigram'] as const),
    distortion: numOpt('distortion', s('distortion'), DEFAULTS.distortion, 0, 1),
    threads: intOpt('threads', s('threads'), DEFAULTS.threads, 1, 64),
    batch: intOpt('batch', s('batch'), DEFAULTS.batch, 1),
    epochs: intOpt('epochs', s('epochs'), DEFAULTS.epochs, 1),
    minCount: intOpt('min-count', s('min-count'), DEFAULTS.minCount, 1),
    maxWords: intOpt('max-words', s('max-words'), DEFAULTS.maxWords, 1),
    sample: numOpt('sample', s('sample'), DEFAULTS.sample, 0, 1),
    heldOut: numOpt('held-out', s('held-out'), DEFAULTS.heldOut, 0, 0.5, true),
    evalPairs: intOpt('eval-pairs', s('eval-pairs'), DEFAULTS.evalPairs, 1),
    evalsPerEpoch: intOpt('evals-per-epoch', s('evals-per-epoch'), DEFAULTS.evalsPerEpoch, 1, 1000),
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
  const out = s('out') ?? 'out/word2vec';
  if (out.trim() === '') throw new UsageError('option --out must be a folder path, got ""');
  return {
    settings,
    given,
    out,
    probes,
    k: intOpt('k', s('k'), 8, 1),
    resume: Boolean(v.resume),
    force: Boolean(v.force),
    quiet: Boolean(v.quiet),
    similarity: (v.similarity as string[] | undefined) ?? [],
    analogies: (v.analogies as string[] | undefined) ?? [],
  };
}

/** The corpus source named by --corpus. */
export const sourceOf = (corpus: string): CorpusSource =>
  corpus === 'brown' ? { kind: 'brown' } : { kind: 'file', path: corpus };
