import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { importDailyPapers } from '../import/daily-papers-importer';
import { assignIds } from '../ids/assign-ids';
import type { Paper } from '../model/paper';
import { seedCorpusPath } from '../../../test/support/shared-corpora';
import { RelatedPapers } from './related-papers';

function seed(): Paper[] {
  const imported = importDailyPapers('corpus/daily-papers.txt', readFileSync(seedCorpusPath, 'utf8'));
  return assignIds(imported.papers).papers;
}

function paper(id: string, title: string, abstract: string): Paper {
  return { id, title, abstract, authors: [], keywords: [], categories: [], topics: [], source: { file: 'test.json', line: 1 } };
}

const papers = seed();
const index = RelatedPapers.build(papers);
const byTitle = (start: string): Paper => {
  const found = papers.find((p) => p.title.startsWith(start));
  assert.ok(found, start);
  return found;
};

/** The seed's papers about hallucination or sycophancy in vision-language models. */
const HALLUCINATION = new Set(
  papers.filter((p) => /hallucinat|sycophan/i.test(`${p.title} ${p.abstract}`) && /vision|multimodal/i.test(p.abstract)).map((p) => p.id),
);

test("a hallucination paper's closest papers are hallucination papers, with the terms they share", () => {
  assert.ok(HALLUCINATION.size >= 6);
  for (const start of ['AGLA: Mitigating Object Hallucinations', 'Cracking the Code of Hallucination', 'The Hidden Life of Tokens']) {
    const query = byTitle(start);
    const related = index.related(query.id);
    assert.equal(related.length, 8);
    for (const hit of related.slice(0, 3)) assert.ok(HALLUCINATION.has(hit.id), `${start} → ${hit.title}`);
    const queryText = `${query.title} ${query.abstract}`.toLowerCase();
    for (const hit of related.slice(0, 3)) {
      assert.ok(hit.sharedTerms.length >= 2 && hit.sharedTerms.length <= 5, hit.sharedTerms.join('; '));
      // Readable forms taken from the paper itself, never stems like "hallucin".
      for (const term of hit.sharedTerms) assert.ok(queryText.includes(term.toLowerCase()), `"${term}" is written in "${start}"`);
    }
    const shared = related
      .slice(0, 3)
      .flatMap((hit) => hit.sharedTerms)
      .join(' ')
      .toLowerCase();
    assert.match(shared, /hallucination|lvlm|vision-language/);
  }
});

test('related papers of other seed papers are on the same subject', () => {
  const cases: Array<[string, string[]]> = [
    ['MindBridge: A Cross-Subject Brain Decoding', ['See Through Their Minds', 'Brain decoding: toward real-time']],
    [
      'Unleashing the Potential of Spiking Neural Networks',
      ['Astrocyte-Enabled Advancements in Spiking', 'Hebbian Learning based Orthogonal Projection'],
    ],
    ['Attention-Challenging Multiple Instance Learning', ['Multiple Instance Learning Framework with Masked Hard']],
    ['There and Back Again: Revisiting Backpropagation Saliency', ['Saliency Map Verbalization', 'Beyond saliency']],
  ];
  for (const [query, expected] of cases) {
    const top = index.related(byTitle(query).id, expected.length).map((hit) => hit.title);
    for (const title of expected)
      assert.ok(
        top.some((t) => t.startsWith(title)),
        `${query} → ${top.join(' | ')}`,
      );
  }
  const mindBridge = index.related(byTitle('MindBridge').id, 1)[0];
  assert.ok(
    mindBridge.sharedTerms.some((t) => /brain decoding|fMRI|cross-subject/.test(t)),
    mindBridge.sharedTerms.join('; '),
  );
});

test('results are ordered by score, exclude the paper itself, respect the limit, and know no unknown ids', () => {
  const query = byTitle('DaViT');
  const related = index.related(query.id, 5);
  assert.equal(related.length, 5);
  assert.ok(related.every((hit) => hit.id !== query.id));
  for (let i = 1; i < related.length; i += 1) assert.ok(related[i - 1].score >= related[i].score);
  for (const hit of related) assert.ok(hit.score > 0 && hit.score <= 1);
  assert.deepEqual(index.related('no-such-paper'), []);
  assert.deepEqual(index.related(query.id, 0), []);
});

test('ties are broken by id, and the input order does not change the answer', () => {
  const twins = [
    paper('b-twin', 'Graph neural networks for molecules', 'Message passing over molecular graphs predicts properties.'),
    paper('a-twin', 'Graph neural networks for molecules', 'Message passing over molecular graphs predicts properties.'),
    paper('query', 'Molecular property prediction with graph neural networks', 'We use message passing on molecular graphs.'),
    paper('far', 'Ocean carbon', 'Dissolved organic matter in the Arctic ocean.'),
    paper('far2', 'Arctic methane', 'Methane seeps in the Arctic ocean.'),
  ];
  const forward = RelatedPapers.build(twins).related('query');
  assert.deepEqual(
    forward.slice(0, 2).map((hit) => hit.id),
    ['a-twin', 'b-twin'],
  );
  assert.equal(forward[0].score, forward[1].score);
  const backward = RelatedPapers.build([...twins].reverse()).related('query');
  assert.deepEqual(backward, forward);
  assert.ok(
    forward[0].sharedTerms.includes('message passing') || forward[0].sharedTerms.includes('graph neural networks'),
    forward[0].sharedTerms.join('; '),
  );
});
