import { headTermCountsSql, termImpactsSql } from '../../core/search/sql-field-bm25';

/**
 * The refresh's first step: each (paper, term of its head)'s occurrences per field (`headTermCountsSql`), kept
 * for the transaction, since the term counts and the impact lists both read them (one pass over the papers'
 * `tsvector`s, not one each).
 */
export const HEAD_TERMS = `CREATE TEMP TABLE lectern_head_terms ON COMMIT DROP AS ${headTermCountsSql()}`;

/**
 * Each head term's papers per head field (title, authors, meta), and the papers naming it in their head but not
 * their abstract: `(word, title, authors, meta, head_only)`. Authors and meta share the `tsvector` weight B, so
 * weight alone cannot tell them apart (`ts_stat`'s per-weight count, up to schema version 4, gave the authors
 * field the papers of both: `brain` in 151 papers' authors, not 4, and the authors' IDF far too low); positions
 * do, since the import numbers them through title, authors, abstract and meta in that order.
 */
export const HEAD_COUNTS = `SELECT lexeme AS word, count(*) FILTER (WHERE t0 > 0) AS title, count(*) FILTER (WHERE t1 > 0) AS authors,
  count(*) FILTER (WHERE t3 > 0) AS meta, count(*) FILTER (WHERE t2 = 0) AS head_only
FROM lectern_head_terms GROUP BY lexeme`;

/**
 * Every term's paper count and its papers per field: title, authors and meta from the head (`HEAD_COUNTS`), the
 * abstract (weight C) from `ts_stat`; a term's papers are its abstract's and those naming it in their head alone.
 */
export const TERM_COUNTS = `INSERT INTO lectern_terms (term, papers, fields)
SELECT coalesce(h.word, c.word), coalesce(c.ndoc, 0) + coalesce(h.head_only, 0),
  ARRAY[coalesce(h.title, 0), coalesce(h.authors, 0), coalesce(c.ndoc, 0), coalesce(h.meta, 0)]
FROM (${HEAD_COUNTS}) AS h FULL JOIN ts_stat('SELECT search FROM lectern_papers', 'c') AS c ON c.word = h.word`;

/** The impact lists from the head terms kept (`HEAD_TERMS`), after the term counts and the fields' lengths. */
export const TERM_IMPACTS = termImpactsSql('SELECT * FROM lectern_head_terms');

/**
 * For the refresh, this transaction only: no JIT (compiling the impact lists' expressions cost more than it
 * saved), no memoizing each (paper, term)'s per-field count by the paper's lengths (a cache that mostly missed),
 * and the sort of every (paper, head term) in memory rather than on disk.
 */
export const REFRESH_SETTINGS = "SET LOCAL jit = off; SET LOCAL enable_memoize = off; SET LOCAL work_mem = '256MB'";
