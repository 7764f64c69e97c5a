/** Stochastic gradient descent, with optional (heavy-ball) momentum. */
import type { FloatArray } from '../tensor/dtype.js';
import type { Tensor } from '../tensor/tensor.js';
import { checkOptimizerOptions, Optimizer, type HyperKind } from './optimizer.js';

/** Options of `SGD`. */
export interface SGDOptions {
  /** Learning rate η ≥ 0 (default 0.01). */
  lr?: number;
  /** Momentum μ in [0, 1) (default 0: plain SGD). */
  momentum?: number;
}

/**
 * SGD, PyTorch's convention for momentum:
 *
 *   μ = 0:  p ← p − η·g
 *   μ > 0:  v ← μ·v + g;  p ← p − η·v        (v starts at 0)
 *
 * Row-sparse gradients update only the rows present, lazily: an absent row keeps its
 * value and its velocity (like TensorFlow's sparse momentum apply), where a dense zero
 * gradient would still move it by η·μ·v. Duplicate ids count as their sum (without
 * momentum they are applied one after the other, as TensorFlow's sparse apply does).
 * Errors (TapegradError, nothing changed): params not a non-empty list of distinct
 * contiguous float tensors; options not an object; lr < 0 or not finite; momentum outside
 * [0, 1) (a string included); a gradient of the wrong shape or dtype, or row ids out of range.
 */
export class SGD extends Optimizer {
  /** μ. */
  momentum: number;

  /** SGD over `params` with `options` (lr default 0.01, momentum 0). */
  constructor(params: readonly Tensor[], options: SGDOptions = {}) {
    const o = checkOptimizerOptions('SGD', options, { lr: 'rate', momentum: 'decay' });
    super('SGD', params, o.lr ?? 0.01);
    this.momentum = o.momentum ?? 0;
    if (this.momentum > 0) this.addSlot('velocity');
  }

  protected update(i: number, s: number, n: number, g: FloatArray, gOff: number): void {
    const p = this.params[i].data,
      po = this.params[i].offset + s,
      lr = this.lr;
    if (this.momentum === 0) {
      // Unrolled by 4 (the same arithmetic per element): the hot loop of a word2vec step.
      let k = 0;
      for (; k + 4 <= n; k += 4) {
        p[po + k] -= lr * g[gOff + k];
        p[po + k + 1] -= lr * g[gOff + k + 1];
        p[po + k + 2] -= lr * g[gOff + k + 2];
        p[po + k + 3] -= lr * g[gOff + k + 3];
      }
      for (; k < n; k++) p[po + k] -= lr * g[gOff + k];
      return;
    }
    const v = this.slots.velocity[i],
      mu = this.momentum;
    for (let k = 0; k < n; k++) {
      v[s + k] = mu * v[s + k] + g[gOff + k];
      p[po + k] -= lr * v[s + k];
    }
  }

  protected override sumsRepeatedRows(): boolean {
    return this.momentum > 0;
  }

  protected hyper(): Record<string, number> {
    return { momentum: this.momentum };
  }
  protected hyperKinds(): Record<string, HyperKind> {
    return { momentum: 'decay' };
  }
  protected override slotNames(h: Record<string, number>): string[] {
    return h.momentum > 0 ? ['velocity'] : [];
  }
  protected setHyper(h: Record<string, number>): void {
    this.momentum = h.momentum;
  }
}
