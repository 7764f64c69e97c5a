import { allocate, type DType } from './dtype.js';
import { TapegradError } from './errors.js';
import { checkShapeSize, checkTensor, fail } from './check.js';
import { sameShape, shapeStr, sizeOf } from './shape.js';
import { rowMajor, Tensor } from './tensor.js';

/**
 * A row-sparse matrix: the gradient `gather(params, ids)` sends to `params`.
 *
 * Dense value: D[r] = Σ_{i : ids[i] = r} values[i], zero on rows not in `ids`.
 * `ids` [n] may repeat; `values` [n, ...rowShape]; `denseShape` = [rows, ...rowShape].
 * Sums stay row-sparse (`add` concatenates); `coalesce()` sums repeated ids; `toDense()`
 * scatters into a dense tensor (for tests and users who ask: O(rows · rowSize)).
 * Errors: ids not an Int32Array; values not a tensor of n rows of the dense row shape.
 * (The ids' range is checked where the gradient is used, e.g. by the optimizers.)
 */
export class RowSparse {
  /** ids [n], values [n, ...rowShape], denseShape [rows, ...rowShape]; errors above. */
  constructor(
    readonly ids: Int32Array,
    readonly values: Tensor,
    readonly denseShape: readonly number[],
  ) {
    if (!(ids instanceof Int32Array)) fail('RowSparse', 'ids', 'an Int32Array', ids);
    checkTensor('RowSparse', 'values', values, { minRank: 1 });
    checkShapeSize('RowSparse', 'denseShape', denseShape);
    if (denseShape.length < 1) fail('RowSparse', 'denseShape', 'a shape of rank ≥ 1', denseShape);
    if (values.shape[0] !== ids.length || sizeOf(values.shape.slice(1)) !== sizeOf(denseShape.slice(1))) {
      throw new TapegradError(
        'RowSparse',
        'values',
        `of shape [${ids.length}, ...${shapeStr(denseShape.slice(1))}]`,
        shapeStr(values.shape),
      );
    }
  }

  /** The dtype of `values`. */
  get dtype(): DType {
    return this.values.dtype;
  }

  /** Elements per row. */
  get rowSize(): number {
    return sizeOf(this.denseShape.slice(1));
  }

  /**
   * The sum of two row-sparse matrices of the same dense shape: ids and rows concatenated.
   * Errors: other not a RowSparse of this dense shape and dtype.
   */
  add(other: RowSparse): RowSparse {
    if (!(other instanceof RowSparse) || !sameShape(other.denseShape, this.denseShape) || other.dtype !== this.dtype) {
      const got =
        other instanceof RowSparse ? `a ${other.dtype} RowSparse of dense shape ${shapeStr(other.denseShape)}` : other;
      fail('RowSparse.add', 'other', `a ${this.dtype} RowSparse of dense shape ${shapeStr(this.denseShape)}`, got);
    }
    const a = rowMajor(this.values),
      b = rowMajor(other.values);
    const ids = new Int32Array(this.ids.length + other.ids.length);
    ids.set(this.ids);
    ids.set(other.ids, this.ids.length);
    const data = allocate(this.dtype, a.size + b.size);
    data.set(a.data.subarray(a.offset, a.offset + a.size));
    data.set(b.data.subarray(b.offset, b.offset + b.size), a.size);
    return new RowSparse(ids, new Tensor(data, [ids.length, ...this.denseShape.slice(1)]), this.denseShape);
  }

  /** The same matrix with each id once (in order of first appearance), its rows summed. */
  coalesce(): RowSparse {
    const n = this.ids.length;
    // slot[i]: the output row of ids[i], through an open-addressing table of ids.
    const size = 2 << Math.ceil(Math.log2(n + 1)),
      mask = size - 1;
    const keys = new Int32Array(size),
      rowOf = new Int32Array(size).fill(-1),
      slot = new Int32Array(n);
    let m = 0;
    for (let i = 0; i < n; i++) {
      const id = this.ids[i];
      let h = (Math.imul(id, 0x9e3779b1) >>> 0) & mask;
      while (rowOf[h] !== -1 && keys[h] !== id) h = (h + 1) & mask;
      if (rowOf[h] === -1) ((keys[h] = id), (rowOf[h] = m++));
      slot[i] = rowOf[h];
    }
    if (m === n) return this;
    const d = this.rowSize;
    const src = rowMajor(this.values);
    const ids = new Int32Array(m),
      data = allocate(this.dtype, m * d);
    for (let i = 0; i < n; i++) {
      const o = slot[i] * d,
        s = src.offset + i * d;
      ids[slot[i]] = this.ids[i];
      for (let k = 0; k < d; k++) data[o + k] += src.data[s + k];
    }
    return new RowSparse(ids, new Tensor(data, [m, ...this.denseShape.slice(1)]), this.denseShape);
  }

  /** The dense tensor: rows scatter-added, zeros elsewhere. */
  toDense(): Tensor {
    const out = new Tensor(allocate(this.dtype, sizeOf(this.denseShape)), this.denseShape);
    this.scatterAddInto(out.data, 1);
    return out;
  }

  /** target[ids[i]·rowSize + k] += scale · values[i, k]: the row-wise update optimizers use. */
  scatterAddInto(target: { [i: number]: number }, scale: number): void {
    const d = this.rowSize;
    const src = rowMajor(this.values);
    for (let i = 0; i < this.ids.length; i++) {
      const o = this.ids[i] * d;
      const s = src.offset + i * d;
      for (let k = 0; k < d; k++) target[o + k] += scale * src.data[s + k];
    }
  }
}
