import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../../apps/word2vec/cli.js';
import { runBin } from './spawn.js';
import { sink, smallRun, tempDir } from './synthetic.js';

async function cli(...argv: string[]) {
  const io = { out: sink(), err: sink() };
  const code = await main(argv, io);
  return { code, out: io.out.text, err: io.err.text };
}

describe('tapegrad CLI', () => {
  const dir = tempDir('tg-cli-');

  it('--help explains the commands; each subcommand has its own --help', async () => {
    const r = await cli('--help');
    expect(r.code).toBe(0);
    for (const s of ['tapegrad train', 'tapegrad eval', 'COMMAND --help', 'npm run demo']) expect(r.out).toContain(s);
    expect((await cli()).out).toBe(r.out);
    const t = await cli('train', '--help');
    for (const s of ['Usage: tapegrad train', '--loss nce|softmax', '--num-sampled', '--resume', '--force'])
      expect(t.out).toContain(s);
    const e = await cli('eval', '--help');
    expect(e.code).toBe(0);
    expect(e.out).toMatch(/^Usage: tapegrad eval/);
    for (const s of ['--similarity FILE', '--analogies FILE', 'Spearman', '3CosAdd']) expect(e.out).toContain(s);
    expect(e.out).not.toContain('--num-sampled');
    expect((await cli('help', 'eval')).out).toBe(e.out);
    expect((await cli('neighbors', '-h')).out).toMatch(/^Usage: tapegrad neighbors/);
  });

  it('bad option values name the option, what it must be and what came (exit 2)', async () => {
    const cases: [string[], string][] = [
      [['train', '--dim', 'abc'], 'option --dim must be an integer ≥ 1, got "abc"'],
      [['train', '--dim', '0'], 'option --dim must be an integer ≥ 1, got "0"'],
      [['train', '--window', '2.5'], 'option --window must be an integer ≥ 1, got "2.5"'],
      [['train', '--loss', 'hinge'], 'option --loss must be one of nce, softmax, negative-sampling, got "hinge"'],
      [['train', '--optimizer', 'rmsprop'], 'option --optimizer must be one of sgd, adagrad, adam, got "rmsprop"'],
      [['train', '--lr=-1'], 'option --lr must be a number > 0, got "-1"'],
      [['train', '--held-out', '0.9'], 'option --held-out must be a number > 0 and ≤ 0.5, got "0.9"'],
      [['train', '--bogus'], 'unknown option --bogus'],
    ];
    for (const [argv, msg] of cases) {
      const r = await cli(...argv);
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.err).toBe(`tapegrad: error: ${msg} (see 'tapegrad train --help')\n`);
    }
  });

  it('a missing corpus file, an empty corpus, too few words: clear errors (exit 2)', async () => {
    let r = await cli('train', '--corpus', join(dir, 'nope.txt'));
    expect([r.code, r.err]).toEqual([2, expect.stringContaining(`corpus file not found: ${join(dir, 'nope.txt')}`)]);
    const empty = join(dir, 'empty.txt');
    writeFileSync(empty, ' \n ,,, \n');
    r = await cli('train', '--corpus', empty, '--out', join(dir, 'o1'));
    expect([r.code, r.err]).toEqual([2, expect.stringContaining(`the corpus is empty: no words in ${empty}`)]);
    const tiny = join(dir, 'tiny.txt');
    writeFileSync(tiny, 'a b c\n');
    r = await cli('train', '--corpus', tiny, '--out', join(dir, 'o2'));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/the vocabulary has 0 word\(s\): fewer than 2 words occur at least --min-count 5 times/);
    r = await cli('train', '--resume', '--out', join(dir, 'none'));
    expect([r.code, r.err]).toEqual([2, expect.stringContaining('--resume: no checkpoint to resume in')]);
    r = await cli('neighbors', '--out', join(dir, 'none'), 'word');
    expect([r.code, r.err]).toEqual([2, expect.stringContaining('vocab.txt not found')]);
  });

  it('train, then neighbors and eval on the saved model; --resume refuses changed settings', async () => {
    const s = smallRun(dir, { epochs: 1 });
    const out = join(dir, 'run');
    const args = [
      '--corpus',
      s.corpus,
      '--dim',
      '8',
      '--num-sampled',
      '8',
      '--batch',
      '32',
      '--epochs',
      '3',
      '--min-count',
      '1',
      '--sample',
      '0',
      '--held-out',
      '0.1',
      '--eval-pairs',
      '400',
      '--seed',
      '7',
      '--window',
      '2',
      '--out',
      out,
      '--quiet',
      '--probe',
      't1w1',
    ];
    const t = await cli('train', ...args);
    expect(t.code).toBe(0);
    expect(t.out).toMatch(/end: held-out full softmax \d\.\d{3} \(start \d\.\d{3}, unigram baseline \d\.\d{3}/);
    const n = await cli('neighbors', '--out', out, '--k', '3', 't1w1', 'zzz');
    expect(n.out).toMatch(/^t1w1: t1w\d \(0\.\d{3}\), t1w\d \(/);
    expect(n.out).toContain('zzz: not in the vocabulary');
    const e = await cli('eval', '--out', out);
    const end = /end: held-out full softmax (\d\.\d{3})/.exec(t.out)![1];
    const again = /full softmax: (\d\.\d{4})/.exec(e.out)![1];
    expect(Math.abs(Number(again) - Number(end))).toBeLessThanOrEqual(0.0006);
    const r = await cli('train', '--resume', '--out', out, '--dim', '9');
    expect([r.code, r.err]).toEqual([
      2,
      expect.stringContaining("--resume continues with the checkpoint's settings: dim is 8 there, got 9"),
    ]);
  });

  it('the bundled bin exits with 2 on bad input', async () => {
    const r = await runBin(['train', '--epochs', 'x']);
    expect(r.status).toBe(2);
    expect(r.err).toContain('option --epochs must be an integer ≥ 1, got "x"');
  });
});
