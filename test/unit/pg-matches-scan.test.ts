import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { scannedMatchesSql } from '../../src/core/search/sql-matches-scan';
import { postgresSkipReason } from '../support/postgres-cluster';
import { openSeededPgLibrary, type SeededPgLibrary } from '../support/seeded-pg-library';

// A search's first matches read by testing the table's first pages, then from the GIN index after them, on a
// real server: whatever the split, they are the index's matches in the table's order (the total and the
// matches a search ranks are taken from the first of them).
const skip = postgresSkipReason();

describe("a search's matches tested in the table's order", { skip }, () => {
  let seeded: SeededPgLibrary;

  before(async () => {
    seeded = await openSeededPgLibrary({ batchSize: 20 });
  });
  after(() => seeded?.close());

  const matchedIds = async (rows: number | undefined, tsquery: string) => {
    const values: unknown[] = [];
    const param = (value: unknown, cast = '') => `$${values.push(value)}${cast}`;
    const matches = `search @@ ${param(tsquery, '::tsquery')}`;
    const sql =
      rows === undefined ? `SELECT id FROM lectern_papers WHERE ${matches} ORDER BY ctid` : scannedMatchesSql(matches, rows, param);
    return (await seeded.admin.query<{ id: string }>(sql, values)).rows.map((row) => row.id);
  };

  for (const tsquery of ["'neural'", "'attention' | 'spiking'", "'brain' & 'model':*", "'nosuchword'"])
    test(`${tsquery}: the same matches in the same order, from the first pages, the index, or both`, async () => {
      const { admin } = seeded;
      const pages = async () =>
        (await admin.query<{ relpages: number }>("SELECT relpages FROM pg_class WHERE relname = 'lectern_papers'")).rows[0];
      await admin.query('ANALYZE lectern_papers');
      assert.ok((await pages()).relpages >= 3, 'the seed spans several pages, so a split falls between them');
      const expected = await matchedIds(undefined, tsquery);
      if (tsquery !== "'nosuchword'") assert.ok(expected.length >= 2, `${tsquery} matches several papers`);
      for (const rows of [0, 1, 10, 30, 1_000]) assert.deepEqual(await matchedIds(rows, tsquery), expected, `${rows} rows tested first`);
    });
});
