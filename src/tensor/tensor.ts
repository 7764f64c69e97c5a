import { assign, type StridedView } from './adapter.js';
import { allocate, dtypeOf, type DType, type TypedArray } from './dtype.js';
import { TapegradError } from './errors.js';
import type { RowSparse } from './rowsparse.js';
import { shapeStr, sizeOf, stridesOf } from './shape.js';

/** Nested arrays of numbers, as `toArray()` returns and `tensor()` accepts. */
export type NestedArray = number | NestedArray[];

/**
 * A strided view over a typed array: element `[i0, i1, ...]` sits at
 * `data[offset + i0*strides[0] + i1*strides[1] + ...]`. Views (transpose, slice, reshape of a
 * contiguous tensor, broadcast) share `data` and copy nothing.
 *
 * `requiresGrad` marks a leaf whose gradient `backward()` accumulates into `grad` (dense, or
 * row-sparse when the leaf is used only through `gather`). The tape itself lives in
 * `src/autograd`, which adds `backward()` to this class.
 */
export class Tensor implements StridedView {
  readonly dtype: DType;
  /** Leaf tensors with `requiresGrad` receive their gradient here on `backward()`. */
  requiresGrad = false;
  grad: Tensor | RowSparse | null = null;
  /** A label for drawings of the graph (`toDot`), e.g. 'W'; set by `tensor(..., { name })` or by hand. */
  name: string | undefined = undefined;

  constructor(
    readonly data: TypedArray,
    readonly shape: readonly number[],
    readonly strides: readonly number[] = stridesOf(shape),
    readonly offset = 0,
  ) {
    this.dtype = dtypeOf(data);
  }

  /** Number of elements. */
  get size(): number {
    return sizeOf(this.shape);
  }

  get rank(): number {
    return this.shape.length;
  }

  /** True when the elements lie row-major and dense in `data` from `offset` on. */
  isContiguous(): boolean {
    let expected = 1;
    for (let i = this.shape.length - 1; i >= 0; i--) {
      if (this.shape[i] !== 1 && this.strides[i] !== expected) return false;
      expected *= this.shape[i];
    }
    return true;
  }

  /**
   * This tensor if it is contiguous, else a row-major copy. A storage operation: no gradient
   * flows through the copy (the differentiable ops call it on their inputs internally).
   */
  contiguous(): Tensor {
    if (this.isContiguous()) return this;
    const out = new Tensor(allocate(this.dtype, this.size), this.shape);
    assign(out, this);
    return out;
  }

  /** The elements as a contiguous, row-major typed array of length `size` (always a copy). */
  dataSync(): TypedArray {
    const c = this.contiguous();
    return c.data.slice(c.offset, c.offset + c.size) as TypedArray;
  }

  /** The elements as nested arrays (a number for a scalar). */
  toArray(): NestedArray {
    const flat = this.dataSync();
    let pos = 0;
    const build = (axis: number): NestedArray => {
      if (axis === this.shape.length) return flat[pos++];
      const out: NestedArray[] = [];
      for (let i = 0; i < this.shape[axis]; i++) out.push(build(axis + 1));
      return out;
    };
    return build(0);
  }

  /** The value of a one-element tensor. */
  item(): number {
    if (this.size !== 1) throw new TapegradError('item', 'tensor', 'of size 1', `shape ${shapeStr(this.shape)}`);
    const c = this.contiguous();
    return c.data[c.offset];
  }

  toString(): string {
    return `Tensor(${this.dtype} ${shapeStr(this.shape)})`;
  }
}
