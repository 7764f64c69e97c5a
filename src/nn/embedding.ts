/**
 * Embedding lookup over a single matrix or a list of shards (SPEC-sampled-losses.md §3).
 */
import { concat, reshape } from '../autograd/ops/movement.js';
import { gather } from '../autograd/ops/gather.js';
import { checkChoice, checkKeys, checkObject, checkTensor, fail, type TensorSpec } from '../tensor/check.js';
import { TapegradError } from '../tensor/errors.js';
import { checkIds } from '../tensor/gather.js';
import { sameShape } from '../tensor/shape.js';
import { Tensor } from '../tensor/tensor.js';

/** How ids map onto shards: 'mod' (id mod P) or 'div' (contiguous blocks). */
export type PartitionStrategy = 'mod' | 'div';

/**
 * The (shard, row) that holds `id` among P shards of N rows in all.
 *  'mod': shard = id mod P, row = floor(id / P).
 *  'div': q = floor(N / P), r = N mod P (the first r shards hold q + 1 rows);
 *         shard = max(floor(id / (q+1)), floor((id − r) / q)),
 *         row = id mod (q+1) if shard < r, else (id − r) mod q.
 */
export function shardOf(id: number, P: number, N: number, strategy: PartitionStrategy): [number, number] {
  if (strategy === 'mod') return [id % P, Math.floor(id / P)];
  const q = Math.floor(N / P),
    r = N % P;
  const shard = q === 0 ? Math.floor(id / (q + 1)) : Math.max(Math.floor(id / (q + 1)), Math.floor((id - r) / q));
  return [shard, shard < r ? id % (q + 1) : (id - r) % q];
}

/** The rows shard p of P holds when N ids are laid out by `strategy` (see `shardOf`). */
function shardRows(p: number, P: number, N: number, strategy: PartitionStrategy): number {
  if (strategy === 'mod') return p < N ? Math.floor((N - 1 - p) / P) + 1 : 0;
  return Math.floor(N / P) + (p < N % P ? 1 : 0);
}

/**
 * Checks that `shards` (N rows in all) are laid out for `strategy`: shard p holds exactly
 * `shardRows(p, …)` rows, so that every id in [0, N) has its row. Errors name the first
 * shard that does not.
 */
export function checkLayout(fn: string, arg: string, shards: readonly Tensor[], strategy: PartitionStrategy): void {
  const P = shards.length,
    N = shards.reduce((n, s) => n + s.shape[0], 0);
  shards.forEach((s, p) => {
    const want = shardRows(p, P, N, strategy);
    if (s.shape[0] !== want)
      throw new TapegradError(
        fn,
        `${arg}[${p}]`,
        `${want} rows (${N} ids over ${P} shards, '${strategy}')`,
        `${s.shape[0]} rows`,
      );
  });
}

/**
 * A tensor or a non-empty list of tensors (each of `dtype`), as a list of shards that agree
 * on everything but their row count (rank ≥ 1, one row shape, one dtype).
 */
export function checkShardList(fn: string, arg: string, v: unknown, dtype?: TensorSpec['dtype']): readonly Tensor[] {
  const shards = v instanceof Tensor ? [v] : v;
  if (!Array.isArray(shards) || shards.length === 0) fail(fn, arg, 'a tensor or a non-empty list of shards', v);
  const first = checkTensor(fn, shards.length === 1 ? arg : `${arg}[0]`, shards[0], { dtype });
  if (first.rank < 1) fail(fn, arg, 'a tensor of rank ≥ 1 (rows)', first);
  const rest = first.shape.slice(1);
  shards.forEach((s, p) => {
    if (!(s instanceof Tensor) || s.dtype !== first.dtype || !sameShape(s.shape.slice(1), rest)) {
      fail(fn, `${arg}[${p}]`, `a ${first.dtype} shard of shape [rows, ${rest.join(', ')}] like ${arg}[0]`, s);
    }
  });
  return shards as readonly Tensor[];
}

/**
 * out[i…] = params[ids[i…]]: rows of one matrix, or of the shards in `params` seen as one
 * matrix of N = Σ rows under `partitionStrategy`: default 'div' (contiguous blocks, the
 * shards concatenated in order: TensorFlow 2's only layout, and the one the full losses
 * read); 'mod' (id mod P) was TensorFlow 1's default and stays for its users. Shape
 * [...ids.shape, ...rowShape]. The gradient reaching each shard is row-sparse (a gather's).
 * Errors: ids not int32 or outside [0, N); shards of different row shapes or dtypes; shards
 * not laid out for the strategy (see `checkLayout`).
 */
export function embeddingLookup(
  params: Tensor | readonly Tensor[],
  ids: Tensor,
  options: { partitionStrategy?: PartitionStrategy } = {},
): Tensor {
  const fn = 'embeddingLookup';
  const shards = checkShardList(fn, 'params', params);
  const N = shards.reduce((n, s) => n + s.shape[0], 0);
  const o = checkObject(fn, 'options', options);
  checkKeys(fn, 'options', o, ['partitionStrategy']);
  const partitionStrategy = checkChoice(fn, 'partitionStrategy', o.partitionStrategy, ['div', 'mod'] as const, 'div');
  checkIds(fn, 'ids', ids, N);
  checkLayout(fn, 'params', shards, partitionStrategy);
  return lookupRows(shards, ids, partitionStrategy);
}

/**
 * `embeddingLookup` for arguments its caller has checked (shards laid out for `strategy`,
 * int32 ids in [0, N)): a gather from each shard, then the rows put back in the order of ids.
 */
export function lookupRows(shards: readonly Tensor[], ids: Tensor, strategy: PartitionStrategy): Tensor {
  if (shards.length === 1 || ids.size === 0) return gather(shards[0], ids);
  const flat = ids.dataSync() as Int32Array;
  const P = shards.length,
    N = shards.reduce((n, s) => n + s.shape[0], 0);
  const rows: number[][] = shards.map(() => []);
  const where: number[][] = shards.map(() => []);
  flat.forEach((id, i) => {
    const [p, r] = shardOf(id, P, N, strategy);
    rows[p].push(r);
    where[p].push(i);
  });
  const parts: Tensor[] = [];
  const perm = new Int32Array(flat.length);
  let k = 0;
  shards.forEach((s, p) => {
    if (rows[p].length === 0) return;
    parts.push(gather(s, new Tensor(Int32Array.from(rows[p]), [rows[p].length])));
    for (const i of where[p]) perm[i] = k++;
  });
  const stacked = parts.length === 1 ? parts[0] : concat(parts, 0);
  return reshape(gather(stacked, new Tensor(perm, [flat.length])), [...ids.shape, ...shards[0].shape.slice(1)]);
}
