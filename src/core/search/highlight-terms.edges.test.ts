import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Paper } from '../model/paper';
import { hitFor, RECENT_TEXTS } from './highlight-terms';
import { PaperSearch } from './paper-search';

// The edges of a search hit as a row shows it: its topics, the terms it names (which lead to "keywords: …" and
// "authors: …" lines) and the highlighted ranges of texts seen for the first time, which take the windowed path.

// New texts take the windowed path only once the cache of recent texts is full (until then each is tokenized
// whole and kept, as a small library's are): fill it with titles no test searches.
for (let i = 0; i < RECENT_TEXTS; i++) hitFor({ id: `filler${i}`, title: `filler ${i}` } as Paper, 1, new Set(['filler']), []);

let unique = 0;
/** A paper whose texts were never highlighted before (a suffix no other test writes). */
function freshPaper(title: string, abstract: string, extra: Partial<Paper> = {}): Paper {
  unique += 1;
  return { id: `fresh${unique}`, title: `${title} (${unique}edge)`, abstract: `${abstract} (${unique}edge)`, ...extra } as Paper;
}

const words = (text: string, ranges: Array<[number, number]>) => ranges.map(([s, e]) => text.slice(s, e));

test("a hit carries a copy of the paper's topics, and nothing highlighted when highlighting is off", () => {
  const paper = freshPaper('Graph networks', 'Graph networks over-smooth.', { topics: ['Graph Learning', 'Oversmoothing'] });
  const hit = hitFor(paper, 2.5, new Set(), []);
  assert.deepEqual(hit, {
    id: paper.id,
    title: paper.title,
    score: 2.5,
    topics: ['Graph Learning', 'Oversmoothing'],
    terms: [],
    matches: { title: [], abstract: [] },
  });
  hit.topics.push('Changed');
  assert.deepEqual(paper.topics, ['Graph Learning', 'Oversmoothing'], "the paper's own list is not shared");
});

test('a hit names only the matched terms this paper holds, wherever it holds them', () => {
  const paper = freshPaper('Sketch of the Analytical Engine', 'Notes on the engine.', {
    authors: ['Ada A. Lovelace'],
    keywords: ['computing history'],
    categories: ['math.HO'],
    topics: ['Difference Engines'],
  });
  // "zebra" is matched by the query (another paper holds it) but not by this paper.
  const hit = hitFor(paper, 1, new Set(['engine', 'zebra', 'a', 'computing', 'ho', 'difference']), []);
  assert.deepEqual(hit.terms, ['engine', 'a', 'computing', 'ho', 'difference']);
});

test('texts seen for the first time mark only words that fold to a matched term, not words that start like one', () => {
  const paper = freshPaper('Networking for networks', 'Network-level networking of networks; a networked pre-training scheme.');
  const hit = hitFor(paper, 1, new Set(['network', 'pretraining']), []);
  assert.deepEqual(words(paper.title, hit.matches.title), ['networks']);
  assert.deepEqual(words(paper.abstract, hit.matches.abstract), ['Network', 'networks', 'pre-training']);
  assert.deepEqual(hit.terms, ['network', 'pretraining']);
  assert.deepEqual(hit.topics, [], 'a paper without topics has none');
  // The same texts again, now from the cache of recent texts: the same ranges.
  assert.deepEqual(hitFor(paper, 1, new Set(['network', 'pretraining']), []).matches, hit.matches);
});

test('consecutive searches with different words each mark their own words on new texts', () => {
  const first = freshPaper('Spiking neurons', 'Spiking neurons and dendrites compute.');
  const second = freshPaper('Spiking neurons', 'Spiking neurons and dendrites compute.');
  assert.deepEqual(words(first.abstract, hitFor(first, 1, new Set(['neuron']), []).matches.abstract), ['neurons']);
  assert.deepEqual(words(second.abstract, hitFor(second, 1, new Set(['dendrite']), []).matches.abstract), ['dendrites']);
});

test('a word searched joined is marked where a title writes it spaced, even when the abstract does not', () => {
  const spacedTitle = { id: 'spaced-title', title: 'Over smoothing in graph networks', abstract: 'Deep graph networks collapse.' } as Paper;
  const other = { id: 'other', title: 'Graph networks', abstract: 'Oversmoothing of graph networks.' } as Paper;
  const hits = PaperSearch.build([spacedTitle, other]).search('oversmoothing networks', { limit: 10 }).results;
  const hit = hits.find((h) => h.id === 'spaced-title')!;
  assert.deepEqual(words(spacedTitle.title, hit.matches.title), ['Over smoothing', 'networks']);
});

test('a compound after punctuation in the same word is marked where it stands (a/pre-training)', () => {
  const paper = freshPaper('Joint', 'Results for fine-tuning/pre-training and x/pre-training alike.');
  const hit = hitFor(paper, 1, new Set(['pretraining']), []);
  assert.deepEqual(words(paper.abstract, hit.matches.abstract), ['pre-training', 'pre-training']);
});

test('a quoted phrase and a word searched joined are both marked in one paper', () => {
  const paper = { id: 'both', title: 'Graph networks', abstract: 'Over smoothing in deep graph networks hurts.' } as Paper;
  const hits = PaperSearch.build([paper]).search('"deep graph" oversmoothing networks', { limit: 5 }).results;
  assert.deepEqual(words(paper.abstract, hits[0].matches.abstract), ['Over smoothing', 'deep graph', 'networks']);
});

test('a query of more terms than a text holds marks the same words on the windowed and the whole-text path', () => {
  const paper = freshPaper('Attention sinks', 'Visual attention sinks.');
  const many = new Set(['attention', 'sink', 'visual', 'model', 'vision', 'language', 'token', 'hallucination']);
  const first = hitFor(paper, 1, many, []);
  // A phrase (here one the text lacks) takes the whole-text path, which caches the text's tokens.
  const cached = hitFor(paper, 1, many, [{ key: 'nosuchphrase' }]);
  assert.deepEqual(words(paper.title, cached.matches.title), ['Attention', 'sinks']);
  assert.deepEqual(cached.matches, first.matches);
  assert.deepEqual(cached.terms, ['attention', 'sink', 'visual']);
});

test('a quoted phrase with a stop word in it is marked whole', () => {
  const paper = { id: 'tom', title: 'Theory of mind in language models', abstract: 'We test theory of mind.' } as Paper;
  const [hit] = PaperSearch.build([paper]).search('"theory of mind"', { limit: 5 }).results;
  assert.deepEqual(words(paper.title, hit.matches.title), ['Theory of mind']);
  assert.deepEqual(words(paper.abstract, hit.matches.abstract), ['theory of mind']);
});

test('a word searched hyphenated marks its compound and its spaced form, never a lone piece of it', () => {
  // From an ICLR 2021 abstract (../shared/corpora): "over" of "over-fitting" is not what "over-smoothing" asks for.
  const teleport = {
    id: 'teleport',
    title: 'Teleport Graph Convolutional Networks',
    abstract: 'Stacking layers leads to the over-fitting issue and over-smoothing issue.',
  } as Paper;
  const spaced = { id: 'spaced', title: 'Deep graph networks', abstract: 'We study over smoothing in deep graph networks.' } as Paper;
  const hits = PaperSearch.build([teleport, spaced]).search('over-smoothing networks', { limit: 10 }).results;
  const marked = (paper: Paper) => words(paper.abstract, hits.find((hit) => hit.id === paper.id)!.matches.abstract);
  assert.deepEqual(marked(teleport), ['over-smoothing']);
  assert.deepEqual(marked(spaced), ['over smoothing', 'networks']);
});
