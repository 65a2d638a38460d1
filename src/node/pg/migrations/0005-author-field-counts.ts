import { HEAD_COUNTS, HEAD_TERMS, REFRESH_SETTINGS, TERM_IMPACTS } from '../term-field-counts';

/**
 * Schema version 5: the authors' and meta's per-term paper counts (`lectern_terms.fields[2]` and `[4]`) each their
 * own. Up to version 4 both were the papers with the term in either (they share the `tsvector` weight B), so a
 * word common in keywords had a far too low IDF in the authors field. Recounted here from the stored `tsvector`s
 * as the import's refresh counts them (`HEAD_COUNTS`), with the title's, and the impact lists rebuilt with them.
 */
export const MIGRATION_0005 = `
${REFRESH_SETTINGS};
${HEAD_TERMS};
UPDATE lectern_terms SET fields = ARRAY[0, 0, fields[3], 0];
UPDATE lectern_terms AS t SET fields = ARRAY[h.title, h.authors, t.fields[3], h.meta]
FROM (${HEAD_COUNTS}) AS h WHERE t.term = h.word;
TRUNCATE lectern_term_impacts;
${TERM_IMPACTS};
`;
