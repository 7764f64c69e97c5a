/**
 * Training loses nothing and resumes only from what it wrote: a kill -9 in the middle of a
 * checkpoint write, then --resume, ends bit-identical to a straight run; a checkpoint
 * changed afterwards (one bit, a NaN, cut short, a header edited with a fresh checksum)
 * is refused in one line with exit 2; the corpus is found from any working folder and a
 * moved or changed corpus is reported.
 */
import {
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  appendFileSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { decodeCheckpoint, encodeCheckpoint } from '../../../apps/word2vec/checkpoint.js';
import { runBin } from './spawn.js';
import { plantedCorpus, tempDir } from './synthetic.js';

const root = tempDir('tg-resume-');
const base = join(root, 'work'); // the working folder of the first runs
const ARGS = [
  ...['--corpus', 'planted.txt', '--dim', '8', '--num-sampled', '8', '--batch', '32', '--epochs', '3'],
  ...['--min-count', '1', '--sample', '0', '--held-out', '0.1', '--eval-pairs', '200', '--seed', '7', '--quiet'],
];
const OUTPUTS = ['input_embeddings.npy', 'output_weights.npy', 'output_biases.npy', 'vectors.txt', 'vocab.txt'];
const ck = (out: string): string => join(out, 'checkpoint.tgc');

/** A copy of the interrupted run's folder (and corpus), to damage or resume. */
function copyRun(name: string): string {
  const d = join(root, name);
  cpSync(base, d, { recursive: true });
  return d;
}

const history = (out: string): string =>
  JSON.stringify(JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')).history);

function expectSameAsStraight(out: string): void {
  for (const f of OUTPUTS)
    expect(readFileSync(join(out, f)).equals(readFileSync(join(base, 'straight', f))), f).toBe(true);
  expect(history(out)).toBe(history(join(base, 'straight')));
}

/** One line on stderr, exit 2, no stack trace. */
function expectRefused(r: Awaited<ReturnType<typeof runBin>>, says: string | RegExp): void {
  expect(r.status, r.err).toBe(2);
  expect(r.err.split('\n')).toHaveLength(2);
  expect(r.err).not.toMatch(/\n\s+at |internal error/);
  if (typeof says === 'string') expect(r.err).toContain(says);
  else expect(r.err).toMatch(says);
}

describe('kill -9, checksums and resume', () => {
  beforeAll(async () => {
    mkdirSync(base);
    writeFileSync(join(base, 'planted.txt'), plantedCorpus());
    expect((await runBin(['train', ...ARGS, '--out', 'straight'], { cwd: base })).status).toBe(0);
    // Killed (SIGKILL) half-way through writing its 2nd checkpoint (the end of epoch 2).
    const k = await runBin(['train', ...ARGS, '--out', 'run'], {
      cwd: base,
      env: { TAPEGRAD_TEST_KILL_IN_WRITE: '2' },
    });
    expect(k.signal).toBe('SIGKILL');
  });

  it('a kill -9 during a checkpoint write leaves the previous checkpoint; --resume ends bit-identical', async () => {
    const d = copyRun('killed');
    const out = join(d, 'run');
    const names = readdirSync(out);
    expect(names).toContain('checkpoint.tgc');
    expect(names.filter((f) => /^checkpoint\.tgc\.tmp-\d+$/.test(f))).toHaveLength(1); // the half-written file
    const meta = decodeCheckpoint(readFileSync(ck(out))).meta as { progress: { epoch: number } };
    expect(meta.progress.epoch).toBe(1);
    const r = await runBin(['train', '--resume', '--out', 'run'], { cwd: d });
    expect(r.status, r.err).toBe(0);
    expect(r.out).toContain('resuming at epoch 2');
    expectSameAsStraight(out);
    expect(readdirSync(out).filter((f) => f.includes('.tmp-'))).toEqual([]); // cleaned up
  });

  it('a kill -9 while writing the outputs: --resume writes them whole, bit-identical', async () => {
    const d = copyRun('killed-outputs');
    // The copy resumes at epoch 2: atomic writes 1 and 2 are the checkpoints of epochs 2 and 3,
    // write 3 is the first output file, vectors.txt.
    const k = await runBin(['train', '--resume', '--out', 'run'], {
      cwd: d,
      env: { TAPEGRAD_TEST_KILL_IN_WRITE: '3' },
    });
    expect(k.signal).toBe('SIGKILL');
    const out = join(d, 'run');
    expect(readdirSync(out).filter((f) => /^vectors\.txt\.tmp-\d+$/.test(f))).toHaveLength(1);
    expect(existsSync(join(out, 'vectors.txt'))).toBe(false);
    const r = await runBin(['train', '--resume', '--out', 'run'], { cwd: d });
    expect(r.status, r.err).toBe(0);
    expectSameAsStraight(out);
    expect(readdirSync(out).filter((f) => f.includes('.tmp-'))).toEqual([]);
  });

  it('resumes from another working folder: the corpus is stored as an absolute path', async () => {
    const d = copyRun('elsewhere');
    const r = await runBin(['train', '--resume', '--out', join(d, 'run')], { cwd: root });
    expect(r.status, r.err).toBe(0);
    expectSameAsStraight(join(d, 'run'));
    // A relative --corpus naming the same file from another folder is accepted too.
    const d2 = copyRun('relative');
    const r2 = await runBin(['train', '--resume', '--corpus', 'relative/planted.txt', '--out', 'relative/run'], {
      cwd: root,
    });
    expect(r2.status, r2.err).toBe(0);
    expectSameAsStraight(join(d2, 'run'));
  });

  it('a moved corpus is reported, and found again with --corpus', async () => {
    const d = copyRun('moved');
    renameSync(join(d, 'planted.txt'), join(d, 'moved.txt'));
    // The checkpoint of `moved/` still names the corpus of `work/`: remove that one to see it missing.
    const gone = copyRun('gone');
    renameSync(join(base, 'planted.txt'), join(base, 'planted.away'));
    try {
      const r = await runBin(['train', '--resume', '--out', 'run'], { cwd: gone });
      expectRefused(
        r,
        `--resume: the checkpoint's corpus ${join(base, 'planted.txt')} is not there any more; if it moved, add --corpus NEW-PATH to --resume`,
      );
      const ok = await runBin(['train', '--resume', '--corpus', 'moved.txt', '--out', 'run'], { cwd: d });
      expect(ok.status, ok.err).toBe(0);
      expectSameAsStraight(join(d, 'run'));
    } finally {
      renameSync(join(base, 'planted.away'), join(base, 'planted.txt'));
    }
  });

  it('a changed corpus is refused', async () => {
    const d = copyRun('changed');
    appendFileSync(join(d, 'planted.txt'), 't0w1 t0w2\n');
    const r = await runBin(['train', '--resume', '--corpus', 'planted.txt', '--out', 'run'], { cwd: d });
    expectRefused(
      r,
      /--resume: the corpus changed since the checkpoint was written: .*planted\.txt has \d+ bytes, SHA-256 [0-9a-f]{12}…, the checkpoint's had \d+ bytes/,
    );
  });

  it('train without --resume refuses to replace the unfinished run; --force replaces it', async () => {
    const d = copyRun('force');
    const before = readFileSync(ck(join(d, 'run')));
    const r = await runBin(['train', ...ARGS, '--out', 'run'], { cwd: d });
    expectRefused(
      r,
      'holds the checkpoint of an unfinished run (1 of 3 epochs done): continue it with --resume, or add --force',
    );
    expect(readFileSync(ck(join(d, 'run'))).equals(before)).toBe(true);
    const f = await runBin(['train', ...ARGS, '--out', 'run', '--force'], { cwd: d });
    expect(f.status, f.err).toBe(0);
    expectSameAsStraight(join(d, 'run'));
    // A damaged checkpoint is not replaced silently either.
    const d2 = copyRun('force-damaged');
    writeFileSync(ck(join(d2, 'run')), 'garbage');
    expectRefused(
      await runBin(['train', ...ARGS, '--out', 'run'], { cwd: d2 }),
      'holds a checkpoint that cannot be used (is not a tapegrad checkpoint (no TGCKPT02 mark at its start)): add --force to start over and replace it',
    );
    // A finished run may be trained over again (npm run demo twice).
    expect((await runBin(['train', ...ARGS, '--out', 'run'], { cwd: d })).status).toBe(0);
  });

  /** Byte offset of array `name` in a checkpoint file (after header and padding). */
  function arrayOffset(buf: Buffer, name: string): number {
    const len = buf.readUInt32LE(8);
    const { arrays } = JSON.parse(buf.toString('utf8', 12, 12 + len)) as {
      arrays: { name: string; length: number; dtype: string }[];
    };
    let pos = 12 + len + ((8 - ((12 + len) % 8)) % 8);
    for (const a of arrays) {
      if (a.name === name) return pos;
      const bytes = a.length * (a.dtype === 'float64' ? 8 : 4);
      pos += bytes + ((8 - (bytes % 8)) % 8);
    }
    throw new Error(name);
  }

  const DAMAGED =
    'is damaged: its checksum does not match its contents (changed or cut short after it was written); train again with --force instead of --resume';
  const damage: Record<string, [(b: Buffer) => Buffer, string]> = {
    'one bit of the epoch counter': [
      (b) => {
        const i = b.indexOf('"epoch":1');
        b[i + 8] ^= 1; // '1' -> '0'
        return b;
      },
      DAMAGED,
    ],
    'one bit of the step counter': [
      (b) => {
        const i = b.indexOf('"step":');
        b[i + 7] ^= 2;
        return b;
      },
      DAMAGED,
    ],
    'one bit of a weight': [
      (b) => {
        b[arrayOffset(b, 'w') + 4 * 37 + 1] ^= 0x10;
        return b;
      },
      DAMAGED,
    ],
    'a NaN written into the embeddings': [
      (b) => {
        b.writeFloatLE(NaN, arrayOffset(b, 'emb') + 4 * 5);
        return b;
      },
      DAMAGED,
    ],
    'cut short': [(b) => b.subarray(0, b.length - 100), DAMAGED],
    'not a checkpoint': [() => Buffer.from('hello'), 'is not a tapegrad checkpoint'],
  };
  /** Edits of the header made with a valid checksum: the header must still agree with its payload. */
  const edit =
    (f: (meta: any, arrays: Record<string, Float32Array | Float64Array | Int32Array>) => void) => (b: Buffer) => {
      const { meta, arrays } = decodeCheckpoint(b);
      f(meta, arrays);
      return encodeCheckpoint(meta, arrays);
    };
  const INVALID = 'is not a valid run: ';
  Object.assign(damage, {
    'settings.dim edited': [
      edit((m) => (m.settings.dim = 9)),
      `${INVALID}array emb holds 256 values where 32 words of dim 9 need 288 (header and payload disagree)`,
    ],
    'an unknown optimizer name': [
      edit((m) => (m.optimizer.name = 'RMSProp')),
      `${INVALID}its optimizer is "RMSProp", not the Adagrad of its settings (--optimizer adagrad)`,
    ],
    'an unknown optimizer in the settings': [
      edit((m) => (m.settings.optimizer = 'rmsprop')),
      `${INVALID}option --optimizer must be one of sgd, adagrad, adam, got "rmsprop"`,
    ],
    'a negative dim': [edit((m) => (m.settings.dim = -8)), `${INVALID}option --dim must be an integer ≥ 1, got "-8"`],
    'a string for a number': [
      edit((m) => (m.settings.epochs = '3')),
      `${INVALID}setting epochs (--epochs) is "3", not a valid value`,
    ],
    'an epoch beyond the epochs': [edit((m) => (m.progress.epoch = 7)), `${INVALID}its epoch 7 is not in 0..3`],
    'a NaN in the embeddings, with a fresh checksum': [
      edit((_, a) => (a.emb[5] = NaN)),
      `${INVALID}array emb holds NaN at index 5 (the run diverged, or the file was changed)`,
    ],
    'a missing optimizer slot': [
      edit((_, a) => delete a['slot:accumulator:1']),
      `${INVALID}its optimizer slot accumulator of w is not 256 floats`,
    ],
  } as typeof damage);

  it.each(Object.entries(damage))('refuses a checkpoint with %s (exit 2, one line)', async (name, [f, says]) => {
    const d = copyRun(`damaged-${Object.keys(damage).indexOf(name)}`);
    const path = ck(join(d, 'run'));
    const before = f(readFileSync(path));
    writeFileSync(path, before);
    const r = await runBin(['train', '--resume', '--out', 'run'], { cwd: d });
    expectRefused(r, `tapegrad: error: --resume: the checkpoint ${join('run', 'checkpoint.tgc')} ${says}`);
    expect(readFileSync(path).equals(before)).toBe(true);
    expect(existsSync(join(d, 'run', 'summary.json'))).toBe(false);
  });
});
