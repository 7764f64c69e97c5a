/** Argument checks shared by the sampled and the full losses (SPEC-sampled-losses.md §6). */
import { TapegradError } from '../../tensor/errors.js';
import { checkIds } from '../../tensor/gather.js';
import { shapeStr } from '../../tensor/shape.js';
import { Tensor } from '../../tensor/tensor.js';
import { checkShards, type PartitionStrategy } from '../embedding.js';

/** The class parameters and the batch every loss takes. */
export interface ClassParams {
  /** [C, D], or shards [C_p, D] with Σ C_p = C. */
  weights: Tensor | readonly Tensor[];
  /** [C], or shards [C_p]. */
  biases: Tensor | readonly Tensor[];
  /** int32 [B, T]: the true classes of each example. */
  labels: Tensor;
  /** [B, D]: the examples' activations. */
  inputs: Tensor;
  /** C. */
  numClasses: number;
  /** T, the labels per example (default 1). */
  numTrue?: number;
  partitionStrategy?: PartitionStrategy;
}

/** Sizes read off validated arguments. */
export interface Checked {
  weights: readonly Tensor[];
  biases: readonly Tensor[];
  B: number;
  T: number;
  D: number;
  C: number;
}

const typeOf = (t: Tensor) => `${t.dtype} ${shapeStr(t.shape)}`;

/** A positive integer, else a TapegradError naming `arg`. */
export function checkCount(fn: string, arg: string, v: unknown): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1)
    throw new TapegradError(fn, arg, 'an integer ≥ 1', String(v));
  return v;
}

/**
 * Checks weights, biases, labels, inputs, numClasses and numTrue against each other:
 * labels int32 [B, T] with ids in [0, C); inputs float [B, D] with the labels' B (no
 * silent broadcast of a batch of 1); weights C rows of D; biases C entries; shards of one
 * row shape; a known partitionStrategy.
 */
export function checkClassParams(fn: string, o: ClassParams): Checked {
  const C = checkCount(fn, 'numClasses', o.numClasses);
  const T = checkCount(fn, 'numTrue', o.numTrue ?? 1);
  const { labels, inputs } = o;
  if (!(inputs instanceof Tensor) || inputs.rank !== 2 || inputs.dtype === 'int32') {
    throw new TapegradError(
      fn,
      'inputs',
      'a float tensor of shape [B, D]',
      inputs instanceof Tensor ? typeOf(inputs) : String(inputs),
    );
  }
  const [B, D] = inputs.shape;
  if (
    !(labels instanceof Tensor) ||
    labels.dtype !== 'int32' ||
    labels.rank !== 2 ||
    labels.shape[0] !== B ||
    labels.shape[1] !== T
  ) {
    throw new TapegradError(
      fn,
      'labels',
      `int32 of shape [B, numTrue] = [${B}, ${T}]`,
      labels instanceof Tensor ? typeOf(labels) : String(labels),
    );
  }
  checkIds(fn, 'labels', labels, C);
  if (o.partitionStrategy !== undefined && o.partitionStrategy !== 'mod' && o.partitionStrategy !== 'div') {
    throw new TapegradError(fn, 'partitionStrategy', "'mod' or 'div'", JSON.stringify(o.partitionStrategy));
  }
  const weights = o.weights instanceof Tensor ? [o.weights] : o.weights;
  const biases = o.biases instanceof Tensor ? [o.biases] : o.biases;
  const rows = checkShards(fn, 'weights', weights);
  if (weights[0].rank !== 2 || weights[0].shape[1] !== D || rows !== C || weights[0].dtype === 'int32') {
    throw new TapegradError(
      fn,
      'weights',
      `float [numClasses, D] = [${C}, ${D}] in all (D of inputs)`,
      `${weights[0].dtype} [${rows}, ${weights[0].shape.slice(1).join(', ')}]`,
    );
  }
  const entries = checkShards(fn, 'biases', biases);
  if (biases[0].rank !== 1 || entries !== C || biases[0].dtype === 'int32') {
    throw new TapegradError(
      fn,
      'biases',
      `float [numClasses] = [${C}] in all`,
      `${biases[0].dtype} [${entries}${biases[0].rank > 1 ? ', …' : ''}]`,
    );
  }
  return { weights, biases, B, T, D, C };
}

/** A float tensor of exactly `shape` without NaN, else a TapegradError naming `arg`. */
export function checkCounts(fn: string, arg: string, t: Tensor, shape: number[]): void {
  if (!(t instanceof Tensor) || t.dtype === 'int32' || shapeStr(t.shape) !== shapeStr(shape)) {
    throw new TapegradError(
      fn,
      arg,
      `a float tensor of shape ${shapeStr(shape)}`,
      t instanceof Tensor ? typeOf(t) : String(t),
    );
  }
  const d = t.dataSync();
  const i = d.findIndex((v) => Number.isNaN(v));
  if (i >= 0) throw new TapegradError(fn, `${arg} (element ${i})`, 'a number', 'NaN');
}
