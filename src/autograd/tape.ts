/**
 * The tape. Each differentiable op records one node under its output: its name, inputs and
 * a backward closure mapping the output's gradient to its inputs' gradients. `backward()`
 * walks the recorded nodes reachable from a result in reverse order of recording and
 * accumulates. Nothing outside this file knows how the tape works; ops use `defineOp`.
 */
import {
  checkBoolean,
  checkFunction,
  checkKeys,
  checkObject,
  checkTensor,
  checkTensorList,
  describe,
  fail,
} from '../tensor/check.js';
import { TapegradError } from '../tensor/errors.js';
import { sameShape, shapeStr } from '../tensor/shape.js';
import { rowMajor, Tensor } from '../tensor/tensor.js';
import { fill } from '../tensor/create.js';
import { gradShape, isGradOf, sumGrads, type Grad } from './grads.js';

export type { Grad };

/**
 * Maps the output's gradient `gy` (dense, the output's shape and dtype) to one gradient per
 * input: the input's shape and dtype, or null where `needs[i]` is false (skip the work) or
 * where the input gets no gradient.
 */
export type Backward = (gy: Tensor, needs: readonly boolean[]) => ReadonlyArray<Grad | null>;

/** What an op's forward returns: the output and the backward closure over what it keeps. */
export interface OpResult {
  /** The forward result. */
  out: Tensor;
  /** Called by `backward()` with the output's gradient. */
  backward: Backward;
  /** The inputs whose gradient `backward` returns row-sparse (e.g. gather's params); default none. */
  rowSparse?: readonly number[];
}

interface TapeNode {
  readonly seq: number;
  readonly name: string;
  readonly inputs: readonly Tensor[];
  readonly needs: readonly boolean[];
  readonly rowSparse: readonly number[];
  backward: Backward | null; // null once freed by a backward pass
}

const producer = new WeakMap<Tensor, TapeNode>();
let recording = true;
let nextSeq = 0;

/** Whether ops record onto the tape now. */
export function isRecording(): boolean {
  return recording;
}

/** Runs `fn` with recording set to `on` (noGrad turns it off; valueAndGrads and gradcheck force it on). */
export function withRecording<T>(on: boolean, fn: () => T): T {
  const prev = recording;
  recording = on;
  try {
    return fn();
  } finally {
    recording = prev;
  }
}

/** Runs `fn` with recording off: no op inside it records, no result requires a gradient. Errors: fn not a function. */
export function noGrad<T>(fn: () => T): T {
  return withRecording(false, checkFunction<() => T>('noGrad', 'fn', fn));
}

/**
 * The one way to define a differentiable op. Runs `forward` (with recording off: an op's
 * kernels never record); when recording is on and any input requires a gradient, pushes a
 * node onto the tape and marks the output as requiring a gradient. `forward` returns the
 * output and a backward closure capturing what it keeps.
 * Errors: a name that is not a string, inputs not an array of Tensors, forward not a
 * function or not returning `{ out: Tensor, backward: function }`.
 */
export function defineOp(name: string, inputs: readonly Tensor[], forward: () => OpResult): Tensor {
  if (typeof name !== 'string' || typeof forward !== 'function' || !Array.isArray(inputs)) {
    checkOp(name, inputs, forward, undefined);
  }
  for (let i = 0; i < inputs.length; i++) if (!(inputs[i] instanceof Tensor)) checkOp(name, inputs, forward, undefined);
  const result = withRecording(false, forward);
  const needs = inputs.map((x) => x.requiresGrad);
  if (!(result?.out instanceof Tensor) || typeof result.backward !== 'function') checkOp(name, inputs, forward, result);
  if (recording && needs.some(Boolean)) {
    const rowSparse = result.rowSparse ?? [];
    producer.set(result.out, { seq: nextSeq++, name, inputs, needs, rowSparse, backward: result.backward });
    result.out.requiresGrad = true;
  }
  return result.out;
}

/** The errors of a user's defineOp call (the library's own ops never reach this). */
function checkOp(name: unknown, inputs: unknown, forward: unknown, result: unknown): never {
  if (typeof name !== 'string') fail('defineOp', 'name', 'a string', name);
  checkTensorList('defineOp', 'inputs', inputs);
  checkFunction('defineOp', 'forward', forward);
  return fail('defineOp', 'the result of forward', '{ out: Tensor, backward: function }', result);
}

// x.contiguous() records: a copy of a tensor that requires a gradient is an op (∂x = g).
Tensor.prototype.contiguous = function (this: Tensor): Tensor {
  if (this.isContiguous()) return this;
  return defineOp('contiguous', [this], () => ({ out: rowMajor(this), backward: (g) => [g] }));
};

/** True for a tensor that requires a gradient and was not made by a recorded op. */
export const isLeaf = (x: Tensor): boolean => x.requiresGrad && !producer.has(x);

/**
 * A tensor over the same data, cut from the tape: no gradient flows back through it, and it
 * requires none (set `requiresGrad` on it to make it a fresh leaf). Errors: x not a Tensor.
 */
export function detach(x: Tensor): Tensor {
  checkTensor('detach', 'x', x);
  return new Tensor(x.data, x.shape, x.strides, x.offset);
}

/** A needed input's gradient must be null or a Grad of the input's shape and dtype. */
function checkGrad(node: TapeNode, i: number, g: unknown): g is Grad {
  if (g === null) return false;
  const x = node.inputs[i];
  if (!isGradOf(g, x.shape, x.dtype)) {
    const shape = gradShape(g);
    throw new TapegradError(
      `${node.name} (backward)`,
      `the gradient of input ${i}`,
      `${x.dtype} ${shapeStr(x.shape)} like the input`,
      shape ? `${(g as Grad).dtype} ${shapeStr(shape)}` : describe(g),
    );
  }
  return true;
}

/** The recorded nodes reachable from root, each with its output, latest recorded first. */
function nodesBehind(root: Tensor): { node: TapeNode; out: Tensor }[] {
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
  return nodes.sort((a, b) => b.node.seq - a.node.seq);
}

/**
 * The name of the first op behind `root` (latest recorded first) whose backward does not
 * scale with its upstream gradient: a zero upstream must give zero gradients, a doubled one
 * doubled gradients. null when every op's does. gradcheck uses it to name the culprit; the
 * graph must not be freed (a freed node is skipped).
 */
export function opIgnoringUpstream(root: Tensor): string | null {
  const flat = (g: Grad | null) => (g === null ? [] : Array.from(g.toDense().dataSync()));
  const close = (a: number, b: number) => Object.is(a, b) || Math.abs(a - b) <= 1e-12 * (1 + Math.abs(b));
  return withRecording(false, () => {
    for (const { node, out } of nodesBehind(root)) {
      if (!node.backward) continue;
      const run = (v: number) => node.backward!(fill(out.shape, v, out.dtype), node.needs).map(flat);
      const [zero, one, two] = [run(0), run(1), run(2)];
      const scales = one.every((g, i) => g.every((v, k) => zero[i][k] === 0 && close(two[i][k], 2 * v)));
      if (!scales) return node.name;
    }
    return null;
  });
}

/** Options of `backward`. */
export interface BackwardOptions {
  /** Keep the graph so that a second backward through it works (default false: freed). */
  retainGraph?: boolean;
}

/**
 * A leaf's `.grad`, which backward adds to, is null or a gradient of its shape and dtype (a
 * value set by hand is checked before anything runs, so a refusal changes no gradient).
 */
function checkLeafGrad(x: Tensor): void {
  const g: unknown = x.grad;
  if (!isLeaf(x) || g === null) return;
  if (!isGradOf(g, x.shape, x.dtype)) {
    const name = x.name === undefined ? 'a leaf' : `leaf ${x.name}`;
    fail('backward', `the .grad of ${name}`, `null or a ${x.dtype} ${shapeStr(x.shape)} gradient like the leaf`, g);
  }
}

/** backward's options object, with no key but retainGraph. */
function checkBackwardOptions(options: unknown): Record<string, unknown> {
  const o = checkObject('backward', 'options', options);
  checkKeys('backward', 'options', o, ['retainGraph']);
  return o;
}

/**
 * Accumulates d(Σ root · grad)/d(leaf) into `.grad` of every leaf that requires a gradient.
 * `grad` defaults to ones of root's shape (for a scalar: d root / d leaf). Each node's
 * backward runs with recording off. Errors: root not on the tape; the graph was freed by an
 * earlier backward (pass `retainGraph`); a backward returned a gradient of the wrong shape
 * or dtype (naming the op and the input).
 */
export function backward(root: Tensor, grad?: Tensor, options: BackwardOptions = {}): void {
  checkTensor('backward', 'the tensor', root);
  if (grad !== undefined) checkTensor('backward', 'grad', grad);
  const retainGraph = checkBoolean('backward', 'options.retainGraph', checkBackwardOptions(options).retainGraph, false);
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
  const nodes = nodesBehind(root);
  checkLeafGrad(root);
  for (const { node } of nodes) node.inputs.forEach(checkLeafGrad);
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
      const gxs = node.backward(gy.toDense(), node.needs);
      if (!Array.isArray(gxs)) fail(`${node.name} (backward)`, 'the result', 'an array of gradients', gxs);
      node.inputs.forEach((x, i) => {
        const g = gxs[i];
        if (!node.needs[i] || !checkGrad(node, i, g)) return;
        const prev = grads.get(x);
        grads.set(x, prev ? sumGrads(prev, g) : g);
      });
    }
  });
  if (!retainGraph) for (const { node } of nodes) node.backward = null;
  for (const [x, g] of grads) {
    if (isLeaf(x)) x.grad = x.grad ? sumGrads(x.grad, g) : g;
  }
}

declare module '../tensor/tensor.js' {
  /** The tape adds `backward()` to every tensor. */
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
  /** The inputs (by position) whose gradient the op returns row-sparse. */
  readonly rowSparseInputs: readonly number[];
  /** True once a backward pass without `retainGraph` has freed this node. */
  readonly freed: boolean;
}

/**
 * The recorded op that produced `t`, or null for a tensor no recorded op made (a leaf, a
 * constant, or a result computed with recording off): micrograd's `_op` and `_prev`, for
 * drawing and debugging. Reads the tape, never changes it. Errors: t not a Tensor.
 */
export function producerOf(t: Tensor): Producer | null {
  checkTensor('producerOf', 't', t);
  const node = producer.get(t);
  return node
    ? { op: node.name, inputs: [...node.inputs], rowSparseInputs: node.rowSparse, freed: node.backward === null }
    : null;
}
