/**
 * The page: starts the training worker, draws what it reports, and keeps the UI live.
 * Everything the page shows is also kept in `window.tapegradDemo` (the browser test reads it).
 */
import { drawChart } from './chart.js';
import { diagnosisSvg } from './diagnose.js';

const $ = (id) => document.getElementById(id);

const state = {
  codegen: { page: null, worker: null },
  /** CSP refusals of `new Function` (the library's one probe per realm, nothing else). */
  cspViolations: [],
  task: null,
  train: [], // [step, loss]
  eval: [], // [step, loss]
  gradcheck: null, // [{ name, ok, maxAbsError, maxRelError, worst }]
  graph: null, // { svg, dot, ops: the data-op of each drawn node, parsed: no XML error }
  /**
   * Sampled against full, once asked: { step, ms, trials, series: [{ loss, rows: [{ numSampled,
   * sampledLoss, fullLoss, ratio, cosineWeights }] }], points: the drawn <circle>s' data, tableRows }.
   */
  diagnosis: null,
  stepsPerSecond: null,
  errors: [],
};
globalThis.tapegradDemo = state;

const onViolation = (v) =>
  state.cspViolations.push({ where: 'page', directive: v.effectiveDirective, blocked: v.blockedURI });
document.addEventListener('securitypolicyviolation', onViolation);

// Import the library after the listener is in place: its code-generation probe runs on load.
const tg = await import('../../dist/tapegrad.browser.js');
state.codegen.page = tg.codegenEnabled();
$('codegen-page').textContent = state.codegen.page ? 'on' : 'off (plain loops)';

const fmt = (x, d = 3) => (x === null || x === undefined ? '–' : Number(x).toFixed(d));
const fmtE = (x) => (x === null || x === undefined ? '–' : Number(x).toExponential(2));

let dirty = true;
function render() {
  const last = (a) => (a.length ? a[a.length - 1] : null);
  const t = last(state.train),
    e = last(state.eval);
  $('step').textContent = t ? String(t[0]) : '0';
  $('train-loss').textContent = t ? fmt(t[1]) : '–';
  $('eval-loss').textContent = e ? fmt(e[1]) : '–';
  $('rate').textContent = state.stepsPerSecond ? fmt(state.stepsPerSecond, 0) : '–';
  $('csp').textContent = String(state.cspViolations.length);
  const refs = state.task
    ? [
        { y: state.task.uniformLoss, label: `uniform guess: ln C = ${fmt(state.task.uniformLoss, 2)}` },
        { y: state.task.bayesLoss, label: `best possible (10% noise): ${fmt(state.task.bayesLoss, 2)}` },
      ]
    : [];
  drawChart($('chart'), { train: state.train, eval: state.eval, refs });
  dirty = false;
}

function showGradcheck(reports) {
  const body = $('gradcheck').tBodies[0];
  body.replaceChildren(
    ...reports.map((r) => {
      const tr = document.createElement('tr');
      const names = ['weights', 'biases', 'inputs'];
      const w = r.worst
        ? `${names[r.worst.input] ?? r.worst.input}[${[].concat(r.worst.index).join(', ')}]: analytic ${fmtE(r.worst.analytic)}, numeric ${fmtE(r.worst.numeric)}`
        : '–';
      const cells = [r.name, r.ok ? 'ok' : 'FAILED', fmtE(r.maxAbsError), fmtE(r.maxRelError), w];
      cells.forEach((text, i) => {
        const td = document.createElement('td');
        td.textContent = text;
        if (i === 1) td.className = r.ok ? 'ok' : 'bad';
        tr.append(td);
      });
      return tr;
    }),
  );
}

/** Parses the SVG of the step's graph (an XML error shows as a <parsererror>) and shows it. */
function showGraph({ svg, dot }) {
  const doc = new DOMParser().parseFromString(svg, 'image/svg+xml');
  const parsed = doc.getElementsByTagName('parsererror').length === 0 && doc.documentElement.localName === 'svg';
  const ops = [...doc.querySelectorAll('g[data-op]')].map((g) => g.getAttribute('data-op'));
  state.graph = { svg, dot, ops, parsed };
  if (parsed) $('graph').replaceChildren(document.importNode(doc.documentElement, true));
  $('graph-dot').textContent = dot;
}

/** Draws the sampled-against-full panels and fills the table (one row per S, both losses). */
function showDiagnosis(m) {
  const svg = diagnosisSvg(m.series, { trials: m.trials });
  $('diagnosis').replaceChildren(svg);
  const points = [...svg.querySelectorAll('circle[data-panel]')].map((c) => ({
    panel: c.getAttribute('data-panel'),
    loss: c.getAttribute('data-loss'),
    numSampled: Number(c.getAttribute('data-num-sampled')),
    value: Number(c.getAttribute('data-value')),
  }));
  const byLoss = Object.fromEntries(m.series.map((s) => [s.loss, s.rows]));
  const sizes = [...new Set(m.series.flatMap((s) => s.rows.map((r) => r.numSampled)))];
  const body = $('diagnosis-table').tBodies[0];
  body.replaceChildren(
    ...sizes.map((S) => {
      const tr = document.createElement('tr');
      const cells = [String(S)];
      for (const loss of ['softmax', 'nce']) {
        const r = byLoss[loss]?.find((x) => x.numSampled === S);
        cells.push(fmt(r?.ratio), fmt(r?.cosineWeights));
      }
      for (const text of cells) {
        const td = document.createElement('td');
        td.textContent = text;
        tr.append(td);
      }
      return tr;
    }),
  );
  $('diagnosis-table').hidden = false;
  state.diagnosis = { ...m, points, tableRows: body.rows.length };
  $('diagnosis-status').textContent =
    `model at step ${m.step}, one batch of ${state.task.batchSize}, ${m.trials} draws per S: ${fmt(m.ms / 1000, 1)} s in the worker`;
  $('diagnose').disabled = false;
}

// UI frame rate: evidence that training (in the worker) leaves the page responsive.
let frames = 0,
  since = performance.now();
function frame(now) {
  frames++;
  if (now - since >= 1000) {
    $('fps').textContent = String(Math.round((frames * 1000) / (now - since)));
    frames = 0;
    since = now;
  }
  if (dirty) render();
  requestAnimationFrame(frame);
}
requestAnimationFrame(frame);

// Steps per second over the last two seconds (evals included).
const marks = [];
function trackRate(step) {
  const now = performance.now();
  marks.push([now, step]);
  while (marks.length > 2 && now - marks[0][0] > 2000) marks.shift();
  const [t0, s0] = marks[0];
  if (now - t0 > 250) state.stepsPerSecond = ((step - s0) * 1000) / (now - t0);
}

const worker = new Worker(new URL('./worker.js', import.meta.url), { type: 'module' });
let running = true;
worker.onmessage = ({ data: m }) => {
  switch (m.type) {
    case 'ready':
      state.codegen.worker = m.codegen;
      state.task = m.task;
      state.cspViolations.push(...m.cspViolations.map((v) => ({ where: 'worker', ...v })));
      $('codegen-worker').textContent = m.codegen ? 'on' : 'off (plain loops)';
      $('num-classes').textContent = String(m.task.numClasses);
      $('num-sampled').textContent = String(m.task.numSampled);
      $('status').textContent = 'training in a Web Worker…';
      $('toggle').disabled = false;
      $('diagnose').disabled = false;
      $('diagnosis-sizes').textContent = `S = ${m.diagnosis.numSampled.join(', ')}`;
      $('diagnosis-trials').textContent = String(m.diagnosis.trials);
      break;
    case 'gradcheck':
      state.gradcheck = m.reports;
      showGradcheck(m.reports);
      break;
    case 'graph':
      showGraph(m);
      break;
    case 'train':
      state.train.push(...m.points);
      if (m.points.length) trackRate(m.points[m.points.length - 1][0]);
      break;
    case 'eval':
      state.eval.push([m.step, m.loss]);
      break;
    case 'diagnosis':
      showDiagnosis(m);
      break;
    case 'error':
      state.errors.push(m.message);
      $('status').textContent = `error: ${m.message}`;
      console.error(m.message);
      break;
  }
  dirty = true;
};
worker.onerror = (e) => {
  state.errors.push(e.message || 'worker failed to load');
  $('status').textContent = `worker error: ${e.message || 'failed to load'}`;
  console.error('worker error', e.message);
};

$('toggle').addEventListener('click', () => {
  running = !running;
  worker.postMessage({ cmd: running ? 'resume' : 'pause' });
  $('toggle').textContent = running ? 'Pause' : 'Resume';
  $('status').textContent = running ? 'training in a Web Worker…' : 'paused';
});

$('diagnose').addEventListener('click', () => {
  $('diagnose').disabled = true;
  $('diagnosis-status').textContent = 'comparing in the worker (training waits)…';
  worker.postMessage({ cmd: 'diagnose' });
});
