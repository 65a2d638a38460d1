/**
 * Each term's papers per head field (title, authors, meta), read from `search_head` (the title's, authors' and
 * keywords/categories/topics' lexemes: much smaller than `search`). Authors and meta share the `tsvector` weight B,
 * so weight alone cannot tell them apart (`ts_stat`'s per-weight count gave the authors field the papers of both:
 * `brain` in 151 papers' authors, not 4, and the authors' IDF far too low); the positions do, since the import
 * numbers them through title, authors, abstract and meta in that order (`field_lengths`). A `SELECT` of `(word,
 * title, authors, meta)`, one row per term in some paper's head.
 */
export const HEAD_FIELD_COUNTS = `SELECT u.lexeme AS word,
  count(*) FILTER (WHERE f.title) AS title, count(*) FILTER (WHERE f.authors) AS authors, count(*) FILTER (WHERE f.meta) AS meta
FROM lectern_papers AS p, unnest(p.search_head) AS u,
  LATERAL (SELECT bool_or(o.w = 'A') AS title,
      bool_or(o.w = 'B' AND o.p <= p.field_lengths[1] + p.field_lengths[2]) AS authors,
      bool_or(o.w = 'B' AND o.p > p.field_lengths[1] + p.field_lengths[2]) AS meta
    FROM unnest(u.positions, u.weights) AS o(p, w)) AS f
GROUP BY u.lexeme`;

/** Every term's paper count, and per field: title, authors and meta from the head (`HEAD_FIELD_COUNTS`), abstract (weight C) from `ts_stat`. */
export const TERM_COUNTS = `INSERT INTO lectern_terms (term, papers, fields)
SELECT s.word, s.ndoc, ARRAY[coalesce(h.title, 0), coalesce(h.authors, 0), coalesce(c.ndoc, 0), coalesce(h.meta, 0)]
FROM ts_stat('SELECT search FROM lectern_papers') AS s
  LEFT JOIN (${HEAD_FIELD_COUNTS}) AS h ON h.word = s.word
  LEFT JOIN ts_stat('SELECT search FROM lectern_papers', 'c') AS c ON c.word = s.word`;

/**
 * For the impact lists' statement, this transaction only: no JIT (compiling its expressions cost more than it
 * saved), no memoizing each (paper, term)'s per-field count by the paper's lengths (a cache that mostly missed),
 * and a sort of every (paper, head term) in memory rather than on disk. Halved its time at 100k papers.
 */
export const IMPACT_SETTINGS = "SET LOCAL jit = off; SET LOCAL enable_memoize = off; SET LOCAL work_mem = '256MB'";
