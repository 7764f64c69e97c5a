/**
 * Vocabulary files for the fixed-unigram sampler: CSV-like lines whose last field is the
 * count of the line's id (line i is id i). The parser is pure; reading a file needs Node
 * (≥ 20.16, `process.getBuiltinModule`), so the core imports no Node built-in.
 */
import { fail } from '../../tensor/check.js';
import { TapegradError } from '../../tensor/errors.js';

/**
 * The counts of a vocabulary text, one per line: the last comma-separated field, trimmed,
 * as a finite number ≥ 0 (`word,17` → 17, `a,b,2.5` → 2.5). Line ends may be \n or \r\n;
 * trailing blank lines are ignored, a blank line elsewhere is an error (it would shift ids).
 * Errors: a line whose last field is not a non-negative number, no line at all.
 */
export function parseVocabCounts(text: string, fn = 'parseVocabCounts', arg = 'text'): number[] {
  if (typeof text !== 'string') fail(fn, arg, 'a string', text);
  const lines = text.split(/\r?\n/);
  while (lines.length > 0 && lines[lines.length - 1].trim() === '') lines.pop();
  if (lines.length === 0) throw new TapegradError(fn, arg, 'at least one line', 'no line');
  return lines.map((line, i) => {
    const field = line.slice(line.lastIndexOf(',') + 1).trim();
    const count = field === '' ? NaN : Number(field);
    if (!Number.isFinite(count) || count < 0) {
      throw new TapegradError(fn, `${arg} line ${i + 1}`, 'CSV whose last field is a count ≥ 0', JSON.stringify(line));
    }
    return count;
  });
}

interface FsLike {
  readFileSync(path: string, encoding: 'utf8'): string;
}

/** Node's `fs` through `proc.getBuiltinModule` (Node ≥ 20.16), or a clear error elsewhere. */
export function nodeFs(proc: unknown, fn: string): FsLike {
  const get = (proc as { getBuiltinModule?: (id: string) => unknown } | undefined)?.getBuiltinModule;
  const fs = typeof get === 'function' ? (get.call(proc, 'fs') as FsLike | undefined) : undefined;
  if (!fs) {
    throw new TapegradError(
      fn,
      'vocabFile',
      'readable here (Node ≥ 20.16); elsewhere pass `unigrams`, e.g. from parseVocabCounts',
      'no process.getBuiltinModule',
    );
  }
  return fs;
}

/** The counts of the vocabulary file at `path` (UTF-8), see `parseVocabCounts`. */
export function readVocabCounts(path: unknown, fn = 'readVocabCounts'): number[] {
  if (typeof path !== 'string' || path === '') fail(fn, 'vocabFile', 'a file path', path);
  const fs = nodeFs((globalThis as { process?: unknown }).process, fn);
  let text: string;
  try {
    text = fs.readFileSync(path, 'utf8');
  } catch (e) {
    throw new TapegradError(fn, 'vocabFile', 'a readable file', `${path} (${(e as Error).message})`);
  }
  return parseVocabCounts(text, fn, 'vocabFile');
}
