import type { CslItem, CslName } from './csl-item';
import type { Paper } from './paper';

/**
 * A paper's CSL-JSON record: the one its importer kept, else one derived from the simple fields
 * (title, display authors, date, venue, DOI, URL). The record's `id` is the paper's citekey, else its id.
 *
 * @example
 * ```ts
 * cslOf({ ...paper, csl: undefined }).author; // → [{ family: 'Kang', given: 'Seil' }]
 * ```
 */
export function cslOf(paper: Paper): CslItem {
  const id = paper.citeKey ?? paper.id;
  if (paper.csl) return paper.csl.id === id ? paper.csl : { ...paper.csl, id };
  const item: CslItem = { id, type: paper.venue ? 'article-journal' : 'article', title: paper.title };
  if (paper.authors.length > 0) item.author = paper.authors.map(nameFromDisplay);
  const dateParts = (paper.date ?? (paper.year !== undefined ? String(paper.year) : '')).split('-').map(Number).filter(Number.isFinite);
  if (dateParts.length > 0 && dateParts[0] > 0) item.issued = { 'date-parts': [dateParts] };
  if (paper.venue) item['container-title'] = paper.venue;
  if (paper.doi) item.DOI = paper.doi;
  if (paper.url) item.URL = paper.url;
  if (paper.abstract) item.abstract = paper.abstract;
  if (paper.citeKey) item['citation-key'] = paper.citeKey;
  return item;
}

/** "First Middle Last" → family = last word, given = the rest; one word stays a literal. */
function nameFromDisplay(display: string): CslName {
  const words = display.trim().split(/\s+/);
  if (words.length < 2) return { literal: display.trim() };
  return { family: words[words.length - 1], given: words.slice(0, -1).join(' ') };
}
