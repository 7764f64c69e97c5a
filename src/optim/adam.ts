/** Adam, lazy on row-sparse gradients (PyTorch's SparseAdam, TensorFlow Addons' LazyAdam). */
import type { FloatArray } from '../tensor/dtype.js';
import type { Tensor } from '../tensor/tensor.js';
import { checkOptimizerOptions, Optimizer, type HyperKind } from './optimizer.js';

/** Options of `Adam`. */
export interface AdamOptions {
  /** Learning rate η ≥ 0 (default 0.001). */
  lr?: number;
  /** Decay β₁ in [0, 1) of the first moment (default 0.9). */
  beta1?: number;
  /** Decay β₂ in [0, 1) of the second moment (default 0.999). */
  beta2?: number;
  /** ε ≥ 0 added to √v̂ (default 1e-8). */
  eps?: number;
}

/**
 * Adam (Kingma & Ba 2015), per element, at step t = 1, 2, …:
 *
 *   m ← β₁·m + (1 − β₁)·g;   v ← β₂·v + (1 − β₂)·g²
 *   p ← p − η · (m / (1 − β₁ᵗ)) / (√(v / (1 − β₂ᵗ)) + ε)
 *
 * t is the global step: the number of `step()` calls so far, shared by all parameters and
 * rows (as TensorFlow's LazyAdam and PyTorch's SparseAdam when every step has a gradient).
 * Row-sparse gradients are applied lazily: only the rows present update their value and
 * moments (duplicate ids summed first); absent rows are left bit-identical, where dense Adam
 * would decay their moments and keep moving them. A step with every `.grad` null does not
 * count. Errors as `SGD`, plus betas outside [0, 1) or eps negative.
 */
export class Adam extends Optimizer {
  /** β₁. */
  beta1: number;
  /** β₂. */
  beta2: number;
  /** ε. */
  eps: number;

  /** Adam over `params` with `options` (lr default 0.001, β₁ 0.9, β₂ 0.999, ε 1e-8). */
  constructor(params: readonly Tensor[], options: AdamOptions = {}) {
    const o = checkOptimizerOptions('Adam', options, { lr: 'rate', beta1: 'decay', beta2: 'decay', eps: 'rate' });
    super('Adam', params, o.lr ?? 0.001);
    this.beta1 = o.beta1 ?? 0.9;
    this.beta2 = o.beta2 ?? 0.999;
    this.eps = o.eps ?? 1e-8;
    this.addSlot('m');
    this.addSlot('v');
  }

  /** The bias corrections 1 − β₁ᵗ and 1 − β₂ᵗ of this step (once per step, not per row). */
  private c1 = 1;
  private c2 = 1;
  protected override beginStep(): void {
    this.c1 = 1 - this.beta1 ** this.t;
    this.c2 = 1 - this.beta2 ** this.t;
  }

  protected update(i: number, s: number, n: number, g: FloatArray, gOff: number): void {
    const p = this.params[i].data,
      po = this.params[i].offset + s;
    const m = this.slots.m[i],
      v = this.slots.v[i];
    const { beta1: b1, beta2: b2, eps, c1, c2 } = this;
    const lr = this.lr;
    for (let k = 0; k < n; k++) {
      const gk = g[gOff + k];
      m[s + k] = b1 * m[s + k] + (1 - b1) * gk;
      v[s + k] = b2 * v[s + k] + (1 - b2) * gk * gk;
      p[po + k] -= (lr * (m[s + k] / c1)) / (Math.sqrt(v[s + k] / c2) + eps);
    }
  }

  protected hyper(): Record<string, number> {
    return { beta1: this.beta1, beta2: this.beta2, eps: this.eps };
  }
  protected hyperKinds(): Record<string, HyperKind> {
    return { beta1: 'decay', beta2: 'decay', eps: 'rate' };
  }
  protected setHyper(h: Record<string, number>): void {
    this.beta1 = h.beta1;
    this.beta2 = h.beta2;
    this.eps = h.eps;
  }
}
