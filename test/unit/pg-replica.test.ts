import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import type { Paper } from '../../src/core/model/paper';
import { importPapers } from '../../src/node/pg/import-papers';
import { PgLibrary } from '../../src/node/pg/pg-library';
import { freePort } from '../support/free-port';
import { postgresSkipReason } from '../support/postgres-cluster';
import { startStreamingReplica, waitForReplay, type PostgresReplica } from '../support/postgres-replica';
import { openSeededPgLibrary, type SeededPgLibrary } from '../support/seeded-pg-library';

// Past one machine: the seed library on a primary and a streaming read replica (two local servers). Searches go
// to the replica, imports to the primary; stopping the replica mid-run sends reads to the primary with no error.
const skip = postgresSkipReason();

describe('a shared library with a streaming read replica', { skip }, () => {
  let seeded: SeededPgLibrary;
  let replica: PostgresReplica;
  let library: PgLibrary;

  /** Connections of the library's pools (application_name `lectern`) on a server, and the statements they ran there. */
  async function lecternSessions(url: string): Promise<number> {
    const client = new pg.Client(url);
    await client.connect();
    try {
      const result = await client.query<{ n: string }>("SELECT count(*) AS n FROM pg_stat_activity WHERE application_name = 'lectern'");
      return Number(result.rows[0].n);
    } finally {
      await client.end();
    }
  }

  before(async () => {
    seeded = await openSeededPgLibrary();
    replica = await startStreamingReplica(seeded.cluster);
    await waitForReplay(seeded.cluster, replica);
    library = await PgLibrary.connect(seeded.cluster.url(), { readUrl: replica.url(), maxConnections: 4 });
  });
  after(async () => {
    await library?.close();
    await replica?.stop();
    await seeded?.close();
  });

  test('searches are answered by the replica, with the results the primary gives', async () => {
    const before = await lecternSessions(replica.url());
    const viaReplica = await library.search('attention sink', { limit: 10 });
    const viaPrimary = await seeded.library.search('attention sink', { limit: 10 });
    assert.ok(viaReplica.results.length > 0);
    assert.deepEqual(
      viaReplica.results.map((hit) => hit.id),
      viaPrimary.results.map((hit) => hit.id),
    );
    assert.ok((await lecternSessions(replica.url())) > before, 'the library holds a connection to the replica after searching');
    assert.equal(library.replicaFallbacks, 0);
  });

  test('an import goes to the primary and reaches searches through the replica', async () => {
    const paper: Paper = {
      ...seeded.seed.corpus.papers[0],
      id: 'replicated-paper',
      citeKey: undefined,
      title: 'Zebrafinch Replication Marker',
      abstract: 'A paper written to the primary only.',
    };
    await importPapers(seeded.admin, [paper], seeded.seed.corpus.topics);
    await waitForReplay(seeded.cluster, replica);
    const found = await library.search('zebrafinch', { limit: 5 });
    assert.deepEqual(
      found.results.map((hit) => hit.id),
      ['replicated-paper'],
    );
    assert.equal(library.replicaFallbacks, 0, 'found on the replica');
  });

  test('stopping the replica mid-run sends reads to the primary and no search fails', async () => {
    const expected = (await seeded.library.search('spiking neural', { limit: 10 })).results.map((hit) => hit.id);
    const failures: unknown[] = [];
    const answers: string[][] = [];
    let running = true;
    const worker = async () => {
      while (running) {
        try {
          answers.push((await library.search('spiking neural', { limit: 10 })).results.map((hit) => hit.id));
        } catch (error) {
          failures.push(error);
        }
      }
    };
    const workers = Array.from({ length: 4 }, worker);
    await new Promise((resolve) => setTimeout(resolve, 500));
    const beforeStop = answers.length;
    await replica.stop();
    await new Promise((resolve) => setTimeout(resolve, 1500));
    running = false;
    await Promise.all(workers);
    assert.deepEqual(failures, []);
    assert.ok(beforeStop > 0 && answers.length > beforeStop, `${beforeStop} searches before the stop, ${answers.length} in all`);
    for (const ids of answers) assert.deepEqual(ids, expected);
    assert.ok(library.replicaFallbacks > 0, 'the primary answered once the replica was gone');
  });

  test('a replica that is down from the start costs no error either', async () => {
    const port = await freePort();
    const lonely = await PgLibrary.connect(seeded.cluster.url(), { readUrl: `postgresql://postgres@127.0.0.1:${port}/lectern` });
    try {
      const found = await lonely.search('attention sink', { limit: 3 });
      assert.ok(found.results.length > 0);
      assert.equal(lonely.replicaFallbacks, 1, 'tried once, then skipped for a while');
      await lonely.search('attention', { limit: 3 });
      assert.equal(lonely.replicaFallbacks, 1);
    } finally {
      await lonely.close();
    }
  });
});
