import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import type { Paper } from '../model/paper';
import { foldPlural } from '../text/fold-plural';
import { foldWordPart } from '../text/fold-word';
import { scanWordParts } from '../text/tokenize';
import { hasNonAscii } from '../text/word-chars';
import { paperHasPhrase } from './phrase-match';
import { planPhrase, type PhraseCheck } from './query-plan';

// Words that fold (accents, ligatures, Greek, typographic apostrophes and hyphens), plurals, stop words.
const WORDS = ['brain', 'Brain', 'BRAINS', 'bráin', 'decoding', 'décoding', 'ﬁne', 'fine', 'of', 'the', 'model’s', "model's", 'models'];
const JOINED = [
  'pre‐training',
  'pre-training',
  'pretraining',
  'brain-decoding',
  'α-synuclein',
  'naïve',
  'studies',
  'study',
  'd',
  '3-d',
  'mice',
  'decoders',
];
const SEPARATORS = [' ', ' ', ' ', ', ', ' — ', ' “', '” ', '\n', ' (', ') ', '–'];
const word = fc.constantFrom(...WORDS, ...JOINED, 'training', 'pre', 'synuclein', 'alpha');
const textArb = fc
  .array(fc.tuple(word, fc.constantFrom(...SEPARATORS)), { minLength: 0, maxLength: 14 })
  .map((pairs) => pairs.map(([w, s]) => w + s).join(''));
const phraseArb = fc.array(word, { minLength: 1, maxLength: 3 }).map((words) => words.join(' '));

/** The check `planQuery` makes of a phrase, its last word being typed when `typing`. */
const checkOf = (phrase: string, typing = false): PhraseCheck => planPhrase(phrase, [], typing);

/** The definition: tokens of the whole text join to the key from a token whose surface starts with the needle, or in a word of several parts or not ASCII. */
function referenceHas(text: string, check: PhraseCheck): boolean {
  const tokens: Array<{ token: string; canStart: boolean }> = [];
  scanWordParts(text, (starts, ends, count, nonAscii) => {
    for (let p = 0; p < count; p++) {
      const folded = foldWordPart(text.slice(starts[p], ends[p]), nonAscii);
      if (!folded) continue;
      const surface = text.slice(starts[p], starts[p] + (check.needle?.length ?? 0)).toLowerCase();
      tokens.push({ token: foldPlural(folded), canStart: check.needle === undefined || nonAscii || count > 1 || surface === check.needle });
    }
  });
  return tokens.some(({ canStart }, i) => {
    if (!canStart || !check.key) return false;
    let joined = '';
    for (let j = i; j < tokens.length && joined.length < check.key.length; j++) {
      joined += tokens[j].token;
      // Being typed, a token starting where the word being typed does may complete it (to one of its words, if known).
      if (!check.key.startsWith(joined)) {
        const { token } = tokens[j];
        const typed = check.typed;
        return (
          typed !== undefined &&
          joined.length - token.length === typed.from &&
          joined.startsWith(check.key) &&
          (typed.words?.has(token) ?? true)
        );
      }
    }
    return joined === check.key;
  });
}

const asciiBits = (text: string) => (hasNonAscii(text) ? 0 : 7);
const paperWith = (title: string): Paper => ({ id: 'p', title, abstract: '', authors: [] }) as unknown as Paper;

test('a phrase is found in a text exactly where its tokens are, ASCII or not, however long the text', () => {
  fc.assert(
    fc.property(textArb, textArb, phraseArb, (before, after, phrase) => {
      const check = checkOf(phrase);
      if (!check.key) return;
      for (const text of [before, `${before}${phrase} ${after}`, `${before} ${phrase.toUpperCase()}s ${after}`]) {
        assert.equal(paperHasPhrase(paperWith(text), check, asciiBits(text)), referenceHas(text, check), `${phrase} in ${text}`);
      }
    }),
    { numRuns: 2000 },
  );
});

test('a phrase being typed is found where its tokens are and its last one runs on, ASCII or not', () => {
  fc.assert(
    fc.property(textArb, textArb, phraseArb, fc.nat(4), (before, after, phrase, cut) => {
      // The phrase as typed so far: a letter or digit last, as `parseQuery` asks of a phrase being typed.
      const typed = phrase.slice(0, Math.max(1, phrase.length - cut)).replace(/[^\p{L}\p{N}]+$/u, '');
      const check = checkOf(typed, true);
      if (!check.key) return;
      // Known words it completes to, or any (`TypedWord.words`).
      if (cut % 2 === 1 && check.typed)
        check.typed = { ...check.typed, words: new Set(['decoding', 'brain', 'studies', 'study', 'mouse', 'training']) };
      for (const text of [
        before,
        `${before}${phrase} ${after}`,
        `${before} ${phrase.toUpperCase()}s ${after}`,
        `${before}${typed}${after}`,
      ]) {
        assert.equal(paperHasPhrase(paperWith(text), check, asciiBits(text)), referenceHas(text, check), `${typed}… in ${text}`);
      }
    }),
    { numRuns: 2000 },
  );
});

test('an ASCII text gives the same answer on the fast path and on the windows of non-ASCII text', () => {
  const asciiWord = fc.constantFrom(
    'brain',
    'Brain',
    'decoding',
    'pre-training',
    'pretraining',
    "model's",
    'of',
    'studies',
    'd',
    '3-d',
    'state-of-the-art',
    'art',
  );
  const asciiText = fc.array(asciiWord, { maxLength: 12 }).map((words) => words.join(' '));
  fc.assert(
    fc.property(asciiText, fc.array(asciiWord, { minLength: 1, maxLength: 3 }), (text, words) => {
      const check = checkOf(words.join(' '));
      if (!check.key) return;
      // An em dash far from any word makes the text non-ASCII without changing its words.
      const fast = paperHasPhrase(paperWith(text), check, 7);
      assert.equal(paperHasPhrase(paperWith(`${text} —`), check, 0), fast, `${words.join(' ')} in ${text}`);
      assert.equal(paperHasPhrase(paperWith(`— ${text}`), check, 0), fast, `${words.join(' ')} in ${text}`);
    }),
    { numRuns: 1000 },
  );
});

test('phrases across folded words: accents, ligatures, typographic hyphens and apostrophes', () => {
  const has = (text: string, phrase: string) => paperHasPhrase(paperWith(text), checkOf(phrase), asciiBits(text));
  assert.equal(has('A study of Bráin décoding — in mice', 'brain decoding'), true);
  assert.equal(has('Efﬁcient pre‐training of the model’s layers “now”', 'pretraining of the model'), true);
  assert.equal(has('The model’s brain — décoding', 'brain decoding'), true); // punctuation between words does not break a phrase
  assert.equal(has('Brains and décoding', 'brain decoding'), false);
  const typing = (text: string, phrase: string) => paperHasPhrase(paperWith(text), checkOf(phrase, true), asciiBits(text));
  assert.equal(typing('Towards brain decoders', 'brain decod'), true);
  assert.equal(typing('Towards Bráin-décoding', 'brain decod'), true);
  assert.equal(typing('Towards brain decoders', 'brain decoders'), true);
  assert.equal(typing('Brain and decoders', 'brain decod'), false);
  assert.equal(typing('Studies of mice', 'mou'), true); // `mice` folds to `mouse`
  assert.equal(typing('brain de-coding', 'brain decod'), false); // `de` does not complete `decod`
  const decoders = planPhrase('brain decod', [], true);
  decoders.typed = { ...decoders.typed!, words: new Set(['decoding']) };
  assert.equal(paperHasPhrase(paperWith('Towards brain decoders'), decoders, 7), false); // not one of its words
  assert.equal(paperHasPhrase(paperWith('Towards brain decoding'), decoders, 7), true);
  assert.equal(paperHasPhrase(paperWith('Towards brain decoders'), checkOf('brain decod'), 7), false);
  assert.equal(has('The state-of-the-art', 'stateoftheart'), true);
  assert.equal(has('The state-of-the-art — now', 'stateoftheart'), true);
  assert.equal(has('The state of the art', 'stateoftheart'), false);
  assert.equal(has(`${'naïve words here '.repeat(200)}brain decoding`, 'brain decoding'), true);
  assert.equal(has(`${'naïve words here '.repeat(200)}brain`, 'brain decoding'), false);
});
