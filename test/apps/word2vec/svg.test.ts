import { describe, expect, it } from 'vitest';
import { lossCurveSvg, ticks } from '../../../apps/word2vec/svg.js';

describe('loss curve', () => {
  it('ticks at 1, 2 or 5 × 10^k', () => {
    expect(ticks(0, 3)).toEqual([0, 1, 2, 3]); // raw step 0.6 → 1
    expect(ticks(2.87, 8.1)).toEqual([4, 6, 8]);
    expect(ticks(7.55, 7.95)).toEqual([7.6, 7.7, 7.8, 7.9]);
  });

  it('draws both curves, the baseline, labelled axes', () => {
    const svg = lossCurveSvg(
      [
        { step: 0, epoch: 0, trainLoss: null, heldOutSoftmax: 7.9 },
        { step: 10, epoch: 1, trainLoss: 3.2, heldOutSoftmax: 7.6 },
      ],
      7.92,
      'a <title>',
    );
    expect(svg.match(/<polyline/g)).toHaveLength(2);
    expect(svg).toContain('stroke-dasharray="6 4"');
    expect(svg).toContain('>epoch</text>');
    expect(svg).toContain('loss (nats per pair)');
    expect(svg).toContain('a &lt;title&gt;');
    expect(svg.trimEnd().endsWith('</svg>')).toBe(true);
  });
});
