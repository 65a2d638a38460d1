import assert from 'node:assert/strict';
import { test } from 'node:test';
import { generateSyntheticPaper, generateSyntheticPapers, syntheticVocabulary, SYNTHETIC_TOPICS } from './synthetic-corpus';

test('the generator is deterministic for a seed', () => {
  assert.deepEqual(generateSyntheticPapers(200, 7), generateSyntheticPapers(200, 7));
  assert.deepEqual(syntheticVocabulary(7), syntheticVocabulary(7));
});

test('paper i depends only on the seed and i', () => {
  const small = generateSyntheticPapers(50);
  const large = generateSyntheticPapers(300);
  assert.deepEqual(large.slice(0, 50), small);
  assert.deepEqual(generateSyntheticPaper(123), large[123]);
});

test('another seed gives other papers', () => {
  const a = generateSyntheticPapers(20, 1);
  const b = generateSyntheticPapers(20, 2);
  assert.notDeepEqual(
    a.map((p) => p.abstract),
    b.map((p) => p.abstract),
  );
});

test('papers look like the benchmark needs', () => {
  const papers = generateSyntheticPapers(500);
  const meanAbstract = papers.reduce((sum, p) => sum + p.abstract.length, 0) / papers.length;
  assert.ok(meanAbstract > 1050 && meanAbstract < 1450, `mean abstract ${meanAbstract}`);
  assert.equal(new Set(papers.map((p) => p.id)).size, papers.length);
  for (const paper of papers) {
    assert.ok(paper.title.length > 0);
    assert.ok(paper.authors.length >= 1 && paper.authors.length <= 8);
    assert.ok(paper.year! >= 1995 && paper.year! <= 2025);
    assert.ok(paper.topics.length >= 1 && paper.topics.length <= 2);
    for (const topic of paper.topics) assert.ok((SYNTHETIC_TOPICS as readonly string[]).includes(topic));
  }
  const vocabulary = syntheticVocabulary();
  assert.ok(vocabulary.length >= 2000 && vocabulary.length <= 8000, `vocabulary ${vocabulary.length}`);
});
