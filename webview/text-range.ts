/** Elements whose whitespace-only text children sit between blocks (wrapping them would be invalid markup). */
const BLOCK_CONTAINERS = new Set(['UL', 'OL', 'TABLE', 'THEAD', 'TBODY', 'TR', 'BLOCKQUOTE', 'DIV', 'SECTION']);

/** The offset in `root.textContent` of a DOM boundary point (node, offset) inside `root`. */
export function textOffset(root: Node, node: Node, offset: number): number {
  const range = document.createRange();
  range.setStart(root, 0);
  range.setEnd(node, offset);
  return range.toString().length;
}

/**
 * Wraps the characters [start, end) of `root.textContent` in elements made by `wrap`, one per
 * text node the span crosses (text in MathML and whitespace between blocks are skipped).
 * Returns the wrappers, in document order.
 */
export function wrapTextSpan(root: Element, start: number, end: number, wrap: () => HTMLElement): HTMLElement[] {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const pieces: { node: Text; from: number; to: number }[] = [];
  let position = 0;
  for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
    const nodeStart = position;
    position += node.data.length;
    if (position <= start) continue;
    if (nodeStart >= end) break;
    pieces.push({ node, from: Math.max(0, start - nodeStart), to: Math.min(node.data.length, end - nodeStart) });
  }
  const wrappers: HTMLElement[] = [];
  const wrappedMath = new Set<Element>();
  for (const { node, from, to } of pieces) {
    const parent = node.parentElement;
    if (!parent) continue;
    if (parent.closest('math')) {
      // HTML cannot go inside MathML: wrap the formula's own <span class="math"> once instead.
      const formula = parent.closest('math')?.parentElement?.closest('span.math');
      if (formula && !wrappedMath.has(formula)) {
        wrappedMath.add(formula);
        const wrapper = wrap();
        formula.before(wrapper);
        wrapper.append(formula);
        wrappers.push(wrapper);
      }
      continue;
    }
    if (!node.data.slice(from, to).trim() && (parent === root || BLOCK_CONTAINERS.has(parent.tagName))) continue;
    let target = node;
    if (to < target.data.length) target.splitText(to);
    if (from > 0) target = target.splitText(from);
    const wrapper = wrap();
    target.before(wrapper);
    wrapper.append(target);
    wrappers.push(wrapper);
  }
  return wrappers;
}
