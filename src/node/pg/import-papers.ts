import type { ClientBase } from 'pg';
import type { Paper } from '../../core/model/paper';
import type { Topic } from '../../core/model/topic';
import { from as copyFrom } from 'pg-copy-streams';
import { CopyLineBuilders } from './copy-line-builders';
import { PAPER_COPY_COLUMNS, paperCopyBatch } from './paper-row';
import { HEAD_TERMS, REFRESH_SETTINGS, TERM_COUNTS, TERM_IMPACTS } from './term-field-counts';

/** How `importPapers` writes. */
export interface ImportPapersOptions {
  /** Papers per transaction (one COPY into a staging table and one upsert from it each). Default 2 000. */
  batchSize?: number;
  /** Called after each committed batch with the papers written so far (progress; a throw stops the import there). */
  onBatch?: (written: number) => void;
  /**
   * Opens a second connection to the same database, on which the refresh builds the search indexes while it counts
   * terms on the first: two server processes instead of one (at a million papers the index build takes 40 s and
   * the counts 58 s, one after the other). Default: none, one after the other. A connection that fails to open
   * leaves the refresh to the first. Example: `() => connected(new pg.Client(url))`.
   */
  connectAnother?: () => Promise<ClientBase & { end(): Promise<void> }>;
}

/** What an import wrote. */
export interface ImportPapersOutcome {
  papers: number;
  batches: number;
  /** Time spent writing papers and refreshing terms and topics, in milliseconds. */
  writeMs: number;
  refreshMs: number;
}

const COLUMN_LIST = PAPER_COPY_COLUMNS.join(', ');

/**
 * Each batch is copied into this session's staging table (temporary: unlogged and private to the import), emptied
 * at every commit, then upserted from there by id, so a re-run replaces rather than duplicates.
 */
const STAGING = `CREATE TEMP TABLE IF NOT EXISTS lectern_import_batch (id text, citekey text, title text, authors text[],
  year integer, venue text, abstract text, keywords text[], topics text[], authors_folded text[], topics_folded text[],
  phrase_text text, search tsvector, field_lengths integer[], record jsonb) ON COMMIT DELETE ROWS`;
const COPY_STAGING = `COPY lectern_import_batch (${COLUMN_LIST}) FROM STDIN (FORMAT binary)`;
const COPY_PAPERS = `COPY lectern_papers (${COLUMN_LIST}) FROM STDIN (FORMAT binary)`;
/** SQLSTATE of a duplicate key. */
const UNIQUE_VIOLATION = '23505';
const UPSERT = `INSERT INTO lectern_papers (${COLUMN_LIST}) SELECT ${COLUMN_LIST} FROM lectern_import_batch
ON CONFLICT (id) DO UPDATE SET citekey = excluded.citekey, title = excluded.title, authors = excluded.authors,
  year = excluded.year, venue = excluded.venue, abstract = excluded.abstract, keywords = excluded.keywords,
  topics = excluded.topics, authors_folded = excluded.authors_folded, topics_folded = excluded.topics_folded,
  phrase_text = excluded.phrase_text, search = excluded.search, field_lengths = excluded.field_lengths, record = excluded.record, imported_at = now()`;

/**
 * Writes papers (ids and topics assigned by the corpus pipeline) into a shared library: batches sent with
 * `COPY`, a transaction each, then the term and topic counts recomputed from the table. Into a library that
 * holds papers, each batch is copied into a staging table and upserted from there by id; into an empty one it
 * is copied straight into the papers table (each id once: the last record of an id wins, as in a re-run). An
 * import stopped half-way leaves whole batches; running it again finishes the job with no duplicates.
 */
export async function importPapers(
  client: ClientBase,
  papers: Iterable<Paper>,
  topics: readonly Topic[],
  options: ImportPapersOptions = {},
): Promise<ImportPapersOutcome> {
  const session = await PaperImport.start(client, options);
  await session.write(papers);
  return session.finish(topics);
}

/**
 * An import written in parts (`lectern db import` of a library too large to hold at once): `start`, `write` each
 * part's papers, then `finish` once with every part's topics, which refreshes the counts searches and the tree read.
 */
export class PaperImport {
  private written = 0;
  private batches = 0;
  private readonly started = performance.now();

  private constructor(
    private readonly client: ClientBase,
    /** Whether the library was empty at the start: batches are then copied straight in, indexes built at the end. */
    private readonly bulk: boolean,
    private readonly options: ImportPapersOptions,
  ) {}

  static async start(client: ClientBase, options: ImportPapersOptions = {}): Promise<PaperImport> {
    // Into an empty library the search index is built once at the end (much faster than row by row); an
    // import stopped before that leaves it to the re-run, and searches stay correct meanwhile, only slower.
    const bulk = (await client.query<{ empty: boolean }>('SELECT NOT EXISTS (SELECT 1 FROM lectern_papers) AS empty')).rows[0].empty;
    // Only the tables' owner may drop them; a lectern_writer member imports with the indexes in place.
    if (bulk) await client.query(`DROP INDEX IF EXISTS ${SEARCH_INDEXES.map((index) => index.name).join(', ')}`).catch(() => undefined);
    await client.query(STAGING);
    return new PaperImport(client, bulk, options);
  }

  /** Writes papers in batches; resolves when the last is committed. */
  async write(papers: Iterable<Paper>): Promise<void> {
    const { client, bulk, options } = this;
    const batchSize = options.batchSize ?? 2000;
    // A repeated id in one statement would be upserted twice, and copied twice into an empty library: each id is
    // sent once, with its last record, as in a re-run.
    const unique = new Map<string, Paper>();
    for (const paper of papers) unique.set(paper.id, paper);
    // Batches are built on worker threads (more than one batch: starting them costs more than a single one) while
    // the server writes the previous one; one write at a time, in order.
    const builders = unique.size > batchSize ? new CopyLineBuilders() : undefined;
    const built: Array<{ data: Promise<Buffer>; size: number }> = [];
    let writing: Promise<void> = Promise.resolve();
    const writeNext = async () => {
      const next = built.shift();
      if (!next) return;
      const data = await next.data;
      await writing;
      writing = writeBatch(client, data, bulk).then(() => {
        this.written += next.size;
        this.batches += 1;
        options.onBatch?.(this.written);
      });
      // Keep the rejection for the next await, but do not let it go unhandled meanwhile.
      writing.catch(() => undefined);
    };
    try {
      let batch: Paper[] = [];
      const queue = () => {
        const data = builders ? builders.build(batch) : Promise.resolve(paperCopyBatch(batch));
        data.catch(() => undefined);
        built.push({ data, size: batch.length });
        batch = [];
      };
      for (const paper of unique.values()) {
        batch.push(paper);
        if (batch.length < batchSize) continue;
        queue();
        if (built.length > (builders?.parallelism ?? 1)) await writeNext();
      }
      if (batch.length > 0) queue();
      while (built.length > 0) await writeNext();
      await writing;
    } finally {
      await builders?.close();
    }
  }

  /** Refreshes the term and topic counts (`topics`: every part's topics, with their origins) and says what was written. */
  async finish(topics: readonly Topic[]): Promise<ImportPapersOutcome> {
    const refreshStarted = performance.now();
    await refreshLibraryCounts(this.client, topics, this.options.connectAnother);
    const done = performance.now();
    return { papers: this.written, batches: this.batches, writeMs: refreshStarted - this.started, refreshMs: done - refreshStarted };
  }
}

/**
 * One batch in one transaction: copied into the papers table when it was empty at the start (`direct`), else
 * into the staging table and upserted from there. A direct copy that meets an id already there (another import
 * at the same time) is written again the upserting way.
 */
async function writeBatch(client: ClientBase, data: Buffer, direct: boolean): Promise<void> {
  // A crash may lose the last batches' commits (not the database's consistency): the re-run writes them again.
  const write = (straight: boolean) =>
    inTransaction(client, async () => {
      await client.query('SET LOCAL synchronous_commit = off');
      if (straight) await copyInto(client, COPY_PAPERS, data);
      else {
        await copyInto(client, COPY_STAGING, data);
        await client.query(UPSERT);
      }
    });
  if (!direct) return write(false);
  try {
    await write(true);
  } catch (error) {
    if ((error as { code?: unknown }).code !== UNIQUE_VIOLATION) throw error;
    await write(false);
  }
}

/**
 * Recomputes what searches and the tree read besides the papers (and rebuilds the search index when a bulk import
 * dropped it, on a second connection from `connectAnother` when given, meanwhile): every term's paper count
 * (prefixes, typos, IDF), each topic's paper count with the origin the topic code gave it, and the number of papers.
 */
export async function refreshLibraryCounts(
  client: ClientBase,
  topics: readonly Topic[],
  connectAnother?: ImportPapersOptions['connectAnother'],
): Promise<void> {
  const other = connectAnother && (await connectAnother().catch(() => undefined));
  if (!other) {
    await rebuildSearchIndexes(client);
    await refreshCounts(client, topics);
    return;
  }
  try {
    // The index build locks the papers against writes only; the counts read them meanwhile.
    const done = await Promise.allSettled([rebuildSearchIndexes(other), refreshCounts(client, topics)]);
    for (const result of done) if (result.status === 'rejected') throw result.reason;
  } finally {
    await other.end().catch(() => undefined);
  }
}

/** The term, topic and paper counts and the impact lists, in one transaction. */
async function refreshCounts(client: ClientBase, topics: readonly Topic[]): Promise<void> {
  await inTransaction(client, async () => {
    await client.query(REFRESH_SETTINGS);
    await client.query(HEAD_TERMS);
    await client.query('TRUNCATE lectern_terms');
    await client.query(TERM_COUNTS);
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
    await client.query(`UPDATE lectern_stats SET (papers, field_lengths, refreshed_at) = (SELECT count(*), ARRAY[coalesce(sum(field_lengths[1]), 0),
      coalesce(sum(field_lengths[2]), 0), coalesce(sum(field_lengths[3]), 0), coalesce(sum(field_lengths[4]), 0)]::float8[], now() FROM lectern_papers)`);
    // The impact lists take the terms' per-field counts and the fields' lengths just refreshed.
    await client.query('TRUNCATE lectern_term_impacts');
    await client.query(TERM_IMPACTS);
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

/** Sends COPY data (`statement`: a `COPY … FROM STDIN`); resolves once the server has taken it all. */
async function copyInto(client: ClientBase, statement: string, data: Buffer): Promise<void> {
  const stream = client.query(copyFrom(statement));
  await new Promise<void>((resolve, reject) => {
    stream.on('error', reject);
    stream.on('finish', resolve);
    stream.end(data);
  });
}
