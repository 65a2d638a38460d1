import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isEmptyQuery, parseQuery, parseYearRange } from './parse-query';

test('free words, in order, the last one a prefix when nothing follows it', () => {
  const q = parseQuery('attention sink');
  assert.deepEqual(q.words, ['attention', 'sink']);
  assert.equal(q.lastWordIsPrefix, true);
  assert.equal(parseQuery('attention sink ').lastWordIsPrefix, false);
  assert.equal(parseQuery('attention sink,').lastWordIsPrefix, false);
  assert.equal(parseQuery('attention year:2020').lastWordIsPrefix, false);
});

test('phrases, including curly quotes and an unterminated one', () => {
  const q = parseQuery('"brain decoding" fmri “visual cortex” "open');
  assert.deepEqual(q.phrases, ['brain decoding', 'visual cortex', 'open']);
  assert.deepEqual(q.words, ['fmri']);
  assert.equal(q.lastWordIsPrefix, false);
  // The unterminated phrase ends the query with a letter: its last word is being typed.
  assert.equal(q.lastPhraseIsPrefix, true);
  for (const done of ['"open ', '"open"', '“open”', '"open,', '-"open', 'x "open" y', 'topic:"open']) {
    assert.equal(parseQuery(done).lastPhraseIsPrefix ?? false, false, done);
  }
  assert.equal(parseQuery('fmri “visual cor').lastPhraseIsPrefix, true);
});

test('topic filter with a quoted value', () => {
  const q = parseQuery('topic:"Spiking Neural Networks" plasticity');
  assert.deepEqual(q.filters, [{ kind: 'topic', value: 'Spiking Neural Networks', negated: false }]);
  assert.deepEqual(q.words, ['plasticity']);
});

test('author, tag, status filters; keys are case-insensitive', () => {
  const q = parseQuery('Author:hinton tag:ml STATUS:reading');
  assert.deepEqual(q.filters, [
    { kind: 'author', value: 'hinton', negated: false },
    { kind: 'tag', value: 'ml', negated: false },
    { kind: 'status', value: 'reading', negated: false },
  ]);
  assert.deepEqual(q.words, []);
});

test('year filters', () => {
  assert.deepEqual(parseQuery('year:2021').filters, [{ kind: 'year', from: 2021, to: 2021, negated: false }]);
  assert.deepEqual(parseQuery('year:2020..2023').filters, [{ kind: 'year', from: 2020, to: 2023, negated: false }]);
  assert.deepEqual(parseQuery('year:2020..').filters, [{ kind: 'year', from: 2020, negated: false }]);
  assert.deepEqual(parseQuery('year:..2019').filters, [{ kind: 'year', to: 2019, negated: false }]);
  assert.deepEqual(parseYearRange('2023..2020'), { from: 2020, to: 2023 });
  assert.deepEqual(parseYearRange('>=2020'), { from: 2020 });
  assert.deepEqual(parseYearRange('<2020'), { to: 2019 });
  assert.equal(parseYearRange('recent'), undefined);
});

test('a malformed year and unknown keys are text', () => {
  const q = parseQuery('year:recent foo:bar');
  assert.deepEqual(q.filters, []);
  assert.deepEqual(q.words, ['year:recent', 'foo:bar']);
});

test('an empty filter value is ignored while being typed', () => {
  const q = parseQuery('attention topic:');
  assert.deepEqual(q.filters, []);
  assert.deepEqual(q.words, ['attention']);
});

test('negation of words, phrases and filters; hyphens inside words are not negation', () => {
  const q = parseQuery('-vision -"large language" -topic:spiking pre-training - --x');
  assert.deepEqual(q.excludedWords, ['vision']);
  assert.deepEqual(q.excludedPhrases, ['large language']);
  assert.deepEqual(q.filters, [{ kind: 'topic', value: 'spiking', negated: true }]);
  assert.deepEqual(q.words, ['pre-training', '-', '--x']);
});

test('isEmptyQuery', () => {
  assert.equal(isEmptyQuery(parseQuery('')), true);
  assert.equal(isEmptyQuery(parseQuery('   ')), true);
  assert.equal(isEmptyQuery(parseQuery('topic:')), true);
  assert.equal(isEmptyQuery(parseQuery('year:2020')), false);
});
