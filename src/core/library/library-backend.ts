import type { Paper } from '../model/paper';
import type { Topic } from '../model/topic';
import type { RelatedPaper } from '../related/related-papers';
import type { TextFilter } from '../search/parse-query';
import type { SearchResponse } from '../search/paper-search';

/** A topic and how many papers it holds, without the papers (a shared library's topic may hold a million). */
export interface TopicCount {
  name: string;
  /** Papers in the topic. */
  count: number;
  origin: Topic['origin'];
}

/** Options of one `LibraryBackend.search`. */
export interface BackendSearchOptions {
  /** Most results. Default 50. */
  limit?: number;
  /**
   * The ids a `tag:` or `status:` filter matches, from the user's own notes in the workspace (a shared library
   * knows nothing of them); without it such filters match no paper (their negations every paper), as locally.
   */
  annotatedIds?: (filter: TextFilter) => readonly string[];
  /**
   * How far `total` is exact: matches are counted up to this many, past it `total` is this many and
   * `totalIsLowerBound` is set (as `QueryOptions.exactTotalUpTo` locally). A caller that shows no count asks for
   * fewer, and a shared library then reads fewer matches: at a million papers, reading every match of common words
   * to count them was most of a palette keystroke's statement. Default 1,000 (`EXACT_TOTAL_UP_TO`); `Infinity`
   * counts every match.
   * Example: the palette asks for its `limit`, so `{ limit: 50, exactTotalUpTo: 50 }`.
   */
  exactTotalUpTo?: number;
}

/**
 * What the tree, the palette search, the reader and the CLI ask of a library, served by the local index
 * (default) or by a shared PostgreSQL library (`PgLibrary`). Asynchronous, since a server answers it; every
 * method rejects with a `Lectern:` message (never a password or connection string) when the library cannot answer.
 *
 * @example
 * const hits = await backend.search('attention sink year:2023..', { limit: 10 });
 */
export interface LibraryBackend {
  /** Ranked papers for a search box query, in `PaperSearch.search`'s shape. */
  search(query: string, options?: BackendSearchOptions): Promise<SearchResponse>;
  /** A paper by id, else by citekey; undefined when neither names one. */
  paper(idOrCiteKey: string): Promise<Paper | undefined>;
  /** Papers most like `id`, with the terms they share. */
  related(id: string, limit?: number): Promise<RelatedPaper[]>;
  /** Every topic with its paper count, largest first (the tree's root). */
  topics(): Promise<TopicCount[]>;
  /** Papers in id order, `limit` from `offset`, and how many there are. */
  list(options: { limit: number; offset?: number }): Promise<{ papers: Paper[]; total: number }>;
  /** Releases connections; the backend is unusable afterwards. */
  close(): Promise<void>;
}
