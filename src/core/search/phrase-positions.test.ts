import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import type { Paper } from '../model/paper';
import { surfacePrefix } from '../text/fold-plural';
import { InvertedIndex } from './inverted-index';
import { phraseTokens } from './normalize-term';
import { paperHasPhrase } from './phrase-match';
import { phrasePositionCheck } from './phrase-positions';
import type { PhraseCheck } from './query-plan';

// Words that fold, join, split and hide stop words (`of`, `a`, `in`), so keys split in many ways.
const WORDS = ['brain', 'Brains', 'bráin', 'decoding', 'décoding', 'de', 'coding', 'braindecoding', 'ﬁne', 'of', 'the', 'a', 'in'];
const JOINED = ['pre‐training', 'pre-training', 'pretraining', 'brain-decoding', 'state-of-the-art', 'model’s', "model's", 'd', '3-d'];
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

function checkOf(phrase: string): PhraseCheck {
  const tokens = phraseTokens(phrase);
  return { key: tokens.join(''), needle: tokens.length > 0 ? surfacePrefix(tokens[0]) : undefined, slots: [] };
}

/** Every live document holding a phrase (on its text) passes the position check: it only ever rejects documents that cannot. */
function assertNecessary(index: InvertedIndex, papers: Map<string, Paper>, phrases: string[]): void {
  for (const phrase of phrases) {
    const check = checkOf(phrase);
    if (!check.key) continue;
    const positions = phrasePositionCheck(index, check.key);
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
    { numRuns: 400 },
  );
});

test('documents whose words stand apart are rejected without reading their text', () => {
  const papers = [
    { id: 'near', title: 'Brain decoding in mice', abstract: '' },
    { id: 'apart', title: 'Decoding the brain', abstract: 'brain of mice; decoding' },
    { id: 'split', title: 'x', abstract: '', authors: ['Brain', 'Decoding'] },
  ] as Paper[];
  const index = InvertedIndex.build(papers);
  const positions = phrasePositionCheck(index, checkOf('brain decoding').key)!;
  assert.deepEqual(
    [0, 1, 2].map((doc) => positions(doc)),
    [true, false, false],
  );
  // A key of stop words alone cannot be checked on positions.
  assert.equal(phrasePositionCheck(index, checkOf('of the').key), undefined);
});
