/**
 * Whether a search looks in the PDFs' text: the `fulltext:` filter of a query, else the setting
 * (`lectern.search.fullText`, default on).
 */

/** `on`: titles, abstracts … and the PDFs; `off`: not the PDFs; `only`: only the PDFs. */
export type FullTextMode = 'on' | 'off' | 'only';

const FILTER = /(^|\s)-?fulltext:(\S*)/gi;

/**
 * The query without its `fulltext:` filter, and the mode it asks for (undefined without one, or with a value other
 * than `on`, `off` or `only`, which is dropped too).
 *
 * @example fullTextFilter('spiking fulltext:only') // → { query: 'spiking', mode: 'only' }
 */
export function fullTextFilter(query: string): { query: string; mode?: FullTextMode } {
  let mode: FullTextMode | undefined;
  const rest = query.replace(FILTER, (_match, space: string, value: string) => {
    const wanted = value.toLowerCase();
    if (wanted === 'on' || wanted === 'off' || wanted === 'only') mode = wanted;
    return space;
  });
  return { query: mode === undefined && rest === query ? query : rest.replace(/\s+/g, ' ').trim(), mode };
}
