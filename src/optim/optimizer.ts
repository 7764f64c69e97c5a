/**
 * The common frame of the optimizers: a list of parameter tensors updated in place from
 * their `.grad`, dense or row-sparse. Each optimizer supplies one elementwise update over a
 * run of elements; a dense gradient is one run over the whole parameter, a row-sparse one
 * (coalesced first, so repeated ids count as their sum) is one run per row present, and
 * rows absent are not touched at all (their values and slot state stay bit-identical).
 * An update that is linear in the gradient (plain SGD) may skip the coalescing: applying
 * repeated rows one after the other is applying their sum, as TensorFlow's scatter-sub.
 */
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
  /** Number of `step()` calls so far. */
  step: number;
  /** Per-parameter state arrays by slot name (e.g. `m`, `v`), each of the parameter's size. */
  slots: Record<string, FloatArray[]>;
}

/** A gradient ready to apply: dense contiguous data, or coalesced rows. */
type Prepared =
  | { kind: 'dense'; g: FloatArray; off: number }
  | { kind: 'rows'; ids: Int32Array; g: FloatArray; off: number; d: number };

const isFloat = (t: Tensor): boolean => t.dtype === 'float32' || t.dtype === 'float64';

export abstract class Optimizer {
  /** The parameters, updated in place. */
  readonly params: readonly Tensor[];
  /** Number of `step()` calls that applied gradients so far. */
  protected t = 0;
  /** Slot arrays per parameter, each zero-filled (or `init`) and of the parameter's size. */
  protected readonly slots: Record<string, FloatArray[]> = {};
  private lrValue: number;

  protected constructor(
    readonly name: string,
    params: readonly Tensor[],
    lr: number,
  ) {
    if (!Array.isArray(params) || params.length === 0) {
      throw new TapegradError(
        name,
        'params',
        'a non-empty array of tensors',
        Array.isArray(params) ? 'an empty array' : typeof params,
      );
    }
    params.forEach((p, i) => {
      if (!(p instanceof Tensor)) throw new TapegradError(name, `params[${i}]`, 'a Tensor', typeof p);
      if (!isFloat(p)) throw new TapegradError(name, `params[${i}]`, 'a float32 or float64 tensor', p.dtype);
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
    checkNonNegative(name, 'lr', lr);
    this.params = [...params];
    this.lrValue = lr;
  }

  /** The learning rate; may be changed between steps (schedules). */
  get lr(): number {
    return this.lrValue;
  }
  set lr(v: number) {
    checkNonNegative(this.name, 'lr', v);
    this.lrValue = v;
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
   * TapegradError and nothing has changed.
   */
  step(): void {
    const prepared = this.params.map((p, i) => this.prepare(p, i));
    this.t++;
    prepared.forEach((g, i) => {
      if (!g) return;
      if (g.kind === 'dense') this.update(i, 0, this.params[i].size, g.g, g.off);
      else for (let r = 0; r < g.ids.length; r++) this.update(i, g.ids[r] * g.d, g.d, g.g, g.off + r * g.d);
    });
  }

  /** Whether repeated row ids must be summed before `update` (false only for updates linear in g). */
  protected coalesces(): boolean {
    return true;
  }

  /** Clears every parameter's `.grad` (sets it to null). */
  zeroGrad(): void {
    for (const p of this.params) p.grad = null;
  }

  /** The hyper-parameters, as numbers (lr and the optimizer's own). */
  protected abstract hyper(): Record<string, number>;
  protected abstract setHyper(h: Record<string, number>): void;

  /** A copy of the state: hyper-parameters, the step count and every slot array. */
  stateDict(): OptimizerState {
    const slots: Record<string, FloatArray[]> = {};
    for (const [k, arrs] of Object.entries(this.slots)) slots[k] = arrs.map((a) => a.slice());
    return { name: this.name, hyper: { lr: this.lr, ...this.hyper() }, step: this.t, slots };
  }

  /**
   * Restores a state from `stateDict()` (copied in). Checked whole before anything changes:
   * same optimizer, same slots, one array per parameter of its size, numeric hyper-parameters.
   */
  loadStateDict(state: OptimizerState): void {
    const fn = `${this.name}.loadStateDict`;
    if (!state || state.name !== this.name)
      throw new TapegradError(fn, 'state.name', JSON.stringify(this.name), JSON.stringify(state?.name));
    if (!Number.isInteger(state.step) || state.step < 0)
      throw new TapegradError(fn, 'state.step', 'a non-negative integer', String(state.step));
    const want = this.hyper();
    for (const k of ['lr', ...Object.keys(want)]) {
      const v = state.hyper?.[k];
      if (typeof v !== 'number' || !Number.isFinite(v))
        throw new TapegradError(fn, `state.hyper.${k}`, 'a finite number', String(v));
    }
    const names = Object.keys(this.slots).sort();
    const got = Object.keys(state.slots ?? {}).sort();
    if (names.join() !== got.join())
      throw new TapegradError(fn, 'state.slots', `the slots [${names.join(', ')}]`, `[${got.join(', ')}]`);
    for (const k of names) {
      const arrs = state.slots[k];
      this.params.forEach((p, i) => {
        const a = arrs[i];
        if (!(a instanceof Float32Array || a instanceof Float64Array) || a.length !== p.size) {
          throw new TapegradError(
            fn,
            `state.slots.${k}[${i}]`,
            `a float array of length ${p.size}`,
            a ? `${a.constructor.name} of length ${a.length}` : String(a),
          );
        }
      });
    }
    for (const k of names) this.slots[k].forEach((a, i) => a.set(state.slots[k][i]));
    this.setHyper(state.hyper);
    this.lrValue = state.hyper.lr;
    this.t = state.step;
  }

  private prepare(p: Tensor, i: number): Prepared | null {
    const g = p.grad;
    if (g === null || g === undefined) return null;
    const arg = `params[${i}].grad`;
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
    const c = this.coalesces() ? g.coalesce() : g;
    const v = c.values.contiguous();
    return { kind: 'rows', ids: c.ids, g: v.data as FloatArray, off: v.offset, d: c.rowSize };
  }
}

/** Throws unless v is a finite number ≥ 0. */
export function checkNonNegative(fn: string, arg: string, v: number): void {
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0)
    throw new TapegradError(fn, arg, 'a finite number ≥ 0', String(v));
}

/** Throws unless 0 ≤ v < 1. */
export function checkUnit(fn: string, arg: string, v: number): void {
  if (typeof v !== 'number' || !(v >= 0 && v < 1)) throw new TapegradError(fn, arg, 'a number in [0, 1)', String(v));
}
