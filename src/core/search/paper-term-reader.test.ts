import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import type { Paper } from '../model/paper';
import { groupTermPositions } from './group-term-positions';
import { countTerms, FIELD_COUNT, paperFieldTermPositions, paperFieldTerms } from './index-fields';
import { PaperTermReader } from './paper-term-reader';

// Words that exercise every branch of the tokenizer: case, hyphens (ASCII and Unicode), both
// apostrophes, stop words, plurals, diacritics, spelled letters, final sigma, digits, over-long runs.
const PIECES = [
  'Neural',
  'neural',
  'NEURAL',
  'networks',
  'Networks',
  'pre-training',
  'Pre-Training',
  'pre‐training',
  'vision-language-models',
  "model's",
  'model’s',
  "don't",
  'the',
  'The',
  'of',
  'van',
  'Schrödinger',
  'schrodinger',
  'straße',
  'ΣΟΦΙΑΣ',
  'σοφίας',
  'µm',
  'μ-law',
  'α-synuclein',
  'ﬁne-tuning',
  'İstanbul',
  '2024',
  'x'.repeat(50),
  `${'ab-'.repeat(30)}cd`,
  'studies',
  'matrices',
  'c++',
  '',
];
const SEPARATORS = [' ', ' ', ', ', '. ', '-', "'", '’', '\n', ' (', ') ', '$x$', '\\alpha '];
const text = fc
  .array(fc.tuple(fc.constantFrom(...PIECES), fc.constantFrom(...SEPARATORS)), { maxLength: 14 })
  .map((parts) => parts.map(([piece, separator]) => piece + separator).join(''));
const anyText = fc.oneof(text, fc.string({ maxLength: 30 }), fc.string({ unit: 'binary', maxLength: 30 }));
// Long enough, at times, for positions to pass 255 and wrap.
const longText = fc.array(text, { minLength: 20, maxLength: 40 }).map((texts) => texts.join(' '));
const paper = fc
  .record({
    title: anyText,
    abstract: fc.oneof(anyText, longText),
    authors: fc.array(anyText, { maxLength: 3 }),
    keywords: fc.array(anyText, { maxLength: 2 }),
  })
  .map(({ title, abstract, authors, keywords }, i = 0): Paper => ({
    id: `p${i}`,
    title,
    abstract,
    authors,
    keywords,
    categories: [],
    topics: [],
    year: 2020,
    date: '2020',
    source: { file: 'test', line: 1 },
  }));

test('reading papers into term ids gives the terms, counts, positions and first-seen numbering of paperFieldTerms', () => {
  fc.assert(
    fc.property(fc.array(paper, { minLength: 1, maxLength: 8 }), (papers) => {
      const terms: string[] = [];
      const ids = new Map<string, number>();
      const termId = (term: string): number => {
        if (!ids.has(term)) ids.set(term, terms.push(term) - 1);
        return ids.get(term)!;
      };
      const reader = new PaperTermReader(termId);
      const expectedOrder: string[] = [];
      for (const item of papers) {
        const runs = reader.read(item);
        const fields = paperFieldTerms(item);
        const placed = paperFieldTermPositions(item);
        for (let f = 0; f < FIELD_COUNT; f++) {
          assert.deepEqual(
            Array.from(runs[f].ids.subarray(0, runs[f].length), (id) => terms[id]),
            fields[f],
          );
          // One byte per term: where it stands in the field, stop words counted, modulo 256.
          assert.deepEqual(
            [...runs[f].positions.subarray(0, runs[f].length)],
            placed.positions[f].map((at) => at & 0xff),
          );
          const counts = countTerms(fields[f]);
          const distinct = reader.countField(f);
          const got = Array.from({ length: distinct }, (_, i) => [terms[reader.distinct[i]], reader.frequencies[i]]);
          assert.deepEqual(got, [...counts]);
          const grouped = groupTermPositions(placed.terms[f], placed.positions[f]);
          const total = grouped.tfs.reduce((sum, tf) => sum + tf, 0);
          assert.deepEqual([...reader.groupedPositions.subarray(0, total)], [...grouped.positions.subarray(0, total)]);
          for (const term of counts.keys()) if (!expectedOrder.includes(term)) expectedOrder.push(term);
        }
      }
      // New terms are numbered in the order a reading of every word afresh first meets them.
      assert.deepEqual(terms, expectedOrder);
    }),
    { numRuns: 300 },
  );
});
