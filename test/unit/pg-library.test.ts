import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import type { Paper } from '../../src/core/model/paper';
import { paperFieldTerms } from '../../src/core/search/index-fields';
import { PaperSearch } from '../../src/core/search/paper-search';
import { importPapers } from '../../src/node/pg/import-papers';
import { migrateDatabase, SCHEMA_VERSION } from '../../src/node/pg/migrate-database';
import { PgLibrary } from '../../src/node/pg/pg-library';
import type { ReadCorpus } from '../../src/node/pg/read-corpus-files';
import { postgresSkipReason, type PostgresCluster } from '../support/postgres-cluster';
import { openSeededPgLibrary, type SeededPgLibrary } from '../support/seeded-pg-library';

// The seed corpus in a real PostgreSQL server (a throwaway cluster), searched through the shared-library
// backend and checked against the local index on the same papers: the same query language must find the same papers.
const skip = postgresSkipReason();

describe('the PostgreSQL library backend', { skip }, () => {
  let seeded: SeededPgLibrary;
  let cluster: PostgresCluster;
  let admin: pg.Client;
  let library: PgLibrary;
  let seed: ReadCorpus;
  let local: PaperSearch;

  before(async () => {
    // Batches of 20, so the seed's 76 papers take several transactions.
    seeded = await openSeededPgLibrary({ batchSize: 20 });
    ({ cluster, admin, library, seed } = seeded);
    local = PaperSearch.build(seed.corpus.papers);
  });
  after(() => seeded?.close());

  const count = () => seeded.paperCount();
  const ids = async (query: string, annotatedIds?: (filter: { kind: string; value: string }) => string[]) =>
    (await library.search(query, { limit: 1000, annotatedIds })).results.map((hit) => hit.id).sort();
  const localIds = (query: string) =>
    local
      .search(query, { limit: 1000 })
      .results.map((hit) => hit.id)
      .sort();

  test('the import wrote every paper of the seed corpus once, with its topics and record', async () => {
    assert.equal(seed.corpus.papers.length, 76);
    assert.equal(await count(), 76);
    const first = seed.corpus.papers[0];
    assert.deepEqual(await library.paper(first.id), JSON.parse(JSON.stringify(first)) as Paper);
    assert.equal((await library.paper(first.citeKey!))?.id, first.id, 'a citekey names the paper too');
    assert.equal(await library.paper('no-such-paper'), undefined);
  });

  test('re-importing the same papers changes nothing and duplicates nothing', async () => {
    const before = (await admin.query('SELECT id, title, topics FROM lectern_papers ORDER BY id')).rows;
    await importPapers(admin, seed.corpus.papers, seed.corpus.topics, { batchSize: 7 });
    assert.equal(await count(), 76);
    assert.deepEqual((await admin.query('SELECT id, title, topics FROM lectern_papers ORDER BY id')).rows, before);
  });

  test('an import stopped after its first batch leaves whole batches, and running it again finishes the job', async () => {
    await admin.query('TRUNCATE lectern_papers');
    await assert.rejects(
      importPapers(admin, seed.corpus.papers, seed.corpus.topics, {
        batchSize: 30,
        onBatch: () => {
          throw new Error('interrupted');
        },
      }),
      /interrupted/,
    );
    assert.equal(await count(), 30, 'the first batch of 30 was committed, nothing of the second');
    const outcome = await importPapers(admin, seed.corpus.papers, seed.corpus.topics, { batchSize: 30 });
    assert.equal(outcome.papers, 76);
    assert.equal(await count(), 76);
    const stored = (await admin.query<{ id: string }>('SELECT id FROM lectern_papers ORDER BY id')).rows.map((row) => row.id);
    assert.deepEqual(stored, seed.corpus.papers.map((paper) => paper.id).sort());
  });

  test('topic counts are the topic code’s, read with one aggregate', async () => {
    const topics = await library.topics();
    const expected = seed.corpus.topics
      .map((topic) => ({ name: topic.name, count: topic.paperIds.length, origin: topic.origin }))
      .sort((a, b) => b.count - a.count || (a.name < b.name ? -1 : 1));
    assert.deepEqual(topics, expected);
  });

  describe('finds what the local index finds', () => {
    const queries = [
      'attention sink',
      'attention',
      'SEE WHAT YOU ARE TOLD',
      'spik',
      'neurof',
      'spikng neural',
      'halucination',
      'sycophnacy',
      '"brain decoding"',
      '"visual attention sink"',
      '"brain decod',
      '"brain d',
      '"visual attention si',
      'pre-training',
      'pretraining',
      'pre training',
      'μ-Bench',
      'mubench',
      'attention -transformer',
      'attention -"vision transformer"',
      'year:2023',
      'year:2020..2022',
      'year:..2019',
      '-year:2024',
      'topic:spiking',
      '-topic:spiking attention',
      'topic:"Vision-Language Models"',
      'author:kang',
      'author:hinton',
      'neural year:2024 -topic:attention',
      'zzzzqqq',
    ];
    for (const query of queries) {
      test(query, async () => {
        const expected = localIds(query);
        assert.deepEqual(await ids(query), expected);
      });
    }
  });

  test('ranks as the local index ranks: BM25+ per field, expansions weighted as locally, the same order and scores', async () => {
    // Words, prefixes, typos, compounds (joined and apart), phrases and exclusions; with all words and with any (the
    // last: no paper has `zzzzqqq`, so papers with both other words rank first, their score doubled).
    const queries = [
      'attention sink',
      'spik',
      'neural spi',
      'spikng neural',
      'pre-training',
      'pre training',
      'language model',
      'mubench',
      '"brain decoding" attention',
      'attention "brain deco',
      'attention -transformer',
      'attention spiking zzzzqqq',
    ];
    for (const query of queries) {
      const remote = (await library.search(query, { limit: 15 })).results;
      const mine = local.search(query, { limit: 15 }).results;
      assert.ok(mine.length > 0, query);
      assert.deepEqual(
        remote.map((hit) => hit.id),
        mine.map((hit) => hit.id),
        query,
      );
      for (const [i, hit] of remote.entries())
        assert.ok(Math.abs(hit.score - mine[i].score) <= 1e-9 * mine[i].score, `${query}: ${hit.id} ${hit.score} against ${mine[i].score}`);
    }
  });

  test('field lengths are the local index’s, and a library of schema version 2 gets them from its tsvectors on upgrade', async () => {
    const lengths = async () =>
      new Map(
        (await admin.query<{ id: string; field_lengths: number[] }>('SELECT id, field_lengths FROM lectern_papers')).rows.map((row) => [
          row.id,
          row.field_lengths,
        ]),
      );
    const imported = await lengths();
    for (const paper of seed.corpus.papers)
      assert.deepEqual(
        imported.get(paper.id),
        paperFieldTerms(paper).map((terms) => terms.length),
        paper.id,
      );
    const counts = async () => ({
      terms: (await admin.query('SELECT term, papers, fields FROM lectern_terms ORDER BY term')).rows,
      stats: (await admin.query('SELECT papers, field_lengths FROM lectern_stats')).rows,
    });
    const before = await counts();
    const ranked = (await library.search('spiking attention', { limit: 10 })).results.map((hit) => [hit.id, hit.score]);
    // Version 2's tables: version 3's columns and version 4's table dropped.
    await admin.query(`ALTER TABLE lectern_papers DROP COLUMN field_lengths; ALTER TABLE lectern_terms DROP COLUMN fields;
      ALTER TABLE lectern_stats DROP COLUMN field_lengths; DROP TABLE lectern_term_impacts; DELETE FROM lectern_schema WHERE version >= 3`);
    assert.deepEqual(await migrateDatabase(admin), { from: 2, to: SCHEMA_VERSION });
    assert.deepEqual(await lengths(), imported);
    assert.deepEqual(await counts(), before);
    assert.deepEqual(
      (await library.search('spiking attention', { limit: 10 })).results.map((hit) => [hit.id, hit.score]),
      ranked,
    );
  });

  test('each term’s impact list holds the papers naming it in their head, best first by the local index’s score for the term; version 3 gets them on upgrade', async () => {
    const lists = async () =>
      (
        await admin.query<{ term: string; impact: number; id: string }>(
          'SELECT term, impact, id FROM lectern_term_impacts ORDER BY term, impact DESC, id',
        )
      ).rows;
    const imported = await lists();
    assert.ok(imported.length > 500, `${imported.length} rows`);
    // Words of 4–7 letters typed with a space after them expand to nothing (no prefix, no typo), so the local
    // score of each paper for the word alone is that word's contribution.
    for (const term of ['spiking', 'sink', 'neural', 'memory']) {
      const list = imported.filter((row) => row.term === term);
      const naming = seed.corpus.papers.filter((paper) => [0, 1, 3].some((f) => paperFieldTerms(paper)[f].includes(term)));
      assert.ok(naming.length > 0, term);
      assert.deepEqual(list.map((row) => row.id).sort(), naming.map((paper) => paper.id).sort(), term);
      const localScores = new Map(local.search(`${term} `, { limit: 100 }).results.map((hit) => [hit.id, hit.score]));
      for (const row of list) {
        const score = localScores.get(row.id)!;
        assert.ok(Math.abs(row.impact - score) <= 1e-6 * score, `${term} ${row.id}: ${row.impact} against ${score}`);
      }
    }
    const query = 'spiking neural';
    const ranked = (await library.search(query, { limit: 10 })).results.map((hit) => [hit.id, hit.score]);
    await admin.query('DROP TABLE lectern_term_impacts; DELETE FROM lectern_schema WHERE version >= 4');
    assert.deepEqual(await migrateDatabase(admin), { from: 3, to: SCHEMA_VERSION });
    assert.deepEqual(await lists(), imported);
    assert.deepEqual(await migrateDatabase(admin), { from: SCHEMA_VERSION, to: SCHEMA_VERSION });
    assert.deepEqual(
      (await library.search(query, { limit: 10 })).results.map((hit) => [hit.id, hit.score]),
      ranked,
    );
  });

  test('the best hit and its highlights are the local ones for a plain query', async () => {
    const [remote] = (await library.search('attention sink', { limit: 1 })).results;
    const [mine] = local.search('attention sink', { limit: 1 }).results;
    assert.equal(remote.id, mine.id);
    assert.deepEqual(remote.matches, mine.matches);
    assert.deepEqual(remote.terms.sort(), mine.terms.sort());
  });

  test('tag: and status: take their ids from the workspace notes, and match none without them', async () => {
    const [a, b] = seed.corpus.papers;
    const notes = (filter: { kind: string; value: string }) => (filter.kind === 'tag' && filter.value === 'toread' ? [a.id, b.id] : []);
    assert.deepEqual(await ids('tag:toread', notes), [a.id, b.id].sort());
    assert.deepEqual(await ids('status:reading', notes), []);
    assert.deepEqual(await ids('tag:toread'), []);
    assert.equal((await ids('-tag:toread year:2024', notes)).includes(a.id), false);
  });

  test('a total counted only as far as asked: the same results, exact up to the count asked and a lower bound past it', async () => {
    const everything = await library.search('attention', { limit: 5 });
    const matches = local.search('attention', { limit: 5 }).total;
    assert.ok(matches > 3, `attention matches ${matches} seed papers`);
    assert.deepEqual([everything.total, everything.totalIsLowerBound], [matches, false]);
    const ids = (response: { results: Array<{ id: string }> }) => response.results.map((hit) => hit.id);
    for (const [asked, total, lowerBound] of [
      [3, 3, true],
      [0, 0, true],
      [matches, matches, false],
      [Infinity, matches, false],
    ] as const) {
      const response = await library.search('attention', { limit: 5, exactTotalUpTo: asked });
      assert.deepEqual([response.total, response.totalIsLowerBound], [total, lowerBound], `exactTotalUpTo ${asked}`);
      assert.deepEqual(ids(response), ids(everything), `exactTotalUpTo ${asked}: the same results`);
    }
  });

  test('related papers come from SQL, share terms with the paper and never include it', async () => {
    const paper = seed.corpus.papers.find((p) => p.title.startsWith('Unleashing the Potential of Spiking'))!;
    const related = await library.related(paper.id, 5);
    assert.equal(related.length, 5);
    assert.ok(!related.some((r) => r.id === paper.id));
    for (const r of related) assert.ok(r.sharedTerms.length > 0 && r.score > 0 && r.score <= 1, JSON.stringify(r));
    assert.ok(
      related.some((r) => /spik/i.test(r.title)),
      JSON.stringify(related.map((r) => r.title)),
    );
    // Those sharing two terms or more first, then those sharing one; best first within each.
    const sharing = related.map((r) => Math.min(2, r.sharedTerms.length));
    assert.deepEqual(
      sharing,
      [...sharing].sort((x, y) => y - x),
    );
    for (const shared of [1, 2]) {
      const scores = related.filter((_, i) => sharing[i] === shared).map((r) => r.score);
      assert.deepEqual(
        scores,
        [...scores].sort((x, y) => y - x),
      );
    }
  });

  test('related papers sharing two of the paper’s distinctive terms come before any sharing one, however often it names it', async () => {
    // A library of its own, so the seed's counts stay as the other tests expect them.
    await admin.query('CREATE DATABASE related');
    const client = new pg.Client(cluster.url({ database: 'related' }));
    await client.connect();
    const paper = (id: string, title: string, abstract: string): Paper => ({
      id,
      title,
      abstract,
      authors: ['Ada Lovelace'],
      keywords: [],
      categories: [],
      topics: [],
      source: { file: 'related.json', line: 1 },
    });
    // Each distinctive word is in the source paper and one other; 120 fillers keep the words under 2% of the papers.
    const fillers = Array.from({ length: 120 }, (_, i) => paper(`filler-${i}`, `Filler study ${i}`, `Ordinary words about sampling ${i}.`));
    const papers = [
      paper(
        'source',
        'Astrocytes gate dendritic plateaus in cortex',
        'Astrocytes, dendritic plateaus and gliotransmitters shape cortical computation.',
      ),
      // One shared word, named over and over in the title and the abstract.
      paper(
        'one-word',
        'Gliotransmitters gliotransmitters gliotransmitters',
        'Gliotransmitters, gliotransmitters and gliotransmitters again.',
      ),
      // Two shared words, each once.
      paper('two-words', 'A note on plateaus', 'Astrocytes appear once here.'),
      ...fillers,
    ];
    let related: Awaited<ReturnType<PgLibrary['related']>> = [];
    try {
      await migrateDatabase(client);
      await importPapers(client, papers, []);
      const other = await PgLibrary.connect(cluster.url({ database: 'related' }));
      try {
        related = await other.related('source', 5);
      } finally {
        await other.close();
      }
    } finally {
      await client.end();
      await admin.query('DROP DATABASE related');
    }
    assert.deepEqual(
      related.map((r) => [r.id, [...r.sharedTerms].sort()]),
      [
        ['two-words', ['astrocyte', 'plateaus']],
        ['one-word', ['gliotransmitter']],
      ],
    );
  });

  test('exact term lookups read the primary key, and only the typo lookup the trigram index', async () => {
    // pg_trgm's index also serves `=`, and the planner chose it for exact lookups: about 5 ms a term against
    // microseconds (related papers on a 933-paper library took 0.5 s). Index scans are forced, so the plan shows
    // which index each query can use, whatever the table's size.
    const plan = async (sql: string, values: unknown[]) => {
      await admin.query('BEGIN');
      try {
        await admin.query('SET LOCAL enable_seqscan = off');
        return (await admin.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${sql}`, values)).rows.map((row) => row['QUERY PLAN']).join('\n');
      } finally {
        await admin.query('ROLLBACK');
      }
    };
    const words = await plan('SELECT term, papers FROM lectern_terms WHERE term = ANY($1::text[])', [['spiking', 'neural']]);
    assert.match(words, /lectern_terms_pkey/);
    assert.doesNotMatch(words, /lectern_terms_trgm/);
    const paperTerms = await plan(
      'SELECT t.term FROM lectern_papers AS p, unnest(p.search) AS u JOIN lectern_terms AS t ON t.term = u.lexeme WHERE p.id = $1 AND t.papers > 1',
      [seed.corpus.papers[0].id],
    );
    assert.doesNotMatch(paperTerms, /lectern_terms_trgm/);
    const typos = await plan('SELECT term FROM lectern_terms WHERE term % $1 AND length(term) > 0', ['spikng']);
    assert.match(typos, /lectern_terms_trgm/);
  });

  test('a reader role can search but not write', async () => {
    await admin.query("CREATE ROLE alice LOGIN IN ROLE lectern_reader PASSWORD 'alice-secret'");
    const reader = await PgLibrary.connect(cluster.url({ user: 'alice' }));
    try {
      assert.ok((await reader.search('attention')).total > 0);
    } finally {
      await reader.close();
    }
    const client = new pg.Client(cluster.url({ user: 'alice' }));
    await client.connect();
    try {
      for (const statement of [
        "INSERT INTO lectern_papers (id, title, search, record) VALUES ('x', 'x', '', '{}')",
        'DELETE FROM lectern_papers',
        'UPDATE lectern_topics SET papers = 0',
        'TRUNCATE lectern_terms',
        'DELETE FROM lectern_term_impacts',
        'DROP TABLE lectern_papers',
      ])
        await assert.rejects(client.query(statement), /permission denied|must be owner/, statement);
      await assert.rejects(importPapers(client, seed.corpus.papers, seed.corpus.topics), /permission denied/);
    } finally {
      await client.end();
    }
    assert.equal(await count(), 76);
  });

  test('a NUL character, which PostgreSQL text cannot hold, is dropped instead of failing the batch', async () => {
    const paper: Paper = { ...seed.corpus.papers[0], id: 'nul-paper', title: 'Hello\u0000World', abstract: 'A\u0000B', citeKey: undefined };
    await importPapers(admin, [paper], []);
    assert.deepEqual([(await library.paper('nul-paper'))?.title, (await library.paper('nul-paper'))?.abstract], ['HelloWorld', 'AB']);
    const columns = await admin.query("SELECT title, abstract FROM lectern_papers WHERE id = 'nul-paper'");
    assert.deepEqual(columns.rows[0], { title: 'HelloWorld', abstract: 'AB' });
    await admin.query("DELETE FROM lectern_papers WHERE id = 'nul-paper'");
  });

  test('a writer role can import', async () => {
    await admin.query("CREATE ROLE bob LOGIN IN ROLE lectern_writer PASSWORD 'bob-secret'");
    const client = new pg.Client(cluster.url({ user: 'bob' }));
    await client.connect();
    try {
      const outcome = await importPapers(client, seed.corpus.papers.slice(0, 10), []);
      assert.equal(outcome.papers, 10);
    } finally {
      await client.end();
    }
    assert.equal(await count(), 76);
  });
});
