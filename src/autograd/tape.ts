/**
 * The tape. Each differentiable op records one node: its name, inputs, output and a
 * backward closure mapping the output's gradient to its inputs' gradients. `backward()`
 * walks the recorded nodes reachable from a result in reverse order of recording and
 * accumulates. Nothing outside this file knows how the tape works; ops use `defineOp`.
 */
import { TapegradError } from '../tensor/errors.js';
import { RowSparse } from '../tensor/rowsparse.js';
import { sameShape, shapeStr } from '../tensor/shape.js';
import { Tensor } from '../tensor/tensor.js';
import { addInto } from '../tensor/adapter.js';
import { fill } from '../tensor/create.js';

/** A gradient: dense, or row-sparse (from `gather`). */
export type Grad = Tensor | RowSparse;

/**
 * Maps the output's gradient `gy` (dense, the output's shape and dtype) to one gradient per
 * input: the input's shape and dtype, or a falsy value where `needs[i]` is false (skip the work).
 */
export type Backward = (gy: Tensor, needs: readonly boolean[]) => ReadonlyArray<Grad | null | undefined | false>;

/** What an op's forward returns: the output and the backward closure over what it keeps. */
export interface OpResult {
  out: Tensor;
  backward: Backward;
}

interface TapeNode {
  readonly seq: number;
  readonly name: string;
  readonly inputs: readonly Tensor[];
  readonly needs: readonly boolean[];
  backward: Backward | null; // null once freed by a backward pass
}

const producer = new WeakMap<Tensor, TapeNode>();
let recording = true;
let nextSeq = 0;

/** Whether ops record onto the tape now. */
export function isRecording(): boolean {
  return recording;
}

/** Runs `fn` with recording off: no op inside it records, no result requires a gradient. */
export function noGrad<T>(fn: () => T): T {
  const prev = recording;
  recording = false;
  try {
    return fn();
  } finally {
    recording = prev;
  }
}

/** Runs `fn` with recording set to `on` (valueAndGrads and gradcheck force it on). */
export function withRecording<T>(on: boolean, fn: () => T): T {
  const prev = recording;
  recording = on;
  try {
    return fn();
  } finally {
    recording = prev;
  }
}

/**
 * The one way to define a differentiable op. Runs `forward`; when recording is on and any
 * input requires a gradient, pushes a node onto the tape and marks the output as requiring
 * a gradient. `forward` returns the output and a backward closure capturing what it keeps.
 */
export function defineOp(name: string, inputs: readonly Tensor[], forward: () => OpResult): Tensor {
  const { out, backward } = forward();
  const needs = inputs.map((x) => x.requiresGrad);
  if (recording && needs.some(Boolean)) {
    const node: TapeNode = { seq: nextSeq++, name, inputs, needs, backward };
    producer.set(out, node);
    out.requiresGrad = true;
  }
  return out;
}

/** True for a tensor that requires a gradient and was not made by a recorded op. */
export const isLeaf = (x: Tensor): boolean => x.requiresGrad && !producer.has(x);

/** A tensor over the same data, cut from the tape: no gradient flows back through it. */
export function detach(x: Tensor): Tensor {
  return new Tensor(x.data, x.shape, x.strides, x.offset);
}

function denseOf(g: Grad): Tensor {
  return g instanceof RowSparse ? g.toDense() : g;
}

/** a + b for gradients; row-sparse + row-sparse stays row-sparse. Never mutates a or b. */
export function addGrads(a: Grad, b: Grad): Grad {
  if (a instanceof RowSparse && b instanceof RowSparse) return a.add(b);
  if (a instanceof RowSparse) return addGrads(b, a);
  const out = new Tensor(a.dataSync(), a.shape);
  if (b instanceof RowSparse) b.scatterAddInto(out.data, 1);
  else addInto(out, b);
  return out;
}

function checkGrad(node: TapeNode, i: number, g: Grad): void {
  const x = node.inputs[i];
  const shape = g instanceof RowSparse ? g.denseShape : g.shape;
  if (!sameShape(shape, x.shape) || g.dtype !== x.dtype) {
    throw new TapegradError(
      `${node.name} (backward)`,
      `the gradient of input ${i}`,
      `${x.dtype} ${shapeStr(x.shape)} like the input`,
      `${g.dtype} ${shapeStr(shape)}`,
    );
  }
}

/** Options of `backward`. */
export interface BackwardOptions {
  /** Keep the graph so that a second backward through it works (default false: freed). */
  retainGraph?: boolean;
}

/**
 * Accumulates d(Σ root · grad)/d(leaf) into `.grad` of every leaf that requires a gradient.
 * `grad` defaults to ones of root's shape (for a scalar: d root / d leaf). Each node's
 * backward runs with recording off. Errors: root not on the tape; the graph was freed by an
 * earlier backward (pass `retainGraph`); a backward returned a gradient of the wrong shape
 * or dtype (naming the op and the input).
 */
export function backward(root: Tensor, grad?: Tensor, options: BackwardOptions = {}): void {
  if (!root.requiresGrad) {
    throw new TapegradError(
      'backward',
      'the tensor',
      'the result of ops on a tensor with requiresGrad',
      'a tensor that requires no gradient',
    );
  }
  if (grad && (!sameShape(grad.shape, root.shape) || grad.dtype !== root.dtype)) {
    throw new TapegradError(
      'backward',
      'grad',
      `${root.dtype} ${shapeStr(root.shape)}`,
      `${grad.dtype} ${shapeStr(grad.shape)}`,
    );
  }
  // Collect the recorded nodes reachable from root; run them in reverse recording order.
  const nodes: { node: TapeNode; out: Tensor }[] = [];
  const seen = new Set<Tensor>();
  const stack = [root];
  while (stack.length) {
    const t = stack.pop()!;
    if (seen.has(t)) continue;
    seen.add(t);
    const node = producer.get(t);
    if (!node) continue;
    nodes.push({ node, out: t });
    node.inputs.forEach((x, i) => node.needs[i] && stack.push(x));
  }
  nodes.sort((a, b) => b.node.seq - a.node.seq);

  const grads = new Map<Tensor, Grad>([[root, grad ?? fill(root.shape, 1, root.dtype)]]);
  withRecording(false, () => {
    for (const { node, out } of nodes) {
      const gy = grads.get(out);
      grads.delete(out);
      if (!gy) continue;
      if (!node.backward) {
        throw new TapegradError(
          'backward',
          `the graph through ${node.name}`,
          'not yet freed (pass { retainGraph: true } to the first backward)',
          'a graph freed by an earlier backward',
        );
      }
      const gxs = node.backward(denseOf(gy), node.needs);
      node.inputs.forEach((x, i) => {
        const g = gxs[i];
        if (!node.needs[i] || !g) return;
        checkGrad(node, i, g);
        const prev = grads.get(x);
        grads.set(x, prev ? addGrads(prev, g) : g);
      });
    }
  });
  if (!options.retainGraph) for (const { node } of nodes) node.backward = null;
  for (const [x, g] of grads) {
    if (isLeaf(x)) x.grad = x.grad ? addGrads(x.grad, g) : g;
  }
}

declare module '../tensor/tensor.js' {
  interface Tensor {
    /** See `backward(root, grad?, options?)`: accumulates gradients into the leaves' `.grad`. */
    backward(grad?: Tensor, options?: BackwardOptions): void;
  }
}
Tensor.prototype.backward = function (this: Tensor, grad?: Tensor, options?: BackwardOptions) {
  backward(this, grad, options);
};

/** What `producerOf` tells about the op that made a tensor (read-only; the tape stays private). */
export interface Producer {
  /** The op's name, as it was recorded: 'matMul', 'gather', 'sampledLogits', … */
  readonly op: string;
  /** The op's inputs, in order (a copy of the list; the tensors themselves). */
  readonly inputs: readonly Tensor[];
  /** True once a backward pass without `retainGraph` has freed this node. */
  readonly freed: boolean;
}

/**
 * The recorded op that produced `t`, or null for a tensor no recorded op made (a leaf, a
 * constant, or a result computed with recording off): micrograd's `_op` and `_prev`, for
 * drawing and debugging. Reads the tape, never changes it. Errors: none (any Tensor).
 */
export function producerOf(t: Tensor): Producer | null {
  const node = producer.get(t);
  return node ? { op: node.name, inputs: [...node.inputs], freed: node.backward === null } : null;
}
