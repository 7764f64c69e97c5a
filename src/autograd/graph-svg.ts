/** The recorded graph as a small SVG drawing: a layered left-to-right layout, no dependency. */
import type { Tensor } from '../tensor/tensor.js';
import { graphOf, nodeLines, type GraphNode } from './graph.js';

const esc = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const LINE = 14, // px per text line
  CHAR = 6.6, // px per character at font-size 11 (an estimate: no text measuring in Node)
  PAD = 8,
  GAP_X = 64,
  GAP_Y = 18,
  MARGIN = 16;

interface Box {
  node: GraphNode;
  lines: string[];
  w: number;
  h: number;
  x: number;
  y: number;
}

/** Orders each layer by the mean position of its neighbours in the layer before (one sweep each way). */
function orderLayers(layers: Box[][], inputsOf: Map<string, string[]>, usersOf: Map<string, string[]>): void {
  const pos = new Map<string, number>();
  const index = (layer: Box[]) => layer.forEach((b, i) => pos.set(b.node.id, i));
  layers.forEach(index);
  const sortBy = (layer: Box[], nbrs: Map<string, string[]>) => {
    const key = (b: Box) => {
      const ps = (nbrs.get(b.node.id) ?? []).map((id) => pos.get(id)!);
      return ps.length ? ps.reduce((a, c) => a + c, 0) / ps.length : pos.get(b.node.id)!;
    };
    const keys = new Map(layer.map((b) => [b, key(b)]));
    layer.sort((a, b) => keys.get(a)! - keys.get(b)! || a.node.id.localeCompare(b.node.id, 'en', { numeric: true }));
    index(layer);
  };
  for (let l = layers.length - 2; l >= 0; l--) sortBy(layers[l], usersOf);
  for (let l = 1; l < layers.length; l++) sortBy(layers[l], inputsOf);
}

/**
 * The graph of `toDot` drawn as a standalone SVG document (a string): each op one column
 * right of its deepest input, each leaf just left of its first user, the root last; leaves as
 * boxes (blue when they require a gradient, grey otherwise), ops as rounded boxes, the root
 * outlined bold, edges as arrows from input to op, row-sparse gradient edges dashed and
 * labelled. Each node carries a `<title>` (its op or name) and a `data-op` attribute.
 * Only presentation attributes, no script and no style element: it renders under a strict
 * Content-Security-Policy, in Node (write it to a file) and in the browser (DOMParser).
 * Deterministic. Text widths are estimated (about 6.6 px per character at 11 px).
 * Errors: those of `toDot` (t needs no gradient; a freed graph; not a Tensor).
 */
export function renderGraphSvg(t: Tensor): string {
  const { nodes, edges } = graphOf(t, 'renderGraphSvg');
  const root = nodes[nodes.length - 1];
  const inputsOf = new Map<string, string[]>(),
    usersOf = new Map<string, string[]>();
  for (const e of edges) {
    inputsOf.set(e.to, [...(inputsOf.get(e.to) ?? []), e.from]);
    usersOf.set(e.from, [...(usersOf.get(e.from) ?? []), e.to]);
  }
  // A leaf sits in the column just before its first user; an op in its own layer.
  const layerOf = new Map(nodes.map((n) => [n.id, n.layer]));
  for (const n of nodes) {
    if (n.op === null && usersOf.has(n.id))
      layerOf.set(n.id, Math.min(...usersOf.get(n.id)!.map((u) => layerOf.get(u)!)) - 1);
  }
  const layers: Box[][] = [];
  const boxes = new Map<string, Box>();
  for (const node of nodes) {
    const lines = nodeLines(node);
    const w = Math.ceil(Math.max(...lines.map((s) => s.length)) * CHAR + 2 * PAD);
    const box: Box = { node, lines, w, h: lines.length * LINE + PAD, x: 0, y: 0 };
    (layers[layerOf.get(node.id)!] ??= []).push(box);
    boxes.set(node.id, box);
  }
  orderLayers(layers, inputsOf, usersOf);

  const heights = layers.map((l) => l.reduce((s, b) => s + b.h, 0) + GAP_Y * (l.length - 1));
  const height = Math.max(...heights) + 2 * MARGIN;
  let x = MARGIN;
  layers.forEach((layer, l) => {
    const colW = Math.max(...layer.map((b) => b.w));
    let y = MARGIN + (height - 2 * MARGIN - heights[l]) / 2;
    for (const b of layer) {
      b.x = x + (colW - b.w) / 2;
      b.y = y;
      y += b.h + GAP_Y;
    }
    x += colW + GAP_X;
  });
  const width = x - GAP_X + MARGIN;

  const f = (v: number) => v.toFixed(1);
  const out = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${Math.ceil(width)}" height="${Math.ceil(height)}" viewBox="0 0 ${Math.ceil(width)} ${Math.ceil(height)}" font-family="Helvetica, Arial, sans-serif" font-size="11">`,
    '<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto"><path d="M0,0 L10,5 L0,10 z" fill="#555"/></marker></defs>',
    `<rect width="${Math.ceil(width)}" height="${Math.ceil(height)}" fill="white"/>`,
  ];
  for (const e of edges) {
    const a = boxes.get(e.from)!,
      b = boxes.get(e.to)!;
    const x1 = a.x + a.w,
      y1 = a.y + a.h / 2,
      x2 = b.x,
      y2 = b.y + b.h / 2,
      mx = (x1 + x2) / 2;
    const dash = e.rowSparse ? ' stroke-dasharray="5 3"' : '';
    out.push(
      `<path d="M${f(x1)},${f(y1)} C${f(mx)},${f(y1)} ${f(mx)},${f(y2)} ${f(x2)},${f(y2)}" fill="none" stroke="#555"${dash} marker-end="url(#arrow)"/>`,
    );
    if (e.rowSparse) {
      out.push(`<text x="${f(x1 + 3)}" y="${f(y1 - 4)}" font-size="9" fill="#a33">row-sparse</text>`);
    }
  }
  for (const b of boxes.values()) {
    const n = b.node;
    const fill = n.op !== null ? '#fff6d5' : n.requiresGrad ? '#dbe9f6' : '#eeeeee';
    const stroke = n === root ? ' stroke-width="2.5"' : '';
    out.push(`<g data-op="${esc(n.op ?? 'leaf')}"><title>${esc(n.op ?? n.name ?? 'leaf')}</title>`);
    out.push(
      `<rect x="${f(b.x)}" y="${f(b.y)}" width="${b.w}" height="${b.h}" rx="${n.op !== null ? 10 : 2}" fill="${fill}" stroke="#333"${stroke}/>`,
    );
    b.lines.forEach((s, i) => {
      const weight = i === 0 ? ' font-weight="bold"' : '';
      out.push(
        `<text x="${f(b.x + b.w / 2)}" y="${f(b.y + PAD / 2 + LINE * (i + 0.8))}" text-anchor="middle"${weight}>${esc(s)}</text>`,
      );
    });
    out.push('</g>');
  }
  out.push('</svg>');
  return out.join('\n') + '\n';
}
