import { termImpactsSql } from '../../../core/search/sql-field-bm25';

/**
 * Schema version 4: each term's impact list, `lectern_term_impacts` (term, impact, paper id): the papers naming
 * the term in their head (`search_head`), best first by the term's BM25+ contribution, up to
 * `TERM_IMPACT_LIST_LENGTH` a term (`termImpactsSql`). A search whose words are all common reads the head of
 * each word's list (an index range scan) instead of every paper naming one of them (`compileSearchSql`). The
 * import's refresh rebuilds it; a library imported before gets it filled here from its stored columns.
 */
export const MIGRATION_0004 = `
CREATE TABLE lectern_term_impacts (
  term text COLLATE "C" NOT NULL,
  impact real NOT NULL,
  id text NOT NULL
);
CREATE INDEX lectern_term_impacts_term ON lectern_term_impacts (term, impact DESC, id);

DO $grants$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'lectern_reader') THEN
    GRANT SELECT ON lectern_term_impacts TO lectern_reader;
  END IF;
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'lectern_writer') THEN
    GRANT SELECT, INSERT, UPDATE, DELETE, TRUNCATE ON lectern_term_impacts TO lectern_writer;
  END IF;
END
$grants$;

${termImpactsSql()};
`;
