/**
 * Full-text hits merged into a search's answer. How they weigh: a paper that matched in its title, authors,
 * abstract or keywords keeps its place and gains {@link FULL_TEXT_WEIGHT} × its best page's score (so its PDF
 * can lift it among such papers); a paper that matched only in its PDF is listed after all of them, by
 * {@link FULL_TEXT_WEIGHT} × its best page's score. A full-text-only hit therefore never outranks an abstract hit.
 */
import type { SearchHit, SearchResponse } from '../search/paper-search';
import type { FullTextHit, FullTextMatch } from './fulltext-index';
import { fullTextFilter, type FullTextMode } from './fulltext-mode';

/** What a PDF page's BM25+ score counts for beside a title or abstract match (whose field weights are 3 and 1). */
export const FULL_TEXT_WEIGHT = 0.25;

/**
 * A search result that may have matched in the paper's PDF: `matches.fulltext` lists the pages (best first), and
 * `fullTextOnly` says that nothing but the PDF matched.
 *
 * @example { id: 'smith2020', …, matches: { title: [], abstract: [], fulltext: [{ page: 7, snippet: '…' }] }, fullTextOnly: true }
 */
export interface FullTextSearchHit extends SearchHit {
  matches: SearchHit['matches'] & { fulltext?: FullTextMatch[] };
  fullTextOnly?: true;
}

/** A `SearchResponse` whose results may carry full-text matches. */
export interface FullTextSearchResponse extends SearchResponse {
  results: FullTextSearchHit[];
}

/**
 * `response` (from the papers' index) with `fullText` (from the PDFs' index) merged in, at most `limit` results.
 * With mode `only` the result is the full-text hits alone; with `off` the response as it was.
 */
export function mergeFullText(
  response: SearchResponse,
  fullText: readonly FullTextHit[],
  mode: FullTextMode,
  limit: number,
): FullTextSearchResponse {
  if (mode === 'off' || (fullText.length === 0 && mode === 'on')) return response;
  const byId = new Map(fullText.map((hit) => [hit.id, hit]));
  const found: FullTextSearchHit[] = [];
  if (mode === 'on') {
    for (const hit of response.results) {
      const pdf = byId.get(hit.id);
      byId.delete(hit.id);
      found.push(pdf ? { ...hit, score: hit.score + FULL_TEXT_WEIGHT * pdf.score, matches: { ...hit.matches, fulltext: pdf.pages } } : hit);
    }
    found.sort((a, b) => b.score - a.score || a.title.localeCompare(b.title) || a.id.localeCompare(b.id));
  }
  const only = [...byId.values()].map((pdf): FullTextSearchHit => ({
    id: pdf.id,
    title: pdf.title,
    score: FULL_TEXT_WEIGHT * pdf.score,
    topics: [...pdf.topics],
    terms: [],
    matches: { title: [], abstract: [], fulltext: pdf.pages },
    fullTextOnly: true,
  }));
  // Full-text hits come from their own ranking: those outside the papers' results are counted on top of them.
  const total = mode === 'only' ? fullText.length : response.total + only.length;
  return { ...response, total, results: [...found, ...only].slice(0, limit) };
}

/**
 * A search of the papers and, unless `fulltext:off` (or the setting, `defaultMode`) says not to, of their PDFs,
 * merged. `searchPapers` and `searchPdfs` get the query without its `fulltext:` filter; the answer keeps the query
 * as given.
 *
 * @example searchWithFullText('spikes fulltext:only', 'on', 50, (q) => papers.search(q, { limit: 50 }), (q) => pdfs.search(q, { limit: 50 }))
 */
export function searchWithFullText(
  query: string,
  defaultMode: FullTextMode,
  limit: number,
  searchPapers: (query: string) => SearchResponse,
  searchPdfs: ((query: string) => FullTextHit[]) | undefined,
): FullTextSearchResponse {
  const { query: rest, mode = defaultMode } = fullTextFilter(query);
  const papers = mode === 'only' ? { query: rest, total: 0, totalIsLowerBound: false, results: [] } : searchPapers(rest);
  const pdfs = mode === 'off' || !searchPdfs || !rest.trim() ? [] : searchPdfs(rest);
  return { ...mergeFullText(papers, pdfs, mode, limit), query };
}
