import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { anchorQuote, describeQuote } from './text-quote';

const abstract =
  'Large vision-language models attend strongly to a few visual tokens. We call these attention sinks on visual tokens ' +
  'and show that they carry little information. Removing attention sinks improves grounding on three benchmarks.';

function select(text: string, quote: string, occurrence = 0) {
  let at = -1;
  for (let i = 0; i <= occurrence; i++) at = text.indexOf(quote, at + 1);
  assert.ok(at >= 0, `"${quote}" is in the text`);
  return { start: at, end: at + quote.length };
}

describe('describeQuote', () => {
  test('records the quote with up to 32 characters either side', () => {
    const { start, end } = select(abstract, 'attention sinks on visual tokens');
    const selector = describeQuote(abstract, start, end);
    assert.equal(selector.exact, 'attention sinks on visual tokens');
    assert.equal(selector.prefix, abstract.slice(start - 32, start));
    assert.equal(selector.suffix, abstract.slice(end, end + 32));
  });

  test('context is cut at the ends of the text, and never splits a surrogate pair', () => {
    assert.deepEqual(describeQuote('abc def', 0, 3, 10), { exact: 'abc', prefix: '', suffix: ' def' });
    const text = 'x😀yz quote zz😀w';
    const s = text.indexOf('quote');
    const selector = describeQuote(text, s, s + 5, 4);
    assert.equal(selector.prefix, 'yz ');
    assert.equal(selector.suffix, ' zz');
  });
});

describe('anchorQuote', () => {
  test('finds an exact, unique quote', () => {
    const { start, end } = select(abstract, 'carry little information');
    assert.deepEqual(anchorQuote(abstract, describeQuote(abstract, start, end)), { start, end, exact: true });
  });

  test('prefix and suffix pick the right one of a repeated quote', () => {
    for (const occurrence of [0, 1]) {
      const { start, end } = select(abstract, 'attention sinks', occurrence);
      assert.deepEqual(anchorQuote(abstract, describeQuote(abstract, start, end)), { start, end, exact: true });
    }
  });

  test('a quote whose text moved (text inserted before it) is found at its new place', () => {
    const { start, end } = select(abstract, 'attention sinks', 1);
    const selector = describeQuote(abstract, start, end);
    const moved = 'Updated abstract, v2. Removing attention sinks is cheap. ' + abstract;
    const anchor = anchorQuote(moved, selector);
    const expected = moved.indexOf('Removing attention sinks improves') + 'Removing '.length;
    assert.deepEqual(anchor, { start: expected, end: expected + 'attention sinks'.length, exact: true });
  });

  test('a quote whose text was edited a little is found approximately', () => {
    const { start, end } = select(abstract, 'show that they carry little information');
    const selector = describeQuote(abstract, start, end);
    const edited = abstract.replace('show that they carry little information', 'show that these carry little informaton');
    const anchor = anchorQuote(edited, selector);
    assert.ok(anchor, 'anchored');
    assert.equal(anchor.exact, false);
    assert.match(edited.slice(anchor.start, anchor.end), /^show that these carry little informa/);
  });

  test('an approximate quote prefers the candidate with matching context', () => {
    const text = 'alpha: the quick brown fox. omega: the quick brown fox.';
    const at = text.lastIndexOf('the quick brown fox');
    const selector = describeQuote(text, at, at + 'the quick brown fox'.length, 8);
    const edited = text.replaceAll('the quick brown fox', 'the quick brown cat');
    const anchor = anchorQuote(edited, selector);
    assert.ok(anchor && !anchor.exact);
    assert.ok(anchor.start > edited.indexOf('omega'), `found the second one (${anchor.start})`);
  });

  test('a quote that is gone is an orphan (undefined)', () => {
    const { start, end } = select(abstract, 'improves grounding on three benchmarks');
    const selector = describeQuote(abstract, start, end);
    assert.equal(anchorQuote('A completely different abstract about spiking neural networks.', selector), undefined);
    assert.equal(anchorQuote(abstract, { exact: '', prefix: '', suffix: '' }), undefined);
    assert.equal(anchorQuote(abstract, { exact: 'zqx', prefix: '', suffix: '' }), undefined);
  });

  test('property: a quote unique in its context anchors back exactly to its range', () => {
    // A small alphabet makes repeats (and so the disambiguation) common.
    const texts = fc.string({ unit: fc.constantFrom('a', 'b', 'c', ' ', '\n', 'é', '😀'), minLength: 1, maxLength: 300 });
    fc.assert(
      fc.property(texts, fc.nat(), fc.nat(), fc.integer({ min: 0, max: 40 }), (text, a, b, context) => {
        const s = a % text.length;
        const e = s + 1 + (b % (text.length - s));
        const selector = describeQuote(text, s, e, context);
        const whole = selector.prefix + selector.exact + selector.suffix;
        fc.pre(text.indexOf(whole) === text.lastIndexOf(whole));
        const s0 = s - selector.prefix.length;
        fc.pre(text.indexOf(whole) === s0);
        assert.deepEqual(anchorQuote(text, selector), { start: s, end: e, exact: true });
      }),
      { numRuns: 2_000, seed: 20261129 },
    );
  });
});
