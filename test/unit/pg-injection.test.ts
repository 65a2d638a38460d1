import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import pg from 'pg';
import { importPapers } from '../../src/node/pg/import-papers';
import { migrateDatabase } from '../../src/node/pg/migrate-database';
import { PgLibrary } from '../../src/node/pg/pg-library';
import { readCorpusFiles } from '../../src/node/pg/read-corpus-files';
import { postgresSkipReason, startPostgresCluster, type PostgresCluster } from '../support/postgres-cluster';
import { seedCorpusPath } from '../support/shared-corpora';

// Random search box input thrown at the SQL compiler and a real server: whatever is typed, the statement is
// the compiler's own text with the input in parameters, so no SQL error reaches the user and no table changes.
const skip = postgresSkipReason();

/** Pieces that break hand-built SQL, tsquery syntax, LIKE patterns, the query language or text encodings. */
const HOSTILE = [
  "'",
  "''",
  '"',
  '\\',
  '\\\\',
  ';',
  '--',
  '/*',
  '*/',
  '$$',
  '$1',
  '$tag$',
  '\u0000',
  '%',
  '_',
  '*',
  ':*',
  '&',
  '|',
  '!',
  '<->',
  '(',
  ')',
  '-',
  ':',
  '..',
  'topic:',
  'author:',
  'year:',
  'tag:',
  'status:',
  '-topic:',
  'year:1999..',
  "'; DROP TABLE lectern_papers; --",
  "' OR '1'='1",
  "E'\\x00'",
  '\u201c',
  '\u201d',
  '\u00ab',
  '\u00bb',
  '\u3000',
  '\u00a0',
  'μ',
  'ß',
  'e\u0301',
  '\ud83d\ude00',
  '\ud800',
  'attention',
  'spik',
  'pre-',
  ' ',
];

const query = fc
  .array(
    fc.oneof(
      { weight: 4, arbitrary: fc.constantFrom(...HOSTILE) },
      { weight: 2, arbitrary: fc.string({ maxLength: 12 }) },
      { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 8 }) },
    ),
    { maxLength: 14 },
  )
  .map((parts) => parts.join(''));

describe('random query strings against the real server', { skip }, () => {
  let cluster: PostgresCluster;
  let admin: pg.Client;
  let library: PgLibrary;

  before(async () => {
    cluster = await startPostgresCluster();
    admin = new pg.Client(cluster.url());
    await admin.connect();
    await migrateDatabase(admin);
    const seed = await readCorpusFiles([seedCorpusPath]);
    await importPapers(admin, seed.corpus.papers, seed.corpus.topics);
    library = await PgLibrary.connect(cluster.url());
  });
  after(async () => {
    await library?.close();
    await admin?.end();
    await cluster?.stop();
  });

  const papers = async () => Number((await admin.query<{ n: string }>('SELECT count(*) AS n FROM lectern_papers')).rows[0].n);

  test('no query makes the server fail or changes a table', async () => {
    await fc.assert(
      fc.asyncProperty(query, async (text) => {
        const response = await library.search(text, { limit: 5, annotatedIds: () => ["x'; --", 'a\\b', 'nul\u0000'] });
        assert.equal(response.query, text);
        assert.ok(response.total >= response.results.length);
        for (const hit of response.results) assert.equal(typeof hit.id, 'string');
      }),
      { numRuns: 250 },
    );
    assert.equal(await papers(), 76);
  });

  test('10 kB terms, 10 kB of words and long unicode runs are answered too', async () => {
    for (const text of [
      'a'.repeat(10_000),
      'attention '.repeat(1_000),
      `"${'brain decoding '.repeat(700)}"`,
      `-${"x'".repeat(5_000)}`,
      'topic:'.concat('ü'.repeat(10_000)),
      '\ud83d\ude00'.repeat(5_000),
      Array.from({ length: 2_000 }, (_, i) => `w${i}`).join(' '),
    ]) {
      const response = await library.search(text, { limit: 3 });
      assert.ok(response.total >= 0, text.slice(0, 40));
    }
    assert.equal(await papers(), 76);
  });

  test('related and show take any id without failing', async () => {
    await fc.assert(
      fc.asyncProperty(query, async (id) => {
        assert.equal(await library.paper(id), undefined);
        assert.deepEqual(await library.related(id), []);
      }),
      { numRuns: 60 },
    );
  });
});
