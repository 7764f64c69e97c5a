/**
 * tapegrad eval --similarity / --analogies on tiny hand-made models and files, against
 * values computed by hand: Spearman's ρ (with average ranks for ties) and 3CosAdd accuracy
 * over unit vectors with the question words excluded.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../../apps/word2vec/cli.js';
import { averageRanks, parseAnalogies, parseSimilarity, pearson, spearman } from '../../../apps/word2vec/eval.js';
import { npyBytes } from '../../../apps/word2vec/npy.js';
import { sink, tempDir } from './synthetic.js';

/** Writes vocab.txt and input_embeddings.npy of a model with these word vectors. */
function model(dir: string, vectors: Record<string, number[]>): string {
  const out = join(dir, 'model');
  mkdirSync(out, { recursive: true });
  const words = Object.keys(vectors);
  const D = vectors[words[0]].length;
  writeFileSync(join(out, 'vocab.txt'), words.map((w, i) => `${w} ${100 - i}`).join('\n') + '\n');
  writeFileSync(
    join(out, 'input_embeddings.npy'),
    npyBytes(Float32Array.from(words.flatMap((w) => vectors[w])), [words.length, D]),
  );
  return out;
}

async function cli(...argv: string[]) {
  const io = { out: sink(), err: sink() };
  const code = await main(argv, io);
  return { code, out: io.out.text, err: io.err.text };
}

describe('Spearman rho', () => {
  it('ranks ties by their mean rank', () => {
    expect(Array.from(averageRanks([10, 20, 20, 30]))).toEqual([1, 2.5, 2.5, 4]);
    expect(Array.from(averageRanks([3, 1, 3, 3, 2]))).toEqual([4, 1, 4, 4, 2]);
  });

  it('matches 1 − 6Σd²/(n(n²−1)) without ties and the rank correlation with ties', () => {
    // d = [0, −1, 1, 0]: ρ = 1 − 6·2/(4·15) = 0.8.
    expect(spearman([1, 2, 3, 4], [1, 3, 2, 4])).toBeCloseTo(0.8, 12);
    // y = [5, 6, 7, 8, 7] ranks [1, 2, 3.5, 5, 3.5]: Σ dx·dy = 8, Σ dx² = 10, Σ dy² = 9.5.
    expect(spearman([1, 2, 3, 4, 5], [5, 6, 7, 8, 7])).toBeCloseTo(8 / Math.sqrt(95), 12);
    expect(spearman([1, 2, 3], [3, 2, 1])).toBeCloseTo(-1, 12);
    expect(pearson([1, 2], [5, 5])).toBeNaN(); // a constant side
    expect(spearman([1], [2])).toBeNaN();
  });

  it('reads the WordSim/SimLex format: tabs, # comments, blank lines; words lowercased', () => {
    expect(parseSimilarity('# Word 1\tWord 2\tHuman (mean)\n\nTiger\tcat\t7.35\r\nold new 1.58\n', 'f')).toEqual([
      { a: 'tiger', b: 'cat', score: 7.35, line: 3 },
      { a: 'old', b: 'new', score: 1.58, line: 4 },
    ]);
  });
});

describe('tapegrad eval --similarity --analogies', () => {
  const dir = tempDir('tg-eval-');
  const r2 = Math.SQRT1_2;
  // 4-D vectors of various lengths (eval must use unit vectors).
  const out = model(dir, {
    man: [2, 0, 0, 0],
    woman: [0, 3, 0, 0],
    king: [0, 0, 0.5, 0],
    queen: [0, r2, r2, 0],
    girl: [-1.8, 2.4, 0, 0], // 3·(−0.6, 0.8): unnormalized it would win question 1
    big: [0, 0, 0, 10],
  });

  it('similarity: rho over the in-vocabulary pairs and the OOV ratio', async () => {
    // cos: man·queen 0, woman·queen 0.7071, woman·girl 0.8, man·girl −0.6 → ranks 2, 3, 4, 1;
    // human 8, 7, 9, 1 → ranks 3, 2, 4, 1; d = [−1, 1, 0, 0]: ρ = 1 − 6·2/(4·15) = 0.8.
    const f = join(dir, 'sim.tsv');
    writeFileSync(
      f,
      '# Word 1\tWord 2\tHuman (mean)\nman\tqueen\t8\nWoman\tqueen\t7\nwoman\tgirl\t9\nman\tgirl\t1\nman\tprince\t5\n',
    );
    const r = await cli('eval', '--out', out, '--similarity', f);
    expect([r.code, r.err]).toEqual([0, '']);
    expect(r.out).toBe('similarity sim.tsv: Spearman rho 0.8000 over 4 of 5 pairs, 1 OOV (20.0%)\n');
  });

  it('analogies: 3CosAdd over unit vectors, question words excluded, per section and total', async () => {
    // q1 man:woman::king:? → b−a+c = (−1, 1, 1, 0): queen 1.414 beats girl 1.4 (unnormalized girl: 4.2).
    // q2 king:queen::man:? → (1, .707, −.293, 0): woman .707; man itself (1.0) is excluded.
    // q3 asks for girl where queen is nearest: wrong. q4 has prince: skipped (OOV).
    // q5 woman:man::queen:? → (1, −.293, .707, 0): king .707.
    const f = join(dir, 'questions-words.txt');
    writeFileSync(
      f,
      ': family\nMan Woman King Queen\nking queen man woman\nman woman king girl\n: other\nman girl king prince\nwoman man queen king\n',
    );
    const r = await cli('eval', '--out', out, '--analogies', f);
    expect([r.code, r.err]).toEqual([0, '']);
    expect(r.out).toBe(
      [
        'analogies questions-words.txt (3CosAdd, question words excluded):',
        '  family: 66.7% (2/3), 0 skipped (OOV)',
        '  other: 100.0% (1/1), 1 skipped (OOV)',
        '  total: 75.0% (3/4), 1 skipped (OOV)',
        '',
      ].join('\n'),
    );
    expect(parseAnalogies(': s\n\n# c\na b c d\n', 'f')).toEqual([{ name: 's', questions: [['a', 'b', 'c', 'd']] }]);
  });

  it('no pair in the vocabulary: rho n/a, 100% OOV', async () => {
    const f = join(dir, 'none.tsv');
    writeFileSync(f, 'x\ty\t1\n');
    expect((await cli('eval', '--out', out, '--similarity', f)).out).toBe(
      'similarity none.tsv: Spearman rho n/a over 0 of 1 pairs, 1 OOV (100.0%)\n',
    );
  });
});
