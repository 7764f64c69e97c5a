/**
 * `npm run bench`: every case for tapegrad and, in the same process and run, TensorFlow.js
 * on 'cpu' and 'wasm' (and the hand-written step), then peak RSS in a child process; prints
 * the targets and writes bench/RESULTS.md and bench/results.json.
 *
 * `npm run bench -- <words>` runs only the cases whose name contains one of the words (the
 * scaling cases if one is "scaling", the RSS run if one is "rss"), and writes nothing: for
 * working on one case.
 */
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { printTable } from './harness.js';
import { benchMatMul } from './matmul.js';
import { opCases } from './ops.js';
import { machine, writeResults } from './report.js';
import { measureRss, type RssResult } from './rss.js';
import { runCase, type CaseResult } from './runner.js';
import { runScaling, stepCases } from './steps.js';
import { evaluateTargets } from './targets.js';
import { wasmFeatures } from './tf.js';

const loadStart = os.loadavg()[0];
const only = process.argv.slice(2);
const full = only.length === 0;
const m0 = machine(loadStart);
console.log(
  `tapegrad benchmarks — ${m0.cpu} (${m0.cores} cores), Node ${m0.node}, tfjs ${m0.tfjs}, load ${loadStart.toFixed(2)}`,
);
if (loadStart > 0.5) console.log('(the machine is busy: times will be noisy)');

if (full) await benchMatMul();

const t0 = performance.now();
const cases: CaseResult[] = [];
const wanted = (name: string) => full || only.some((w) => name.includes(w));
// Each group's data is made just before it runs and dropped after.
for (const group of [opCases, stepCases]) {
  for (const spec of group()) if (wanted(spec.name)) cases.push(await runCase(spec));
}
if (wanted('scaling')) cases.push(...(await runScaling()));

let rss: RssResult | null = null;
if (full || only.includes('rss')) {
  try {
    rss = await measureRss();
    console.log(
      `  peak RSS of 100 Adam steps at C=1M: ${(Math.max(rss.peakSampledRss, rss.vmHWM) / 2 ** 20).toFixed(0)} MiB`,
    );
  } catch (e) {
    console.error(String(e));
  }
}

const targets = evaluateTargets(cases, rss);
printTable(
  'Targets (ratios within this run)',
  targets.map((t) => ({ target: t.text, measured: t.value, met: t.met ? 'yes' : 'NO' })),
);
console.log(`\n${((performance.now() - t0) / 1000).toFixed(0)} s for the cases`);
if (full) {
  const dir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  writeResults(dir, machine(loadStart, await wasmFeatures()), cases, rss, targets);
  console.log(`wrote ${path.join(dir, 'RESULTS.md')} and results.json`);
}
