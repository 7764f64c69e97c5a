/**
 * A hand-written line chart on a canvas: the training loss (thin, with its moving average),
 * the full-softmax eval loss (bold, with dots) and dashed horizontal reference lines.
 */

const COLORS = {
  train: '#9db8d9',
  trainAvg: '#2f6db3',
  eval: '#d9462e',
  ref: '#8a8a8a',
  axis: '#444',
  grid: '#e6e6e6',
};

/** Exponential moving average of the y values of [x, y] points. */
function smooth(points, alpha = 0.05) {
  let m = NaN;
  return points.map(([x, y]) => {
    m = Number.isNaN(m) ? y : m + alpha * (y - m);
    return [x, m];
  });
}

/** "Nice" tick values covering [lo, hi] with about `n` steps. */
export function ticks(lo, hi, n) {
  const raw = (hi - lo) / n;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((k) => k * mag).find((s) => s >= raw) ?? 10 * mag;
  const out = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + 1e-9; v += step) out.push(+v.toFixed(10));
  return out;
}

/**
 * Draws the chart. `train`, `eval`: arrays of [step, loss]; `refs`: [{ y, label }].
 * Sizes itself to the canvas' CSS box at the device pixel ratio.
 */
export function drawChart(canvas, { train, eval: evals, refs = [] }) {
  const dpr = globalThis.devicePixelRatio || 1;
  const cssW = canvas.clientWidth || 720,
    cssH = canvas.clientHeight || 320;
  if (canvas.width !== Math.round(cssW * dpr)) canvas.width = Math.round(cssW * dpr);
  if (canvas.height !== Math.round(cssH * dpr)) canvas.height = Math.round(cssH * dpr);
  const g = canvas.getContext('2d');
  g.setTransform(dpr, 0, 0, dpr, 0, 0);
  g.clearRect(0, 0, cssW, cssH);
  g.font = '12px system-ui, sans-serif';

  const pad = { left: 48, right: 16, top: 28, bottom: 34 };
  const w = cssW - pad.left - pad.right,
    h = cssH - pad.top - pad.bottom;
  const all = [...train, ...evals];
  const xMax = Math.max(100, ...all.map((p) => p[0]));
  const yMax = Math.max(1, ...all.map((p) => p[1]), ...refs.map((r) => r.y)) * 1.1;
  const X = (x) => pad.left + (x / xMax) * w;
  const Y = (y) => pad.top + h - (Math.max(0, y) / yMax) * h;

  // Grid, ticks and axis labels.
  g.strokeStyle = COLORS.grid;
  g.fillStyle = COLORS.axis;
  g.lineWidth = 1;
  g.textAlign = 'right';
  g.textBaseline = 'middle';
  for (const t of ticks(0, yMax, 5)) {
    g.beginPath();
    g.moveTo(pad.left, Y(t));
    g.lineTo(pad.left + w, Y(t));
    g.stroke();
    g.fillText(String(t), pad.left - 6, Y(t));
  }
  g.textAlign = 'center';
  g.textBaseline = 'top';
  for (const t of ticks(0, xMax, 6)) g.fillText(String(t), X(t), pad.top + h + 6);
  g.fillText('step', pad.left + w / 2, pad.top + h + 20);
  g.strokeStyle = COLORS.axis;
  g.strokeRect(pad.left, pad.top, w, h);

  const line = (points, color, width) => {
    if (points.length === 0) return;
    g.strokeStyle = color;
    g.lineWidth = width;
    g.beginPath();
    points.forEach(([x, y], i) => (i ? g.lineTo(X(x), Y(y)) : g.moveTo(X(x), Y(y))));
    g.stroke();
  };

  // Reference lines.
  g.setLineDash([5, 4]);
  g.textAlign = 'left';
  g.textBaseline = 'bottom';
  for (const r of refs) {
    line(
      [
        [0, r.y],
        [xMax, r.y],
      ],
      COLORS.ref,
      1,
    );
    g.fillStyle = COLORS.ref;
    g.fillText(r.label, pad.left + 6, Y(r.y) - 2);
  }
  g.setLineDash([]);

  line(train, COLORS.train, 1);
  line(smooth(train), COLORS.trainAvg, 2);
  line(evals, COLORS.eval, 2.5);
  g.fillStyle = COLORS.eval;
  for (const [x, y] of evals) {
    g.beginPath();
    g.arc(X(x), Y(y), 3, 0, 2 * Math.PI);
    g.fill();
  }

  // Legend.
  const legend = [
    ['training loss (sampled softmax)', COLORS.train],
    ['its moving average', COLORS.trainAvg],
    ['eval loss (full softmax)', COLORS.eval],
  ];
  let lx = pad.left;
  g.textBaseline = 'middle';
  for (const [label, color] of legend) {
    g.fillStyle = color;
    g.fillRect(lx, 10, 14, 4);
    g.fillStyle = COLORS.axis;
    g.fillText(label, lx + 18, 12);
    lx += 18 + g.measureText(label).width + 18;
  }
}
