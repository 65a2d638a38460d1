import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import { importPapers, PaperImport } from '../../src/node/pg/import-papers';
import { migrateDatabase } from '../../src/node/pg/migrate-database';
import { readCorpusFiles, type ReadCorpus } from '../../src/node/pg/read-corpus-files';
import { postgresSkipReason, startPostgresCluster, type PostgresCluster } from '../support/postgres-cluster';
import { seedCorpusPath } from '../support/shared-corpora';

// `lectern db import` writes a library of millions in parts, refreshing the counts once at the end: the tables a
// search and the tree read must hold what one import of the same papers writes, into an empty library and into one
// that already holds some of them.
const skip = postgresSkipReason();

let cluster: PostgresCluster;
let admin: pg.Client;
let seed: ReadCorpus;

before(async () => {
  if (skip) return;
  cluster = await startPostgresCluster();
  admin = new pg.Client(cluster.url());
  await admin.connect();
  await migrateDatabase(admin);
  seed = await readCorpusFiles([seedCorpusPath]);
});
after(async () => {
  await admin?.end();
  await cluster?.stop();
});

/** Everything an import writes that searches, the tree and `show` read, in a stable order. */
async function libraryTables(): Promise<unknown[]> {
  const queries = [
    `SELECT id, citekey, title, authors, year, venue, abstract, keywords, topics, authors_folded, topics_folded, phrase_text,
       search::text, search_head::text, field_lengths, record FROM lectern_papers ORDER BY id`,
    'SELECT * FROM lectern_terms ORDER BY 1, 2',
    'SELECT * FROM lectern_term_impacts ORDER BY 1, 2, 3',
    'SELECT name, origin, papers FROM lectern_topics ORDER BY name',
    'SELECT papers, field_lengths FROM lectern_stats',
    "SELECT indexname FROM pg_indexes WHERE tablename = 'lectern_papers' ORDER BY 1",
  ];
  const tables = [];
  for (const sql of queries) tables.push((await admin.query(sql)).rows);
  return tables;
}

async function emptyLibrary(): Promise<void> {
  await admin.query('TRUNCATE lectern_papers, lectern_terms, lectern_term_impacts, lectern_topics');
}

/** The tables after one plain import of the seed into an empty library: what every other way must hold. */
async function importedOnce(): Promise<unknown[]> {
  await emptyLibrary();
  await importPapers(admin, seed.corpus.papers, seed.corpus.topics);
  const tables = await libraryTables();
  assert.equal((tables[0] as unknown[]).length, 76);
  await emptyLibrary();
  return tables;
}

test('papers written in three parts, counts refreshed once, hold what one import of them holds', { skip }, async () => {
  const { papers, topics } = seed.corpus;
  const once = await importedOnce();
  const written: number[] = [];
  const session = await PaperImport.start(admin, { batchSize: 10, onBatch: (n) => written.push(n) });
  for (const part of [papers.slice(0, 30), papers.slice(30, 31), papers.slice(31)]) await session.write(part);
  const outcome = await session.finish(topics);
  assert.equal(outcome.papers, 76);
  assert.equal(written.at(-1), 76, 'progress counts the papers of every part');
  assert.deepEqual(await libraryTables(), once);
});

test(
  'the refresh building the indexes on a second connection meanwhile holds what it holds on one; a second connection that fails to open leaves it to the first',
  { skip },
  async () => {
    const { papers, topics } = seed.corpus;
    const once = await importedOnce();
    const opened: pg.Client[] = [];
    const connectAnother = async () => {
      const other = new pg.Client(cluster.url());
      await other.connect();
      opened.push(other);
      return other;
    };
    await importPapers(admin, papers, topics, { connectAnother });
    assert.equal(opened.length, 1);
    assert.deepEqual(await libraryTables(), once);
    await emptyLibrary();
    await importPapers(admin, papers, topics, { connectAnother: () => Promise.reject(new Error('too many connections')) });
    assert.deepEqual(await libraryTables(), once);
  },
);

test(
  'parts that repeat a paper, into a library that holds some of them, leave each paper once with its last record',
  { skip },
  async () => {
    const { papers, topics } = seed.corpus;
    const once = await importedOnce();
    await importPapers(admin, papers.slice(0, 10), topics);
    const retitled = { ...papers[40], title: 'An older record of this paper' };
    const session = await PaperImport.start(admin, { batchSize: 8 });
    await session.write([...papers.slice(5, 40), retitled]);
    await session.write(papers.slice(40));
    await session.finish(topics);
    assert.deepEqual(await libraryTables(), once);
  },
);
