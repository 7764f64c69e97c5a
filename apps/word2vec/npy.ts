/**
 * NumPy .npy files, format version 1.0, for float32 arrays in C order:
 *
 *   "\x93NUMPY" 0x01 0x00, header length (uint16 little-endian), the header — a Python dict
 *   literal "{'descr': '<f4', 'fortran_order': False, 'shape': (V, D), }" padded with spaces
 *   and ended by '\n' so that magic + length + header is a multiple of 64 bytes — then the
 *   values as little-endian float32.
 */
import { TapegradError } from '../../src/index.js';

/** What came, in a message (src/tensor/check.ts's describe is not public). */
const what = (v: unknown): string =>
  v === null ? 'null' : Array.isArray(v) ? 'an array' : typeof v === 'object' ? `a ${v.constructor.name}` : typeof v;
const fail = (fn: string, arg: string, expected: string, v: unknown): never => {
  throw new TapegradError(fn, arg, expected, what(v));
};

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // \x93 N U M P Y

/** The Python tuple literal of a shape: (), (3,), (2, 3). */
const tuple = (shape: readonly number[]): string => (shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`);

/** The bytes of a .npy file holding `data` with `shape` (float32, '<f4', C order). */
export function npyBytes(data: Float32Array, shape: readonly number[]): Buffer {
  if (!(data instanceof Float32Array)) fail('npyBytes', 'data', 'a Float32Array', data);
  if (!Array.isArray(shape) || !shape.every((d) => Number.isSafeInteger(d) && d >= 0))
    fail('npyBytes', 'shape', 'an array of sizes ≥ 0', shape);
  const n = shape.reduce((a, b) => a * b, 1);
  if (n !== data.length)
    throw new TapegradError('npyBytes', 'shape', `a shape of ${data.length} elements`, `[${shape.join(', ')}]`);
  let header = `{'descr': '<f4', 'fortran_order': False, 'shape': ${tuple(shape)}, }`;
  const unpadded = MAGIC.length + 2 + 2 + header.length + 1;
  header += ' '.repeat((64 - (unpadded % 64)) % 64) + '\n';
  const out = Buffer.alloc(10 + header.length + 4 * n);
  out.set(MAGIC, 0);
  out[6] = 1;
  out[7] = 0;
  out.writeUInt16LE(header.length, 8);
  out.write(header, 10, 'latin1');
  const body = 10 + header.length;
  for (let i = 0; i < n; i++) out.writeFloatLE(data[i], body + 4 * i);
  return out;
}

/** Reads a .npy v1.0 '<f4' C-order file written by `npyBytes` (or NumPy). */
export function readNpy(buf: Buffer): { data: Float32Array; shape: number[] } {
  const bad = (what: string): never => {
    throw new TapegradError('readNpy', 'file', "a .npy v1.0 file of '<f4' in C order", what);
  };
  if (!Buffer.isBuffer(buf)) fail('readNpy', 'file', 'the bytes of a .npy file (a Buffer)', buf);
  if (buf.length < 10 || MAGIC.some((b, i) => buf[i] !== b)) bad('no NUMPY magic');
  if (buf[6] !== 1) bad(`version ${buf[6]}.${buf[7]}`);
  const len = buf.readUInt16LE(8);
  const header = buf.toString('latin1', 10, 10 + len);
  if (!/'descr':\s*'<f4'/.test(header) || !/'fortran_order':\s*False/.test(header)) bad(header.trim());
  const m = /'shape':\s*\(([^)]*)\)/.exec(header) ?? bad(header.trim());
  const shape = m[1]
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '')
    .map(Number);
  const n = shape.reduce((a, b) => a * b, 1);
  const body = 10 + len;
  if (buf.length !== body + 4 * n) bad(`${buf.length - body} data bytes for shape (${shape.join(', ')})`);
  const data = new Float32Array(n);
  for (let i = 0; i < n; i++) data[i] = buf.readFloatLE(body + 4 * i);
  return { data, shape };
}
