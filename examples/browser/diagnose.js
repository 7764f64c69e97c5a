/**
 * The picture of the sampled-against-full diagnosis, drawn as SVG elements (the style of
 * apps/word2vec/diagnose-svg.ts, written here for the page): two panels with numSampled on a
 * log₂ axis, the loss ratio (sampled / full) and the cosine between the sampled gradient
 * with respect to the weights, averaged over the trials, and the full one. One colour per loss.
 */
import { ticks } from './chart.js';

const NS = 'http://www.w3.org/2000/svg';
export const COLOR = { softmax: '#1f77b4', nce: '#d62728' };
export const LABEL = { softmax: 'sampled softmax', nce: 'NCE' };

/** An SVG element with its attributes (presentation attributes only: the CSP allows no inline style). */
function el(name, attrs = {}, text) {
  const e = document.createElementNS(NS, name);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  if (text !== undefined) e.textContent = text;
  return e;
}

/**
 * The panels: `series` is [{ loss, rows: [{ numSampled, ratio, cosineWeights }] }], `trials`
 * the draws per S. Returns the <svg>; each point is a <circle> with data-panel, data-loss,
 * data-num-sampled and data-value.
 */
export function diagnosisSvg(series, { trials }) {
  const PANELS = [
    { key: 'ratio', title: 'loss ratio: sampled / full', value: (r) => r.ratio },
    {
      key: 'cosine',
      title: `cos(∂loss/∂weights), gradient averaged over ${trials} trials`,
      value: (r) => r.cosineWeights,
    },
  ];
  const PW = 330,
    PH = 190,
    left = 44,
    top = 50,
    GAP = 52,
    width = left + 2 * PW + GAP + 10,
    height = top + PH + 44;
  const f = (v) => v.toFixed(1);
  const sValues = [...new Set(series.flatMap((s) => s.rows.map((r) => r.numSampled)))].sort((a, b) => a - b);
  const lx0 = Math.log2(sValues[0]),
    lx1 = Math.max(Math.log2(sValues[sValues.length - 1]), lx0 + 1);

  const svg = el('svg', {
    xmlns: NS,
    viewBox: `0 0 ${width} ${height}`,
    width,
    height,
    'font-family': 'system-ui, sans-serif',
    'font-size': 12,
    role: 'img',
    'aria-label': 'loss ratio and gradient cosine against numSampled',
  });

  // Legend: one colour per loss.
  let lx = left;
  for (const s of series) {
    svg.append(el('line', { x1: lx, x2: lx + 24, y1: 10, y2: 10, stroke: COLOR[s.loss], 'stroke-width': 2.5 }));
    svg.append(el('circle', { cx: lx + 12, cy: 10, r: 3, fill: COLOR[s.loss] }));
    svg.append(el('text', { x: lx + 30, y: 14 }, LABEL[s.loss]));
    lx += 30 + 8 * LABEL[s.loss].length + 24;
  }

  PANELS.forEach((p, i) => {
    const x0 = left + i * (PW + GAP);
    const vals = series.flatMap((s) => s.rows.map(p.value)).filter(Number.isFinite);
    const lo = Math.min(0, ...vals),
      hi = Math.max(1, ...vals) * 1.04;
    const px = (s) => x0 + ((Math.log2(s) - lx0) / (lx1 - lx0)) * PW;
    const py = (v) => top + (1 - (v - lo) / (hi - lo)) * PH;
    svg.append(el('text', { x: x0 + PW / 2, y: top - 10, 'text-anchor': 'middle', 'font-size': 13 }, p.title));
    for (const v of ticks(lo, hi, 8)) {
      svg.append(el('line', { x1: x0, x2: x0 + PW, y1: f(py(v)), y2: f(py(v)), stroke: '#e6e6e6' }));
      svg.append(el('text', { x: x0 - 5, y: f(py(v) + 4), 'text-anchor': 'end', 'font-size': 11 }, String(v)));
    }
    for (const s of sValues) {
      svg.append(el('line', { x1: f(px(s)), x2: f(px(s)), y1: top + PH, y2: top + PH + 4, stroke: '#444' }));
      svg.append(el('text', { x: f(px(s)), y: top + PH + 16, 'text-anchor': 'middle', 'font-size': 11 }, String(s)));
    }
    svg.append(el('rect', { x: x0, y: top, width: PW, height: PH, fill: 'none', stroke: '#444' }));
    svg.append(
      el('line', { x1: x0, x2: x0 + PW, y1: f(py(1)), y2: f(py(1)), stroke: '#8a8a8a', 'stroke-dasharray': '5 4' }),
    );
    svg.append(el('text', { x: x0 + PW / 2, y: top + PH + 34, 'text-anchor': 'middle' }, 'numSampled S (log₂ scale)'));
    for (const s of series) {
      const rows = s.rows.filter((r) => Number.isFinite(p.value(r)));
      const pts = rows.map((r) => `${f(px(r.numSampled))},${f(py(p.value(r)))}`);
      svg.append(el('polyline', { fill: 'none', stroke: COLOR[s.loss], 'stroke-width': 2, points: pts.join(' ') }));
      for (const r of rows) {
        svg.append(
          el('circle', {
            cx: f(px(r.numSampled)),
            cy: f(py(p.value(r))),
            r: 3,
            fill: COLOR[s.loss],
            'data-panel': p.key,
            'data-loss': s.loss,
            'data-num-sampled': r.numSampled,
            'data-value': p.value(r),
          }),
        );
      }
    }
  });
  return svg;
}
