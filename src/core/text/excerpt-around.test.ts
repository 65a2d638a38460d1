import { test } from 'node:test';
import assert from 'node:assert/strict';
import { excerptAround } from './excerpt-around';

const text =
  'Large vision-language models often hallucinate objects. We find that attention sinks on visual tokens cause this, and we propose a fix that redistributes attention.';

test('an excerpt starts near the first match, at a word boundary, and keeps the ranges on the same words', () => {
  const start = text.indexOf('attention sinks');
  const excerpt = excerptAround(text, [[start, start + 9]], 60);
  assert.ok(excerpt.text.startsWith('…'));
  assert.ok(excerpt.text.endsWith('…'));
  const [s, e] = excerpt.ranges[0];
  assert.equal(excerpt.text.slice(s, e), 'attention');
  const body = excerpt.text.slice(1, -1);
  assert.ok(text.includes(` ${body}`), 'the excerpt begins at the start of a word');
});

test('without matches the excerpt is the start of the text; short texts are whole', () => {
  assert.equal(excerptAround('Short abstract.', []).text, 'Short abstract.');
  const excerpt = excerptAround(text, [], 20);
  assert.equal(excerpt.text, `${text.slice(0, 20)}…`);
});

test('the excerpt shows the sentence with the most different matched words, not the first match of a common one', () => {
  // An ICLR 2021 abstract (../shared/corpora) searched for "oversmoothing graph": "graph" comes first and often.
  const abstract =
    'Graph convolutional networks have become a standard tool for learning on graph data, and graph neural networks ' +
    'generalise them to many graph tasks. Stacking many layers, however, leads to the over-smoothing issue, where every ' +
    'node of a graph ends with the same representation. We propose a teleport layer.';
  const ranges: Array<[number, number]> = [];
  for (const word of ['Graph', 'graph', 'over-smoothing'])
    for (let at = abstract.indexOf(word); at >= 0; at = abstract.indexOf(word, at + 1)) ranges.push([at, at + word.length]);
  const excerpt = excerptAround(abstract, ranges, 110);
  const shown = excerpt.ranges.map(([s, e]) => excerpt.text.slice(s, e).toLowerCase());
  assert.ok(shown.includes('over-smoothing'), excerpt.text);
  assert.ok(shown.includes('graph'), excerpt.text);
  assert.equal(excerptAround(abstract, ranges.slice(0, 1), 110).text.startsWith('Graph convolutional'), true, 'one match: the start');
});
