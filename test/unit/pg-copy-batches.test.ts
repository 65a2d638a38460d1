import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { Paper } from '../../src/core/model/paper';
import { foldedWords } from '../../src/core/search/filter-match';
import { paperFieldTerms } from '../../src/core/search/index-fields';
import { paperPhraseText } from '../../src/core/search/sql-phrase-text';
import { CopyLineBuilders } from '../../src/node/pg/copy-line-builders';
import { migrateDatabase } from '../../src/node/pg/migrate-database';
import { PAPER_COPY_COLUMNS, PaperCopyEncoder, paperCopyBatch } from '../../src/node/pg/paper-row';
import { postgresSkipReason, startPostgresCluster, type PostgresCluster } from '../support/postgres-cluster';

// The import sends each batch as binary COPY data built on worker threads. What lands in the table must be what
// the local index and the phrase check read from the paper (its index terms as a weighted tsvector, its phrase
// text, its fields and record), whatever the text holds; and a worker that loads nothing or stops must not change
// a byte or hang the import (the batch is built on the main thread instead).

function paper(i: number, extra: Partial<Paper> = {}): Paper {
  return {
    id: `p-${i}`,
    title: `Spiking attention sinks ${i}`,
    abstract: `We study O'Brien's \\ law\twith tabs\nand μ-transformers across ${i} pre-trained models.`,
    authors: [`Ada "the first" Lovelace ${i}`],
    keywords: ['neural networks'],
    categories: [],
    topics: ['Spiking networks'],
    year: 2020 + (i % 5),
    ...extra,
  } as Paper;
}

/**
 * The tsvector text of a paper, stated plainly: each index term once, with one position per occurrence counted
 * over title (A), authors (B), abstract (C) and keywords/categories/topics (B), at most 256 a term, positions
 * stopping at 16 383.
 */
function referenceTsvector(p: Paper): string {
  const lists = new Map<string, string[]>();
  let position = 0;
  paperFieldTerms(p).forEach((terms, field) => {
    for (const term of terms) {
      position = Math.min(position + 1, 16_383);
      const list = lists.get(term) ?? [];
      lists.set(term, list);
      if (list.length < 256) list.push(`${position}${'ABCB'[field]}`);
    }
  });
  return [...lists].map(([term, at]) => `'${term.replace(/\\/g, '\\\\').replace(/'/g, "''")}':${at.join(',')}`).join(' ');
}

/** The columns read back, with the search column compared to the reference in SQL. */
interface CopiedRow {
  citekey: string | null;
  title: string;
  authors: string[];
  year: number | null;
  venue: string | null;
  abstract: string;
  keywords: string[];
  topics: string[];
  authors_folded: string[];
  topics_folded: string[];
  phrase_text: string;
  record: unknown;
  same_search: boolean;
  search: string;
}

const withoutNul = (text: string) => text.replaceAll('\u0000', '');

/** Words that exercise the tokenizer and the encodings: quotes, backslashes, hyphens, unicode, NUL, long runs. */
const PIECES = [
  "O'Brien",
  '\\',
  '"',
  'pre-training',
  'μ-transformer',
  'Schrödinger',
  'straße',
  'ﬁ',
  '😀',
  '\u0000',
  '\t',
  '\n',
  'the',
  'of',
  'networks',
  'x'.repeat(70),
  'é'.repeat(3),
  '{a,b}',
  'NULL',
  '\\N',
];
const text = fc
  .array(fc.oneof(fc.constantFrom(...PIECES), fc.string({ maxLength: 8 }), fc.string({ unit: 'binary', maxLength: 6 })), { maxLength: 30 })
  .map((words) => words.join(' '));
const arbitraryPaper = fc.record({
  title: text,
  abstract: text,
  authors: fc.array(text, { maxLength: 3 }),
  keywords: fc.array(text, { maxLength: 3 }),
  categories: fc.array(text, { maxLength: 2 }),
  topics: fc.array(text, { maxLength: 2 }),
  year: fc.option(fc.integer({ min: 1900, max: 2100 }), { nil: undefined }),
  venue: fc.option(text, { nil: undefined }),
  citeKey: fc.option(fc.string({ minLength: 1, maxLength: 10 }), { nil: undefined }),
});

describe('binary COPY batches in a real server', { skip: postgresSkipReason() }, () => {
  let cluster: PostgresCluster;
  let client: pg.Client;
  before(async () => {
    cluster = await startPostgresCluster();
    client = new pg.Client(cluster.url());
    await client.connect();
    await migrateDatabase(client);
  });
  after(async () => {
    await client?.end();
    await cluster?.stop();
  });

  const copy = async (data: Buffer) => {
    const stream = client.query(copyFrom(`COPY lectern_papers (${PAPER_COPY_COLUMNS.join(', ')}) FROM STDIN (FORMAT binary)`));
    await new Promise<void>((resolve, reject) => {
      stream.on('error', reject);
      stream.on('finish', resolve);
      stream.end(data);
    });
  };

  test('each column holds what the local index and the phrase check read from the paper, whatever its text', async () => {
    // One encoder for every run, as in an import: its word and term caches must not change a later paper's row.
    const encoder = new PaperCopyEncoder();
    let n = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(arbitraryPaper, { minLength: 1, maxLength: 4 }), async (fields) => {
        const papers = fields.map((f) => ({ ...f, id: `q-${n++}` }) as Paper);
        await client.query('TRUNCATE lectern_papers');
        await copy(encoder.encode(papers));
        for (const p of papers) {
          const row = (
            await client.query<CopiedRow>(
              `SELECT citekey, title, authors, year, venue, abstract, keywords, topics, authors_folded, topics_folded, phrase_text, record,
                 search = $2::tsvector AS same_search, search::text AS search FROM lectern_papers WHERE id = $1`,
              [p.id, withoutNul(referenceTsvector(p))],
            )
          ).rows[0];
          assert.ok(row.same_search, `search of ${JSON.stringify(p)}: ${row.search} vs ${referenceTsvector(p)}`);
          assert.deepEqual(
            [row.citekey, row.title, row.authors, row.year, row.venue, row.abstract, row.keywords, row.topics],
            [
              p.citeKey === undefined ? null : withoutNul(p.citeKey),
              withoutNul(p.title),
              p.authors.map(withoutNul),
              p.year ?? null,
              p.venue === undefined ? null : withoutNul(p.venue),
              withoutNul(p.abstract),
              p.keywords.map(withoutNul),
              p.topics.map(withoutNul),
            ],
          );
          assert.deepEqual(
            [row.authors_folded, row.topics_folded],
            [p.authors.map((a) => withoutNul(foldedWords(a))), p.topics.map((t) => withoutNul(foldedWords(t)))],
          );
          assert.equal(row.phrase_text, withoutNul(paperPhraseText(p)));
          assert.deepEqual(
            row.record,
            JSON.parse(JSON.stringify(p, (_key, value: unknown) => (typeof value === 'string' ? withoutNul(value) : value))),
          );
        }
      }),
      { numRuns: 60 },
    );
  });

  test('a paper past 16 383 term positions and 256 of one term keeps what the text form kept', async () => {
    const long = paper(1, { abstract: `${'attention sink '.repeat(9000)} tail words here` });
    await client.query('TRUNCATE lectern_papers');
    await copy(paperCopyBatch([long]));
    const row = (
      await client.query<{ same: boolean; lexemes: number }>(
        `SELECT search = $1::tsvector AS same, length(search) AS lexemes FROM lectern_papers`,
        [referenceTsvector(long)],
      )
    ).rows[0];
    assert.ok(row.same);
    assert.ok(Number(row.lexemes) > 5);
  });
});

test('batches built on worker threads are the bytes built here, in order, with the workers still running', async () => {
  const builders = new CopyLineBuilders(2);
  try {
    assert.equal(builders.parallelism, 2, 'two workers started');
    const batches = [0, 1, 2, 3, 4].map((b) => Array.from({ length: 30 }, (_, i) => paper(b * 30 + i)));
    const built = await Promise.all(batches.map((batch) => builders.build(batch)));
    assert.deepEqual(
      built,
      batches.map((batch) => new PaperCopyEncoder().encode(batch)),
    );
    assert.equal(builders.parallelism, 2, 'no worker failed (a failure would have built the batch here)');
  } finally {
    await builders.close();
  }
});

test('once the workers are gone, batches are built here and nothing waits forever', async () => {
  const builders = new CopyLineBuilders(2);
  await builders.close();
  // Stopped workers report their exit asynchronously; let it arrive.
  await new Promise((resolve) => setTimeout(resolve, 200));
  const batch = [paper(1), paper(2, { title: 'NUL\u0000inside' })];
  assert.deepEqual(await builders.build(batch), new PaperCopyEncoder().encode(batch));
  assert.equal(builders.parallelism, 1);
});
