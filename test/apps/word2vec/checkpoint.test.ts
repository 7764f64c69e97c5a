import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  CheckpointError,
  decodeCheckpoint,
  encodeCheckpoint,
  loadCheckpoint,
  saveCheckpoint,
} from '../../../apps/word2vec/checkpoint.js';

describe('checkpoint files', () => {
  it('round-trip meta and arrays of every dtype, bit for bit', () => {
    const arrays = {
      a: Float32Array.from([1.5, -0, NaN]),
      b: Float64Array.from([Math.PI]),
      c: Int32Array.from([7, -8, 9, 10, 11]),
    };
    const back = decodeCheckpoint(encodeCheckpoint({ step: 3, x: 0.1 + 0.2 }, arrays));
    expect(back.meta).toEqual({ step: 3, x: 0.1 + 0.2 });
    expect(back.arrays.a).toEqual(arrays.a);
    expect(Object.is(back.arrays.a[1], -0)).toBe(true);
    expect(back.arrays.b).toEqual(arrays.b);
    expect(back.arrays.c).toEqual(arrays.c);
  });

  it('are replaced atomically, leaving no temporary file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tg-ck-'));
    const p = join(dir, 'checkpoint.tgc');
    saveCheckpoint(p, { n: 1 }, { a: new Float32Array(3) });
    saveCheckpoint(p, { n: 2 }, { a: Float32Array.from([1, 2, 3]) });
    expect(readdirSync(dir)).toEqual(['checkpoint.tgc']);
    expect(loadCheckpoint(p).meta).toEqual({ n: 2 });
  });

  it('refuse any one-bit change anywhere in the file, and a file cut short (SHA-256 over all of it)', () => {
    const good = encodeCheckpoint(
      { epoch: 1, step: 12 },
      { w: Float32Array.from([0.5, -2]), s: Float64Array.from([3]) },
    );
    for (let i = 0; i < good.length; i++) {
      for (let bit = 0; bit < 8; bit++) {
        const bad = Buffer.from(good);
        bad[i] ^= 1 << bit;
        expect(() => decodeCheckpoint(bad), `byte ${i} bit ${bit}`).toThrow(CheckpointError);
      }
    }
    for (const n of [1, 31, 32, 33, good.length - 12])
      expect(() => decodeCheckpoint(good.subarray(0, good.length - n))).toThrow(/is damaged/);
    expect(decodeCheckpoint(good).meta).toEqual({ epoch: 1, step: 12 });
  });

  it('refuse the checksum-less format of older versions', () => {
    const old = Buffer.from(encodeCheckpoint({}, {}));
    old.write('TGCKPT01', 0, 'latin1');
    expect(() => decodeCheckpoint(old)).toThrow('was written by an older tapegrad, without a checksum');
  });

  it('rejects a file that is not a checkpoint', () => {
    expect(() => decodeCheckpoint(Buffer.from('hello world, no magic'))).toThrow(/is not a tapegrad checkpoint/);
  });
});
