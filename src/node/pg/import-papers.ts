import type { ClientBase } from 'pg';
import type { Paper } from '../../core/model/paper';
import type { Topic } from '../../core/model/topic';
import { paperRow, type PaperRow } from './paper-row';

/** How `importPapers` writes. */
export interface ImportPapersOptions {
  /** Papers per transaction (one multi-row upsert each). Default 2 000. */
  batchSize?: number;
  /** Called after each committed batch with the papers written so far (progress; a throw stops the import there). */
  onBatch?: (written: number) => void;
}

/** What an import wrote. */
export interface ImportPapersOutcome {
  papers: number;
  batches: number;
  /** Time spent writing papers and refreshing terms and topics, in milliseconds. */
  writeMs: number;
  refreshMs: number;
}

const COLUMNS = `id text, citekey text, title text, authors text[], year integer, venue text, abstract text, keywords text[],
  topics text[], authors_folded text[], topics_folded text[], phrase_text text, search text, record jsonb`;

/** One batch: every row in one JSON parameter, upserted by id, so a re-run replaces rather than duplicates. */
const UPSERT = `INSERT INTO lectern_papers (id, citekey, title, authors, year, venue, abstract, keywords, topics,
  authors_folded, topics_folded, phrase_text, search, record)
SELECT id, citekey, title, authors, year, venue, abstract, keywords, topics, authors_folded, topics_folded, phrase_text,
  search::tsvector, record
FROM jsonb_to_recordset($1::jsonb) AS r(${COLUMNS})
ON CONFLICT (id) DO UPDATE SET citekey = excluded.citekey, title = excluded.title, authors = excluded.authors,
  year = excluded.year, venue = excluded.venue, abstract = excluded.abstract, keywords = excluded.keywords,
  topics = excluded.topics, authors_folded = excluded.authors_folded, topics_folded = excluded.topics_folded,
  phrase_text = excluded.phrase_text, search = excluded.search, record = excluded.record, imported_at = now()`;

/**
 * Writes papers (ids and topics assigned by the corpus pipeline) into a shared library: batches of
 * multi-row upserts, a transaction each, then the term and topic counts recomputed from the table. An
 * import stopped half-way leaves whole batches; running it again finishes the job with no duplicates.
 */
export async function importPapers(
  client: ClientBase,
  papers: Iterable<Paper>,
  topics: readonly Topic[],
  options: ImportPapersOptions = {},
): Promise<ImportPapersOutcome> {
  const batchSize = options.batchSize ?? 2000;
  const started = performance.now();
  // Into an empty library the search index is built once at the end (much faster than row by row); an
  // import stopped before that leaves it to the re-run, and searches stay correct meanwhile, only slower.
  const bulk = (await client.query<{ empty: boolean }>('SELECT NOT EXISTS (SELECT 1 FROM lectern_papers) AS empty')).rows[0].empty;
  // Only the tables' owner may drop them; a lectern_writer member imports with the indexes in place.
  if (bulk) await client.query(`DROP INDEX IF EXISTS ${SEARCH_INDEXES.map((index) => index.name).join(', ')}`).catch(() => undefined);
  let written = 0;
  let batches = 0;
  // The next batch's rows are built while the server writes the previous one (two cores busy, not one).
  let writing: Promise<void> = Promise.resolve();
  const send = async (batch: Map<string, Paper>) => {
    const rows = batchJson([...batch.values()].map(paperRow));
    await writing;
    // A crash may lose the last batches' commits (not the database's consistency): the re-run writes them again.
    writing = inTransaction(client, async () => {
      await client.query('SET LOCAL synchronous_commit = off');
      await client.query(UPSERT, [rows]);
    }).then(() => {
      written += batch.size;
      batches += 1;
      options.onBatch?.(written);
    });
    // Keep the rejection for the next await, but do not let it go unhandled meanwhile.
    writing.catch(() => undefined);
  };
  let batch = new Map<string, Paper>();
  for (const paper of papers) {
    // A repeated id in one statement would be upserted twice; the last record wins, as in a re-run.
    batch.set(paper.id, paper);
    if (batch.size >= batchSize) {
      await send(batch);
      batch = new Map();
    }
  }
  if (batch.size > 0) await send(batch);
  await writing;
  const refreshStarted = performance.now();
  await refreshLibraryCounts(client, topics);
  const done = performance.now();
  return { papers: written, batches, writeMs: refreshStarted - started, refreshMs: done - refreshStarted };
}

/**
 * Recomputes what searches and the tree read besides the papers (and rebuilds the search index when a bulk import dropped it): every term's paper count (prefixes, typos,
 * IDF), each topic's paper count with the origin the topic code gave it, and the number of papers.
 */
export async function refreshLibraryCounts(client: ClientBase, topics: readonly Topic[]): Promise<void> {
  await rebuildSearchIndexes(client);
  await inTransaction(client, async () => {
    await client.query('TRUNCATE lectern_terms');
    await client.query("INSERT INTO lectern_terms (term, papers) SELECT word, ndoc FROM ts_stat('SELECT search FROM lectern_papers')");
    await client.query(
      `INSERT INTO lectern_topics (name, origin) SELECT * FROM unnest($1::text[], $2::text[])
       ON CONFLICT (name) DO UPDATE SET origin = excluded.origin`,
      [topics.map((t) => t.name), topics.map((t) => t.origin)],
    );
    await client.query('UPDATE lectern_topics SET papers = 0');
    await client.query(
      `INSERT INTO lectern_topics (name, papers) SELECT name, count(*) FROM lectern_papers, unnest(topics) AS name GROUP BY name
       ON CONFLICT (name) DO UPDATE SET papers = excluded.papers`,
    );
    await client.query('DELETE FROM lectern_topics WHERE papers = 0');
    await client.query('UPDATE lectern_stats SET papers = (SELECT count(*) FROM lectern_papers), refreshed_at = now()');
  });
}

/** The indexes a bulk import drops and builds once at the end. */
const SEARCH_INDEXES = [
  { name: 'lectern_papers_search', using: 'gin (search)' },
  { name: 'lectern_papers_head', using: 'gin (search_head)' },
];

/** Builds the search indexes a bulk import dropped (the ones present are left alone). */
async function rebuildSearchIndexes(client: ClientBase): Promise<void> {
  for (const index of SEARCH_INDEXES) {
    const present = await client.query<{ present: boolean }>('SELECT to_regclass($1) IS NOT NULL AS present', [index.name]);
    if (!present.rows[0].present) await client.query(`CREATE INDEX ${index.name} ON lectern_papers USING ${index.using}`);
  }
}

async function inTransaction(client: ClientBase, work: () => Promise<unknown>): Promise<void> {
  await client.query('BEGIN');
  try {
    await work();
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

/**
 * A batch as one JSON parameter. PostgreSQL text and jsonb cannot hold U+0000, which some sources carry (a JSON
 * importer keeps what the file says): it is dropped from every string rather than failing the whole batch.
 */
function batchJson(rows: PaperRow[]): string {
  const json = JSON.stringify(rows);
  if (!json.includes('\\u0000')) return json;
  return JSON.stringify(rows, (_key, value: unknown) => (typeof value === 'string' ? value.replaceAll('\u0000', '') : value));
}
