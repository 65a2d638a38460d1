import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import { PaperSearch } from '../../src/core/search/paper-search';
import { importPapers } from '../../src/node/pg/import-papers';
import { migrateDatabase, SCHEMA_VERSION } from '../../src/node/pg/migrate-database';
import { PgLibrary } from '../../src/node/pg/pg-library';
import { readCorpusFiles } from '../../src/node/pg/read-corpus-files';
import { postgresSkipReason, startPostgresCluster, type PostgresCluster } from '../support/postgres-cluster';
import { sharedCorpus } from '../support/shared-corpora';

// Whole real libraries (../shared/corpora, never copied into the repo) imported into a real server and searched
// through the shared-library backend: each query's top 10 must be the local index's on the same papers, in its
// order, with its scores. Real libraries have what the seed lacks: names that are also words, keywords that are
// also authors' names, a word common in one field and rare in another (each field's IDF must be its own).
const skip = postgresSkipReason();

/** Per library: words, names (authors' surnames), a prefix being typed, a typo, a phrase, an exclusion, any-word. */
const LIBRARIES = [
  {
    file: 'bibtex_mendeley_neuroscience_library.bib',
    queries: [
      'brain',
      'brain network',
      'fornito',
      'van den heuvel',
      'bassett brain',
      'power',
      'wang',
      'gene expression',
      'connectome hubs',
      'cortex',
      'connec',
      'conectome',
      '"functional connectivity"',
      'brain -network',
      'zalesky schizophrenia',
    ],
  },
  {
    file: 'bibtex_zotero_marine-chemistry_my-library.bib',
    queries: ['ocean', 'iron', 'carbon dioxide', 'seawater', 'phyto', 'nitrogen -iron', 'smith'],
  },
  {
    file: 'openreview_iclr2021_paperlist.tsv',
    queries: [
      'graph',
      'neural network',
      'reinforcement learning',
      'transformer',
      'attention',
      'robust',
      'contrastive',
      'few-shot',
      'generative adversarial',
      'self-supervised learning',
    ],
  },
];

describe('real libraries in a shared library rank as in the local index', { skip }, () => {
  let cluster: PostgresCluster;

  before(async () => {
    cluster = await startPostgresCluster();
  });
  after(() => cluster?.stop());

  for (const { file, queries } of LIBRARIES) {
    const corpus = sharedCorpus(file);
    test(file, { skip: corpus.skip }, async () => {
      const admin = new pg.Client(cluster.url());
      await admin.connect();
      let library: PgLibrary | undefined;
      try {
        await admin.query(
          'DROP TABLE IF EXISTS lectern_papers, lectern_terms, lectern_topics, lectern_stats, lectern_term_impacts, lectern_schema',
        );
        await migrateDatabase(admin);
        const read = await readCorpusFiles([corpus.path]);
        await importPapers(admin, read.corpus.papers, read.corpus.topics);
        const local = PaperSearch.build(read.corpus.papers);
        const shared = await PgLibrary.connect(cluster.url());
        library = shared;
        const ranked = async () => {
          for (const query of queries) await sameRanking(query);
        };
        const sameRanking = async (query: string) => {
          const mine = local.search(query, { limit: 10 }).results;
          assert.ok(mine.length > 0, `${query}: the local index finds papers`);
          const theirs = (await shared.search(query, { limit: 10 })).results;
          const shown = (hits: Array<{ id: string; score: number }>) => hits.map((hit) => `${hit.id} ${hit.score.toFixed(6)}`);
          assert.deepEqual(
            theirs.map((hit) => hit.id),
            mine.map((hit) => hit.id),
            `${query}\nPG:    ${shown(theirs).join(', ')}\nlocal: ${shown(mine).join(', ')}`,
          );
          for (const [i, hit] of theirs.entries())
            assert.ok(
              Math.abs(hit.score - mine[i].score) <= 1e-6 * mine[i].score,
              `${query}: ${hit.id} ${hit.score} against ${mine[i].score}`,
            );
          // As the palette asks (the count no further than its rows): the same papers, the count a bound past 10.
          const palette = await shared.search(query, { limit: 10, exactTotalUpTo: 10 });
          assert.deepEqual(
            palette.results.map((hit) => hit.id),
            theirs.map((hit) => hit.id),
            `${query}: the palette's answer`,
          );
          const counted = local.search(query, { limit: 10 }).total;
          assert.deepEqual(
            [palette.total, palette.totalIsLowerBound],
            [Math.min(counted, 10), counted > 10],
            `${query}: the palette's count`,
          );
        };
        await ranked();
        // A library imported before version 5 (the authors' and meta's counts both those of weight B, their union)
        // gets its counts and impact lists recounted by `db init`: the same as a fresh import's, the same ranking.
        const stored = async () => ({
          terms: (await admin.query('SELECT term, papers, fields FROM lectern_terms ORDER BY term')).rows,
          impacts: (await admin.query('SELECT term, impact, id FROM lectern_term_impacts ORDER BY term, impact DESC, id')).rows,
        });
        const fresh = await stored();
        await admin.query(`UPDATE lectern_terms AS t SET fields = ARRAY[t.fields[1], b.ndoc, t.fields[3], b.ndoc]
          FROM ts_stat('SELECT search FROM lectern_papers', 'b') AS b WHERE b.word = t.term`);
        await admin.query('DELETE FROM lectern_schema WHERE version >= 5');
        assert.notDeepEqual((await stored()).terms, fresh.terms, 'the old counts differ');
        assert.deepEqual(await migrateDatabase(admin), { from: 4, to: SCHEMA_VERSION });
        assert.deepEqual(await stored(), fresh);
        assert.deepEqual(await migrateDatabase(admin), { from: SCHEMA_VERSION, to: SCHEMA_VERSION });
        await ranked();
      } finally {
        await library?.close();
        await admin.end();
      }
    });
  }
});
