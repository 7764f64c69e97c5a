/**
 * The training-step cases: one step (forward, backward, SGD update) of nceLoss and of
 * sampledSoftmaxLoss at B 128, D 128, S 64, C 50 000 for tapegrad, the hand-written floor
 * and TensorFlow.js, all from the same parameters and the same sampled candidates (the
 * first step's loss and update are compared); then tapegrad alone at C = 10k, 100k, 1M,
 * each step drawing its own candidates, to show the cost does not grow with C.
 */
import { handStep } from './hand-step.js';
import { LR, makeProblem, type LossKind, type Problem, type Trainer } from './problem.js';
import { interleave, logLine, type CaseResult, type CaseSpec, type Impl } from './runner.js';
import { tapegradStep } from './tapegrad-step.js';
import { tfStep } from './tf-step.js';

export const STEP_SIZES = { B: 128, D: 128, S: 64 } as const;
export const SCALING_CLASSES = [10_000, 100_000, 1_000_000] as const;

const LOSS_NAME: Record<LossKind, string> = { nce: 'nceLoss', sampledSoftmax: 'sampledSoftmaxLoss' };

/**
 * The touched entries of W (rows of the labels and samples), b and x, in one array.
 * Copied: tfjs returns fresh arrays, the others their live storage.
 */
function touched(t: Trainer, p: Problem): Float64Array {
  const { W, b, x } = t.params();
  const ids = [...p.labels, ...p.sampled];
  const out = new Float64Array(ids.length * (p.D + 1) + x.length);
  ids.forEach((id, i) => {
    for (let k = 0; k < p.D; k++) out[i * p.D + k] = W[id * p.D + k];
    out[ids.length * p.D + i] = b[id];
  });
  out.set(x, ids.length * (p.D + 1));
  return out;
}

/**
 * An Impl from a trainer. `check` runs the first step from the shared starting point and
 * returns its loss and the update it applied, (before − after) / LR on the touched entries:
 * the gradient, where SGD is plain.
 */
function fromTrainer(t: Trainer, p: Problem): Impl {
  return {
    run: t.step,
    check: () => {
      const before = touched(t, p);
      const loss = t.step();
      const after = touched(t, p);
      return { loss: [loss], grad: before.map((v, i) => (v - after[i]) / LR) };
    },
    dispose: t.dispose,
  };
}

/** The step of `kind` at C = 50 000 for every implementation. */
function stepCase(p: Problem, kind: LossKind): CaseSpec {
  return {
    group: 'step',
    name: `${LOSS_NAME[kind]} step C=${p.C}`,
    tapegrad: () => fromTrainer(tapegradStep(p, kind), p),
    hand: () => fromTrainer(handStep(p, kind), p),
    tfjs: () => fromTrainer(tfStep(p, kind), p),
    budgetMs: 1000,
    rounds: 11,
    warmMs: 2000,
  };
}

/** Both losses' steps at C = 50 000. */
export function stepCases(): CaseSpec[] {
  const p = makeProblem({ ...STEP_SIZES, C: 50_000 });
  return [stepCase(p, 'nce'), stepCase(p, 'sampledSoftmax')];
}

/** The name of the scaling case of `kind` at C classes. */
export const scalingName = (kind: LossKind, C: number): string =>
  `${LOSS_NAME[kind]} step C=${C.toLocaleString('en-US')} (sampler in the step)`;

/**
 * tapegrad's steps at each C of `classes`, drawing candidates in every step, timed in
 * alternating rounds (see `interleave`) so that every C sees the same machine and heap.
 * All problems are alive together, each trained in place (no copy of its 4·C·D bytes).
 */
export async function runScaling(
  classes: readonly number[] = SCALING_CLASSES,
  rounds = 15,
  budgetMs = 400,
  warmMs = 1500,
): Promise<CaseResult[]> {
  const out: CaseResult[] = [];
  const problems = classes.map((C) => makeProblem({ ...STEP_SIZES, C }));
  for (const kind of ['nce', 'sampledSoftmax'] as const) {
    const impls: Impl[] = problems.map((p) => ({ run: tapegradStep(p, kind, `bench-${p.C}`, false).step }));
    const times = await interleave(impls, rounds, budgetMs * rounds, warmMs);
    problems.forEach((p, i) => {
      const c: CaseResult = {
        group: 'scaling',
        name: scalingName(kind, p.C),
        ms: { tapegrad: times[i].ms },
        runs: { tapegrad: times[i].runs },
        diff: {},
      };
      logLine(c, 'tapegrad');
      out.push(c);
    });
  }
  return out;
}
