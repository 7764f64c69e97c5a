/**
 * Run by `rss.ts` in a child process, so that its resident set holds nothing but this case:
 * `steps` Adam steps of nceLoss at C classes of dimension D (B 128, S 64, candidates drawn
 * in every step). RSS is sampled after every step; the kernel's high-water mark (VmHWM in
 * /proc/self/status) catches peaks between samples. Prints one JSON line (RssResult).
 *
 *   node bench/out/rss-child.mjs [C=1000000] [D=128] [steps=100]
 */
import { readFileSync } from 'node:fs';
import { Adam, makeRng, mean, nceLoss, Tensor } from '../src/index.js';
import { hashFill } from './problem.js';

/** What the child reports (bytes unless said otherwise). */
export interface RssResult {
  C: number;
  D: number;
  steps: number;
  /** W [C, D] + b [C] + inputs [B, D], float32. */
  paramBytes: number;
  /** Adam's m and v: twice the parameters. */
  stateBytes: number;
  /** RSS of the process before anything was allocated (Node, V8, the library). */
  baselineRss: number;
  /** RSS once the parameters are written and the optimizer built, before the first step. */
  setupRss: number;
  /** The largest RSS sampled after a step. */
  peakSampledRss: number;
  /** The kernel's high-water mark of the RSS over the whole run. */
  vmHWM: number;
  msPerStep: number;
}

/** A field of /proc/self/status in bytes (0 where there is no /proc). */
function procStatus(field: string): number {
  try {
    const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync('/proc/self/status', 'utf8'));
    return m ? Number(m[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

const [C, D, steps] = [1_000_000, 128, 100].map((d, i) => Number(process.argv[2 + i] ?? d));
const B = 128,
  S = 64;
const baselineRss = process.memoryUsage().rss;

// The parameters, written in full (so that every page is resident), wrapped without a copy.
const weights = new Tensor(hashFill(new Float32Array(C * D), 1 / Math.sqrt(D), 1), [C, D]);
const biases = new Tensor(hashFill(new Float32Array(C), 0.1, 2), [C]);
const inputs = new Tensor(hashFill(new Float32Array(B * D), 0.5, 3), [B, D]);
for (const t of [weights, biases, inputs]) t.requiresGrad = true;
const rng = makeRng('rss');
const labels = new Tensor(
  Int32Array.from({ length: B }, () => Math.floor(rng() * C)),
  [B, 1],
);
const opt = new Adam([weights, biases, inputs], { lr: 0.01 });
const setupRss = process.memoryUsage().rss;

let peakSampledRss = setupRss;
const t0 = performance.now();
for (let s = 0; s < steps; s++) {
  const loss = mean(nceLoss({ weights, biases, labels, inputs, numSampled: S, numClasses: C, seed: rng }));
  loss.backward();
  opt.step();
  opt.zeroGrad();
  peakSampledRss = Math.max(peakSampledRss, process.memoryUsage().rss);
}
const msPerStep = (performance.now() - t0) / steps;

const paramBytes = (weights.size + biases.size + inputs.size) * 4;
const result: RssResult = {
  C,
  D,
  steps,
  paramBytes,
  stateBytes: 2 * paramBytes,
  baselineRss,
  setupRss,
  peakSampledRss,
  vmHWM: procStatus('VmHWM'),
  msPerStep,
};
console.log(JSON.stringify(result));
