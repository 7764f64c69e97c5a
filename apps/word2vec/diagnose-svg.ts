/** The picture of `tapegrad diagnose`: loss ratio and gradient cosines against numSampled. */
import type { SampledVsFullRow } from '../../src/index.js';
import { esc, ticks } from './svg.js';

/** One curve: a loss with a sampler, its rows in increasing numSampled. */
export interface DiagnoseSeries {
  loss: 'nce' | 'softmax';
  sampler: 'log-uniform' | 'unigram';
  rows: readonly SampledVsFullRow[];
}

const COLOR = { softmax: '#1f77b4', nce: '#d62728' } as const;
const DASH = { 'log-uniform': '', unigram: ' stroke-dasharray="6 4"' } as const;

interface Panel {
  title: string;
  value: (r: SampledVsFullRow) => number;
  /** A dashed reference line (e.g. ratio 1). */
  ref?: number;
}

const PANELS: Panel[] = [
  { title: 'loss ratio: sampled / full', value: (r) => r.ratio, ref: 1 },
  { title: 'cos(∂/∂weights), one step', value: (r) => r.trialCosineWeights.mean, ref: 1 },
  { title: 'cos(∂/∂inputs), one step', value: (r) => r.trialCosineInputs.mean, ref: 1 },
  { title: 'cos(∂/∂weights), averaged over the trials', value: (r) => r.cosineWeights, ref: 1 },
];

/**
 * Four panels, numSampled on a log₂ axis: the ratio of the mean sampled loss to the full
 * loss; the mean over trials of the cosine between one draw's gradient and the full
 * gradient (weights, inputs); the cosine of the gradient averaged over the trials with the
 * full one (weights). One colour per loss, solid for the log-uniform
 * sampler and dashed for the unigram one; a legend under the panels.
 */
export function diagnoseSvg(series: readonly DiagnoseSeries[], title: string): string {
  const PW = 300,
    PH = 260,
    left = 52,
    top = 56,
    GAP = 24,
    ROW = PH + 84,
    width = left + 2 * (PW + GAP) + 8,
    height = top + 2 * ROW + 30;
  const f = (v: number) => v.toFixed(1);
  const sValues = [...new Set(series.flatMap((s) => s.rows.map((r) => r.numSampled)))].sort((a, b) => a - b);
  const lx0 = Math.log2(sValues[0]),
    lx1 = Math.max(Math.log2(sValues[sValues.length - 1]), lx0 + 1);
  const out = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="12">`,
    `<rect width="${width}" height="${height}" fill="white"/>`,
    `<text x="${width / 2}" y="22" text-anchor="middle" font-size="15">${esc(title)}</text>`,
  ];
  PANELS.forEach((p, i) => {
    const x0 = left + (i % 2) * (PW + GAP),
      top0 = top + Math.floor(i / 2) * ROW;
    const vals = series.flatMap((s) => s.rows.map(p.value)).filter(Number.isFinite);
    let lo = Math.min(...vals, p.ref ?? Infinity),
      hi = Math.max(...vals, p.ref ?? -Infinity);
    const pad = (hi - lo) * 0.06 || 0.1;
    lo -= pad;
    hi += pad;
    const px = (s: number) => x0 + ((Math.log2(s) - lx0) / (lx1 - lx0)) * PW;
    const py = (v: number) => top0 + (1 - (v - lo) / (hi - lo)) * PH;
    out.push(`<text x="${x0 + PW / 2}" y="${top0 - 12}" text-anchor="middle" font-size="13">${esc(p.title)}</text>`);
    for (const v of ticks(lo, hi, 5)) {
      out.push(`<line x1="${x0}" x2="${x0 + PW}" y1="${f(py(v))}" y2="${f(py(v))}" stroke="#e5e5e5"/>`);
      out.push(`<text x="${x0 - 5}" y="${f(py(v) + 4)}" text-anchor="end" font-size="11">${v}</text>`);
    }
    for (const s of sValues) {
      out.push(`<line x1="${f(px(s))}" x2="${f(px(s))}" y1="${top0 + PH}" y2="${top0 + PH + 4}" stroke="black"/>`);
      out.push(`<text x="${f(px(s))}" y="${top0 + PH + 17}" text-anchor="middle" font-size="11">${s}</text>`);
    }
    out.push(`<rect x="${x0}" y="${top0}" width="${PW}" height="${PH}" fill="none" stroke="black"/>`);
    if (p.ref !== undefined && p.ref >= lo && p.ref <= hi) {
      out.push(
        `<line x1="${x0}" x2="${x0 + PW}" y1="${f(py(p.ref))}" y2="${f(py(p.ref))}" stroke="#888" stroke-dasharray="2 3"/>`,
      );
    }
    out.push(`<text x="${x0 + PW / 2}" y="${top0 + PH + 34}" text-anchor="middle">numSampled S (log scale)</text>`);
    for (const s of series) {
      const pts = s.rows
        .filter((r) => Number.isFinite(p.value(r)))
        .map((r) => `${f(px(r.numSampled))},${f(py(p.value(r)))}`);
      out.push(
        `<polyline fill="none" stroke="${COLOR[s.loss]}" stroke-width="2"${DASH[s.sampler]} points="${pts.join(' ')}"/>`,
      );
      for (const pt of pts) {
        const [cx, cy] = pt.split(',');
        out.push(`<circle cx="${cx}" cy="${cy}" r="2.5" fill="${COLOR[s.loss]}"/>`);
      }
    }
  });
  series.forEach((s, i) => {
    const x = left + (i % 2) * (PW + GAP),
      y = height - 34 + Math.floor(i / 2) * 18;
    out.push(
      `<line x1="${x}" x2="${x + 28}" y1="${y}" y2="${y}" stroke="${COLOR[s.loss]}" stroke-width="2"${DASH[s.sampler]}/>`,
    );
    out.push(`<text x="${x + 34}" y="${y + 4}">${s.loss === 'nce' ? 'NCE' : 'sampled softmax'}, ${s.sampler}</text>`);
  });
  out.push('</svg>');
  return out.join('\n') + '\n';
}
