import { test } from 'node:test';
import assert from 'node:assert/strict';
import { titledPaper } from '../../../test/support/imported-paper';
import { PaperSearch } from './paper-search';

// One case per ranking rule of `search-options.ts` and `term-expansion.ts`, each on a small corpus
// where the rule decides the order (each fails with the rule taken out). Filler papers give the
// words realistic document frequencies.

const paper = titledPaper;

const filler = (n: number, title: string, abstract: string) =>
  Array.from({ length: n }, (_, i) => paper(`filler-${title}-${i}`, `${title} ${i}`, abstract));

const ids = (search: PaperSearch, query: string) => search.search(query, { limit: 100 }).results.map((hit) => hit.id);

test('a title names a word or not: repeating it in a short title does not outrank an abstract about it', () => {
  const search = PaperSearch.build([
    paper('repeats', 'Dendrite dendrite', 'Many results on memory and dendrites.'),
    paper(
      'about',
      'How neurons operate on sparse distributed representations with active dendrites',
      'Dendrites compute. Each dendrite segment detects patterns; dendrites predict. Dendrite models.',
    ),
    ...filler(40, 'Memory consolidation', 'Memory results in sleep.'),
  ]);
  assert.deepEqual(ids(search, 'dendrites').slice(0, 2), ['about', 'repeats']);
});

test('a word counts once through its best expansion: connectome-wide adds nothing to connectome', () => {
  const search = PaperSearch.build([
    paper('compound', 'Connectome-wide maps', 'We map the connectome.'),
    paper('about', 'Whole connectome maps', 'The connectome changes; we learn connectome dynamics.'),
    ...filler(40, 'Brain maps', 'We map brain regions.'),
  ]);
  assert.deepEqual(ids(search, 'connectome').slice(0, 2), ['about', 'compound']);
});

test('the words of a compound matched apart count less than the compound', () => {
  const search = PaperSearch.build([
    paper('apart', 'Training for pre registration', 'Training and pre results.'),
    paper('compound', 'Uni-Perceiver: Pre-training for generic perception', 'Generic perception.'),
    ...filler(60, 'Training schedules', 'Training results.'),
    ...filler(60, 'Pre registration', 'Pre results.'),
    ...filler(30, 'Pretraining recipes', 'Pretraining results.'),
  ]);
  for (const query of ['pre-training', 'pre training']) {
    const found = ids(search, query);
    assert.ok(found.includes('apart') && found.indexOf('compound') < found.indexOf('apart'), `${query}: ${JSON.stringify(found)}`);
  }
});

test('a word being typed that starts indexed words is not a typo: neurof finds neuroformer, not neuro', () => {
  const search = PaperSearch.build([
    paper('neuro', 'Neuro models', 'Neuro results.'),
    paper('neuroformer', 'Neuroformer: multimodal generative pretraining', 'Brain data.'),
  ]);
  assert.deepEqual(ids(search, 'neurof'), ['neuroformer']);
  assert.deepEqual(ids(search, 'neuroformr'), ['neuroformer'], 'a finished word with a typo still finds its match');
});

test('the word being typed more likely means a common completion than a rare one', () => {
  const search = PaperSearch.build([
    paper('rare', 'Spiked samples', 'Samples were spiked.'),
    paper('common', 'Spiking networks', 'Spiking neurons.'),
    ...filler(40, 'Spiking models', 'Spiking neurons fire.'),
  ]);
  const found = ids(search, 'spik');
  assert.ok(found.includes('rare') && found.indexOf('common') < found.indexOf('rare'), JSON.stringify(found));
});
