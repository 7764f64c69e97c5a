/**
 * The recorded graph behind a tensor, read off the tape with `producerOf` (nothing here
 * knows how the tape works), and drawn as Graphviz DOT. The SVG drawing is in graph-svg.ts.
 */
import { TapegradError } from '../tensor/errors.js';
import { shapeStr } from '../tensor/shape.js';
import { Tensor } from '../tensor/tensor.js';
import { producerOf } from './tape.js';

/** One node of a drawn graph: an op's output, or a leaf (a tensor no recorded op made). */
export interface GraphNode {
  /** 'n0', 'n1', …: inputs before the ops that use them (a topological order). */
  readonly id: string;
  /** The op's name, or null for a leaf. */
  readonly op: string | null;
  /** The tensor's shape. */
  readonly shape: readonly number[];
  /** The tensor's dtype. */
  readonly dtype: string;
  /** Whether a gradient flows to the tensor. */
  readonly requiresGrad: boolean;
  /** The tensor's `name` label, if it has one. */
  readonly name: string | undefined;
  /** 0 for leaves; for an op, 1 + the largest layer of its inputs. */
  readonly layer: number;
}

/** An edge from an input to the op that used it. */
export interface GraphEdge {
  /** The input's node id. */
  readonly from: string;
  /** The op's node id. */
  readonly to: string;
  /** The input's position among the op's inputs. */
  readonly input: number;
  /** The gradient along this edge is row-sparse, as its op declares (gather's params, candidateLogits' weights). */
  readonly rowSparse: boolean;
}

/** A graph: nodes in topological order (the root last) and edges in the ops' input order. */
export interface TapeGraph {
  /** Leaves and ops, inputs first, the root last. */
  readonly nodes: readonly GraphNode[];
  /** One per (input, op) use. */
  readonly edges: readonly GraphEdge[];
}

/**
 * The graph that produced `t`: every recorded op reachable from `t` through its inputs, and
 * every leaf where the walk stops. Deterministic: the same expression gives the same ids in
 * the same order (a depth-first walk over inputs in order, outputs numbered after inputs).
 * Cost O(nodes + edges); reads the tape, never changes it.
 * Errors (TapegradError, `fn` names the caller): `t` not a Tensor; `t` needs no gradient
 * (nothing was recorded: it was computed with recording off or from tensors without
 * requiresGrad); some op of the graph was freed by a backward pass without `retainGraph`.
 */
export function graphOf(t: Tensor, fn = 'graphOf'): TapeGraph {
  if (!(t instanceof Tensor)) throw new TapegradError(fn, 't', 'a Tensor', t === null ? 'null' : typeof t);
  if (!t.requiresGrad) {
    throw new TapegradError(
      fn,
      't',
      'a tensor recorded on the tape (the result of ops on a tensor with requiresGrad, outside noGrad)',
      'a tensor that requires no gradient, so no graph was recorded',
    );
  }
  const ids = new Map<Tensor, GraphNode>();
  const nodes: GraphNode[] = [];
  const edges: GraphEdge[] = [];
  // An explicit stack (a long chain of ops must not overflow the call stack).
  const stack: { x: Tensor; expanded: boolean }[] = [{ x: t, expanded: false }];
  while (stack.length) {
    const top = stack[stack.length - 1];
    if (ids.has(top.x)) {
      stack.pop();
      continue;
    }
    const p = producerOf(top.x);
    if (p?.freed) {
      throw new TapegradError(
        fn,
        't',
        'a graph not yet freed (pass { retainGraph: true } to backward to draw it afterwards)',
        `a graph whose ${p.op} was freed by an earlier backward`,
      );
    }
    if (p && !top.expanded) {
      top.expanded = true;
      for (let i = p.inputs.length - 1; i >= 0; i--)
        if (!ids.has(p.inputs[i])) stack.push({ x: p.inputs[i], expanded: false });
      continue;
    }
    stack.pop();
    const inputs = p ? p.inputs.map((x) => ids.get(x)!) : [];
    const node: GraphNode = {
      id: `n${nodes.length}`,
      op: p ? p.op : null,
      shape: top.x.shape,
      dtype: top.x.dtype,
      requiresGrad: top.x.requiresGrad,
      name: top.x.name,
      layer: inputs.reduce((m, x) => Math.max(m, x.layer + 1), 0),
    };
    ids.set(top.x, node);
    nodes.push(node);
    inputs.forEach((x, i) =>
      edges.push({ from: x.id, to: node.id, input: i, rowSparse: p!.rowSparseInputs.includes(i) }),
    );
  }
  return { nodes, edges };
}

/** The lines of a node's label: its name or op, then dtype and shape (and requiresGrad for a leaf). */
export function nodeLines(n: GraphNode): string[] {
  const type = `${n.dtype} ${shapeStr(n.shape)}`;
  if (n.op !== null) return [n.name === undefined ? n.op : `${n.op} → ${n.name}`, type];
  return [n.name ?? (n.requiresGrad ? 'leaf' : 'constant'), type, `requiresGrad: ${n.requiresGrad}`];
}

const quote = (s: string): string => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`;

/**
 * The recorded graph that produced `t`, as Graphviz DOT (`dot -Tsvg` draws it), read left to
 * right: one box per leaf (its name or 'leaf' / 'constant', dtype and shape, requiresGrad),
 * one ellipse per op (its name, the dtype and shape of its output), an edge from each input
 * to the op that used it, dashed and labelled "row-sparse grad" where the gradient flowing
 * back along it is row-sparse, as the op declares (gather's params, candidateLogits' weights).
 * The root is drawn bold. Deterministic: the
 * same graph gives the same text. For example `matMul(x, W)` with W named 'W':
 *
 *   n0 [shape=box, label="constant\nfloat32 [4, 3]\nrequiresGrad: false"];
 *   n1 [shape=box, label="W\nfloat32 [3, 2]\nrequiresGrad: true", style=filled, fillcolor="#dbe9f6"];
 *   n2 [shape=ellipse, label="matMul\nfloat32 [4, 2]", penwidth=2];
 *   n0 -> n2;
 *   n1 -> n2;
 *
 * Errors: those of `graphOf` (t needs no gradient; a freed graph; not a Tensor).
 */
export function toDot(t: Tensor): string {
  const { nodes, edges } = graphOf(t, 'toDot');
  const root = nodes[nodes.length - 1];
  const lines = ['digraph tape {', '  rankdir=LR;', '  node [fontname="Helvetica", fontsize=10];'];
  for (const n of nodes) {
    const attrs = [`shape=${n.op === null ? 'box' : 'ellipse'}`, `label=${quote(nodeLines(n).join('\n'))}`];
    if (n.op === null && n.requiresGrad) attrs.push('style=filled', 'fillcolor="#dbe9f6"');
    if (n === root) attrs.push('penwidth=2');
    lines.push(`  ${n.id} [${attrs.join(', ')}];`);
  }
  for (const e of edges) {
    lines.push(`  ${e.from} -> ${e.to}${e.rowSparse ? ' [style=dashed, label="row-sparse grad"]' : ''};`);
  }
  lines.push('}');
  return lines.join('\n') + '\n';
}
