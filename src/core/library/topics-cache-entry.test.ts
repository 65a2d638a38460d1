import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildCorpus, corpusTopicsOf, type CorpusFile } from '../corpus/corpus';
import { importCorpusFile } from '../import/import-corpus-file';
import { topicTextDigest } from '../topics/carry-topics';
import { entryCarrySource, entryTopics, readTopicsEntry, writeTopicsEntry } from './topics-cache-entry';

const bib = (key: string, title: string, keywords: string) =>
  `@article{${key},\n  title = {${title}},\n  keywords = {${keywords}},\n  year = {2021},\n  abstract = {${title}, studied.}\n}\n`;
const corpusFile = (path: string, ...entries: string[]): CorpusFile => ({
  path,
  fingerprint: path,
  ...importCorpusFile(path, new TextEncoder().encode(entries.join('\n'))),
});
// Given out of path order: the corpus sorts its files, and the entry's per-paper digests follow the corpus.
const files = [
  corpusFile(
    '/w/spiking.bib',
    bib('maass1997', 'Networks of spiking neurons', 'spiking neural networks'),
    bib('gerstner2002', 'Spiking neuron models', 'spiking neural networks'),
  ),
  corpusFile(
    '/w/ocean.bib',
    bib('sabine2004', 'The oceanic sink for anthropogenic CO2', 'ocean carbon'),
    bib('orr2005', 'Anthropogenic ocean acidification', 'ocean carbon'),
  ),
];
const taxonomy = { topics: [{ name: 'Ocean Carbon', terms: { carbon: 3 } }] };
const corpus = buildCorpus(files, { taxonomy });

test('a topics entry gives the topics back for its corpus only, and what carrying them to changed files needs', () => {
  const entry = readTopicsEntry(writeTopicsEntry(corpus, taxonomy));
  assert.ok(entry);
  assert.deepEqual(entryTopics(entry, corpus.fingerprint, 4), corpusTopicsOf(corpus));
  assert.equal(entryTopics(entry, 'another corpus', 4), undefined);
  assert.equal(entryTopics(entry, corpus.fingerprint, 5), undefined, 'a paper more than the entry knows');
  const source = entryCarrySource(entry, taxonomy)!;
  assert.deepEqual(
    source.papers.map((paper) => [paper.id, paper.citeKey, paper.topics]),
    corpus.papers.map((paper) => [paper.id, paper.citeKey, paper.topics]),
  );
  assert.deepEqual(
    source.papers.map((paper) => paper.textDigest),
    corpus.papers.map(topicTextDigest),
  );
  assert.deepEqual([source.topics, source.drift], [corpus.topics, 0]);
  assert.equal(entryCarrySource(entry, undefined), undefined, 'topics assigned under another taxonomy are discovered again');
  assert.equal(readTopicsEntry(undefined), undefined);
});

test('the digest of a paper’s text changes with what topics are drawn from, and only that', () => {
  const paper = corpus.papers[0];
  const digest = topicTextDigest(paper);
  const redated = { ...paper, year: 1999, authors: ['Someone Else'] };
  assert.equal(topicTextDigest(redated), digest);
  for (const edit of [{ title: 'Other' }, { abstract: 'Other.' }, { keywords: ['other'] }, { categories: ['q-bio.NC'] }])
    assert.notEqual(topicTextDigest({ ...paper, ...edit }), digest, JSON.stringify(edit));
});

test('a damaged, foreign or older topics entry is ignored, never an error', () => {
  const entry = JSON.parse(writeTopicsEntry(corpus, taxonomy)) as Record<string, unknown>;
  const damaged: Array<[string, unknown]> = [
    ['format', 'lectern-library'],
    ['version', 2],
    ['topicsVersion', 0],
    ['fingerprint', 7],
    ['taxonomy', null],
    ['paperTopics', [['Spiking Neural Networks'], 'Other', ['Other'], ['Other']]],
    ['paperTopics', [['Spiking Neural Networks'], [7], ['Other'], ['Other']]],
    ['papers', (entry.papers as unknown[]).slice(1)],
    [
      'papers',
      [
        ['a', '', 'd'],
        ['b', ''],
        ['c', '', 'd'],
        ['d', '', 'd'],
      ],
    ],
    ['topics', [{ name: 'Spiking Neural Networks', paperIds: 'a b', origin: 'discovered' }]],
    ['topics', [{ name: 'Spiking Neural Networks', paperIds: ['a'] }]],
    ['topics', [{ name: 'Spiking', paperIds: ['a'], origin: 'discovered', subtopics: [{ name: 'Sparse Codes' }] }]],
    ['topics', [{ name: 'Spiking', paperIds: ['a'], origin: 'discovered', pinnedIds: [null] }]],
    ['topics', null],
    ['diagnostics', [{ line: 1 }]],
    ['drift', -1],
    ['drift', 'two'],
  ];
  for (const [key, value] of damaged)
    assert.equal(readTopicsEntry(JSON.stringify({ ...entry, [key]: value })), undefined, `${key}: ${JSON.stringify(value)}`);
  const whole = writeTopicsEntry(corpus, taxonomy);
  assert.equal(readTopicsEntry(whole.slice(0, whole.length / 2)), undefined, 'a write cut short');
});
