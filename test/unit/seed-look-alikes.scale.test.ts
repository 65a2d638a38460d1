/**
 * Topics and related papers at 20,000 papers, made of the seed's sentences so that every one has look-alikes.
 * Building the corpus, its topics and its related-papers index takes seconds, so this file runs in the integration
 * suite (scripts/run-unit-tests.mjs); speed itself is measured by `npm run bench` (tree.assignTopicsMs,
 * tree.relatedBuildMs), not here.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { importDailyPapers } from '../../src/core/import/daily-papers-importer';
import { assignIds } from '../../src/core/ids/assign-ids';
import type { Paper } from '../../src/core/model/paper';
import { RelatedPapers } from '../../src/core/related/related-papers';
import { assignTopics } from '../../src/core/topics/assign-topics';
import { parseTaxonomy } from '../../src/core/topics/load-taxonomy';
import { repoRoot, seedCorpusPath } from '../support/shared-corpora';

/** 20,000 papers, each five sentences of one seed abstract and three of another, titled after the first. */
function lookAlikes(count: number): Paper[] {
  const seed = assignIds(importDailyPapers('corpus/daily-papers.txt', readFileSync(seedCorpusPath, 'utf8')).papers).papers;
  const sentences = seed.map((p) => p.abstract.split(/(?<=[.!?])\s+/));
  const papers: Paper[] = [];
  for (let i = 0; i < count; i += 1) {
    const a = (i * 7919) % seed.length;
    const b = (i * 104_729 + 13) % seed.length;
    const text = [0, 1, 2, 3, 4]
      .map((k) => sentences[a][(i + k) % sentences[a].length])
      .concat([0, 1, 2].map((k) => sentences[b][(i + k) % sentences[b].length]));
    papers.push({
      id: `s${i}`,
      title: `${seed[a].title} ${i}`,
      abstract: text.join(' '),
      authors: [],
      keywords: [],
      categories: [],
      topics: [],
      source: { file: 'test.json', line: 1 },
    });
  }
  return papers;
}

const papers = lookAlikes(20_000);

test('every paper of a 20k-paper corpus gets a topic, under the topic cap', () => {
  const { taxonomy, diagnostics } = parseTaxonomy('corpus/topics.json', readFileSync(join(repoRoot, 'corpus', 'topics.json'), 'utf8'));
  assert.deepEqual(diagnostics, []);
  const result = assignTopics(papers, { taxonomy });
  assert.equal(result.papers.length, papers.length);
  assert.ok(result.topics.length <= 36);
  for (const p of result.papers) assert.ok(p.topics.length >= 1, p.id);
});

test('a 20k-paper index builds and answers every paper with its 8 related papers', () => {
  const index = RelatedPapers.build(papers);
  for (let i = 0; i < 20; i += 1) assert.equal(index.related(`s${i * 997}`).length, 8);
});
