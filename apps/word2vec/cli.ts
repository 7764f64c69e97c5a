/**
 * The `tapegrad` command: train | neighbors | eval. `main` returns the exit code: 0 done,
 * 1 a system error while running (disk full…), 2 bad usage or input (a bad option value,
 * a missing or non-text corpus, a damaged checkpoint…), 130 interrupted. Every error is one
 * line on stderr, never a stack trace.
 */
import { TapegradError } from '../../src/index.js';
import { CheckpointError } from './checkpoint.js';
import { checkCorpus, CorpusError, type CorpusIdentity } from './corpus.js';
import { diagnose } from './diagnose.js';
import { evalCommand } from './eval.js';
import { helpFor } from './help.js';
import { nearest, normalizeRows } from './neighbors.js';
import { parseCommand, sourceOf, UsageError, type Command } from './options.js';
import { readSaved } from './outputs.js';
import { loadRun, resumeCorpus, type RunCheckpoint } from './resume.js';
import { train, type TrainIO } from './train.js';

/** Runs the command line `argv` (without node and the script); resolves to the exit code. */
export async function main(argv: readonly string[], io: TrainIO): Promise<number> {
  if (argv[0] === 'diagnose') return reported(io, () => diagnose(argv.slice(1), io)); // parses its own flags
  let cmd: Command;
  try {
    cmd = parseCommand(argv);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    io.err.write(`tapegrad: error: ${e.message}${seeHelp(e.command)}\n`);
    return 2;
  }
  return reported(io, async () => {
    if (cmd.command === 'help') {
      io.out.write(`${helpFor(cmd.topic)}\n`);
      return 0;
    }
    if (cmd.command === 'neighbors') return neighbors(cmd, io);
    if (cmd.command === 'eval') return await evalCommand(cmd, io);
    return await trainCommand(cmd, io);
  });
}

/** The hint after a usage error: where the help of `command` ('' for the general help) is. */
const seeHelp = (command: string): string => ` (see 'tapegrad ${command ? `${command} ` : ''}--help')`;

/**
 * Runs a command; a known error becomes one line on stderr and exit 2, a system error exit 1. A
 * UsageError that names its command (a bad flag of diagnose…) gets that command's --help hint.
 */
async function reported(io: TrainIO, run: () => Promise<number> | number): Promise<number> {
  try {
    return await run();
  } catch (e) {
    const known = [UsageError, CorpusError, CheckpointError, TapegradError].some((C) => e instanceof C);
    const system = e instanceof Error && typeof (e as NodeJS.ErrnoException).code === 'string';
    if (!known && !system) throw e;
    const hint = e instanceof UsageError && e.command ? seeHelp(e.command) : '';
    io.err.write(`tapegrad: error: ${(e as Error).message.split('\n')[0]}${hint}\n`);
    return known ? 2 : 1;
  }
}

/**
 * train: the corpus is checked (readable UTF-8 text) and identified (absolute path, size,
 * SHA-256); on --resume the checkpoint is verified and its corpus found (the same file, from
 * any working folder); then training runs, with the remaining checks before its first step.
 */
async function trainCommand(cmd: Command, io: TrainIO): Promise<number> {
  let checkpoint: RunCheckpoint | undefined;
  let corpus: CorpusIdentity;
  if (cmd.resume) {
    checkpoint = loadRun(cmd.out);
    corpus = await resumeCorpus(checkpoint, cmd.given.has('corpus') ? cmd.settings.corpus : undefined);
    if (checkpoint.settings.corpus !== 'brown') checkpoint.settings.corpus = corpus.path;
    cmd.settings.corpus = checkpoint.settings.corpus;
  } else {
    corpus = await checkCorpus(sourceOf(cmd.settings.corpus));
    if (cmd.settings.corpus !== 'brown') cmd.settings.corpus = corpus.path;
  }
  return (await train({ ...cmd, checkpoint, corpus }, io)).exitCode;
}

function neighbors(cmd: Command, io: TrainIO): number {
  if (cmd.words.length === 0)
    throw new UsageError('neighbors needs at least one WORD, e.g. tapegrad neighbors --out out/word2vec monday');
  const { vocab, data, shape } = readSaved(cmd.out, 'input_embeddings.npy');
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
