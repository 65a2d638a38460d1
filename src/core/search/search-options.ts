import { FIELD_NAMES, type FieldName } from './index-fields';
import type { Bm25Params, FieldBm25 } from './inverted-index';

/** `SearchOptions.prefixMinLength` by default (the shared library expands prefixes from the same length). */
export const DEFAULT_PREFIX_MIN_LENGTH = 2;

/**
 * The user's notes about a paper, for `tag:` and `status:` filters: its reading status and tags, or
 * undefined when the user has none.
 *
 * @example
 * const annotations: AnnotationLookup = (id) => notes.get(id); // { status: 'To read', tags: ['#vision'] }
 */
export type AnnotationLookup = (id: string) => { status?: string; tags?: string[] } | undefined;

/**
 * Index-wide settings of a `PaperSearch` (ranking knobs), given to `PaperSearch.build` or `load`.
 * Every option is optional; the defaults are tuned on the seed corpus and the benchmark.
 *
 * @example
 * PaperSearch.build(papers, { boost: { title: 4 }, weights: { fuzzy: 0.3 }, limit: 20 });
 */
export interface SearchOptions {
  /**
   * Weight of a match in each field, multiplying its BM25+ score.
   * Default `{ title: 3, authors: 2, abstract: 1, meta: 1.5 }` (`meta`: keywords, categories, topics);
   * fields left out keep their default. Example: `{ authors: 4 }` to favour author names.
   */
  boost?: Partial<Record<FieldName, number>>;
  /**
   * Weight of a prefix expansion (`spik` → `spiking`), of a typo expansion (`halucination` →
   * `hallucination`) and of the words of a compound the index knows matched apart (`pre` and
   * `training` for `pre-training`, `pretraining` or `pre training`; the compound itself counts 1)
   * relative to an exact match (1). Defaults `{ prefix: 0.375, fuzzy: 0.45, apart: 0.6 }`.
   * Example: `{ fuzzy: 0 }` to count typo matches for nothing (they still match).
   */
  weights?: { prefix?: number; fuzzy?: number; apart?: number };
  /** Shortest last word (after normalization) that is expanded as a prefix. Default 2; example: 3 to ignore `ne`. */
  prefixMinLength?: number;
  /** Most index terms a prefix expands to, the most frequent first. Default 48. */
  maxPrefixExpansions?: number;
  /** Stop adding prefix expansions once they cover this many postings (bounds the cost of `a`, `co`…). Default 400 000. */
  maxPrefixPostings?: number;
  /** Most index terms a misspelt word expands to, the closest (then commonest) first. Default 8. */
  maxFuzzyExpansions?: number;
  /** Results returned when a search names no `limit`. Default 50. */
  limit?: number;
  /** BM25+ parameters; default `{ k: 1.2, b: 0.7, d: 0.5 }`, fields left out keep their default. */
  bm25?: Partial<Bm25Params>;
  /**
   * BM25+ parameters of each field, overriding `bm25` for the fields and parameters named.
   * Default `{ title: { k: 0.1, b: 0.1 } }`: a title either names a word or not — repeating it, or
   * a longer title, says little about how much the paper is about it (how often the abstract uses
   * it does). Example: `{ title: {} }` for `bm25` in every field, as MiniSearch.
   */
  fieldBm25?: Partial<Record<FieldName, Partial<Bm25Params>>>;
}

/**
 * Options of one `PaperSearch.search` call.
 *
 * @example
 * search.search('attention tag:#toread', { limit: 10, annotations: (id) => notes.get(id), highlight: false });
 */
export interface QueryOptions {
  /** Most results returned. Default: the index's `SearchOptions.limit` (50); `Number.MAX_SAFE_INTEGER` for all. */
  limit?: number;
  /** Where `tag:` and `status:` filters look; without it they match no paper (and their negations every paper). */
  annotations?: AnnotationLookup;
  /**
   * Compute `terms` and `matches` of each hit. Default true. Pass false when only ids and order are
   * needed (e.g. filtering a tree by every match): highlighting re-reads each result's text.
   */
  highlight?: boolean;
  /**
   * Score only the matches that can still reach the top `limit` (dynamic pruning, `prunedTop`) and
   * check filters, negations and phrases only where needed, instead of evaluating every match.
   * Results are identical either way (a property test checks it). Default: pruned when the query
   * has a phrase or a negated phrase, whose check reads a paper's text (checks then stop early, with
   * `totalIsLowerBound` past `exactTotalUpTo`), when it has two free words or more and `limit` is small
   * beside the library (the matches are counted within the rarest word's papers and only the candidates
   * are scored: `whole slide image c` 1.75 → 0.49 ms at 100k, 15 → 3.4 at a million; the total stays
   * exact; every match asked for, one scoring pass is faster), and when its word being
   * typed stands for several index terms (`co`: scoring each one's every posting measured slower);
   * otherwise, one word, exhaustive: every posting is read to find its matches either way and one
   * tight scoring pass measured faster.
   * True: pruned wherever the plan allows. False: always exhaustive, exact total.
   */
  prune?: boolean;
  /**
   * With pruning, `total` is exact while it stays below this many matches; past it the count of
   * matches that need a check (a phrase, filter or negation) may stop, and the response sets
   * `totalIsLowerBound` ("1,000+ papers"), as Lucene's `totalHitsThreshold`. Default
   * `EXACT_TOTAL_UP_TO` (1 000), and for a query with a phrase the count also stops once it has
   * read `PHRASE_COUNT_CHECKS` texts beyond those the results needed (then "312+ papers": a
   * one-letter phrase being typed, `"b`, would otherwise read a thousand abstracts to count).
   * Given explicitly, counting goes on to that many; `Infinity` for an exact total always.
   */
  exactTotalUpTo?: number;
}

/** Default of `QueryOptions.exactTotalUpTo`: totals are exact up to this many matches. */
export const EXACT_TOTAL_UP_TO = 1000;

/** By default, the most candidates a phrase query checks to count its matches beyond those its results needed (see `exactTotalUpTo`). */
export const PHRASE_COUNT_CHECKS = 200;

/** `SearchOptions` with every default filled in, as the query code reads them. */
export interface SearchSettings {
  /** Field boosts by field number. */
  boosts: Float64Array;
  /** BM25+ parameters, `b` by field number. */
  bm25: FieldBm25;
  prefixWeight: number;
  fuzzyWeight: number;
  apartWeight: number;
  prefixMinLength: number;
  maxPrefixExpansions: number;
  maxPrefixPostings: number;
  maxFuzzyExpansions: number;
  limit: number;
  /** BM25+ parameters and boosts under which every posting scores above 0 and more for a larger tf or a shorter field (what pruning needs). */
  bm25Sane: boolean;
}

const DEFAULT_BOOST: Record<FieldName, number> = { title: 3, authors: 2, abstract: 1, meta: 1.5 };
const DEFAULT_FIELD_BM25: Partial<Record<FieldName, Partial<Bm25Params>>> = { title: { k: 0.1, b: 0.1 } };

/** `options` with every default filled in. */
export function resolveSearchSettings(options: SearchOptions = {}): SearchSettings {
  const boost = { ...DEFAULT_BOOST, ...(options.boost ?? {}) };
  const base: Bm25Params = { k: 1.2, b: 0.7, d: 0.5, ...(options.bm25 ?? {}) };
  const byField = { ...DEFAULT_FIELD_BM25, ...(options.fieldBm25 ?? {}) };
  const params = FIELD_NAMES.map((name): Bm25Params => ({ ...base, ...(byField[name] ?? {}) }));
  const bm25: FieldBm25 = {
    k: Float64Array.from(params, (p) => p.k),
    b: Float64Array.from(params, (p) => p.b),
    d: Float64Array.from(params, (p) => p.d),
  };
  const boosts = Float64Array.from(FIELD_NAMES.map((name) => boost[name]));
  return {
    boosts,
    bm25,
    bm25Sane: params.every((p) => p.k >= 0 && p.b >= 0 && p.b <= 1 && p.d >= 0) && boosts.every((x) => x >= 0),
    prefixWeight: options.weights?.prefix ?? 0.375,
    fuzzyWeight: options.weights?.fuzzy ?? 0.45,
    apartWeight: options.weights?.apart ?? 0.6,
    prefixMinLength: options.prefixMinLength ?? DEFAULT_PREFIX_MIN_LENGTH,
    maxPrefixExpansions: options.maxPrefixExpansions ?? 48,
    maxPrefixPostings: options.maxPrefixPostings ?? 400_000,
    maxFuzzyExpansions: options.maxFuzzyExpansions ?? 8,
    limit: options.limit ?? 50,
  };
}
