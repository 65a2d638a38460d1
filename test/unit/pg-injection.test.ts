import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { PgLibrary } from '../../src/node/pg/pg-library';
import { postgresSkipReason } from '../support/postgres-cluster';
import { openSeededPgLibrary, type SeededPgLibrary } from '../support/seeded-pg-library';

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
  let seeded: SeededPgLibrary;
  let library: PgLibrary;

  before(async () => {
    seeded = await openSeededPgLibrary();
    ({ library } = seeded);
  });
  after(() => seeded?.close());

  const papers = () => seeded.paperCount();

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
