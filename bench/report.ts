/** Writes the run's results: bench/RESULTS.md (tables, targets, limits) and bench/results.json. */
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import { LIMITS, LIMITS_PREAMBLE } from './limits.js';
import { IMPLS, type CaseResult } from './runner.js';
import { peakRss, type RssResult } from './rss.js';
import { speedup, type Target } from './targets.js';
import { tf } from './tf.js';

/** Where and when the run happened. */
export interface Machine {
  cpu: string;
  cores: number;
  memoryGiB: number;
  node: string;
  platform: string;
  tfjs: string;
  /** What the wasm backend detected: SIMD, threads. */
  wasm: string;
  date: string;
  /** 1-minute load average when the run started and ended. */
  loadStart: number;
  loadEnd: number;
}

export function machine(loadStart: number, wasm = 'not checked'): Machine {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model.trim() ?? 'unknown',
    cores: cpus.length,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    platform: `${process.platform}/${process.arch}`,
    tfjs: tf.version.tfjs,
    wasm,
    date: new Date().toISOString(),
    loadStart,
    loadEnd: os.loadavg()[0],
  };
}

const ms = (v: number | undefined) =>
  v === undefined ? '–' : v < 10 ? v.toFixed(3) : v < 1000 ? v.toFixed(1) : v.toFixed(0);
const ratio = (v: number) => (Number.isNaN(v) ? '–' : v < 10 ? `${v.toFixed(2)}×` : `${v.toFixed(0)}×`);
const mib = (b: number) => `${(b / 2 ** 20).toFixed(0)} MiB`;
const diffs = (c: CaseResult) =>
  Object.entries(c.diff)
    .map(
      ([impl, d]) =>
        `${impl} ${Object.entries(d)
          .map(([k, v]) => `${k} ${v.toExponential(0)}`)
          .join(' ')}`,
    )
    .join('; ') || '–';

function caseTable(cases: readonly CaseResult[]): string[] {
  const head =
    '| case | tapegrad ms | hand ms | tfjs-cpu ms | tfjs-wasm ms | vs hand | vs tfjs-cpu | vs tfjs-wasm | runs (tapegrad/hand/cpu/wasm) | max rel. Δ vs tapegrad |';
  const rows = cases.map((c) => {
    const runs = IMPLS.map((i) => c.runs[i] ?? '–').join('/');
    return `| ${c.name} | ${ms(c.ms.tapegrad)} | ${ms(c.ms.hand)} | ${ms(c.ms['tfjs-cpu'])} | ${ms(c.ms['tfjs-wasm'])} | ${ratio(speedup(c, 'hand'))} | ${ratio(speedup(c, 'tfjs-cpu'))} | ${ratio(speedup(c, 'tfjs-wasm'))} | ${runs} | ${diffs(c)} |`;
  });
  return [head, '|' + ' --- |'.repeat(10), ...rows];
}

/** The Markdown report. */
export function resultsMarkdown(
  m: Machine,
  cases: readonly CaseResult[],
  rss: RssResult | null,
  targets: readonly Target[],
): string {
  const L: string[] = [];
  L.push('# tapegrad benchmarks', '');
  L.push('Written by `npm run bench` (bench/index.ts) from one run; the raw numbers are in `bench/results.json`.', '');
  L.push(`- CPU: ${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB; ${m.platform}`);
  L.push(
    `- Node ${m.node}; TensorFlow.js ${m.tfjs}: 'cpu' (plain JS) and 'wasm' (XNNPACK; detected: ${m.wasm}), production mode`,
  );
  L.push(`- ${m.date}; load average ${m.loadStart.toFixed(2)} at the start, ${m.loadEnd.toFixed(2)} at the end`, '');
  L.push('Each time is the median of repeated runs after warm-up, in one process; every implementation of a case runs');
  L.push(
    'back to back. "vs X" is X\'s time over tapegrad\'s (above 1: tapegrad is faster). "hand" is the training step',
  );
  L.push('written by hand in plain TypeScript (no tape, sparse row updates): the floor. The last column compares each');
  L.push(
    "result (an op's output, or the first step's loss from the same parameters and candidates) with tapegrad's.",
    '',
  );
  L.push('## Kernels and training steps (B=128, D=128, S=64, C=50000)', '');
  L.push(...caseTable(cases.filter((c) => c.group !== 'scaling')), '');
  L.push('The tfjs step is the same loss built from its ops, with the gather gradient given as a `scatterND` by');
  L.push(
    '`tf.customGrad` (its own takes minutes on cpu and is missing on wasm), minimised by `tf.train.sgd`: tfjs has',
  );
  L.push("no row-sparse gradients, so its update touches all C rows. tapegrad runs the library's `nceLoss` /");
  L.push('`sampledSoftmaxLoss`, `backward()` and `SGD` on the row-sparse gradients.', '');
  L.push('## The step against the number of classes (tapegrad; candidates drawn in every step)', '');
  L.push('| case | tapegrad ms | runs |', '| --- | --- | --- |');
  for (const c of cases.filter((c) => c.group === 'scaling'))
    L.push(`| ${c.name} | ${ms(c.ms.tapegrad)} | ${c.runs.tapegrad ?? '–'} |`);
  L.push('');
  L.push('## Memory: 100 Adam steps of nceLoss at C=1M, D=128 (child process)', '');
  if (rss) {
    L.push(
      `| parameters | Adam state | params + state | RSS at start | RSS after setup | peak RSS | peak / (params + state) | ms per step |`,
    );
    L.push('| --- | --- | --- | --- | --- | --- | --- | --- |');
    L.push(
      `| ${mib(rss.paramBytes)} | ${mib(rss.stateBytes)} | ${mib(rss.paramBytes + rss.stateBytes)} | ${mib(rss.baselineRss)} | ${mib(rss.setupRss)} | ${mib(peakRss(rss))} | ${(peakRss(rss) / (rss.paramBytes + rss.stateBytes)).toFixed(2)} | ${rss.msPerStep.toFixed(2)} |`,
      '',
    );
    L.push("Peak RSS is the larger of RSS sampled after each step and the kernel's high-water mark (VmHWM). The");
    L.push("parameters are written in full before the steps; Adam's moments start as zero pages that become resident");
    L.push('only for rows a step updates (lazy, row-sparse Adam), so the peak stays near parameters + touched rows.');
    L.push(
      `The growth over the 100 steps (${mib(peakRss(rss) - rss.setupRss)}) bounds every per-step allocation: no dense [C, D] gradient is ever made.`,
      '',
    );
  } else {
    L.push('(not measured in this run)', '');
  }
  L.push('## Targets', '');
  L.push('| target | measured | met |', '| --- | --- | --- |');
  for (const t of targets)
    L.push(`| ${t.text} | ${Number.isNaN(t.value) ? '–' : t.value.toFixed(2)} | ${t.met ? 'yes' : '**no**'} |`);
  L.push('');
  const missed = targets.filter((t) => !t.met);
  if (missed.length) {
    L.push('## What limits the missed targets', '', LIMITS_PREAMBLE, '');
    const shown = new Map<string, string>();
    for (const t of missed) {
      const text = LIMITS[t.id] ?? 'Not analysed yet.';
      L.push(
        `### ${t.text} (measured ${Number.isNaN(t.value) ? '–' : t.value.toFixed(2)})`,
        '',
        shown.has(text) ? `As for "${shown.get(text)}" above.` : text,
        '',
      );
      if (!shown.has(text)) shown.set(text, t.text);
    }
  }
  return L.join('\n');
}

/** Writes RESULTS.md and results.json into `dir`. */
export function writeResults(
  dir: string,
  m: Machine,
  cases: readonly CaseResult[],
  rss: RssResult | null,
  targets: readonly Target[],
): void {
  writeFileSync(`${dir}/RESULTS.md`, resultsMarkdown(m, cases, rss, targets));
  writeFileSync(`${dir}/results.json`, JSON.stringify({ machine: m, cases, rss, targets }, null, 2) + '\n');
}
