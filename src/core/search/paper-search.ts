/**
 * Lectern's paper search: `PaperSearch.build(papers).search('spiking neu year:2020..')`.
 *
 * Ranking is BM25+ with MiniSearch's formula over four fields (title ×3, authors ×2, abstract ×1,
 * keywords+categories+topics ×1.5), titles saturating at once (`SearchOptions.fieldBm25`), each
 * word scoring through its best expansion (docs/DESIGN.md, Scoring). Query words go through the same pipeline as
 * the index (`normalize-term.ts`); the last word is also a prefix while it is being typed, words
 * of 4+ letters tolerate typos (1 edit, 2 from 8 letters; one less when the word is in the
 * index), every word must match unless none does, then any may. Phrases are checked on the
 * text, filters and negations are exact (`parse-query.ts`).
 *
 * The pieces: `query-plan.ts` turns a parsed query into slots of index terms, `term-expansion.ts`
 * expands them (prefix, typos), `query-run.ts` evaluates a plan over the postings with
 * `query-constraints.ts` (filters, negations, `phrase-match.ts`), `highlight-terms.ts` builds the
 * hits, `auto-suggest.ts` the completions, `index-cache-format.ts` the cache bytes (and text).
 *
 * Storage (`inverted-index.ts`) keeps MiniSearch's radix tree (`SearchableMap`) as the term
 * dictionary for prefix and fuzzy lookups, but stores postings in typed arrays rather than a
 * MiniSearch instance's Map-of-Maps: at 100 000 papers the latter used ~450 MB, took ~3 s to load
 * from JSON and ~100-700 ms per prefix query (see `bench/run-bench.ts`).
 */
import type { CorpusChange } from '../corpus/corpus';
import type { Paper } from '../model/paper';
import { autoSuggest, type Suggestion } from './auto-suggest';
import { hitFor, type SearchHit } from './highlight-terms';
import { cachedFingerprint, deserializeIndex, serializeIndex, serializeIndexBytes } from './index-cache-format';
import { InvertedIndex } from './inverted-index';
import { isEmptyQuery, parseQuery } from './parse-query';
import { POOL_PER_RESULT } from './pruned-top';
import { QueryRun } from './query-run';
import { spacedCompounds } from './query-plan';
import { selectTop } from './select-top';
import type { TotalCount } from './checked-top';
import {
  EXACT_TOTAL_UP_TO,
  PHRASE_COUNT_CHECKS,
  resolveSearchSettings,
  type QueryOptions,
  type SearchOptions,
  type SearchSettings,
} from './search-options';

// Re-exported so callers import the whole public surface of the search from this one module.
export type { AnnotationLookup, QueryOptions, SearchOptions } from './search-options';
export type { SearchHit } from './highlight-terms';
export type { Suggestion } from './auto-suggest';

/** The answer to `PaperSearch.search`. */
export interface SearchResponse {
  /** The query as given (empty when it was not a string). */
  query: string;
  /**
   * Papers matching, of which `results` holds the best `limit`; exact unless `totalIsLowerBound`.
   * Example: 1000 with `totalIsLowerBound` reads "1,000+ papers" (see `QueryOptions.exactTotalUpTo`).
   */
  total: number;
  /** True when `total` is a lower bound: counting stopped once `exactTotalUpTo` matches were found. */
  totalIsLowerBound: boolean;
  /** Best first: by score, then title, then id; for queries of filters only, newest first. */
  results: SearchHit[];
}

/**
 * Full-text search over papers: BM25+ over title, authors, abstract and keywords/categories/
 * topics, prefix matching on the word being typed, typo tolerance scaled by word length, all
 * words required with a fallback to any word, phrases, filters and negation (see `parseQuery`).
 * Pure TypeScript; papers are kept by reference, never copied into the index, and must not be
 * mutated once indexed (replace them instead).
 *
 * @example
 * const search = PaperSearch.build(papers);
 * search.search('"brain decoding" -fmri year:2020..', { limit: 10 }).results[0].title;
 * search.autoSuggest('neural spi'); // [{ suggestion: 'neural spiking', … }, …]
 */
export class PaperSearch {
  private readonly settings: SearchSettings;

  private constructor(
    private readonly index: InvertedIndex,
    options: SearchOptions,
  ) {
    this.settings = resolveSearchSettings(options);
  }

  /** A fresh index over `papers` (a later paper with the same id replaces an earlier one). */
  static build(papers: Paper[], options: SearchOptions = {}): PaperSearch {
    return new PaperSearch(InvertedIndex.build(papers), options);
  }

  /** Papers indexed. */
  get size(): number {
    return this.index.liveCount;
  }

  /** Adds papers; a paper whose id is already indexed replaces the old record. */
  add(papers: Paper[]): void {
    for (const paper of papers) this.index.add(paper);
    this.maybeCompact();
  }

  /** Removes papers by id (unknown ids are ignored). */
  remove(ids: string[]): void {
    for (const id of ids) this.index.remove(id);
    this.maybeCompact();
  }

  /** Applies a corpus change; the results then equal those of a fresh build over the new corpus. */
  applyChange(change: CorpusChange): void {
    for (const paper of change.removed) this.index.remove(paper.id);
    for (const paper of change.changed) this.index.add(paper);
    for (const paper of change.added) this.index.add(paper);
    this.maybeCompact();
  }

  /** Drops removed papers' postings now instead of when they pile up. */
  vacuum(): void {
    this.index.compact();
  }

  private maybeCompact(): void {
    if (this.index.needsCompaction()) this.index.compact();
  }

  /**
   * Prepares now what the first phrase query would (the word positions' block table: ~10 ms at 100k papers, ~100
   * at a million), for a host that has a moment after loading; searching works the same without it.
   */
  warm(): void {
    this.index.preparePositions();
  }

  /** The papers matching a query (see `parseQuery` for its syntax), best first. */
  search(query: string, options: QueryOptions = {}): SearchResponse {
    const text = typeof query === 'string' ? query : '';
    const response: SearchResponse = { query: text, total: 0, totalIsLowerBound: false, results: [] };
    const parsed = parseQuery(text);
    if (isEmptyQuery(parsed) || this.index.liveCount === 0) return response;
    const limit = Math.max(0, Math.floor(options.limit ?? this.settings.limit) || 0);
    const run = new QueryRun(this.index, this.settings, options.annotations);
    const plan = run.plan(parsed);
    if (!plan) return response;
    const hasPhrases = plan.phrases.length + plan.excludedPhrases.length > 0;
    // Two free words or more: pruned when the pool it scores first can be smaller than the library; when every
    // match is asked for (the Papers tree's filter), one scoring pass is faster (`visual cortex` at 100k: 4.8 ms, 8.1 pruned).
    const fewWanted = limit * POOL_PER_RESULT < this.index.liveCount;
    const prune = options.prune ?? (hasPhrases || (plan.soft.length >= 2 && fewWanted) || run.expandsWidely(plan));
    const found = run.evaluateTop(plan, limit, prune, totalCount(options.exactTotalUpTo, hasPhrases, options.prune === undefined));
    const { docs, scores } = found.candidates;
    response.total = found.total;
    response.totalIsLowerBound = found.totalIsLowerBound;
    const index = this.index;
    const top = selectTop(index, docs, found.scored ? scores : yearsOf(index, docs), limit);
    const matched = options.highlight === false ? new Set<string>() : run.matchedTerms();
    const spaced = spacedCompounds(plan);
    response.results = top.map((i) => hitFor(index.paperAt(docs[i]), found.scored ? scores[i] : 0, matched, plan.phrases, spaced));
    return response;
  }

  /**
   * Completions of the word being typed, most relevant first: `neural spi` → `neural spiking`,
   * `neural spike`. Earlier words, phrases and filters narrow the papers the completions come from.
   * `limit`: most suggestions returned (default 10).
   */
  autoSuggest(prefix: string, limit = 10): Suggestion[] {
    return autoSuggest(this.index, this.settings, prefix, limit);
  }

  /**
   * The index as a string for a cache file: a header line, a line of ids and terms, then the
   * index's binary image in base64. `fingerprint` identifies the corpus (see `Corpus.fingerprint`).
   */
  serialize(fingerprint: string): string {
    return serializeIndex(this.index, fingerprint);
  }

  /**
   * The index as bytes for a cache file: the same header lines, then the binary image itself,
   * which `load` views in place. Any size (the text form cannot hold a million papers' index).
   */
  serializeBytes(fingerprint: string): Uint8Array {
    return serializeIndexBytes(this.index, fingerprint);
  }

  /** The corpus fingerprint a serialized index (text or bytes) was built for (its first line), or undefined. */
  static fingerprintOf(serialized: string | Uint8Array | undefined): string | undefined {
    return cachedFingerprint(serialized);
  }

  /**
   * Restores a serialized index (`serialize` text or `serializeBytes` bytes, which it keeps and
   * views: do not reuse them) over `papers` (the same corpus it was built from). Undefined when
   * the fingerprint, the format version or the papers differ, or the data is damaged: the caller
   * then builds afresh.
   */
  static load(
    serialized: string | Uint8Array,
    expectedFingerprint: string,
    papers: Paper[],
    options: SearchOptions = {},
  ): PaperSearch | undefined {
    const index = deserializeIndex(serialized, expectedFingerprint, papers);
    return index ? new PaperSearch(index, options) : undefined;
  }
}

/**
 * How far a pruned search counts: as asked, or by default exactly up to `EXACT_TOTAL_UP_TO`, and
 * for a phrase only while its texts cost about what the shown results' did (`PHRASE_COUNT_CHECKS`).
 * A query pruned by default for its word being typed alone (`pruneDefaulted`, no phrase) counts
 * exactly, as the exhaustive evaluation would: its checks (filters, negated words) read no text.
 */
function totalCount(exactTotalUpTo: number | undefined, hasPhrases: boolean, pruneDefaulted: boolean): TotalCount {
  if (exactTotalUpTo !== undefined) {
    const upTo = Math.max(0, exactTotalUpTo);
    return { upTo: Number.isNaN(upTo) ? EXACT_TOTAL_UP_TO : upTo, checks: Infinity };
  }
  if (hasPhrases) return { upTo: EXACT_TOTAL_UP_TO, checks: PHRASE_COUNT_CHECKS };
  return { upTo: pruneDefaulted ? Infinity : EXACT_TOTAL_UP_TO, checks: Infinity };
}

/** The year of each candidate (0 when unknown), for queries of filters only. */
function yearsOf(index: InvertedIndex, docs: Int32Array): Int16Array {
  const years = new Int16Array(docs.length);
  for (let i = 0; i < docs.length; i++) years[i] = index.yearAt(docs[i]);
  return years;
}
