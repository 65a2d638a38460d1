import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { PaperSearch } from '../src/core/search/paper-search';
import { SAMPLE_RANKING_QUERIES } from '../test/fixtures/sample-ranking-queries';
import { repoRoot } from '../test/support/shared-corpora';
import { ZipfCorpus } from './zipf-corpus';

// The sample's 60 ranking cases (paper-search.test.ts) with the 76 sample papers hidden among
// 100 000 harder noise papers, whose words are drawn with Zipfian frequencies from the sample's
// own vocabulary (not the shared corpora's, so the corpus is the same on every machine), so every
// query word occurs in thousands of papers. Built once for the file.
const SIZE = 100_000;
const corpus = ZipfCorpus.load({ repoRoot, sharedCorporaDir: false });
const search = PaperSearch.build([...corpus.papers(SIZE)]);
const sampleTitle = new Map(corpus.sample.map((paper) => [paper.id, paper.title]));

/** 0-based rank of the sample paper whose title starts with `title` (never a noise paper), or -1. */
function rankOf(query: string, title: string): number {
  return search.search(query, { limit: 100 }).results.findIndex((hit) => sampleTitle.get(hit.id)?.startsWith(title) === true);
}

test('the index holds 100 000 papers, the 76 sample papers among them', () => {
  assert.equal(search.size, SIZE);
  assert.equal(corpus.sample.length, 76);
  for (const paper of corpus.sample) {
    const ids = search.search(`"${paper.title}"`, { limit: 1000 }).results.map((hit) => hit.id);
    assert.ok(ids.includes(paper.id), paper.title);
  }
});

test('the query words are common in the noise: each of these matches a thousand papers or more', () => {
  for (const word of ['attention', 'hallucination', 'spiking', 'sycophancy', 'connectome', 'scanpath', 'dendrites'])
    assert.ok(search.search(word).total >= 1000, `${word}: ${search.search(word).total}`);
});

describe('ranking with the sample hidden among 100k harder noise papers', () => {
  for (const [query, title, worst] of SAMPLE_RANKING_QUERIES) {
    const name = `${query} → ${title}`;
    test(`${name} (rank ≤ ${worst + 1})`, () => {
      const rank = rankOf(query, title);
      const top = search.search(query, { limit: 5 }).results.map((hit) => hit.title);
      assert.ok(rank >= 0 && rank <= worst, `rank ${rank} for "${query}"; got ${JSON.stringify(top)}`);
    });
  }
});
