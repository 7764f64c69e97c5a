/**
 * The common frame of the optimizers: a list of parameter tensors updated in place from
 * their `.grad`, dense or row-sparse. Each optimizer supplies one elementwise update over a
 * run of elements; a dense gradient is one run over the whole parameter, a row-sparse one
 * (coalesced first, so repeated ids count as their sum) is one run per row present, and
 * rows absent are not touched at all (their values and slot state stay bit-identical).
 * An update that is linear in the gradient (plain SGD) may skip the coalescing: applying
 * repeated rows one after the other is applying their sum, as TensorFlow's scatter-sub.
 */
import { checkInteger, checkKeys, checkNumber, checkObject, fail } from '../tensor/check.js';
import type { FloatArray } from '../tensor/dtype.js';
import { TapegradError } from '../tensor/errors.js';
import { RowSparse } from '../tensor/rowsparse.js';
import { sameShape, shapeStr } from '../tensor/shape.js';
import { Tensor } from '../tensor/tensor.js';

/** What `stateDict()` returns and `loadStateDict()` takes: plain numbers and typed arrays. */
export interface OptimizerState {
  /** The optimizer's class name: 'SGD', 'Adagrad' or 'Adam'. */
  name: string;
  /** The hyper-parameters (lr, momentum, betas, ...). */
  hyper: Record<string, number>;
  /** Number of `step()` calls that applied a gradient so far. */
  step: number;
  /** The element count of each parameter, in order (checked on load when present). */
  paramSizes?: number[];
  /** Per-parameter state arrays by slot name (e.g. `m`, `v`), each of the parameter's size. */
  slots: Record<string, FloatArray[]>;
}

/** A checked gradient ready to apply: dense contiguous data, or rows (summed per id when the update needs it). */
type ReadyGradient =
  | { kind: 'dense'; g: FloatArray; off: number }
  | { kind: 'rows'; ids: Int32Array; g: FloatArray; off: number; d: number };

const isFloat = (t: Tensor): boolean => t.dtype === 'float32' || t.dtype === 'float64';

/** What a hyper-parameter must be: 'rate' a finite number ≥ 0 (lr, eps…), 'decay' a number in [0, 1). */
export type HyperKind = 'rate' | 'decay';

/** `v` as a hyper-parameter of `kind`, else a TapegradError naming `arg`. */
function checkHyper(fn: string, arg: string, v: unknown, kind: HyperKind): number {
  return kind === 'rate'
    ? checkNumber(fn, arg, v, { min: 0 })
    : checkNumber(fn, arg, v, { min: 0, max: 1, open: 'max' });
}

/**
 * The options object of an optimizer's constructor (absent: {}), each hyper-parameter of
 * `kinds` checked when present.
 */
export function checkOptimizerOptions(
  fn: string,
  options: unknown,
  kinds: Record<string, HyperKind>,
): Record<string, number | undefined> {
  const o = options === undefined ? {} : checkObject(fn, 'options', options);
  checkKeys(fn, 'options', o, Object.keys(kinds));
  const out: Record<string, number | undefined> = {};
  for (const [k, kind] of Object.entries(kinds))
    out[k] = o[k] === undefined ? undefined : checkHyper(fn, k, o[k], kind);
  return out;
}

/** The slots that accumulate squared gradients (Adagrad's accumulator, Adam's v): never negative. */
const SQUARE_SLOTS = new Set(['accumulator', 'v']);

/**
 * The base of SGD, Adagrad and Adam: `step()` applies each parameter's `.grad` in place
 * (dense, or row by row for a row-sparse gradient), `zeroGrad()` clears them, `stateDict()` /
 * `loadStateDict()` save and restore the step count, hyper-parameters and slots. Errors:
 * see the constructors, `step` and `loadStateDict`.
 */
export abstract class Optimizer {
  /** The parameters, updated in place. */
  readonly params: readonly Tensor[];
  /** Number of `step()` calls that applied gradients so far. */
  protected t = 0;
  /** Slot arrays per parameter, each zero-filled (or `init`) and of the parameter's size. */
  protected readonly slots: Record<string, FloatArray[]> = {};
  private lrValue: number;

  /** `name` ('SGD', …) names the optimizer in errors and in `stateDict()`. */
  protected constructor(
    readonly name: string,
    params: readonly Tensor[],
    lr: number,
  ) {
    if (!Array.isArray(params) || params.length === 0) fail(name, 'params', 'a non-empty array of tensors', params);
    params.forEach((p, i) => {
      if (!(p instanceof Tensor) || !isFloat(p)) fail(name, `params[${i}]`, 'a float32 or float64 tensor', p);
      if (!p.isContiguous())
        throw new TapegradError(name, `params[${i}]`, 'a contiguous tensor (updated in place)', 'a strided view');
      if (params.indexOf(p) !== i)
        throw new TapegradError(
          name,
          `params[${i}]`,
          'a tensor listed once',
          `the same tensor as params[${params.indexOf(p)}]`,
        );
    });
    checkHyper(name, 'lr', lr, 'rate');
    this.params = [...params];
    this.lrValue = lr;
  }

  /** The learning rate; may be changed between steps (schedules). */
  get lr(): number {
    return this.lrValue;
  }
  set lr(v: number) {
    this.lrValue = checkHyper(this.name, 'lr', v, 'rate');
  }

  /** Adds a slot: one array per parameter, of its size and dtype, filled with `init`. */
  protected addSlot(slot: string, init = 0): void {
    this.slots[slot] = this.params.map((p) => {
      const a = p.dtype === 'float64' ? new Float64Array(p.size) : new Float32Array(p.size);
      if (init !== 0) a.fill(init);
      return a;
    });
  }

  /**
   * The update of elements k = s .. s+n−1 of parameter i (its data at `param.offset + k`,
   * slots at k) from gradient elements g[gOff .. gOff+n−1].
   */
  protected abstract update(i: number, s: number, n: number, g: FloatArray, gOff: number): void;

  /**
   * Applies every parameter's `.grad` (skipping null) in place. All gradients are checked
   * first (shape and dtype like the parameter; row ids in range): on a bad one it throws
   * TapegradError and nothing has changed. With every `.grad` null it does nothing at all:
   * the step count (Adam's bias correction) does not advance.
   */
  step(): void {
    const ready = this.params.map((p, i) => this.readGradient(p, i));
    if (ready.every((g) => g === null)) return;
    this.t++;
    this.beginStep();
    ready.forEach((g, i) => {
      if (!g) return;
      if (g.kind === 'dense') this.update(i, 0, this.params[i].size, g.g, g.off);
      else for (let r = 0; r < g.ids.length; r++) this.update(i, g.ids[r] * g.d, g.d, g.g, g.off + r * g.d);
    });
  }

  /** Called once per step, after the step count advanced and before the first `update`. */
  protected beginStep(): void {}

  /** Whether repeated row ids must be summed before `update` (false only for updates linear in g). */
  protected sumsRepeatedRows(): boolean {
    return true;
  }

  /** Clears every parameter's `.grad` (sets it to null). */
  zeroGrad(): void {
    for (const p of this.params) p.grad = null;
  }

  /** The optimizer's own hyper-parameters (not lr), as numbers. */
  protected abstract hyper(): Record<string, number>;
  /** What each of `hyper()`'s keys must be (see `checkHyper`). */
  protected abstract hyperKinds(): Record<string, HyperKind>;
  protected abstract setHyper(h: Record<string, number>): void;
  /** The slots a state with hyper-parameters `h` has (default: this optimizer's own). */
  protected slotNames(_h: Record<string, number>): string[] {
    return Object.keys(this.slots);
  }

  /** A copy of the state: hyper-parameters, the step count and every slot array. */
  stateDict(): OptimizerState {
    const slots: Record<string, FloatArray[]> = {};
    for (const [k, arrs] of Object.entries(this.slots)) slots[k] = arrs.map((a) => a.slice());
    const paramSizes = this.params.map((p) => p.size);
    return { name: this.name, hyper: { lr: this.lr, ...this.hyper() }, step: this.t, paramSizes, slots };
  }

  /**
   * Restores a state from `stateDict()` (copied in). Checked whole before anything changes:
   * an object; this optimizer's name; step an integer ≥ 0; paramSizes (when present) the
   * sizes of this optimizer's parameters; every hyper-parameter in its range
   * (lr and eps ≥ 0, betas and momentum in [0, 1)…); the slots the hyper-parameters call
   * for, each one float array per parameter (as many as there are parameters) of its size,
   * its values finite (and ≥ 0 in a slot of squares: Adagrad's accumulator, Adam's v).
   */
  loadStateDict(state: OptimizerState): void {
    const fn = `${this.name}.loadStateDict`;
    const st = checkObject(fn, 'state', state);
    if (st.name !== this.name) fail(fn, 'state.name', JSON.stringify(this.name), st.name);
    const step = checkInteger(fn, 'state.step', st.step, 0);
    const sizes = this.params.map((p) => p.size);
    if (st.paramSizes !== undefined && (!Array.isArray(st.paramSizes) || st.paramSizes.join() !== sizes.join())) {
      fail(fn, 'state.paramSizes', `the sizes of this optimizer's parameters [${sizes.join(', ')}]`, st.paramSizes);
    }
    const h = checkObject(fn, 'state.hyper', st.hyper);
    const hyper: Record<string, number> = { lr: checkHyper(fn, 'state.hyper.lr', h.lr, 'rate') };
    for (const [k, kind] of Object.entries(this.hyperKinds()))
      hyper[k] = checkHyper(fn, `state.hyper.${k}`, h[k], kind);
    const slots = checkObject(fn, 'state.slots', st.slots);
    const names = this.slotNames(hyper).sort();
    const got = Object.keys(slots).sort();
    if (names.join() !== got.join()) {
      throw new TapegradError(fn, 'state.slots', `the slots [${names.join(', ')}]`, `[${got.join(', ')}]`);
    }
    for (const k of names) {
      const arrs = slots[k];
      if (!Array.isArray(arrs) || arrs.length !== this.params.length) {
        fail(fn, `state.slots.${k}`, `one array per parameter (${this.params.length})`, arrs);
      }
      this.params.forEach((p, i) => {
        const a = arrs[i];
        if (!(a instanceof Float32Array || a instanceof Float64Array) || a.length !== p.size) {
          fail(fn, `state.slots.${k}[${i}]`, `a float array of length ${p.size}`, a);
        }
        const min = SQUARE_SLOTS.has(k) ? 0 : -Infinity;
        const j = (a as FloatArray).findIndex((v) => !(v >= min && v < Infinity));
        if (j >= 0) {
          const what = min === 0 ? 'a finite value ≥ 0 (a sum of squares)' : 'a finite value';
          fail(fn, `state.slots.${k}[${i}] (element ${j})`, what, (a as FloatArray)[j]);
        }
      });
    }
    for (const k of Object.keys(this.slots)) if (!names.includes(k)) delete this.slots[k];
    for (const k of names) {
      if (!this.slots[k]) this.addSlot(k);
      this.slots[k].forEach((a, i) => a.set((slots[k] as FloatArray[])[i]));
    }
    this.setHyper(hyper);
    this.lrValue = hyper.lr;
    this.t = step;
  }

  /** Parameter i's `.grad`, checked against the parameter (null: none). */
  private readGradient(p: Tensor, i: number): ReadyGradient | null {
    const g = p.grad;
    if (g === null || g === undefined) return null;
    const arg = `params[${i}].grad`;
    if (!(g instanceof Tensor) && !(g instanceof RowSparse)) {
      fail(`${this.name}.step`, arg, `null or a ${p.dtype} ${shapeStr(p.shape)} gradient like the parameter`, g);
    }
    const shape = g instanceof RowSparse ? g.denseShape : g.shape;
    if (!sameShape(shape, p.shape) || g.dtype !== p.dtype) {
      throw new TapegradError(
        `${this.name}.step`,
        arg,
        `${p.dtype} ${shapeStr(p.shape)} like the parameter`,
        `${g.dtype} ${shapeStr(shape)}`,
      );
    }
    if (g instanceof Tensor) {
      const c = g.contiguous();
      return { kind: 'dense', g: c.data as FloatArray, off: c.offset };
    }
    if (p.rank < 1) throw new TapegradError(`${this.name}.step`, arg, 'dense for a scalar parameter', 'row-sparse');
    const rows = p.shape[0];
    for (const id of g.ids) {
      if (id < 0 || id >= rows)
        throw new TapegradError(`${this.name}.step`, `${arg}.ids`, `ids in [0, ${rows})`, String(id));
    }
    const c = this.sumsRepeatedRows() ? g.coalesce() : g;
    const v = c.values.contiguous();
    return { kind: 'rows', ids: c.ids, g: v.data as FloatArray, off: v.offset, d: c.rowSize };
  }
}
