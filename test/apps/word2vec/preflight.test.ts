import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { memoryNeeded, preflight } from '../../../apps/word2vec/preflight.js';
import { DEFAULTS, type TrainSettings } from '../../../apps/word2vec/options.js';
import { tempDir } from './synthetic.js';

const s: TrainSettings = { ...DEFAULTS, lr: 1, optimizer: 'sgd', dim: 4, batch: 2, numSampled: 3, shuffleBuffer: 5 };

describe('pre-flight checks', () => {
  it('counts the memory a run needs: what it holds plus its largest passing need', () => {
    // V = 10, D = 4: parameters 4·(2·40 + 10) = 360 bytes, no slots (sgd), shuffle buffer 16·5 = 80;
    // the largest passing need is the evaluation's 16·512·10 = 81,920 (a step needs 32·2·8 + 16·12 = 704).
    expect(memoryNeeded(s, 10)).toEqual({ bytes: 360 + 80 + 81920, flag: 'dim' });
    // Adam holds two slots per parameter, and a checkpoint copies them twice more.
    const adam = memoryNeeded({ ...s, optimizer: 'adam', dim: 1000 }, 10);
    const params = 4 * (2 * 10 * 1000 + 10);
    expect(adam.bytes).toBe(params * 3 + 80 + Math.max(params * 5, 22 * 10 * 1000, 16 * 512 * 10));
    expect(memoryNeeded({ ...s, batch: 1e6 }, 10).flag).toBe('batch');
  });

  it('refuses before anything is allocated or written when the memory is short by one byte', () => {
    const dir = tempDir('tg-pre-');
    const out = join(dir, 'a', 'b');
    expect(() => preflight(out, s, 10, 82359)).toThrow(
      'option --dim is too large: this run needs about 0.1 MB of memory (10 words, dim 4, batch 2), but only 0.1 MB is free',
    );
    expect(existsSync(join(dir, 'a'))).toBe(false);
    preflight(out, s, 10, 82360);
    expect(readdirSync(out)).toEqual([]); // created, probed, the probe removed
  });

  it('removes the temporary files of interrupted checkpoint writes, not those of running processes', () => {
    const out = tempDir('tg-pre-');
    const dead = 2 ** 22 + 12345; // above Linux's pid_max default: no such process
    for (const n of [`checkpoint.tgc.tmp-${dead}`, `checkpoint.tgc.tmp-${process.ppid}`, 'other.tmp-1'])
      writeFileSync(join(out, n), 'x');
    preflight(out, s, 10, Infinity);
    expect(readdirSync(out).sort()).toEqual([`checkpoint.tgc.tmp-${process.ppid}`, 'other.tmp-1']);
  });
});
