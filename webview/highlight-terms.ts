import { el } from './dom';

const MAX_TERMS = 50;

/**
 * Wraps each occurrence of the query's terms under `root` in `<mark class="search-term">`, by
 * walking text nodes (markup is never re-parsed). A term matches at the start of a word, as a
 * prefix (search matches prefixes too), case-insensitively; text in MathML is left alone.
 * Returns how many marks were added.
 */
export function highlightTerms(root: Element, terms: readonly string[]): number {
  const pattern = termPattern(terms);
  if (!pattern) return 0;
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT, {
    acceptNode: (node) => (node.parentElement?.closest('math, mark.search-term') ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT),
  });
  const texts: Text[] = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) texts.push(node as Text);
  let count = 0;
  for (const node of texts) {
    pattern.lastIndex = 0;
    if (!pattern.test(node.data)) continue;
    pattern.lastIndex = 0;
    const parts = document.createDocumentFragment();
    let last = 0;
    for (const match of node.data.matchAll(pattern)) {
      parts.append(node.data.slice(last, match.index), el('mark', { class: 'search-term' }, match[0]));
      last = match.index + match[0].length;
      count++;
    }
    parts.append(node.data.slice(last));
    node.replaceWith(parts);
  }
  return count;
}

function termPattern(terms: readonly string[]): RegExp | undefined {
  const unique = [...new Set(terms.map((term) => term.trim().toLowerCase()).filter((term) => term.length >= 2 && term.length <= 100))]
    .sort((a, b) => b.length - a.length)
    .slice(0, MAX_TERMS);
  if (unique.length === 0) return undefined;
  const escaped = unique.map((term) => term.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&'));
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${escaped.join('|')})`, 'giu');
}
