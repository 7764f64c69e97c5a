/**
 * `tapegrad diagnose`: on a trained model and a batch of its held-out pairs, how far the
 * sampled losses and their gradients are from the full ones as numSampled grows
 * (compareSampledToFull), for NCE and sampled softmax with the log-uniform and the unigram
 * sampler. Prints the table and writes diagnose.svg and diagnose.json into --out.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import {
  compareSampledToFull,
  gather,
  fixedUnigramCandidateSampler,
  FixedUnigramSampler,
  logUniformCandidateSampler,
  tensor,
  type CandidateSamplerFn,
  type Tensor,
} from '../../src/index.js';
import { diagnoseSvg, type DiagnoseSeries } from './diagnose-svg.js';
import { readTrainedRun } from './eval.js';
import { intOpt, joinValues, numOpt, parseArgsMessage } from './args.js';
import { UsageError } from './options.js';
import type { TrainIO } from './train.js';

const DEFAULT_S = [8, 16, 32, 64, 128, 256, 512, 1024];

export const DIAGNOSE_HELP = `tapegrad diagnose: sampled against full softmax/sigmoid on a trained model.

Usage: tapegrad diagnose [--out DIR] [options]

Reads the model that 'tapegrad train' wrote in --out, takes --batch held-out pairs of its
corpus, and for each numSampled S compares the sampled loss (over --trials draws) and its
gradient with the full loss over all classes: NCE against the full sigmoid loss, sampled
softmax against the full softmax loss, each with the log-uniform and the unigram sampler.

Options (default in brackets):
  --out DIR             the trained model's folder; diagnose.svg and diagnose.json go there [out/word2vec]
  --num-sampled LIST    comma-separated values of S [${DEFAULT_S.join(',')}]
  --trials N            draws per S [20]
  --batch N             held-out (center, context) pairs in the batch [256]
  --distortion X        the unigram sampler's weights are count^X [0.75]
  --seed N              seed of the draws [1]
  --help                this text

Columns: S; the sampled loss, mean ± std over trials; the full loss; their ratio; the
cosine between the sampled and the full gradient w.r.t. the output weights and the inputs,
for the gradient averaged over trials (avg) and for one trial (mean over trials).`;

/** The settings of one diagnose run. */
export interface DiagnoseSettings {
  out: string;
  numSampled: number[];
  trials: number;
  batch: number;
  distortion: number;
  seed: number;
}

const MAX_INT = 2 ** 31 - 1;

/** Parses diagnose's own flags; null means --help. Throws UsageError (of command diagnose). */
export function parseDiagnose(argv: readonly string[]): DiagnoseSettings | null {
  try {
    return readDiagnose(argv);
  } catch (e) {
    if (e instanceof UsageError && !e.command) throw new UsageError(e.message, 'diagnose');
    throw e;
  }
}

function readDiagnose(argv: readonly string[]): DiagnoseSettings | null {
  let values: Record<string, string | boolean | undefined>, positionals: string[];
  try {
    const opts = ['out', 'num-sampled', 'trials', 'batch', 'distortion', 'seed'];
    ({ values, positionals } = parseArgs({
      args: joinValues(argv, new Set(opts)),
      allowPositionals: true,
      strict: true,
      options: {
        ...Object.fromEntries(opts.map((o) => [o, { type: 'string' as const }])),
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (e) {
    throw new UsageError(parseArgsMessage(e as Error), 'diagnose');
  }
  if (values.help) return null;
  if (positionals.length)
    throw new UsageError(`diagnose takes no WORD arguments, got ${JSON.stringify(positionals[0])}`);
  const s = (k: string) => values[k] as string | undefined;
  const list = s('num-sampled');
  const numSampled =
    list === undefined ? DEFAULT_S : list.split(',').map((x) => intOpt('num-sampled', x, 0, 1, MAX_INT));
  return {
    out: s('out') ?? 'out/word2vec',
    numSampled,
    trials: intOpt('trials', s('trials'), 20, 1, 10_000),
    batch: intOpt('batch', s('batch'), 256, 1, 1_000_000),
    distortion: numOpt('distortion', s('distortion'), 0.75, 0, 1),
    seed: intOpt('seed', s('seed'), 1, 0, MAX_INT),
  };
}

/** What diagnose compares: a batch of the model, and the vocabulary counts for the unigram sampler. */
export interface DiagnoseBatch {
  weights: Tensor;
  biases: Tensor;
  inputs: Tensor;
  labels: Tensor;
  counts: readonly number[];
}

/** compareSampledToFull for both losses and both samplers (four series, S increasing). */
export function diagnoseSeries(b: DiagnoseBatch, s: DiagnoseSettings): DiagnoseSeries[] {
  const C = b.counts.length;
  // The default list (not given by the user) is cut to the vocabulary, down to [C] for a tiny one.
  const given = s.numSampled === DEFAULT_S ? DEFAULT_S.filter((S) => S <= C) : s.numSampled;
  const bad = given.find((S) => S > C);
  if (bad !== undefined)
    throw new UsageError(`option --num-sampled must be at most the vocabulary size ${C}, got ${bad}`, 'diagnose');
  const numSampled = [...(given.length > 0 ? given : [C])].sort((x, y) => x - y);
  const samplers: Record<DiagnoseSeries['sampler'], () => CandidateSamplerFn> = {
    'log-uniform': () => logUniformCandidateSampler,
    unigram: () => {
      const table = new FixedUnigramSampler({
        rangeMax: C,
        unigrams: b.counts,
        distortion: s.distortion,
        seed: s.seed,
      });
      return (o) =>
        fixedUnigramCandidateSampler({
          trueClasses: o.trueClasses,
          numTrue: o.numTrue,
          numSampled: o.numSampled,
          unique: o.unique,
          sampler: table,
        });
    },
  };
  const out: DiagnoseSeries[] = [];
  for (const loss of ['softmax', 'nce'] as const) {
    for (const sampler of ['log-uniform', 'unigram'] as const) {
      const rows = compareSampledToFull({
        ...b,
        numClasses: C,
        loss,
        numSampled,
        trials: s.trials,
        seed: s.seed,
        sampler: samplers[sampler](),
      });
      out.push({ loss, sampler, rows });
    }
  }
  return out;
}

const cell = (v: number, w: number, d = 3) => v.toFixed(d).padStart(w);

/** The table diagnose prints: one line per loss, sampler and S. */
export function diagnoseTable(series: readonly DiagnoseSeries[]): string {
  const head = `${'loss'.padEnd(8)}${'sampler'.padEnd(12)}${'S'.padStart(6)}${'sampled loss'.padStart(17)}${'full'.padStart(8)}${'ratio'.padStart(7)}${'cos W avg'.padStart(10)}${'cos W 1'.padStart(8)}${'cos x avg'.padStart(10)}${'cos x 1'.padStart(8)}`;
  const lines = [head];
  for (const s of series) {
    for (const r of s.rows) {
      const sl = `${r.sampledLoss.mean.toFixed(3)} ± ${r.sampledLoss.std.toFixed(3)}`;
      lines.push(
        `${s.loss.padEnd(8)}${s.sampler.padEnd(12)}${String(r.numSampled).padStart(6)}${sl.padStart(17)}${cell(r.fullLoss, 8)}${cell(r.ratio, 7)}${cell(r.cosineWeights, 10)}${cell(r.trialCosineWeights.mean, 8)}${cell(r.cosineInputs, 10)}${cell(r.trialCosineInputs.mean, 8)}`,
      );
    }
  }
  return lines.join('\n') + '\n';
}

/** Loads the model in `s.out` and the first `s.batch` held-out pairs of its corpus. */
export async function loadBatch(s: DiagnoseSettings): Promise<DiagnoseBatch & { pairs: number }> {
  const { model, data } = await readTrainedRun(s.out);
  const n = Math.min(s.batch, data.heldOut.centers.length);
  return {
    weights: model.w,
    biases: model.b,
    inputs: gather(model.emb, tensor(data.heldOut.centers.slice(0, n), [n], 'int32')),
    labels: tensor(data.heldOut.contexts.slice(0, n), [n, 1]),
    counts: data.vocab.counts,
    pairs: n,
  };
}

/** Runs `tapegrad diagnose ARGV`; resolves to the exit code (errors are thrown to cli.ts). */
export async function diagnose(argv: readonly string[], io: TrainIO): Promise<number> {
  const s = parseDiagnose(argv);
  if (s === null) {
    io.out.write(`${DIAGNOSE_HELP}\n`);
    return 0;
  }
  const batch = await loadBatch(s);
  const [V, D] = batch.weights.shape;
  io.out.write(`diagnose: ${batch.pairs} held-out pairs of ${s.out} (V = ${V}, D = ${D}), ${s.trials} trials per S\n`);
  const series = diagnoseSeries(batch, s);
  io.out.write(diagnoseTable(series));
  const title = `sampled vs full on ${batch.pairs} held-out pairs (V = ${V}, D = ${D}, ${s.trials} trials)`;
  writeFileSync(join(s.out, 'diagnose.svg'), diagnoseSvg(series, title));
  writeFileSync(join(s.out, 'diagnose.json'), JSON.stringify({ settings: s, series }, null, 2) + '\n');
  io.out.write(`wrote diagnose.svg and diagnose.json in ${s.out}\n`);
  return 0;
}
