/**
 * Checkpoints: one file holding a JSON header and raw typed arrays, sealed by a SHA-256 of
 * all its bytes, written atomically (a temporary file in the same folder, fsync, rename over
 * the old one), so a crash while writing leaves the previous checkpoint whole, and a file
 * changed or cut short afterwards is refused on load.
 *
 * Layout: "TGCKPT02", header length (uint32 LE), the header (UTF-8 JSON, with the list of
 * arrays: name, dtype, length), zero padding to 8 bytes, each array's bytes padded to 8,
 * then the 32-byte SHA-256 of everything before it.
 */
import { createHash } from 'node:crypto';
import { closeSync, fsyncSync, openSync, readdirSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

const MAGIC = 'TGCKPT02';
const OLD_MAGIC = 'TGCKPT01';
const HASH_BYTES = 32;
type Arr = Float32Array | Float64Array | Int32Array;
const CTORS = { float32: Float32Array, float64: Float64Array, int32: Int32Array } as const;
const dtypeOf = (a: Arr): keyof typeof CTORS =>
  a instanceof Float32Array ? 'float32' : a instanceof Float64Array ? 'float64' : 'int32';
const pad8 = (n: number): number => (8 - (n % 8)) % 8;
const sha256 = (b: Uint8Array): Buffer => createHash('sha256').update(b).digest();

/**
 * A checkpoint file that cannot be used: damaged, not a checkpoint, or not a valid run. The
 * message completes "the checkpoint FILE …" ("is damaged: its checksum does not match …").
 */
export class CheckpointError extends Error {
  override readonly name = 'CheckpointError';
}

/**
 * For the kill-during-write test only: TAPEGRAD_TEST_KILL_IN_WRITE=n makes the n-th atomic
 * write of this process stop with SIGKILL after half of its bytes reached the temporary file.
 */
let writes = 0;
function testKillHook(tmpFd: number, data: Uint8Array): void {
  const n = Number(process.env.TAPEGRAD_TEST_KILL_IN_WRITE);
  if (!Number.isInteger(n) || ++writes !== n) return;
  writeSync(tmpFd, data, 0, data.length >> 1);
  fsyncSync(tmpFd);
  process.kill(process.pid, 'SIGKILL');
}

/** Writes `bytes` to `path` atomically: temp file `path.tmp-<pid>`, fsync, rename, fsync of the folder. */
export function writeAtomic(path: string, bytes: Uint8Array | string): void {
  const tmp = `${path}.tmp-${process.pid}`;
  const data = typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : bytes;
  const fd = openSync(tmp, 'w');
  try {
    testKillHook(fd, data);
    for (let pos = 0; pos < data.length;) pos += writeSync(fd, data, pos, data.length - pos);
    fsyncSync(fd);
  } catch (e) {
    closeSync(fd);
    rmSync(tmp, { force: true });
    throw e;
  }
  closeSync(fd);
  renameSync(tmp, path);
  try {
    const dfd = openSync(dirname(path), 'r');
    fsyncSync(dfd);
    closeSync(dfd);
  } catch {
    // Some systems cannot fsync a folder; the rename is still atomic.
  }
}

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/**
 * Removes the temporary files `path.tmp-<pid>` that interrupted writes left beside `path`
 * (those of this process, and of processes no longer running). Returns the names removed.
 */
export function removeStaleTemps(path: string): string[] {
  const prefix = `${basename(path)}.tmp-`;
  let names: string[];
  try {
    names = readdirSync(dirname(path));
  } catch {
    return [];
  }
  const stale = names.filter((f) => {
    if (!f.startsWith(prefix) || !/^\d+$/.test(f.slice(prefix.length))) return false;
    const pid = Number(f.slice(prefix.length));
    return pid === process.pid || !alive(pid);
  });
  for (const f of stale) rmSync(join(dirname(path), f), { force: true });
  return stale;
}

/** The bytes of a checkpoint: `meta` (any JSON), named typed arrays, and the SHA-256 seal. */
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
  const hash = createHash('sha256');
  for (const p of parts) hash.update(p);
  return Buffer.concat([...parts, hash.digest()]);
}

interface ArrayEntry {
  name: string;
  dtype: keyof typeof CTORS;
  length: number;
}

const isEntry = (e: unknown): e is ArrayEntry => {
  const o = e as Partial<ArrayEntry> | null;
  return (
    typeof o === 'object' &&
    o !== null &&
    typeof o.name === 'string' &&
    typeof o.dtype === 'string' &&
    Object.hasOwn(CTORS, o.dtype) &&
    Number.isSafeInteger(o.length) &&
    o.length! >= 0
  );
};

/**
 * Reads a checkpoint back: its `meta` and fresh copies of its arrays. Throws CheckpointError
 * when the file is not a checkpoint, was written without a checksum (TGCKPT01), does not
 * match its checksum (changed or cut short), or its header does not describe its bytes.
 */
export function decodeCheckpoint(buf: Buffer): { meta: unknown; arrays: Record<string, Arr> } {
  const magic = buf.length >= 8 ? buf.toString('latin1', 0, 8) : '';
  if (magic === OLD_MAGIC)
    throw new CheckpointError('was written by an older tapegrad, without a checksum, so it cannot be verified');
  if (magic !== MAGIC) throw new CheckpointError('is not a tapegrad checkpoint (no TGCKPT02 mark at its start)');
  if (buf.length < 12 + HASH_BYTES) throw new CheckpointError('is damaged: it is cut short');
  const body = buf.subarray(0, buf.length - HASH_BYTES);
  if (!sha256(body).equals(buf.subarray(buf.length - HASH_BYTES)))
    throw new CheckpointError(
      'is damaged: its checksum does not match its contents (changed or cut short after it was written)',
    );
  const len = body.readUInt32LE(8);
  let header: { meta?: unknown; arrays?: unknown };
  try {
    if (12 + len > body.length) throw new Error();
    header = JSON.parse(body.toString('utf8', 12, 12 + len));
  } catch {
    throw new CheckpointError('has a header that is not valid JSON');
  }
  const list = header?.arrays;
  if (!Array.isArray(list) || !list.every(isEntry))
    throw new CheckpointError('has a header without a valid list of arrays');
  let pos = 12 + len + pad8(12 + len);
  const arrays: Record<string, Arr> = {};
  for (const { name, dtype, length } of list) {
    const C = CTORS[dtype];
    const bytes = length * C.BYTES_PER_ELEMENT;
    if (pos + bytes > body.length)
      throw new CheckpointError(`is damaged: its header lists more bytes than it holds (array ${name})`);
    const copy = new Uint8Array(bytes);
    copy.set(body.subarray(pos, pos + bytes));
    arrays[name] = new C(copy.buffer);
    pos += bytes + pad8(bytes);
  }
  if (pos !== body.length)
    throw new CheckpointError(`is damaged: it holds ${body.length - pos} bytes its header does not list`);
  return { meta: header.meta, arrays };
}

/** Writes a checkpoint file atomically, first removing temporary files of interrupted writes. */
export function saveCheckpoint(path: string, meta: unknown, arrays: Record<string, Arr>): void {
  removeStaleTemps(path);
  writeAtomic(path, encodeCheckpoint(meta, arrays));
}

/** Reads and verifies a checkpoint file (CheckpointError when it cannot be used). */
export function loadCheckpoint(path: string): { meta: unknown; arrays: Record<string, Arr> } {
  let buf: Buffer;
  try {
    buf = readFileSync(path);
  } catch (e) {
    throw new CheckpointError(`cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  return decodeCheckpoint(buf);
}
