/** The loss curve as a small hand-written SVG picture. */

/** One evaluation point: when, the mean training loss since the last one, held-out losses. */
export interface EvalPoint {
  /** Optimizer steps so far. */
  step: number;
  /** Progress through training, in epochs (0 … epochs). */
  epoch: number;
  /** Mean training (sampled) loss over the steps since the previous point; null at step 0. */
  trainLoss: number | null;
  /** Held-out full-softmax loss. */
  heldOutSoftmax: number;
  /** Held-out full-sigmoid loss (at the start and the end only). */
  heldOutSigmoid?: number;
}

/** `s` as XML text: &, < and > escaped. */
export const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** "Nice" tick values covering [lo, hi]: steps of 1, 2 or 5 × 10^k, about `count` of them. */
export function ticks(lo: number, hi: number, count = 5): number[] {
  if (!(hi > lo)) return [lo];
  const raw = (hi - lo) / count;
  const p = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * p).find((s) => s >= raw)!;
  const out: number[] = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + 1e-9 * step; v += step) out.push(Number(v.toFixed(10)));
  return out;
}

/**
 * A line chart of the training loss and the held-out full-softmax loss against epochs,
 * with the unigram baseline as a dashed line, labelled axes and a legend.
 */
export function lossCurveSvg(points: readonly EvalPoint[], baseline: number, title: string): string {
  const width = 720,
    height = 440,
    left = 70,
    right = 20,
    top = 40,
    bottom = 84;
  const xs = points.map((p) => p.epoch);
  const ys = points.flatMap((p) => [p.heldOutSoftmax, ...(p.trainLoss === null ? [] : [p.trainLoss])]).concat(baseline);
  const x0 = 0,
    x1 = Math.max(...xs, 1e-9);
  let y0 = Math.min(...ys),
    y1 = Math.max(...ys);
  const pad = (y1 - y0) * 0.05 || 0.5;
  y0 -= pad;
  y1 += pad;
  const px = (x: number): number => left + ((x - x0) / (x1 - x0)) * (width - left - right);
  const py = (y: number): number => top + (1 - (y - y0) / (y1 - y0)) * (height - top - bottom);
  const f = (v: number): string => v.toFixed(1);
  const line = (pts: [number, number][], color: string, extra = ''): string =>
    pts.length === 0
      ? ''
      : `<polyline fill="none" stroke="${color}" stroke-width="2"${extra} points="${pts.map(([x, y]) => `${f(px(x))},${f(py(y))}`).join(' ')}"/>` +
        pts.map(([x, y]) => `<circle cx="${f(px(x))}" cy="${f(py(y))}" r="3" fill="${color}"/>`).join('');
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="12">`,
    `<rect width="${width}" height="${height}" fill="white"/>`,
    `<text x="${width / 2}" y="22" text-anchor="middle" font-size="15">${esc(title)}</text>`,
  ];
  for (const v of ticks(y0, y1)) {
    parts.push(`<line x1="${left}" x2="${width - right}" y1="${f(py(v))}" y2="${f(py(v))}" stroke="#e5e5e5"/>`);
    parts.push(`<text x="${left - 6}" y="${f(py(v) + 4)}" text-anchor="end">${v}</text>`);
  }
  for (const v of ticks(x0, x1)) {
    parts.push(
      `<line x1="${f(px(v))}" x2="${f(px(v))}" y1="${height - bottom}" y2="${height - bottom + 5}" stroke="black"/>`,
    );
    parts.push(`<text x="${f(px(v))}" y="${height - bottom + 18}" text-anchor="middle">${v}</text>`);
  }
  parts.push(
    `<line x1="${left}" x2="${width - right}" y1="${height - bottom}" y2="${height - bottom}" stroke="black"/>`,
  );
  parts.push(`<line x1="${left}" x2="${left}" y1="${top}" y2="${height - bottom}" stroke="black"/>`);
  parts.push(`<text x="${(left + width - right) / 2}" y="${height - bottom + 38}" text-anchor="middle">epoch</text>`);
  parts.push(
    `<text transform="translate(18 ${(top + height - bottom) / 2}) rotate(-90)" text-anchor="middle">loss (nats per pair)</text>`,
  );
  parts.push(
    `<line x1="${left}" x2="${width - right}" y1="${f(py(baseline))}" y2="${f(py(baseline))}" stroke="#888" stroke-dasharray="6 4"/>`,
  );
  parts.push(
    line(
      points.map((p) => [p.epoch, p.heldOutSoftmax]),
      '#d62728',
    ),
  );
  parts.push(
    line(
      points.filter((p) => p.trainLoss !== null).map((p) => [p.epoch, p.trainLoss!]),
      '#1f77b4',
    ),
  );
  const legend: [string, string, string][] = [
    ['#1f77b4', '', 'training loss (sampled)'],
    ['#d62728', '', 'held-out full-softmax loss'],
    ['#888', ' stroke-dasharray="6 4"', `unigram baseline ${baseline.toFixed(3)}`],
  ];
  // The legend sits in one row under the axis label, clear of the curves.
  const xs0 = [left, left + 210, left + 420];
  legend.forEach(([c, dash, label], i) => {
    const y = height - 14,
      x = xs0[i];
    parts.push(`<line x1="${x}" x2="${x + 24}" y1="${y}" y2="${y}" stroke="${c}" stroke-width="2"${dash}/>`);
    parts.push(`<text x="${x + 30}" y="${y + 4}">${esc(label)}</text>`);
  });
  parts.push('</svg>');
  return parts.join('\n') + '\n';
}
