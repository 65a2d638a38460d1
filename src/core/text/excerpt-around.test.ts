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
