import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Paper } from '../model/paper';
import { metadataMatches, metadataMatchLine } from './metadata-match';

// The edges of the line a search row shows when a paper matched through its keywords, authors or categories.
const paper: Paper = {
  id: 'lovelace1843',
  title: 'Sketch of the Analytical Engine',
  authors: ['Ada A. Lovelace', 'Luigi F. Menabrea'],
  year: 1843,
  abstract: 'Notes on the engine.',
  keywords: ['a priori knowledge', '  analytical   engine  '],
  categories: ['History of a Machine', 'math.HO'],
  topics: [],
  source: { file: 'history.bib', line: 1 },
};

test("authors' names keep their short words, as the index does; keywords and categories drop them", () => {
  // "a" is a stop word in text, but the initial "A." of a name is indexed and can be what a search matched.
  assert.deepEqual(metadataMatches(paper, ['a']), [{ field: 'authors', values: ['Ada A. Lovelace'] }]);
});

test('an author: filter names only authors, never a keyword or category it happens to match', () => {
  assert.equal(metadataMatchLine(paper, [], 'author:analytical'), undefined);
  assert.equal(metadataMatchLine(paper, [], 'author:menab'), 'authors: Luigi F. Menabrea');
  assert.equal(metadataMatchLine(paper, [], 'author:"-"'), undefined, 'a value of punctuation only names nobody');
});

test('categories have their own label, values apart by commas; exactly three values need no ellipsis', () => {
  assert.equal(metadataMatchLine(paper, ['machine', 'ho']), 'categories: History of a Machine, math.HO');
  const three = { ...paper, keywords: ['engine a', 'engine b', 'engine c'] };
  assert.equal(metadataMatchLine(three, ['engine']), 'keywords: engine a, engine b, engine c');
});

test('a value is shown trimmed with its spaces collapsed, cut only past 60 characters', () => {
  assert.equal(metadataMatchLine(paper, ['analytical']), 'keywords: analytical engine');
  const sixty = `engine ${'x'.repeat(53)}`;
  assert.equal(metadataMatchLine({ ...paper, keywords: [sixty] }, ['engine']), `keywords: ${sixty}`);
  const longer = `${sixty}y`;
  assert.equal(metadataMatchLine({ ...paper, keywords: [longer] }, ['engine']), `keywords: ${sixty.slice(0, 59)}…`);
});
