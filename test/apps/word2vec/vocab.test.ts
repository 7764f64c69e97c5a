import { describe, expect, it } from 'vitest';
import { buildVocab, keepProbability } from '../../../apps/word2vec/vocab.js';

describe('vocabulary', () => {
  it('ids by decreasing count, ties by the word, minCount applied', () => {
    const counts = new Map([
      ['pear', 2],
      ['apple', 5],
      ['fig', 2],
      ['kiwi', 1],
      ['date', 5],
    ]);
    const v = buildVocab(counts, 2);
    expect(v.words).toEqual(['apple', 'date', 'fig', 'pear']);
    expect(v.counts).toEqual([5, 5, 2, 2]);
    expect(v.total).toBe(14);
    expect(v.encode(['fig', 'kiwi', 'apple'])).toEqual([2, 0]);
  });
});

describe('subsampling (word2vec.c)', () => {
  // keep = (√(c/(t·N)) + 1)·(t·N)/c with t·N = 1000 here.
  it('matches the formula worked by hand', () => {
    expect(keepProbability(4000, 1e6, 1e-3)).toBeCloseTo((2 + 1) / 4, 15);
    expect(keepProbability(16000, 1e6, 1e-3)).toBeCloseTo((4 + 1) / 16, 15);
    expect(keepProbability(250, 1e6, 1e-3)).toBe(1); // (√0.25 + 1)·4 = 6, capped
    expect(keepProbability(1e6, 1e6, 1e-3)).toBeCloseTo((Math.sqrt(1000) + 1) / 1000, 15);
    expect(keepProbability(5, 10, 0)).toBe(1);
  });
});
