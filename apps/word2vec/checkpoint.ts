/**
 * Checkpoints: one file holding a JSON header and raw typed arrays, written atomically
 * (a temporary file in the same folder, fsync, rename over the old one), so a crash while
 * writing leaves the previous checkpoint whole.
 *
 * Layout: "TGCKPT01", header length (uint32 LE), the header (UTF-8 JSON, with the list of
 * arrays: name, dtype, length), zero padding to 8 bytes, then each array's bytes padded to 8.
 */
import { closeSync, fsyncSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';

const MAGIC = 'TGCKPT01';
type Arr = Float32Array | Float64Array | Int32Array;
const CTORS = { float32: Float32Array, float64: Float64Array, int32: Int32Array } as const;
const dtypeOf = (a: Arr): keyof typeof CTORS =>
  a instanceof Float32Array ? 'float32' : a instanceof Float64Array ? 'float64' : 'int32';
const pad8 = (n: number): number => (8 - (n % 8)) % 8;

/** Writes `bytes` to `path` atomically: temp file, fsync, rename, fsync of the folder. */
export function writeAtomic(path: string, bytes: Uint8Array | string): void {
  const tmp = `${path}.tmp-${process.pid}`;
  const fd = openSync(tmp, 'w');
  try {
    const data = typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : bytes;
    for (let pos = 0; pos < data.length;) pos += writeSync(fd, data, pos, data.length - pos);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, path);
  try {
    const dfd = openSync(dirname(path), 'r');
    fsyncSync(dfd);
    closeSync(dfd);
  } catch {
    // Some systems cannot fsync a folder; the rename is still atomic.
  }
}

/** The bytes of a checkpoint: `meta` (any JSON) and named typed arrays. */
export function encodeCheckpoint(meta: unknown, arrays: Record<string, Arr>): Buffer {
  const list = Object.entries(arrays).map(([name, a]) => ({ name, dtype: dtypeOf(a), length: a.length }));
  const header = Buffer.from(JSON.stringify({ meta, arrays: list }), 'utf8');
  const parts: Buffer[] = [
    Buffer.from(MAGIC, 'latin1'),
    Buffer.alloc(4),
    header,
    Buffer.alloc(pad8(12 + header.length)),
  ];
  parts[1].writeUInt32LE(header.length);
  for (const a of Object.values(arrays)) {
    parts.push(Buffer.from(a.buffer, a.byteOffset, a.byteLength), Buffer.alloc(pad8(a.byteLength)));
  }
  return Buffer.concat(parts);
}

/** Reads a checkpoint back: its `meta` and fresh copies of its arrays. */
export function decodeCheckpoint(buf: Buffer): { meta: unknown; arrays: Record<string, Arr> } {
  if (buf.length < 12 || buf.toString('latin1', 0, 8) !== MAGIC)
    throw new Error('not a tapegrad checkpoint (bad magic)');
  const len = buf.readUInt32LE(8);
  const { meta, arrays: list } = JSON.parse(buf.toString('utf8', 12, 12 + len)) as {
    meta: unknown;
    arrays: { name: string; dtype: keyof typeof CTORS; length: number }[];
  };
  let pos = 12 + len + pad8(12 + len);
  const arrays: Record<string, Arr> = {};
  for (const { name, dtype, length } of list) {
    const C = CTORS[dtype];
    const bytes = length * C.BYTES_PER_ELEMENT;
    if (pos + bytes > buf.length) throw new Error(`truncated checkpoint: array ${name}`);
    const copy = new Uint8Array(bytes);
    copy.set(buf.subarray(pos, pos + bytes));
    arrays[name] = new C(copy.buffer);
    pos += bytes + pad8(bytes);
  }
  return { meta, arrays };
}

/** Writes a checkpoint file atomically. */
export function saveCheckpoint(path: string, meta: unknown, arrays: Record<string, Arr>): void {
  writeAtomic(path, encodeCheckpoint(meta, arrays));
}

/** Reads a checkpoint file. */
export function loadCheckpoint(path: string): { meta: unknown; arrays: Record<string, Arr> } {
  return decodeCheckpoint(readFileSync(path));
}
