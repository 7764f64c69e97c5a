/**
 * `npm run bench:word2vec`: the word2vec trainer at the classic settings (skip-gram, dim 100,
 * window 5, 5 epochs, min count 5, sample 1e-3) on the Brown corpus, beside gensim trained on
 * the same token stream in the same run (skipped with a message when python3-gensim is not
 * installed) and the trainer as it was before (built from git commit BEFORE). Prints and
 * writes bench/out/word2vec/EPOCHS-epochs/results.json: words/s, WS353 / SimLex-999 Spearman ρ with the OOV
 * share, and the held-out full-softmax loss of each mode.
 * Environment: W2V_EPOCHS (default 5), W2V_CASES (comma-separated names, default all).
 */
import { spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { trainingSentences } from '../apps/word2vec/data.js';
import { DEFAULTS } from '../apps/word2vec/options.js';
import { dataOptions } from '../apps/word2vec/train.js';
import { readVectors, similarity } from './word2vec-score.js';

const EPOCHS = Number(process.env.W2V_EPOCHS ?? 5);
const OUT = resolve(`bench/out/word2vec/${EPOCHS}-epochs`);
const EVAL = '/work/shared/eval';
const BEFORE = 'a6c0360'; // the trainer before issue 11
const CLASSIC = ['--dim', '100', '--window', '5', '--epochs', String(EPOCHS), '--min-count', '5', '--sample', '1e-3'];
const SGD = ['--optimizer', 'sgd', '--lr', '6.4']; // 6.4 / batch 256 = word2vec.c's 0.025 per pair

interface Case {
  name: string;
  cli: 'now' | 'before' | 'gensim';
  args: string[];
}

const CASES: Case[] = [
  { name: 'negative-sampling', cli: 'now', args: ['--loss', 'negative-sampling', '--negatives', '5', ...SGD] },
  { name: 'gensim', cli: 'gensim', args: [] },
  { name: 'nce-32', cli: 'now', args: ['--loss', 'nce', '--num-sampled', '32', ...SGD] },
  { name: 'nce-32 before', cli: 'before', args: ['--loss', 'nce', '--num-sampled', '32', ...SGD] },
  { name: 'softmax-32', cli: 'now', args: ['--loss', 'softmax', '--num-sampled', '32', ...SGD] },
  { name: 'softmax-32 before', cli: 'before', args: ['--loss', 'softmax', '--num-sampled', '32', ...SGD] },
  { name: 'nce-5 unigram', cli: 'now', args: ['--loss', 'nce', '--num-sampled', '5', '--sampler', 'unigram', ...SGD] },
  {
    name: 'negative-sampling --threads 2',
    cli: 'now',
    args: ['--loss', 'negative-sampling', '--negatives', '5', '--threads', '2', ...SGD],
  },
];

interface Row {
  name: string;
  /** Training words per second, the held-out evaluations' time left out (gensim evaluates nothing). */
  wordsPerSecond: number;
  /** The same with the evaluations' time in (tapegrad only). */
  withEvals?: number;
  seconds: number;
  heldOutSoftmax: number | null;
  ws353: { rho: number; oov: number };
  simlex: { rho: number; oov: number };
}

function sh(cmd: string, args: string[]): string {
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed:\n${r.stderr}`);
  return r.stdout;
}

/** The trainer of commit BEFORE, bundled beside the current one. */
function buildBefore(): string {
  const src = join(OUT, 'before-src'),
    out = join(OUT, 'tapegrad-before.mjs');
  if (existsSync(out)) return out;
  mkdirSync(src, { recursive: true });
  sh('sh', ['-c', `git archive ${BEFORE} apps src | tar -x -C ${src}`]);
  const bundle = ['--bundle', '--platform=node', '--format=esm', '--packages=external', `--outfile=${out}`];
  sh('npx', ['esbuild', join(src, 'apps/word2vec/bin.ts'), ...bundle, '--log-level=warning']);
  return out;
}

/** The training sentences, one per line, tokens separated by spaces: gensim's input. */
async function writeSentences(path: string): Promise<void> {
  const o = dataOptions({ ...DEFAULTS, lr: 0 });
  const f = createWriteStream(path);
  for await (const s of trainingSentences(o)) f.write(`${s.join(' ')}\n`);
  await new Promise((r) => f.end(r));
}

const score = (vectors: string) => {
  const v = readVectors(vectors);
  return { ws353: similarity(v, join(EVAL, 'wordsim353.tsv')), simlex: similarity(v, join(EVAL, 'simlex999.txt')) };
};

function runCase(c: Case, before: string): Row | null {
  const dir = join(OUT, c.name.replace(/[^a-z0-9-]+/gi, '_'));
  if (c.cli === 'gensim') {
    const hasGensim = spawnSync('/usr/bin/python3', ['-c', 'import gensim'], { stdio: 'ignore' }).status === 0;
    if (!hasGensim) {
      console.log('gensim: skipped (not installed: apt-get install -y python3-gensim)');
      return null;
    }
    mkdirSync(dir, { recursive: true });
    const vec = join(dir, 'vectors.txt');
    const args = [join(OUT, 'brown-train.txt'), vec, '100', '5', '5', String(EPOCHS), '5', '1e-3'];
    const r = JSON.parse(
      sh('/usr/bin/python3', ['bench/word2vec-gensim.py', ...args])
        .trim()
        .split('\n')
        .pop()!,
    );
    return {
      name: `gensim ${r.version}`,
      wordsPerSecond: r.wordsPerSecond,
      seconds: r.seconds,
      heldOutSoftmax: null,
      ...score(vec),
    };
  }
  const cli = c.cli === 'now' ? 'dist/bin/tapegrad.js' : before;
  sh(process.execPath, [cli, 'train', ...CLASSIC, ...c.args, '--out', dir, '--quiet']);
  const s = JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8'));
  // The evaluations inside `seconds` (the first and the last fall outside it); the trainer before
  // issue 11 does not report them, so only its "with evals" figure is known.
  const evalSeconds: number | undefined = s.evalSecondsInTraining,
    words = s.wordsPerSecond * s.seconds;
  return {
    name: c.name,
    wordsPerSecond: evalSeconds === undefined ? NaN : words / (s.seconds - evalSeconds),
    withEvals: s.wordsPerSecond,
    seconds: s.seconds - (evalSeconds ?? 0),
    heldOutSoftmax: s.end.heldOutSoftmax,
    ...score(join(dir, 'vectors.txt')),
  };
}

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  const only = process.env.W2V_CASES?.split(',');
  const before = buildBefore();
  await writeSentences(join(OUT, 'brown-train.txt'));
  const rows: Row[] = [];
  console.log(`classic settings, ${EPOCHS} epoch(s), one thread unless named; 2 shared cores: compare rows of one run`);
  console.log('words/s and train s leave the held-out evaluations out (gensim runs none); "with evals" counts them');
  console.log(
    'case                            words/s   train s  with evals  WS353 ρ (OOV)   SimLex ρ (OOV)  held-out softmax',
  );
  for (const c of CASES) {
    if (only && !only.includes(c.name)) continue;
    const r = runCase(c, before);
    if (!r) continue;
    rows.push(r);
    const f = (x: { rho: number; oov: number }) => `${x.rho.toFixed(3)} (${(100 * x.oov).toFixed(1)}%)`;
    console.log(
      `${r.name.padEnd(30)} ${(Number.isNaN(r.wordsPerSecond) ? '-' : Math.round(r.wordsPerSecond).toString()).padStart(8)} ${r.seconds.toFixed(0).padStart(8)}  ${(r.withEvals ? Math.round(r.withEvals).toString() : '-').padStart(10)}  ${f(r.ws353).padEnd(15)} ${f(r.simlex).padEnd(15)} ${r.heldOutSoftmax?.toFixed(3) ?? '-'}`,
    );
  }
  const json = join(OUT, 'results.json');
  writeFileSync(json, JSON.stringify({ epochs: EPOCHS, date: new Date().toISOString(), rows }, null, 2) + '\n');
  console.log(`wrote ${json}`);
}

await main();
