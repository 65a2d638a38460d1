/**
 * Schema version 1 of a shared Lectern library. Papers keep their full record as JSON; the columns beside it
 * are what SQL searches: `search` holds Lectern's own index terms (the same tokenizer, folding and plurals as
 * the local index, computed by the importer) weighted title A, authors/keywords/categories/topics B,
 * abstract C; `phrase_text` the folded tokens for `"phrase"` checks; `*_folded` the names for `topic:` and
 * `author:`. `lectern_terms` (term → papers) serves prefixes and typos through pg_trgm and the ranking's
 * IDF; `lectern_topics` the tree's topic counts. Both are refreshed at the end of each import.
 */
export const MIGRATION_0001 = `
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE EXTENSION IF NOT EXISTS fuzzystrmatch;

CREATE TABLE lectern_papers (
  id text PRIMARY KEY,
  citekey text,
  title text NOT NULL,
  authors text[] NOT NULL DEFAULT '{}',
  year integer,
  venue text,
  abstract text NOT NULL DEFAULT '',
  keywords text[] NOT NULL DEFAULT '{}',
  topics text[] NOT NULL DEFAULT '{}',
  authors_folded text[] NOT NULL DEFAULT '{}',
  topics_folded text[] NOT NULL DEFAULT '{}',
  phrase_text text NOT NULL DEFAULT '',
  search tsvector NOT NULL,
  record jsonb NOT NULL,
  imported_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX lectern_papers_search ON lectern_papers USING gin (search);
CREATE INDEX lectern_papers_citekey ON lectern_papers (citekey);
CREATE INDEX lectern_papers_year ON lectern_papers (year);

CREATE TABLE lectern_terms (
  term text COLLATE "C" PRIMARY KEY,
  papers integer NOT NULL
);
CREATE INDEX lectern_terms_trgm ON lectern_terms USING gin (term gin_trgm_ops);

CREATE TABLE lectern_topics (
  name text PRIMARY KEY,
  origin text NOT NULL DEFAULT 'metadata',
  papers integer NOT NULL DEFAULT 0
);

CREATE TABLE lectern_stats (
  singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
  papers integer NOT NULL DEFAULT 0,
  refreshed_at timestamptz
);
INSERT INTO lectern_stats (singleton, papers) VALUES (true, 0);

DO $roles$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'lectern_reader') THEN CREATE ROLE lectern_reader NOLOGIN; END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'lectern_writer') THEN CREATE ROLE lectern_writer NOLOGIN; END IF;
EXCEPTION WHEN insufficient_privilege THEN
  RAISE NOTICE 'Lectern: no CREATEROLE privilege; ask an administrator to create lectern_reader and lectern_writer (docs/POSTGRES.md).';
END
$roles$;

DO $grants$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'lectern_reader') THEN
    EXECUTE format('GRANT CONNECT ON DATABASE %I TO lectern_reader', current_database());
    GRANT USAGE ON SCHEMA public TO lectern_reader;
    GRANT SELECT ON lectern_papers, lectern_terms, lectern_topics, lectern_stats, lectern_schema TO lectern_reader;
  END IF;
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'lectern_writer') THEN
    EXECUTE format('GRANT CONNECT ON DATABASE %I TO lectern_writer', current_database());
    GRANT USAGE ON SCHEMA public TO lectern_writer;
    GRANT SELECT, INSERT, UPDATE, DELETE, TRUNCATE ON lectern_papers, lectern_terms, lectern_topics, lectern_stats TO lectern_writer;
    GRANT SELECT ON lectern_schema TO lectern_writer;
  END IF;
END
$grants$;
`;
