import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { CorpusTopics } from '../corpus/corpus';
import { readTopicsEntry, writeTopicsEntry } from './topics-cache-entry';

const topics: CorpusTopics = {
  fingerprint: 'f00d',
  paperTopics: [['Spiking Neural Networks'], ['Spiking Neural Networks', 'Ocean Chemistry'], ['Other']],
  topics: [
    {
      name: 'Spiking Neural Networks',
      paperIds: ['a', 'b'],
      origin: 'discovered',
      subtopics: [{ name: 'Sparse Codes', paperIds: ['a'] }],
      pinnedIds: ['b'],
    },
    { name: 'Ocean Chemistry', paperIds: ['b'], origin: 'curated' },
    { name: 'Other', paperIds: ['c'], origin: 'other' },
  ],
  diagnostics: [{ file: '/w/.lectern/topics.json', line: 3, column: 5, severity: 'warning', message: 'Lectern: no paper "x".' }],
  drift: 2,
};

test('a topics entry reads back as written, for its corpus only', () => {
  const text = writeTopicsEntry(topics);
  assert.deepEqual(readTopicsEntry(text, 'f00d', 3), topics);
  assert.equal(readTopicsEntry(text, 'another corpus', 3), undefined);
  assert.equal(readTopicsEntry(text, 'f00d', 4), undefined, 'a paper more than the entry knows');
  assert.equal(readTopicsEntry(undefined, 'f00d', 3), undefined);
  const discovered = { ...topics, drift: undefined };
  assert.deepEqual(readTopicsEntry(writeTopicsEntry(discovered), 'f00d', 3), discovered);
});

test('a damaged or foreign topics entry is ignored, never an error', () => {
  const entry = JSON.parse(writeTopicsEntry(topics)) as Record<string, unknown>;
  const damaged: Array<[string, unknown]> = [
    ['format', 'lectern-library'],
    ['version', 2],
    ['paperTopics', [['Spiking Neural Networks'], 'Other', ['Other']]],
    ['paperTopics', [['Spiking Neural Networks'], [7], ['Other']]],
    ['topics', [{ name: 'Spiking Neural Networks', paperIds: 'a b', origin: 'discovered' }]],
    ['topics', [{ name: 'Spiking Neural Networks', paperIds: ['a'] }]],
    ['topics', [{ ...topics.topics[0], subtopics: [{ name: 'Sparse Codes' }] }]],
    ['topics', [{ ...topics.topics[0], pinnedIds: [null] }]],
    ['topics', null],
    ['diagnostics', [{ line: 1 }]],
    ['drift', -1],
    ['drift', 'two'],
  ];
  for (const [key, value] of damaged)
    assert.equal(readTopicsEntry(JSON.stringify({ ...entry, [key]: value }), 'f00d', 3), undefined, `${key}: ${JSON.stringify(value)}`);
  const cut = writeTopicsEntry(topics);
  assert.equal(readTopicsEntry(cut.slice(0, cut.length / 2), 'f00d', 3), undefined, 'a write cut short');
});
