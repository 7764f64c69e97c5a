/** Gathering rows along axis 0, a primitive whose gradient is row-sparse. */
import { checkSize, checkTensor } from '../../tensor/check.js';
import { checkIds, gatherRows } from '../../tensor/gather.js';
import { RowSparse } from '../../tensor/rowsparse.js';
import type { Tensor } from '../../tensor/tensor.js';
import { reshapeView } from '../../tensor/views.js';
import { defineOp } from '../tape.js';

/**
 * out[i…, :] = params[indices[i…], :] along axis 0 (TensorFlow's `gather` with axis 0):
 * params [C, ...row] (e.g. an embedding table [C, D]), indices int32 of any shape (e.g. [B]
 * or [B, T]) → out [...indices.shape, ...row], the dtype of params.
 *
 * Backward: ∂L/∂params is row-sparse, never a dense [C, D] tensor: the n = indices.size flat
 * ids and the rows g reshaped to [n, ...row]; its dense value scatter-adds row k of g into
 * row ids[k] (repeated ids add up). `indices` gets no gradient.
 *
 * Errors (TapegradError), raised before anything is allocated: params not a tensor of rank
 * ≥ 1; indices not an int32 tensor; an id outside [0, C) (the message names the bad value and
 * its flat position); a result of more than 2³¹ − 1 elements.
 */
export function gather(params: Tensor, indices: Tensor): Tensor {
  checkTensor('gather', 'params', params, { minRank: 1 });
  const ids = checkIds('gather', 'indices', indices, params.shape[0]);
  checkSize('gather', 'indices', [...indices.shape, ...params.shape.slice(1)]);
  return defineOp('gather', [params], () => ({
    out: gatherRows(params, ids, indices.shape),
    backward: (g) => [new RowSparse(ids, reshapeView(g, [ids.length, ...params.shape.slice(1)]), params.shape)],
    rowSparse: [0],
  }));
}
