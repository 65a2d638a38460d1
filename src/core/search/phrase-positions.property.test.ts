// Property: the word-position check never rejects a document that holds the phrase, on random papers and
// phrases, built, updated, compacted and loaded. Hundreds of random libraries take seconds, so this file runs in
// the integration suite (scripts/run-unit-tests.mjs).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import type { Paper } from '../model/paper';
import { InvertedIndex } from './inverted-index';
import { paperHasPhrase } from './phrase-match';
import { phrasePositionCheck } from './phrase-positions';
import { planPhrase, type PhraseCheck } from './query-plan';

// Words that fold, join, split and hide stop words (`of`, `a`, `in`), so keys split in many ways.
const WORDS = ['brain', 'Brains', 'bráin', 'decoding', 'décoding', 'de', 'coding', 'braindecoding', 'ﬁne', 'of', 'the', 'a', 'in'];
// The last, 48 letters, is too long to index.
const JOINED = [
  'pre‐training',
  'pre-training',
  'pretraining',
  'brain-decoding',
  'state-of-the-art',
  'model’s',
  "model's",
  'd',
  '3-d',
  'decoders',
  'decodingdecodingdecodingdecodingdecodingdecoding',
  'de',
];
const SEPARATORS = [' ', ' ', ' ', ', ', ' — ', ' “', '” ', '\n', ' (', ') ', '–'];
const word = fc.constantFrom(...WORDS, ...JOINED, 'training', 'pre', 'models', 'art', 'state');
const textArb = fc
  .array(fc.tuple(word, fc.constantFrom(...SEPARATORS)), { maxLength: 12 })
  .map((pairs) => pairs.map(([w, s]) => w + s).join(''));
const paperArb = fc.record({
  title: textArb,
  abstract: textArb,
  authors: fc.array(textArb, { maxLength: 2 }),
  keywords: fc.array(textArb, { maxLength: 2 }),
});
const phraseArb = fc.array(word, { minLength: 1, maxLength: 3 }).map((words) => words.join(' '));

/** The check `planQuery` makes of a phrase, its last word being typed when `typing`. */
const checkOf = (phrase: string, typing = false): PhraseCheck => planPhrase(phrase, [], typing);

/** A phrase, then as typed so far (cut in its last word, or just after a word's first letter): `[text, being typed]`. */
function asTyped(phrase: string): Array<[string, boolean]> {
  const variants: Array<[string, boolean]> = [
    [phrase, false],
    [phrase, true],
  ];
  for (const cut of [1, 3]) {
    const typed = phrase.slice(0, phrase.length - cut).replace(/[^\p{L}\p{N}]+$/u, '');
    if (typed) variants.push([typed, true]);
  }
  const space = phrase.lastIndexOf(' ');
  if (space > 0) variants.push([phrase.slice(0, space + 2), true]);
  return variants;
}

/**
 * Every live document holding a phrase (on its text) passes the position check: it only ever rejects documents
 * that cannot. Also for each phrase as typed so far (its last word a prefix).
 */
function assertNecessary(index: InvertedIndex, papers: Map<string, Paper>, phrases: string[]): void {
  for (const [phrase, prefix] of phrases.flatMap(asTyped)) {
    const check = checkOf(phrase, prefix);
    if (!check.key) continue;
    // The words a phrase being typed completes to: every term starting what was typed, some of them, or any.
    if (check.typed && phrase.length % 3 !== 0) {
      const rest = check.key.slice(check.typed.from);
      const words = [...index.termsWithPrefix(rest)].map(([term]) => term).filter((_, i) => phrase.length % 3 === 1 || i % 2 === 0);
      check.typed = { ...check.typed, words: new Set(words) };
    }
    const positions = phrasePositionCheck(index, check.key, check.typed);
    if (!positions) continue;
    // The bulk form answers as the per-document one, for all documents and for a subset in another order.
    const docs = Int32Array.from(index.liveDocs());
    const some = docs.filter((_, i) => i % 2 === 0).reverse();
    for (const asked of [docs, some]) {
      assert.deepEqual(
        [...positions.many(asked)],
        [...asked].map((doc): number => (positions(doc) ? 1 : 0)),
        phrase,
      );
    }
    for (const doc of index.liveDocs()) {
      const paper = index.paperAt(doc);
      assert.equal(papers.get(paper.id), paper);
      if (paperHasPhrase(paper, check, index.asciiBitsAt(doc))) assert.ok(positions(doc), `${phrase} in ${JSON.stringify(paper)}`);
    }
  }
}

test('the position check never rejects a document holding the phrase: built, updated, compacted, loaded', () => {
  fc.assert(
    fc.property(
      fc.array(paperArb, { minLength: 1, maxLength: 25 }),
      fc.array(phraseArb, { minLength: 1, maxLength: 6 }),
      (records, phrases) => {
        const papers = records.map((record, i) => ({ id: `p${i}`, ...record }) as Paper);
        const half = Math.ceil(papers.length / 2);
        const index = InvertedIndex.build(papers.slice(0, half));
        const live = new Map(papers.slice(0, half).map((paper) => [paper.id, paper]));
        assertNecessary(index, live, phrases);
        // Later papers go to the delta segment, some earlier ones leave.
        for (const paper of papers.slice(half)) {
          index.add(paper);
          live.set(paper.id, paper);
        }
        for (const paper of papers.filter((_, i) => i % 3 === 1)) {
          index.remove(paper.id);
          live.delete(paper.id);
        }
        assertNecessary(index, live, phrases);
        const { header, bytes, imageStart } = index.snapshot();
        assertNecessary(index, live, phrases);
        const loaded = InvertedIndex.fromSnapshot(header, bytes.subarray(imageStart), [...live.values()]);
        assert.ok(loaded?.hasPositions());
        assertNecessary(loaded!, live, phrases);
      },
    ),
    { numRuns: 220 },
  );
});
