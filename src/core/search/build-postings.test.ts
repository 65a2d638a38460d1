import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Paper } from '../model/paper';
import { PaperSearch } from './paper-search';

const paper = (id: string, abstract: string): Paper => ({
  id,
  title: `Paper ${id}`,
  abstract,
  authors: [],
  keywords: [],
  categories: [],
  topics: [],
  year: 2020,
  date: '2020',
  source: { file: 'test', line: 1 },
});

// Term frequencies across the byte boundary the bulk build stores them in (254, 255, 256, 300)
// and beyond the 16-bit clamp (70 000): each paper's score depends on its own frequency.
const PAPERS = [
  paper('a', `${'brain '.repeat(254)}cortex`),
  paper('b', `${'brain '.repeat(255)}cortex`),
  paper('c', `${'brain '.repeat(256)}cortex`),
  paper('d', `${'brain '.repeat(300)}cortex`),
  paper('e', `${'brain '.repeat(70_000)}cortex`),
  paper('f', 'brain cortex'),
];
const scores = (search: PaperSearch, query: string) => search.search(query, { limit: 10 }).results.map((hit) => [hit.id, hit.score]);

test('large term frequencies score alike whether built in bulk, added one by one, compacted or loaded', () => {
  const built = PaperSearch.build(PAPERS);
  const added = PaperSearch.build([]);
  added.add(PAPERS);
  for (const query of ['brain', 'cortex', 'brain cortex']) {
    assert.deepEqual(scores(built, query), scores(added, query), query);
    added.vacuum();
    assert.deepEqual(scores(built, query), scores(added, query), `${query}, compacted`);
    const loaded = PaperSearch.load(built.serializeBytes('fp'), 'fp', PAPERS);
    assert.ok(loaded);
    assert.deepEqual(scores(loaded, query), scores(built, query), `${query}, loaded`);
  }
  // Frequencies 254…300 are told apart (not stored as one clamped byte): six distinct scores.
  assert.equal(new Set(scores(built, 'brain').map(([, score]) => score)).size, 6);
});

test('frequencies that all fit in a byte (255, the escape value, included) score as when added one by one', () => {
  const small = PAPERS.filter((p) => ['a', 'b', 'f'].includes(p.id));
  const built = PaperSearch.build(small);
  const added = PaperSearch.build([]);
  added.add(small);
  added.vacuum();
  assert.deepEqual(scores(built, 'brain'), scores(added, 'brain'));
  assert.equal(new Set(scores(built, 'brain').map(([, score]) => score)).size, 3);
});

test('a later paper with the same id replaces the earlier one, in the place of the later one', () => {
  const first = { ...paper('x', 'cortex'), title: 'Old title' };
  const later = { ...paper('x', 'brain'), title: 'New title' };
  const search = PaperSearch.build([first, paper('y', 'brain brain'), later, paper('z', 'cortex brain')]);
  assert.equal(search.size, 3);
  assert.deepEqual(
    search.search('cortex').results.map((hit) => hit.id),
    ['z'],
  );
  assert.deepEqual(
    search.search('new title').results.map((hit) => hit.title),
    ['New title'],
  );
  // Documents are numbered y, x, z: the image equals that of adding them in that order.
  const added = PaperSearch.build([]);
  added.add([paper('y', 'brain brain'), later, paper('z', 'cortex brain')]);
  assert.deepEqual(search.serializeBytes('fp'), added.serializeBytes('fp'));
});

test('a bulk build stores the word positions that adding the papers one by one stores', () => {
  const words = ['brain', 'the', 'cortex', 'of', 'visual', 'pre-training', 'decoding', 'Schrödinger'];
  // Long fields (positions past 255 wrap), several authors and keywords (a gap between texts), large frequencies.
  const papers = Array.from({ length: 40 }, (_, i) => ({
    ...paper(`p${i}`, Array.from({ length: 30 + 17 * i }, (_, w) => words[(w * (i + 3)) % words.length]).join(' ')),
    authors: [`Ada van ${words[i % words.length]}`, 'Alan Turing'],
    keywords: ['visual cortex', `brain ${words[(i + 2) % words.length]}`],
  }));
  papers.push(...PAPERS);
  const built = PaperSearch.build(papers);
  const added = PaperSearch.build([]);
  added.add(papers);
  assert.deepEqual(built.serializeBytes('fp'), added.serializeBytes('fp'));
  for (const query of ['"visual cortex"', '"brain decoding"', '"van brain"', '"cortex brain"']) {
    assert.deepEqual(
      built.search(query, { limit: 50 }).results.map((hit) => hit.id),
      added.search(query, { limit: 50 }).results.map((hit) => hit.id),
      query,
    );
  }
});
