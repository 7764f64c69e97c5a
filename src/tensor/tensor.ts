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
 * `requiresGrad` says that a gradient flows to this tensor: set by the user on a leaf (a
 * parameter), and by the tape on every output of a recorded op. `backward()` accumulates into
 * `grad` of the leaves only. The tape lives in `src/autograd`, which adds `backward()` to this
 * class and makes `contiguous()` record. The constructor is low level: it checks that `data`
 * is a Float32Array, Float64Array or Int32Array and trusts shape, strides and offset (users
 * build tensors with `tensor()`).
 */
export class Tensor implements StridedView {
  /** The element type, read from `data` ('float32' for a Float32Array, …). */
  readonly dtype: DType;
  /** True when a gradient flows to this tensor (a leaf the user marked, or a recorded output). */
  requiresGrad = false;
  /** A leaf's accumulated gradient: dense, or row-sparse when it came through `gather`. */
  grad: Tensor | RowSparse | null = null;
  /** A label for drawings of the graph (`toDot`), e.g. 'W'; set by `tensor(..., { name })` or by hand. */
  name: string | undefined = undefined;

  /** A view of `data` (row-major strides and offset 0 by default). Errors: `data` not a Float32Array, Float64Array or Int32Array. */
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

  /** Number of dimensions: shape.length. */
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
   * This tensor if it is contiguous, else a row-major copy. With src/autograd loaded (always,
   * through the public surface) the copy of a tensor that requires a gradient is recorded on
   * the tape (op 'contiguous', ∂x = g). Kernels use `rowMajor`, which never records.
   */
  contiguous(): Tensor {
    return rowMajor(this);
  }

  /** The elements as a contiguous, row-major typed array of length `size` (always a copy). */
  dataSync(): TypedArray {
    const c = rowMajor(this);
    return c.data.slice(c.offset, c.offset + c.size) as TypedArray;
  }

  /** Itself: a dense gradient is its own dense form (see `RowSparse.toDense`). */
  toDense(): Tensor {
    return this;
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
    const c = rowMajor(this);
    return c.data[c.offset];
  }

  /** `Tensor(dtype [shape])`, e.g. `Tensor(float32 [2, 3])`: no values. */
  toString(): string {
    return `Tensor(${this.dtype} ${shapeStr(this.shape)})`;
  }
}

/** x if it is contiguous, else a row-major copy: storage only, never recorded. */
export function rowMajor(x: Tensor): Tensor {
  if (x.isContiguous()) return x;
  const out = new Tensor(allocate(x.dtype, x.size), x.shape);
  assign(out, x);
  return out;
}
