/** tapegrad diagnose: its flags, its table and picture, end to end on a model trained on the planted corpus. */
import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../../apps/word2vec/cli.js';
import { DIAGNOSE_HELP, parseDiagnose } from '../../../apps/word2vec/diagnose.js';
import type { DiagnoseSeries } from '../../../apps/word2vec/diagnose-svg.js';
import { UsageError } from '../../../apps/word2vec/options.js';
import { parseXml } from '../../autograd/xml.js';
import { sink, smallRun, tempDir } from './synthetic.js';

async function cli(...argv: string[]) {
  const io = { out: sink(), err: sink() };
  const code = await main(argv, io);
  return { code, out: io.out.text, err: io.err.text };
}

describe('tapegrad diagnose', () => {
  const dir = tempDir('tg-diagnose-');

  it('parses its own flags, with defaults and --help', async () => {
    expect(parseDiagnose([])).toEqual({
      out: 'out/word2vec',
      numSampled: [8, 16, 32, 64, 128, 256, 512, 1024],
      trials: 20,
      batch: 256,
      distortion: 0.75,
      seed: 1,
    });
    expect(parseDiagnose(['--num-sampled', '2,4', '--trials', '3', '--out', 'x'])).toMatchObject({
      numSampled: [2, 4],
      trials: 3,
      out: 'x',
    });
    expect(parseDiagnose(['--help'])).toBeNull();
    const r = await cli('diagnose', '--help');
    expect([r.code, r.out]).toEqual([0, `${DIAGNOSE_HELP}\n`]);
    expect((await cli('--help')).out).toContain('tapegrad diagnose [--out DIR]');
  });

  it("'help diagnose' and '--help diagnose' print diagnose's help; diagnose after an option is refused", async () => {
    for (const argv of [
      ['help', 'diagnose'],
      ['--help', 'diagnose'],
    ]) {
      const r = await cli(...argv);
      expect([r.code, r.out, r.err]).toEqual([0, `${DIAGNOSE_HELP}\n`, '']);
    }
    const r = await cli('--quiet', 'diagnose');
    expect([r.code, r.err]).toEqual([
      2,
      "tapegrad: error: diagnose must come first: tapegrad diagnose [options] (see 'tapegrad diagnose --help')\n",
    ]);
    expect((await cli('help', 'fly')).err).toContain('expected train, neighbors, eval, diagnose');
  });

  it('bad flags and a missing model: clear errors, exit 2', async () => {
    for (const [argv, msg] of [
      [['--trials', '0'], 'option --trials must be an integer ≥ 1 and ≤ 10000, got "0"'],
      [['--num-sampled', '8,,16'], 'option --num-sampled must be an integer ≥ 1 and ≤ 2147483647, got ""'],
      [['--distortion', 'x'], 'option --distortion must be a number ≥ 0 and ≤ 1, got "x"'],
      [['--bogus'], 'unknown option --bogus'],
      [['--seed', '-3'], 'option --seed must be an integer ≥ 0 and ≤ 2147483647, got "-3"'],
      [['word'], 'diagnose takes no WORD arguments, got "word"'],
    ] as const) {
      expect(() => parseDiagnose(argv)).toThrow(UsageError);
      const r = await cli('diagnose', ...argv);
      expect([r.code, r.err]).toEqual([2, expect.stringContaining(`tapegrad: error: ${msg}`)]);
      expect(r.err).toBe(`tapegrad: error: ${msg} (see 'tapegrad diagnose --help')\n`);
    }
    const r = await cli('diagnose', '--out', join(dir, 'none'));
    expect([r.code, r.err]).toEqual([
      2,
      expect.stringContaining(`summary.json not found: ${join(dir, 'none', 'summary.json')}`),
    ]);
  });

  it('on a trained model: the table, diagnose.json and a well-formed diagnose.svg; cosines rise with S', async () => {
    const s = smallRun(dir, { epochs: 1 });
    const out = join(dir, 'run');
    const flags = {
      corpus: s.corpus,
      dim: 8,
      'num-sampled': 8,
      batch: 32,
      epochs: 1,
      'min-count': 1,
      sample: 0,
      'held-out': 0.1,
      'eval-pairs': 400,
      seed: 7,
      out,
    };
    const train = await cli('train', '--quiet', ...Object.entries(flags).flatMap(([k, v]) => [`--${k}`, String(v)]));
    expect(train.code, train.err).toBe(0);
    let r = await cli('diagnose', '--out', out, '--num-sampled', '64');
    expect([r.code, r.err]).toEqual([
      2,
      expect.stringContaining('option --num-sampled must be at most the vocabulary size 32, got 64'),
    ]);

    // A damaged model folder: one line and exit 2 naming the file (a corpus that is not a path
    // was a raw Node error with exit 1; a cut .npy named readNpy, not the file).
    const damaged = (name: string, file: string, bytes: string | Buffer) => {
      const d = join(dir, name);
      cpSync(out, d, { recursive: true });
      writeFileSync(join(d, file), bytes);
      return d;
    };
    const numCorpus = damaged('num-corpus', 'summary.json', '{"settings": {"corpus": 5}}');
    r = await cli('diagnose', '--out', numCorpus);
    expect([r.code, r.err]).toEqual([
      2,
      `tapegrad: error: summary.json in ${numCorpus} is not the summary that 'tapegrad train' writes (not JSON, or no settings naming the corpus)\n`,
    ]);
    // A summary whose corpus file is gone: one line and exit 2 (was a raw ENOENT with exit 1).
    const gone = join(dir, 'gone.txt');
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')) as { settings: { corpus: string } };
    summary.settings.corpus = gone;
    const goneCorpus = damaged('gone-corpus', 'summary.json', JSON.stringify(summary));
    r = await cli('diagnose', '--out', goneCorpus);
    expect([r.code, r.err]).toEqual([2, `tapegrad: error: corpus file not found: ${gone}\n`]);
    const cut = damaged(
      'cut-npy',
      'output_weights.npy',
      readFileSync(join(out, 'output_weights.npy')).subarray(0, 100),
    );
    r = await cli('diagnose', '--out', cut);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(
      new RegExp(`^tapegrad: error: output_weights.npy in ${cut} is not a matrix train wrote \\(.*\\)\n$`),
    );

    // Without --num-sampled the default list is cut to the vocabulary (V = 32): 8, 16, 32.
    r = await cli('diagnose', '--out', out, '--trials', '2', '--batch', '16');
    expect([r.code, r.err]).toEqual([0, '']);
    const defaults = JSON.parse(readFileSync(join(out, 'diagnose.json'), 'utf8')) as { series: DiagnoseSeries[] };
    expect(defaults.series[0].rows.map((x) => x.numSampled)).toEqual([8, 16, 32]);

    r = await cli('diagnose', '--out', out, '--num-sampled', '16,2,4,8', '--trials', '6', '--batch', '64');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const lines = r.out.trim().split('\n');
    expect(lines[0]).toBe(`diagnose: 64 held-out pairs of ${out} (V = 32, D = 8), 6 trials per S`);
    expect(lines.slice(2, -1).map((l) => l.split(/\s+/).slice(0, 3).join(' '))).toEqual(
      ['softmax log-uniform', 'softmax unigram', 'nce log-uniform', 'nce unigram'].flatMap((p) =>
        [2, 4, 8, 16].map((S) => `${p} ${S}`),
      ),
    );
    const { series } = JSON.parse(readFileSync(join(out, 'diagnose.json'), 'utf8')) as { series: DiagnoseSeries[] };
    for (const { rows } of series) {
      expect(rows.map((x) => x.numSampled)).toEqual([2, 4, 8, 16]);
      expect(rows[3].trialCosineWeights.mean).toBeGreaterThan(rows[0].trialCosineWeights.mean);
      expect(rows[3].trialCosineInputs.mean).toBeGreaterThan(rows[0].trialCosineInputs.mean);
      for (const x of rows) expect(x.ratio).toBeCloseTo(x.sampledLoss.mean / x.fullLoss, 12);
    }
    // The full softmax loss on the batch is the eval command's number's kind: between ln 8 and ln 32 here.
    expect(series[0].rows[0].fullLoss).toBeGreaterThan(Math.log(8) - 0.5);
    expect(series[0].rows[0].fullLoss).toBeLessThan(Math.log(32) + 0.5);
    expect(existsSync(join(out, 'diagnose.svg'))).toBe(true);
    const { elements, texts } = parseXml(readFileSync(join(out, 'diagnose.svg'), 'utf8'));
    expect(elements.filter((e) => e === 'polyline')).toHaveLength(4 * 4);
    for (const t of ['loss ratio: sampled / full', 'sampled softmax, unigram', 'NCE, log-uniform'])
      expect(texts).toContain(t);
  }, 60_000);
});
