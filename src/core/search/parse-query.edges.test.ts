// Edge cases of the search box's language that mutation testing (npm run mutate -- --module parse-query) showed
// untested: the documented year forms and their off-by-one boundaries, every spelling of a key, every quote and
// space character, and what a half-typed query gives.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isEmptyQuery, parseQuery, parseYearRange } from './parse-query';

test('year comparisons: > and < exclude the year, >= and <= include it', () => {
  assert.deepEqual(parseQuery('year:>2020').filters, [{ kind: 'year', from: 2021, negated: false }]);
  assert.deepEqual(parseQuery('year:>=2020').filters, [{ kind: 'year', from: 2020, negated: false }]);
  assert.deepEqual(parseQuery('year:<2020').filters, [{ kind: 'year', to: 2019, negated: false }]);
  assert.deepEqual(parseQuery('year:<=2020').filters, [{ kind: 'year', to: 2020, negated: false }]);
  assert.deepEqual(parseQuery('-year:>2020').filters, [{ kind: 'year', from: 2021, negated: true }]);
});

test('year ranges with a hyphen or an en dash, in either order, inclusive', () => {
  assert.deepEqual(parseQuery('year:2020-2023').filters, [{ kind: 'year', from: 2020, to: 2023, negated: false }]);
  assert.deepEqual(parseQuery('year:2020\u20132023').filters, [{ kind: 'year', from: 2020, to: 2023, negated: false }]);
  assert.deepEqual(parseQuery('year:2023-2020').filters, [{ kind: 'year', from: 2020, to: 2023, negated: false }]);
  assert.deepEqual(parseQuery('year:2020-2020').filters, [{ kind: 'year', from: 2020, to: 2020, negated: false }]);
  assert.deepEqual(parseQuery('year:2020-').filters, [{ kind: 'year', from: 2020, negated: false }]);
  assert.deepEqual(parseQuery('year:-2019').filters, [{ kind: 'year', to: 2019, negated: false }]);
  assert.deepEqual(parseYearRange('2020 .. 2023'), { from: 2020, to: 2023 });
  assert.deepEqual(parseYearRange(' 2021 '), { from: 2021, to: 2021 });
});

test('malformed years are text, not a filter: no year at all, extra digits, junk around a comparison', () => {
  for (const value of ['..', '-', '12020..2023', '2020..20234', '2020-2023x', '>20201', '=>2020', 'x>2020', '>=2020x', '<=']) {
    assert.equal(parseYearRange(value), undefined, value);
  }
  const q = parseQuery('year:.. year:>20201');
  assert.deepEqual(q.filters, []);
  assert.deepEqual(q.words, ['year:..', 'year:>20201']);
});

test('plural keys are the same filters as the singular ones', () => {
  assert.deepEqual(parseQuery('topics:snn authors:hinton years:2021 tags:ml').filters, [
    { kind: 'topic', value: 'snn', negated: false },
    { kind: 'author', value: 'hinton', negated: false },
    { kind: 'year', from: 2021, to: 2021, negated: false },
    { kind: 'tag', value: 'ml', negated: false },
  ]);
});

test('words that merely contain a key, or start with a colon, or name an inherited property, are text', () => {
  const q = parseQuery('topics years :topic constructor:x __proto__:y');
  assert.deepEqual(q.filters, []);
  assert.deepEqual(q.words, ['topics', 'years', ':topic', 'constructor:x', '__proto__:y']);
});

test('German and French quotes make phrases; an empty phrase is no phrase', () => {
  const q = parseQuery('\u201eneuronale Netze\u201c \u00abr\u00e9seaux de neurones\u00bb "" \u201c\u201d x');
  assert.deepEqual(q.phrases, ['neuronale Netze', 'r\u00e9seaux de neurones']);
  assert.deepEqual(q.words, ['x']);
  assert.deepEqual(parseQuery('" brain  decoding "').phrases, ['brain  decoding']);
  assert.deepEqual(parseQuery('-""').excludedPhrases, []);
});

test('tabs, newlines, carriage returns, no-break and ideographic spaces separate words', () => {
  const q = parseQuery('a\tb\nc\rd\u00a0e\u3000f');
  assert.deepEqual(q.words, ['a', 'b', 'c', 'd', 'e', 'f']);
  assert.equal(parseQuery('attention\u00a0').lastWordIsPrefix, false);
});

test('a filter value ends at a quote; a quoted value only follows an empty one', () => {
  const q = parseQuery('topic:snn"brain decoding" tag:x y');
  assert.deepEqual(q.filters, [
    { kind: 'topic', value: 'snn', negated: false },
    { kind: 'tag', value: 'x', negated: false },
  ]);
  assert.deepEqual(q.phrases, ['brain decoding']);
  assert.deepEqual(q.words, ['y']);
  assert.deepEqual(parseQuery('topic:" Spiking Networks "').filters, [{ kind: 'topic', value: 'Spiking Networks', negated: false }]);
});

test('a filter value of only whitespace that is not a separator is no filter', () => {
  const q = parseQuery('topic:\u2003 author:\u2028');
  assert.deepEqual(q.filters, []);
  assert.deepEqual(q.words, []);
});

test('a trailing minus is a word, not a negation of nothing', () => {
  const q = parseQuery('vision -');
  assert.deepEqual(q.words, ['vision', '-']);
  assert.deepEqual(q.excludedWords, []);
});

test('parsing a non-string (from an untyped caller) gives an empty query instead of throwing', () => {
  const q = parseQuery(undefined as unknown as string);
  assert.deepEqual(q, { words: [], phrases: [], excludedWords: [], excludedPhrases: [], filters: [], lastWordIsPrefix: false });
  assert.equal(isEmptyQuery(parseQuery(42 as unknown as string)), true);
});

test('a query with only one kind of part is not empty', () => {
  for (const text of ['x', '"a b"', '-x', '-"a b"', 'tag:ml']) assert.equal(isEmptyQuery(parseQuery(text)), false, text);
});
