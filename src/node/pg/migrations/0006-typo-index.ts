/**
 * Schema version 6: the trigram index of `lectern_terms` is partial, `WHERE length(term) > 0` (every row: a term is
 * never empty), so that only a query saying so can use it. pg_trgm's GIN index also serves `=`, and the planner
 * took it over the primary key for the exact lookups of a query's words (`term = ANY(…)`) and of a paper's terms for
 * its related papers: about 5 ms a term where the B-tree takes microseconds (a paper's related papers on a
 * 933-paper library: 0.5–0.6 s, nearly all of it in that join). The typo lookup, the one query that needs the
 * trigrams, says `length(term) > 0` (`pg-term-lookup.ts`).
 */
export const MIGRATION_0006 = `
DROP INDEX IF EXISTS lectern_terms_trgm;
CREATE INDEX lectern_terms_trgm ON lectern_terms USING gin (term gin_trgm_ops) WHERE length(term) > 0;
`;
