import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { npyBytes, readNpy } from '../../../apps/word2vec/npy.js';

const hasNumpy = spawnSync('python3', ['-c', 'import numpy'], { stdio: 'ignore' }).status === 0;

describe('.npy v1.0', () => {
  const data = Float32Array.from([1, -2.5, 0.1, 3, 4, 5]);

  it('header: magic, version, length, dict padded to 64 bytes with a final newline', () => {
    const b = npyBytes(data, [2, 3]);
    expect([...b.subarray(0, 8)]).toEqual([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0]);
    const len = b.readUInt16LE(8);
    expect((10 + len) % 64).toBe(0);
    const header = b.toString('latin1', 10, 10 + len);
    expect(header.trimEnd()).toBe("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }");
    expect(header.endsWith(' \n')).toBe(true);
    expect(len).toBe(118); // 10 + 59 + 1 = 70 → padded to 128
    expect(b.length).toBe(128 + 24);
    expect(b.readFloatLE(128 + 4)).toBe(-2.5);
    expect(b.readFloatLE(128 + 8)).toBe(Math.fround(0.1));
  });

  it('1-D shapes are written as Python one-tuples; reading gives the values back', () => {
    const b = npyBytes(data, [6]);
    expect(b.toString('latin1', 10, 80)).toContain("'shape': (6,), }");
    const r = readNpy(b);
    expect(r.shape).toEqual([6]);
    expect(Array.from(r.data)).toEqual(Array.from(data));
    expect(() => npyBytes(data, [4])).toThrow(/a shape of 6 elements/);
  });

  it.skipIf(!hasNumpy)('numpy.load reads it', () => {
    const f = join(mkdtempSync(join(tmpdir(), 'tg-npy-')), 'm.npy');
    writeFileSync(f, npyBytes(data, [2, 3]));
    const r = spawnSync(
      'python3',
      ['-c', `import numpy as np; a = np.load(${JSON.stringify(f)}); print(a.dtype, a.shape, a.tolist())`],
      { encoding: 'utf8' },
    );
    expect(r.stdout.trim()).toBe('float32 (2, 3) [[1.0, -2.5, 0.10000000149011612], [3.0, 4.0, 5.0]]');
  });
});
