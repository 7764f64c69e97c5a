/**
 * A small XML well-formedness check for tests (no dependency): one root element, tags
 * balanced and properly nested, attributes name="value" without a raw '<' or an unescaped
 * '&', text without a raw '<' or '&' except the five predefined entities. Returns the
 * element names in document order; throws an Error naming the first fault.
 */
export function parseXml(text: string): { elements: string[]; texts: string[] } {
  const elements: string[] = [];
  const texts: string[] = [];
  const open: string[] = [];
  const entity = /&(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);/g;
  const checkText = (s: string, where: string) => {
    const bare = s.replace(entity, '');
    if (bare.includes('&') || bare.includes('<')) throw new Error(`raw '&' or '<' in ${where}: ${s.slice(0, 40)}`);
  };
  let i = 0;
  let roots = 0;
  while (i < text.length) {
    const lt = text.indexOf('<', i);
    const chunk = lt < 0 ? text.slice(i) : text.slice(i, lt);
    if (chunk.trim() !== '') {
      if (open.length === 0) throw new Error(`text outside the root: ${chunk.slice(0, 40)}`);
      checkText(chunk, 'text');
      texts.push(
        chunk
          .replace(/&lt;/g, '<')
          .replace(/&gt;/g, '>')
          .replace(/&quot;/g, '"')
          .replace(/&amp;/g, '&'),
      );
    }
    if (lt < 0) break;
    const gt = text.indexOf('>', lt);
    if (gt < 0) throw new Error(`unclosed tag at ${lt}`);
    const tag = text.slice(lt + 1, gt);
    i = gt + 1;
    if (tag.startsWith('?') || tag.startsWith('!--')) continue;
    if (tag.startsWith('/')) {
      const name = tag.slice(1).trim();
      if (open.pop() !== name) throw new Error(`</${name}> closes nothing open`);
      continue;
    }
    const m = /^([A-Za-z_][\w:.-]*)((?:\s+[A-Za-z_][\w:.-]*\s*=\s*"[^"<]*")*)\s*(\/?)$/.exec(tag);
    if (!m) throw new Error(`bad tag <${tag.slice(0, 60)}>`);
    const names = [...m[2].matchAll(/([A-Za-z_][\w:.-]*)\s*=\s*"([^"]*)"/g)];
    const seen = new Set<string>();
    for (const [, n, v] of names) {
      if (seen.has(n)) throw new Error(`attribute ${n} twice in <${m[1]}>`);
      seen.add(n);
      checkText(v, `attribute ${n}`);
    }
    if (open.length === 0 && ++roots > 1) throw new Error('more than one root element');
    elements.push(m[1]);
    if (m[3] !== '/') open.push(m[1]);
  }
  if (open.length) throw new Error(`<${open[open.length - 1]}> not closed`);
  if (roots !== 1) throw new Error('no root element');
  return { elements, texts };
}
