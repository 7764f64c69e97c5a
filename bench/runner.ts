/**
 * Runs one case for every implementation in the same process: tapegrad (its result is the
 * reference of the checks), the hand-written floor, then TensorFlow.js on 'cpu' and 'wasm'.
 * Each is timed by `measure` (median after warm-up), with as many runs as fit in a time
 * budget, so slow peers get fewer runs and `npm run bench` stays within minutes.
 *
 * tapegrad and the hand-written step, whose ratio is a target, are timed in alternating
 * rounds (the reported time is the median of the round medians), so that a drift of the
 * machine or of the heap during the case falls on both alike. `interleave` does the same
 * for several tapegrad cases (the step at several numbers of classes).
 */
import { measure } from './harness.js';
import { BACKENDS, tf, useBackend } from './tf.js';

/** The implementations a case may have, in the order of the tables. */
export const IMPLS = ['tapegrad', 'hand', 'tfjs-cpu', 'tfjs-wasm'] as const;
export type ImplName = (typeof IMPLS)[number];

/** Named groups of numbers compared with tapegrad's. */
export type Checks = Record<string, ArrayLike<number>>;

/** One implementation of a case, built fresh (its own copy of the data). */
export interface Impl {
  /** The timed call. */
  run: () => unknown;
  /**
   * Called once before any timing: numbers to compare with tapegrad's, in named groups
   * (e.g. an op's output; a step's loss and the update it applied).
   */
  check?: () => Checks;
  dispose?: () => void;
}

/** A case: a factory per implementation; tfjs's is called once on each backend. */
export interface CaseSpec {
  group: string;
  name: string;
  tapegrad?: () => Impl;
  hand?: () => Impl;
  tfjs?: () => Impl;
  /** Milliseconds of timed runs per implementation (default 1500). */
  budgetMs?: number;
  /** Alternating rounds of tapegrad and hand (default 1). */
  rounds?: number;
  /** Milliseconds each of tapegrad and hand runs untimed before the rounds (default 0). */
  warmMs?: number;
}

/** The measured case: median ms per implementation, runs, and the check against tapegrad. */
export interface CaseResult {
  group: string;
  name: string;
  ms: Partial<Record<ImplName, number>>;
  runs: Partial<Record<ImplName, number>>;
  /** Per implementation and check group: max |x − x_tapegrad| / max |x_tapegrad|. */
  diff: Partial<Record<ImplName, Record<string, number>>>;
}

const clamp = (v: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, Math.round(v)));

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b),
    m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/**
 * Median milliseconds of `impl.run`. One untimed call sizes the rest: warm-up calls for about
 * a third of the budget (so that the JIT has optimised the hot paths; 1 to 30), then timed
 * runs for the budget (3 to 50).
 */
async function time(name: string, impl: Impl, budgetMs: number): Promise<{ ms: number; runs: number }> {
  const t0 = performance.now();
  await impl.run();
  const first = Math.max(performance.now() - t0, 1e-3);
  const m = await measure(name, impl.run, {
    warmup: clamp(budgetMs / 3 / first, 1, 30),
    runs: clamp(budgetMs / first, 3, 50),
  });
  return { ms: m.medianMs, runs: m.runs };
}

/**
 * Times several implementations in `rounds` alternating rounds of `budgetMs / rounds` each,
 * after running each for `warmMs` first (a training step's hot paths are dozens of small
 * functions; V8 takes hundreds of calls to settle them all); returns per implementation the
 * median of its round medians and its total runs.
 */
export async function interleave(
  impls: readonly Impl[],
  rounds: number,
  budgetMs: number,
  warmMs = 0,
): Promise<{ ms: number; runs: number }[]> {
  for (const impl of impls) {
    const t0 = performance.now();
    while (performance.now() - t0 < warmMs) await impl.run();
  }
  const per = impls.map(() => ({ medians: [] as number[], runs: 0 }));
  for (let r = 0; r < rounds; r++) {
    for (const [i, impl] of impls.entries()) {
      const t = await time(`round ${r}`, impl, budgetMs / rounds);
      per[i].medians.push(t.ms);
      per[i].runs += t.runs;
    }
  }
  return per.map((p) => ({ ms: median(p.medians), runs: p.runs }));
}

/** max |a − ref| / max |ref| (0 when both are all zero; Infinity on a length mismatch or NaN). */
export function relDiff(a: ArrayLike<number>, ref: ArrayLike<number>): number {
  if (a.length !== ref.length) return Infinity;
  let d = 0,
    m = 0;
  for (let i = 0; i < ref.length; i++) {
    const e = Math.abs(a[i] - ref[i]);
    d = Number.isNaN(e) || e > d ? e : d;
    m = Math.max(m, Math.abs(ref[i]));
  }
  return Number.isNaN(d) ? Infinity : d === 0 ? 0 : d / m;
}

/** Logs one measured implementation of a case. */
export function logLine(c: CaseResult, name: ImplName): void {
  const d = Object.entries(c.diff[name] ?? {})
    .map(([k, v]) => `, Δ${k} ${v.toExponential(1)}`)
    .join('');
  console.log(
    `  ${c.name.padEnd(48)} ${name.padEnd(10)} ${c.ms[name]!.toFixed(3).padStart(10)} ms  (${c.runs[name]} runs${d})`,
  );
}

/** Runs `spec` for each implementation it has; logs one line per implementation. */
export async function runCase(spec: CaseSpec): Promise<CaseResult> {
  const res: CaseResult = { group: spec.group, name: spec.name, ms: {}, runs: {}, diff: {} };
  const budget = spec.budgetMs ?? 1500;
  let ref: Checks | undefined;
  const build = (name: ImplName, make: () => Impl): Impl => {
    const impl = make();
    const values = impl.check?.();
    if (values && name === 'tapegrad') ref = values;
    else if (values && ref) {
      const r = ref;
      res.diff[name] = Object.fromEntries(
        Object.keys(r).map((k) => [k, values[k] ? relDiff(values[k], r[k]) : Infinity]),
      );
    }
    return impl;
  };
  const local = (['tapegrad', 'hand'] as const).filter((n) => spec[n]);
  const impls = local.map((n) => build(n, spec[n]!));
  try {
    const times = await interleave(impls, spec.rounds ?? 1, budget * (spec.rounds ?? 1), spec.warmMs ?? 0);
    local.forEach((n, i) => {
      res.ms[n] = times[i].ms;
      res.runs[n] = times[i].runs;
      logLine(res, n);
    });
  } finally {
    for (const impl of impls) impl.dispose?.();
  }
  if (spec.tfjs) {
    for (const backend of BACKENDS) {
      await useBackend(backend);
      const name = `tfjs-${backend}` as const;
      const impl = build(name, spec.tfjs);
      try {
        const t = await time(`${spec.name} ${name}`, impl, budget);
        res.ms[name] = t.ms;
        res.runs[name] = t.runs;
        logLine(res, name);
      } finally {
        impl.dispose?.();
      }
    }
  }
  return res;
}

/** The tensors tfjs holds (to catch leaks between cases). */
export const tfTensors = (): number => tf.memory().numTensors;
