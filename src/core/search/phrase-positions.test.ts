import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Paper } from '../model/paper';
import { InvertedIndex } from './inverted-index';
import { phrasePositionCheck } from './phrase-positions';
import { planPhrase, type PhraseCheck } from './query-plan';

// The random libraries' property is in phrase-positions.property.test.ts.
const checkOf = (phrase: string, typing = false): PhraseCheck => planPhrase(phrase, [], typing);

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
  // Being typed: `decod` stands for the words it starts (`decoding`), still next to `brain`.
  const typing = phrasePositionCheck(index, checkOf('brain decod').key, { from: 5, words: new Set(['decoding']) })!;
  assert.deepEqual(
    [0, 1, 2].map((doc) => typing(doc)),
    [true, false, false],
  );
  assert.equal(phrasePositionCheck(index, checkOf('brain decod').key)!(0), false);
});
