/**
 * The `tapegrad` command: train | neighbors | eval. `main` returns the exit code: 0 done,
 * 2 bad usage or input (missing file, empty corpus, bad option value), 130 interrupted.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TapegradError, tensor } from '../../src/index.js';
import { CorpusError, checkSource } from './corpus.js';
import { prepareData } from './data.js';
import { diagnose } from './diagnose.js';
import { evaluate, unigramBaseline, unigramLogPrior, type Model } from './model.js';
import { nearest, normalizeRows } from './neighbors.js';
import { readNpy } from './npy.js';
import { HELP, parseCommand, sourceOf, UsageError, type Command, type TrainSettings } from './options.js';
import { dataOptions, train, type TrainIO } from './train.js';
import { Vocab } from './vocab.js';

/** Runs the command line `argv` (without node and the script); resolves to the exit code. */
export async function main(argv: readonly string[], io: TrainIO): Promise<number> {
  try {
    if (argv[0] === 'diagnose') return await diagnose(argv.slice(1), io);
    const cmd = parseCommand(argv);
    if (cmd.command === 'help') {
      io.out.write(`${HELP}\n`);
      return 0;
    }
    if (cmd.command === 'neighbors') return neighbors(cmd, io);
    if (cmd.command === 'eval') return await evalCommand(cmd, io);
    if (!cmd.resume) checkSource(sourceOf(cmd.settings.corpus));
    return (await train(cmd, io)).exitCode;
  } catch (e) {
    if (e instanceof UsageError || e instanceof CorpusError || e instanceof TapegradError) {
      io.err.write(`tapegrad: error: ${e.message}\nRun 'tapegrad --help' for usage.\n`);
      return 2;
    }
    throw e;
  }
}

function need(path: string, what: string): string {
  if (!existsSync(path))
    throw new UsageError(`${what} not found: ${path} (train a model with 'tapegrad train --out DIR' first)`);
  return path;
}

/** The vocabulary and a matrix saved by `train` in `out`. */
function loadSaved(out: string, npy: string): { vocab: Vocab; data: Float32Array; shape: number[] } {
  const lines = readFileSync(need(join(out, 'vocab.txt'), 'vocab.txt'), 'utf8')
    .split('\n')
    .filter(Boolean);
  const vocab = new Vocab(
    lines.map((l) => l.slice(0, l.lastIndexOf(' '))),
    lines.map((l) => Number(l.slice(l.lastIndexOf(' ') + 1))),
  );
  const m = readNpy(readFileSync(need(join(out, npy), npy)));
  if (m.shape[0] !== vocab.size)
    throw new UsageError(`${npy} has ${m.shape[0]} rows but vocab.txt ${vocab.size} words`);
  return { vocab, ...m };
}

function neighbors(cmd: Command, io: TrainIO): number {
  if (cmd.words.length === 0)
    throw new UsageError('neighbors needs at least one WORD, e.g. tapegrad neighbors --out out/word2vec monday');
  const { vocab, data, shape } = loadSaved(cmd.out, 'input_embeddings.npy');
  const [V, D] = shape;
  const unit = normalizeRows(data, V, D);
  for (const w of cmd.words) {
    const id = vocab.index.get(w);
    if (id === undefined) {
      io.out.write(`${w}: not in the vocabulary\n`);
      continue;
    }
    const ns = nearest(unit, V, D, id, cmd.k);
    io.out.write(`${w}: ${ns.map((n) => `${vocab.words[n.id]} (${n.cos.toFixed(3)})`).join(', ')}\n`);
  }
  return 0;
}

async function evalCommand(cmd: Command, io: TrainIO): Promise<number> {
  const summary = JSON.parse(readFileSync(need(join(cmd.out, 'summary.json'), 'summary.json'), 'utf8')) as {
    settings: TrainSettings;
  };
  const s = {
    ...summary.settings,
    maxWords: (summary.settings.maxWords as unknown) === 'all' ? Infinity : summary.settings.maxWords,
  };
  checkSource(sourceOf(s.corpus));
  const data = await prepareData(dataOptions(s));
  const emb = loadSaved(cmd.out, 'input_embeddings.npy'),
    w = loadSaved(cmd.out, 'output_weights.npy');
  const b = readNpy(readFileSync(need(join(cmd.out, 'output_biases.npy'), 'output_biases.npy')));
  if (emb.vocab.size !== data.vocab.size)
    throw new UsageError(
      `the saved model has ${emb.vocab.size} words but the corpus gives ${data.vocab.size}: the corpus changed`,
    );
  const model: Model = { emb: tensor(emb.data, emb.shape), w: tensor(w.data, w.shape), b: tensor(b.data, b.shape) };
  const r = evaluate(model, data.heldOut, true);
  const base = unigramBaseline(unigramLogPrior(data.vocab.counts, data.keep), data.heldOut);
  io.out.write(
    `held-out pairs: ${data.heldOut.centers.length}\nfull softmax: ${r.softmax.toFixed(4)}\nfull sigmoid: ${r.sigmoid!.toFixed(4)}\nunigram baseline: ${base.crossEntropy.toFixed(4)}\n`,
  );
  return 0;
}
