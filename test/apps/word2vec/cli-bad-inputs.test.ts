/**
 * Every bad command line, one row each: the bundled bin exits non-zero (2 for bad usage or
 * input) with one line on stderr naming the flag or file and what was expected, never a
 * stack trace, and nothing in --out is written or changed.
 */
import { createHash } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { train } from '../../../apps/word2vec/train.js';
import { sink, smallRun, tempDir } from './synthetic.js';
import { runBin } from './spawn.js';

const dir = tempDir('tg-bad-');
const settings = smallRun(dir); // writes dir/planted.txt: 32 words
const corpus = settings.corpus;
/** Small-run options; the row's own options come after and win. */
const SMALL = ['--corpus', corpus, '--num-sampled', '8', '--batch', '32', '--min-count', '1', '--sample', '0'];
const more = ['--held-out', '0.1', '--eval-pairs', '100', '--epochs', '1', '--quiet'];

interface Row {
  args: string[];
  /** stderr must be exactly one line containing this. */
  says: string | RegExp;
  exit?: number;
  /** Run the bin as a user file permissions apply to (nobody, when the tests run as root). */
  user?: boolean;
}

const file = (name: string, bytes: string | Buffer, mode?: number): string => {
  const p = join(dir, name);
  writeFileSync(p, bytes);
  if (mode !== undefined) chmodSync(p, mode);
  return p;
};

const train_ = (...a: string[]): string[] => ['train', ...SMALL, ...more, ...a];
/** A row whose value the option's own check refuses: `option --x must be <what>, got "v"`. */
const opt = (flag: string, v: string, what: string): Row => ({
  args: train_(flag, v),
  says: `option ${flag} must be ${what}, got ${JSON.stringify(v)}`,
});
/** A folder `name` under dir holding one file. */
const folderWith = (name: string, fileName: string, text: string): string => {
  mkdirSync(join(dir, name), { recursive: true });
  writeFileSync(join(dir, name, fileName), text);
  return join(dir, name);
};
/** An eval row on a file the row writes. */
const evalOf = (flag: string, name: string, text: string, says: string): Row => ({
  args: ['eval', flag, file(name, text)],
  says,
});
const ROWS: Record<string, Row> = {
  'negative --dim': opt('--dim', '-3', 'an integer ≥ 1'),
  '--dim abc': opt('--dim', 'abc', 'an integer ≥ 1'),
  '--dim 0': opt('--dim', '0', 'an integer ≥ 1'),
  '--dim 1e3': opt('--dim', '1e3', 'an integer ≥ 1'),
  '--dim beyond one array': {
    args: train_('--dim', '100000000'),
    says: 'option --dim is too large: 32 words × --dim 100,000,000 = 3,200,000,000 values, more than one array can hold',
  },
  '--dim beyond the free memory': {
    args: train_('--dim', '60000000', '--optimizer', 'adam'),
    says: /^tapegrad: error: option --dim is too large: this run needs about [\d.]+ GB of memory \(32 words, dim 60,000,000, batch 32\), but only [\d.]+ GB is free\n$/,
  },
  '--batch beyond the free memory': {
    args: train_('--batch', '20000000', '--dim', '64'),
    says: /option --batch is too large: this run needs about [\d.]+ GB/,
  },
  '--batch 0': opt('--batch', '0', 'an integer ≥ 1'),
  '--lr -1': opt('--lr', '-1', 'a number > 0'),
  '--lr=-1e-3': { args: train_('--lr=-1e-3'), says: 'option --lr must be a number > 0, got "-1e-3"' },
  '--lr Infinity': opt('--lr', 'Infinity', 'a number > 0'),
  '--lr empty': opt('--lr', '', 'a number > 0'),
  '--held-out 0.9': { args: train_('--held-out', '0.9'), says: 'option --held-out must be a number > 0 and ≤ 0.5' },
  '--sample -1': opt('--sample', '-1', 'a number ≥ 0 and ≤ 1'),
  '--epochs 1.5': opt('--epochs', '1.5', 'an integer ≥ 1'),
  '--seed -1': opt('--seed', '-1', 'an integer ≥ 0'),
  '--seed beyond 2^53': opt('--seed', '9007199254740993', 'an integer ≥ 0'),
  '--window 0': opt('--window', '0', 'an integer ≥ 1'),
  '--evals-per-epoch beyond 1000': opt('--evals-per-epoch', '1000000000', 'an integer ≥ 1 and ≤ 1000'),
  '--num-sampled above the vocabulary': {
    args: train_('--num-sampled', '1000'),
    says: 'option --num-sampled must be at most the vocabulary size 32, got 1000',
  },
  '--loss hinge': { args: train_('--loss', 'hinge'), says: 'option --loss must be one of' },
  '--optimizer rmsprop': {
    args: train_('--optimizer', 'rmsprop'),
    says: 'option --optimizer must be one of sgd, adagrad, adam, got "rmsprop"',
  },
  '--dim without a value': { args: [...train_(), '--dim'], says: 'option --dim needs a value' },
  '--quiet=yes': { args: train_('--quiet=yes'), says: 'option --quiet takes no value' },
  'unknown option': { args: train_('--bogus'), says: 'unknown option --bogus' },
  'unknown command': { args: ['fly'], says: 'unknown command "fly": expected train, neighbors, eval' },
  'a train option to neighbors': {
    args: ['neighbors', '--dim', '3', 'x'],
    says: 'option --dim is not an option of neighbors',
  },
  'a neighbors option to eval': { args: ['eval', '--k', '3'], says: 'option --k is not an option of eval' },
  'a stray argument': { args: train_('extra'), says: 'unexpected argument "extra"' },
  'an empty --corpus': opt('--corpus', '', 'a file path or "brown"'),
  'a missing corpus': {
    args: train_('--corpus', join(dir, 'nope.txt')),
    says: `corpus file not found: ${join(dir, 'nope.txt')}`,
  },
  'a folder as corpus': { args: train_('--corpus', dir), says: `corpus is not a file: ${dir}` },
  'a gzip corpus': {
    args: train_('--corpus', file('c.txt.gz', gzipSync(readFileSync(corpus)))),
    says: 'the corpus is not text: ' + join(dir, 'c.txt.gz') + ' is a gzip file: decompress it first (gunzip)',
  },
  'a binary corpus': {
    args: train_('--corpus', file('c.bin', Buffer.from([0x74, 0x31, 0x20, 0x00, 0x01, 0xff]))),
    says: `holds a NUL byte at offset 3 (a binary file?)`,
  },
  'a Latin-1 corpus': {
    args: train_('--corpus', file('latin1.txt', Buffer.from('caf\xe9 au lait\n', 'latin1'))),
    says: 'the corpus is not UTF-8 text: ' + join(dir, 'latin1.txt'),
  },
  'an unreadable corpus (EACCES)': {
    args: train_('--corpus', file('secret.txt', readFileSync(corpus), 0o200)),
    says: `corpus file cannot be read: ${join(dir, 'secret.txt')} (permission denied)`,
    user: true,
  },
  'a read-only --out': {
    args: train_(),
    says: /option --out must be a folder that can be written, got ".*ro-out" \(permission denied\)/,
    user: true,
  },
  'a file as --out': {
    args: train_('--out', file('afile', 'x')),
    says: `option --out must be a folder that can be written, got "${join(dir, 'afile')}"`,
  },
  'an unfinished run in --out, without --resume or --force': {
    args: train_(),
    says: /--out .*unfinished holds the checkpoint of an unfinished run \(0 of 2 epochs done\): continue it with --resume, or add --force/,
  },
  '--resume without a checkpoint': { args: ['train', '--resume'], says: '--resume: no checkpoint to resume in' },
  'eval without a model': { args: ['eval'], says: 'summary.json not found' },
  'eval --similarity without a model': evalOf('--similarity', 'ok.tsv', 'a\tb\t1\n', 'vocab.txt not found'),
  'neighbors without a model': { args: ['neighbors', 'x'], says: 'vocab.txt not found' },
  'eval --similarity of a missing file': {
    args: ['eval', '--similarity', join(dir, 'nope.tsv')],
    says: `similarity file not found: ${join(dir, 'nope.tsv')}`,
  },
  'eval --similarity of a malformed file': evalOf(
    '--similarity',
    'bad.tsv',
    '# c\na\tb\t1\na b\n',
    'bad.tsv line 3: expected "word1<TAB>word2<TAB>score", got "a b"',
  ),
  'eval --similarity with a non-numeric score': evalOf(
    '--similarity',
    'bad2.tsv',
    'a\tb\thigh\n',
    'bad2.tsv line 1: expected',
  ),
  'eval --analogies with three words': evalOf(
    '--analogies',
    'bad.txt',
    ': s\na b c\n',
    'bad.txt line 2: expected four words "a b c d", got "a b c"',
  ),
  'eval --analogies without a section': evalOf(
    '--analogies',
    'bad3.txt',
    'a b c d\n',
    'bad3.txt line 1: a question before the first ": section" line',
  ),
  'neighbors without a word': { args: ['neighbors'], says: 'neighbors needs at least one WORD' },
  'eval of a summary.json that is not JSON': {
    args: ['eval', '--out', folderWith('bad-summary', 'summary.json', '{bad')],
    says: `summary.json in ${join(dir, 'bad-summary')} is not the summary that 'tapegrad train' writes`,
  },
  'diagnose with an unknown option': { args: ['diagnose', '--bogus'], says: 'unknown option --bogus' },
  'diagnose --seed -3': { args: ['diagnose', '--seed', '-3'], says: 'option --seed must be an integer ≥ 0 and ≤ ' },
};

/** Every file under `p` with its bytes' hash, or 'absent'. */
function snapshot(p: string): string {
  if (!existsSync(p)) return 'absent';
  if (!statSync(p).isDirectory()) return createHash('sha256').update(readFileSync(p)).digest('hex');
  return readdirSync(p)
    .sort()
    .map((f) => `${f}:${snapshot(join(p, f))}`)
    .join('\n');
}

describe('tapegrad refuses bad input with one line and no change', () => {
  beforeAll(async () => {
    // An unfinished run (interrupted at step 3) for the --force row.
    const io = { out: sink(), err: sink() };
    const r = await train(
      {
        settings,
        given: new Set(),
        out: join(dir, 'unfinished'),
        probes: [],
        resume: false,
        quiet: true,
        afterStep: (s) => s === 3,
      },
      io,
    );
    expect(r.exitCode).toBe(130);
    mkdirSync(join(dir, 'ro-out'));
    chmodSync(join(dir, 'ro-out'), 0o555);
    chmodSync(dir, 0o755);
  });

  it.each(Object.entries(ROWS))('%s', async (name, row) => {
    const out = name.startsWith('an unfinished run')
      ? join(dir, 'unfinished')
      : name === 'a read-only --out'
        ? join(dir, 'ro-out')
        : join(dir, `out-${Object.keys(ROWS).indexOf(name)}`);
    const args = row.args.includes('--out') ? row.args : [...row.args, '--out', out];
    const before = snapshot(out);
    const r = await runBin(args, { user: row.user, cwd: dir });
    expect(r.status, r.err).toBe(row.exit ?? 2);
    expect(r.err.endsWith('\n') && r.err.split('\n').length === 2, `one line: ${JSON.stringify(r.err)}`).toBe(true);
    expect(r.err).toMatch(/^tapegrad: error: /);
    expect(r.err).not.toMatch(/\n\s+at |internal error|Error:/);
    if (typeof row.says === 'string') expect(r.err).toContain(row.says);
    else expect(r.err).toMatch(row.says);
    expect(snapshot(out)).toBe(before);
    expect(r.out).toBe('');
  });
});
