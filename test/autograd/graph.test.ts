/** toDot / renderGraphSvg / producerOf: the recorded graph, read-only, drawn deterministically. */
import { describe, expect, it } from 'vitest';
import {
  add,
  gather,
  graphOf,
  matMul,
  mul,
  noGrad,
  producerOf,
  renderGraphSvg,
  sum,
  tensor,
  TapegradError,
  toDot,
  type Tensor,
} from '../../src/index.js';
import { parseXml } from './xml.js';

/** sum(x·W + b) with x a constant [2, 3], W [3, 2] and b [2] named leaves. */
function small(): { y: Tensor; W: Tensor } {
  const x = tensor([
    [1, 2, 3],
    [4, 5, 6],
  ]);
  const W = tensor(
    [
      [1, 0],
      [0, 1],
      [1, 1],
    ],
    { requiresGrad: true, name: 'W' },
  );
  const b = tensor([0.5, -0.5], { requiresGrad: true, name: 'b' });
  return { y: sum(add(matMul(x, W), b)), W };
}

const EXPECTED = `digraph tape {
  rankdir=LR;
  node [fontname="Helvetica", fontsize=10];
  n0 [shape=box, label="constant\\nfloat32 [2, 3]\\nrequiresGrad: false"];
  n1 [shape=box, label="W\\nfloat32 [3, 2]\\nrequiresGrad: true", style=filled, fillcolor="#dbe9f6"];
  n2 [shape=ellipse, label="matMul\\nfloat32 [2, 2]"];
  n3 [shape=box, label="b\\nfloat32 [2]\\nrequiresGrad: true", style=filled, fillcolor="#dbe9f6"];
  n4 [shape=ellipse, label="add\\nfloat32 [2, 2]"];
  n5 [shape=ellipse, label="sum\\nfloat32 []", penwidth=2];
  n0 -> n2;
  n1 -> n2;
  n2 -> n4;
  n3 -> n4;
  n4 -> n5;
}
`;

describe('producerOf', () => {
  it('names the op and its inputs, null for leaves and constants, freed after backward', () => {
    const a = tensor([1, 2], { requiresGrad: true });
    const c = tensor([3, 4]);
    const m = mul(a, c);
    expect(producerOf(a)).toBeNull();
    expect(producerOf(c)).toBeNull();
    const p = producerOf(m)!;
    expect(p.op).toBe('mul');
    expect(p.inputs[0]).toBe(a);
    expect(p.inputs[1]).toBe(c);
    expect(p.freed).toBe(false);
    sum(m).backward();
    expect(producerOf(m)!.freed).toBe(true);
    expect(noGrad(() => producerOf(mul(a, c)))).toBeNull();
  });
});

describe('toDot', () => {
  it('gives the expected text for sum(x·W + b), and the same text again', () => {
    expect(toDot(small().y)).toBe(EXPECTED);
    expect(toDot(small().y)).toBe(toDot(small().y));
  });

  it('marks the row-sparse gradient edge of gather and draws a reused input twice', () => {
    const E = tensor([[1], [2], [3]], { requiresGrad: true, name: 'E' });
    const g = gather(E, tensor(new Int32Array([2, 0]), [2]));
    const dot = toDot(mul(g, g));
    expect(dot).toContain('n0 -> n1 [style=dashed, label="row-sparse grad"];');
    expect(dot.match(/n1 -> n2;/g)).toHaveLength(2);
    const { edges } = graphOf(mul(g, g));
    expect(edges.map((e) => e.rowSparse)).toEqual([true, false, false]);
  });

  it('escapes quotes and backslashes in names', () => {
    const a = tensor([1], { requiresGrad: true, name: 'a "quoted" \\ name' });
    expect(toDot(a)).toContain('label="a \\"quoted\\" \\\\ name\\nfloat32 [1]\\nrequiresGrad: true"');
  });

  it('refuses a freed graph and a tensor that needs no gradient, with a clear message', () => {
    const { y } = small();
    y.backward();
    expect(() => toDot(y)).toThrow(TapegradError);
    expect(() => toDot(y)).toThrow(
      /toDot: t must be a graph not yet freed \(pass \{ retainGraph: true \}.*freed by an earlier backward/,
    );
    const kept = small().y;
    kept.backward(undefined, { retainGraph: true });
    expect(toDot(kept)).toBe(EXPECTED);
    expect(() => toDot(tensor([1, 2]))).toThrow(/toDot: t must be a tensor recorded on the tape.*requires no gradient/);
    expect(() => toDot(noGrad(() => small().y))).toThrow(TapegradError);
    expect(() => toDot({} as Tensor)).toThrow(/toDot: t must be a Tensor/);
  });
});

describe('renderGraphSvg', () => {
  it('is well-formed XML that names every op and leaf, and deterministic', () => {
    const { y } = small();
    const svg = renderGraphSvg(y);
    const { elements, texts } = parseXml(svg);
    expect(elements[0]).toBe('svg');
    for (const op of ['matMul', 'add', 'sum', 'W', 'b', 'constant']) expect(texts).toContain(op);
    expect(svg.match(/<g data-op="/g)).toHaveLength(graphOf(y).nodes.length);
    expect(svg.match(/marker-end=/g)).toHaveLength(graphOf(y).edges.length);
    expect(renderGraphSvg(small().y)).toBe(svg);
  });

  it('draws a lone leaf, and a leaf used at two depths once', () => {
    const a = tensor([1, 2], { requiresGrad: true, name: 'a' });
    expect(parseXml(renderGraphSvg(a)).texts).toEqual(['a', 'a', 'float32 [2]', 'requiresGrad: true']);
    const y = mul(sum(mul(a, a)), a);
    const svg = renderGraphSvg(y);
    expect(svg.match(/<g data-op="leaf"/g)).toHaveLength(1);
    expect(svg.match(/marker-end=/g)).toHaveLength(5); // a·a (2), sum (1), sum·a (2)
  });

  it('escapes names and refuses what toDot refuses', () => {
    const a = tensor([1], { requiresGrad: true, name: '<W & b>' });
    expect(parseXml(renderGraphSvg(mul(a, a))).texts).toContain('<W & b>');
    expect(() => renderGraphSvg(tensor([1]))).toThrow(/renderGraphSvg: t must be a tensor recorded/);
  });
});
