/** Adagrad: per-element step sizes shrinking with the accumulated squared gradient. */
import type { FloatArray } from '../tensor/dtype.js';
import type { Tensor } from '../tensor/tensor.js';
import { checkOptimizerOptions, Optimizer, type HyperKind } from './optimizer.js';

/** Options of `Adagrad`. */
export interface AdagradOptions {
  /** Learning rate η ≥ 0 (default 0.01). */
  lr?: number;
  /** Starting value a₀ ≥ 0 of every accumulator (default 0.1, TensorFlow's). */
  initialAccumulatorValue?: number;
  /** ε ≥ 0 added to √a in the denominator (default 1e-7, Keras'). */
  eps?: number;
}

/**
 * Adagrad (Duchi et al. 2011), per element:
 *
 *   a ← a + g²;   p ← p − η·g / (√a + ε)          (a starts at a₀)
 *
 * Row-sparse gradients update only the rows present (value and accumulator), after summing
 * duplicate ids (the square of the sum, as the dense gradient would give). Errors as `SGD`,
 * plus initialAccumulatorValue or eps negative or not finite.
 */
export class Adagrad extends Optimizer {
  /** a₀. */
  initialAccumulatorValue: number;
  /** ε. */
  eps: number;

  /** Adagrad over `params` with `options` (lr default 0.01, a₀ 0.1, ε 1e-7). */
  constructor(params: readonly Tensor[], options: AdagradOptions = {}) {
    const o = checkOptimizerOptions('Adagrad', options, { lr: 'rate', initialAccumulatorValue: 'rate', eps: 'rate' });
    super('Adagrad', params, o.lr ?? 0.01);
    this.initialAccumulatorValue = o.initialAccumulatorValue ?? 0.1;
    this.eps = o.eps ?? 1e-7;
    this.addSlot('accumulator', this.initialAccumulatorValue);
  }

  protected update(i: number, s: number, n: number, g: FloatArray, gOff: number): void {
    const p = this.params[i].data,
      po = this.params[i].offset + s,
      lr = this.lr,
      eps = this.eps;
    const a = this.slots.accumulator[i];
    for (let k = 0; k < n; k++) {
      const gk = g[gOff + k];
      a[s + k] += gk * gk;
      p[po + k] -= (lr * gk) / (Math.sqrt(a[s + k]) + eps);
    }
  }

  protected hyper(): Record<string, number> {
    return { initialAccumulatorValue: this.initialAccumulatorValue, eps: this.eps };
  }
  protected hyperKinds(): Record<string, HyperKind> {
    return { initialAccumulatorValue: 'rate', eps: 'rate' };
  }
  protected setHyper(h: Record<string, number>): void {
    this.initialAccumulatorValue = h.initialAccumulatorValue;
    this.eps = h.eps;
  }
}
