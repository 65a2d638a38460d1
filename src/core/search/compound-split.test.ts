import { test } from 'node:test';
import assert from 'node:assert/strict';
import { titledPaper } from '../../../test/support/imported-paper';
import { PaperSearch } from './paper-search';

const paper = titledPaper;

const papers = [
  paper('spaced', 'Language models after pre training', 'We study what pre training teaches a model.'),
  paper('hyphen', 'Self-supervised pre-training for speech', 'Masked prediction as a pretext task.'),
  paper('joined', 'Pretraining without labels', 'Contrastive objectives.'),
  paper('other', 'Training dynamics of small networks', 'Nothing about the first stage.'),
];

test('pretraining, pre-training and pre training find each other in every direction', () => {
  const search = PaperSearch.build(papers);
  const ids = (q: string) =>
    search
      .search(q, { limit: 10 })
      .results.map((r) => r.id)
      .sort();
  const all = ['hyphen', 'joined', 'spaced'];
  assert.deepEqual(ids('pretraining '), all);
  assert.deepEqual(ids('pre-training '), all);
  assert.deepEqual(ids('pre training '), all);
});

test('a joined query highlights the spaced form as one span', () => {
  const search = PaperSearch.build(papers);
  const hit = search.search('pretraining ', { limit: 10 }).results.find((r) => r.id === 'spaced')!;
  const title = papers[0].title;
  assert.deepEqual(
    hit.matches.title.map(([s, e]) => title.slice(s, e)),
    ['pre training'],
  );
});
