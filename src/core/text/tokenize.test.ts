import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { foldPlural } from './fold-plural';
import { dropApostrophes, foldWord } from './fold-word';
import { normalizeToken } from './normalize-token';
import { BROAD_STOP_WORDS, STOP_WORDS } from './stop-words';
import { scanTokens, scanWordParts, scanWords, TOPIC_TOKENS } from './tokenize';

function tokens(text: string): string[] {
  const out: string[] = [];
  scanTokens(text, (start, end, hard) => out.push(`${hard ? '|' : ''}${text.slice(start, end)}`));
  return out;
}

test('search words keep apostrophes and join hyphenated parts', () => {
  const words = scanWords("The model's pre-training, don't stop");
  assert.deepEqual(
    words.map((w) => w.parts.map((p) => p.folded).join('+')),
    ['the', 'model', 'pre+training', 'dont', 'stop'],
  );
  assert.deepEqual([words[2].start, words[2].end], [12, 24], 'offsets point into the original text');
});

test('topic tokens split at apostrophes and hyphens, break at punctuation, and skip LaTeX', () => {
  assert.deepEqual(tokens("Vision-language model's errors; see $x^2$ and \\cite refs"), [
    '|Vision',
    'language',
    'model',
    's',
    'errors',
    '|see',
    '|and',
    '|refs',
  ]);
  assert.deepEqual(tokens('a\u00a0b\nc (d)'), ['|a', 'b', 'c', '|d']);
});

test('the ASCII fast path and the Unicode path find the same words', () => {
  fc.assert(
    fc.property(fc.string({ unit: fc.constantFrom('a', 'B', '1', ' ', '-', "'", '.', '$', '\\', ',') }), (text) => {
      for (const options of [{}, TOPIC_TOKENS]) {
        const ascii: string[] = [];
        const unicode: string[] = [];
        scanWordParts(text, (s, e, n, _na, hard) => ascii.push(`${hard}:${s.slice(0, n).join()}/${e.slice(0, n).join()}`), options);
        // A trailing non-ASCII separator sends the same words through the Unicode path.
        scanWordParts(
          `${text}\u00a7`,
          (s, e, n, _na, hard) => unicode.push(`${hard}:${s.slice(0, n).join()}/${e.slice(0, n).join()}`),
          options,
        );
        assert.deepEqual(unicode, ascii, JSON.stringify(text));
      }
    }),
    { numRuns: 300, seed: 7 },
  );
});

test('folding: lower case, diacritics, special letters, ligatures, possessives', () => {
  assert.equal(foldWord('Schrödinger’s'), 'schrodinger');
  assert.equal(foldWord('Straße'), 'strasse');
  assert.equal(foldWord('μ'), 'mu');
  assert.equal(foldWord('ﬁne'), 'fine');
  assert.equal(dropApostrophes("model's"), 'model');
  assert.equal(dropApostrophes("don't"), 'dont');
});

test('plural folding covers regular, irregular and false plurals', () => {
  const cases: Record<string, string> = {
    networks: 'network',
    studies: 'study',
    approaches: 'approach',
    matrices: 'matrix',
    mice: 'mouse',
    corpora: 'corpus',
    caches: 'cache',
    physics: 'physics',
    thermos: 'thermos',
    always: 'always',
    does: 'does',
    gas: 'gas',
  };
  for (const [word, singular] of Object.entries(cases)) assert.equal(foldPlural(word), singular, word);
  assert.equal(normalizeToken('LVLMs'), 'lvlm');
});

test('the broad stop words extend the search stop words', () => {
  for (const word of STOP_WORDS) assert.ok(BROAD_STOP_WORDS.has(word), word);
  assert.ok(!STOP_WORDS.has('not') && BROAD_STOP_WORDS.has('not'), 'a search keeps "not"; topics drop it');
});
