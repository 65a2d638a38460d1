import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import pg from 'pg';
import { importPapers } from '../src/node/pg/import-papers';
import { migrateDatabase } from '../src/node/pg/migrate-database';
import { PgLibrary } from '../src/node/pg/pg-library';
import { SAMPLE_RANKING_QUERIES } from '../test/fixtures/sample-ranking-queries';
import { postgresSkipReason, startPostgresCluster, type PostgresCluster } from '../test/support/postgres-cluster';
import { repoRoot } from '../test/support/shared-corpora';
import { ZipfCorpus } from './zipf-corpus';

// The sample's 60 ranking cases (paper-search.test.ts) against the PostgreSQL backend, with the 76 sample papers
// hidden among Zipfian noise papers (as sample-hidden-ranking.test.ts does for the local index at 100k). 20 000
// papers keep the file near a minute on a busy machine (the import dominates); `npm run bench:pg` runs 100k.
const SIZE = 20_000;
const skip = postgresSkipReason();

describe('ranking in PostgreSQL with the sample hidden among 20k noise papers', { skip }, () => {
  const corpus = ZipfCorpus.load({ repoRoot, sharedCorporaDir: false });
  const sampleTitle = new Map(corpus.sample.map((paper) => [paper.id, paper.title]));
  let cluster: PostgresCluster;
  let library: PgLibrary;

  before(async () => {
    cluster = await startPostgresCluster();
    const client = new pg.Client(cluster.url());
    await client.connect();
    try {
      await migrateDatabase(client);
      await importPapers(client, corpus.papers(SIZE), []);
    } finally {
      await client.end();
    }
    library = await PgLibrary.connect(cluster.url());
  });
  after(async () => {
    await library?.close();
    await cluster?.stop();
  });

  test('the library holds 20 000 papers, and every sample paper is found by its title as a phrase', async () => {
    assert.equal((await library.list({ limit: 1 })).total, SIZE);
    for (const paper of corpus.sample) {
      const ids = (await library.search(`"${paper.title}"`, { limit: 1000 })).results.map((hit) => hit.id);
      assert.ok(ids.includes(paper.id), paper.title);
    }
  });

  test('the query words are common in the noise: each of these matches hundreds of papers or more', async () => {
    for (const word of ['attention', 'hallucination', 'spiking', 'sycophancy', 'connectome', 'scanpath', 'dendrites']) {
      const { total } = await library.search(word, { limit: 1 });
      assert.ok(total >= 200, `${word}: ${total}`);
    }
  });

  for (const [query, title, worst] of SAMPLE_RANKING_QUERIES) {
    const name = `${query} → ${title}`;
    test(`${name} (rank ≤ ${worst + 1})`, async () => {
      const results = (await library.search(query, { limit: 100 })).results;
      const rank = results.findIndex((hit) => sampleTitle.get(hit.id)?.startsWith(title) === true);
      const top = results.slice(0, 5).map((hit) => hit.title);
      assert.ok(rank >= 0 && rank <= worst, `rank ${rank} for "${query}"; got ${JSON.stringify(top)}`);
    });
  }
});
