/**
 * The speed targets of issue 6, evaluated as ratios within one run. A speed-up is the
 * peer's median time over tapegrad's (> 1: tapegrad is faster).
 */
import type { CaseResult, ImplName } from './runner.js';
import { peakRss, type RssResult } from './rss.js';
import { scalingName, SCALING_CLASSES } from './steps.js';

/** One target: the measured value against its threshold. */
export interface Target {
  id: string;
  /** What is required, in words. */
  text: string;
  /** The measured ratio (NaN when a case did not run). */
  value: number;
  /** ≥ threshold, or ≤ when `atMost`. */
  threshold: number;
  atMost: boolean;
  met: boolean;
}

const find = (cases: readonly CaseResult[], name: string) => cases.find((c) => c.name === name);

/** peer ms / tapegrad ms for the case `name`. */
export function speedup(c: CaseResult | undefined, peer: ImplName): number {
  const t = c?.ms.tapegrad,
    p = c?.ms[peer];
  return t && p ? p / t : NaN;
}

function target(id: string, text: string, value: number, threshold: number, atMost = false): Target {
  return { id, text, value, threshold, atMost, met: atMost ? value <= threshold : value >= threshold };
}

/** Every target from the cases and the RSS run. */
export function evaluateTargets(cases: readonly CaseResult[], rss: RssResult | null): Target[] {
  const out: Target[] = [];
  for (const loss of ['nceLoss', 'sampledSoftmaxLoss']) {
    const step = find(cases, `${loss} step C=50000`);
    out.push(target(`${loss}-vs-wasm`, `${loss} step ≥ 10× tfjs-wasm`, speedup(step, 'tfjs-wasm'), 10));
    out.push(target(`${loss}-vs-cpu`, `${loss} step ≥ 100× tfjs-cpu`, speedup(step, 'tfjs-cpu'), 100));
    out.push(target(`${loss}-vs-hand`, `${loss} step ≥ 0.8× the hand-written step`, speedup(step, 'hand'), 0.8));
    const kind = loss === 'nceLoss' ? 'nce' : 'sampledSoftmax';
    const small = find(cases, scalingName(kind, SCALING_CLASSES[0]))?.ms.tapegrad;
    const large = find(cases, scalingName(kind, SCALING_CLASSES[SCALING_CLASSES.length - 1]))?.ms.tapegrad;
    out.push(
      target(
        `${loss}-scaling`,
        `${loss} step(C=1M) / step(C=10k) ≤ 1.2`,
        small && large ? large / small : NaN,
        1.2,
        true,
      ),
    );
  }
  const nn = find(cases, 'matMul 512×512×512 NN');
  for (const form of ['NN', 'NT', 'TN']) {
    const c = find(cases, `matMul 512×512×512 ${form}`);
    out.push(target(`matmul-${form}-vs-cpu`, `matMul 512³ ${form} ≥ 4× tfjs-cpu`, speedup(c, 'tfjs-cpu'), 4));
    if (form !== 'NN') {
      const ratio = c?.ms.tapegrad && nn?.ms.tapegrad ? c.ms.tapegrad / nn.ms.tapegrad : NaN;
      out.push(target(`matmul-${form}-vs-NN`, `matMul 512³ ${form} time ≤ 1.15× NN's`, ratio, 1.15, true));
    }
  }
  out.push(
    target(
      'fullSoftmax-vs-cpu',
      'fullSoftmaxLoss ≥ 3× tfjs-cpu',
      speedup(find(cases, 'fullSoftmaxLoss B=128 C=50000 (forward)'), 'tfjs-cpu'),
      3,
    ),
  );
  const rssRatio = rss ? peakRss(rss) / (rss.paramBytes + rss.stateBytes) : NaN;
  out.push(
    target('rss', 'peak RSS of 100 Adam steps at C=1M ≤ 1.3× (parameters + optimizer state)', rssRatio, 1.3, true),
  );
  return out;
}
