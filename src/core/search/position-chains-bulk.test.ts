import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import type { Paper } from '../model/paper';
import { InvertedIndex } from './inverted-index';
import { phrasePositionCheck } from './phrase-positions';
import { ascendingCopy } from './position-chains-bulk';

test('chains reaching one key offset through different pieces, in any candidate order, are all followed', () => {
  // "braindecoding" reaches offset 5 through `brain` and through `bra` + a stop word: the second
  // piece's holders come before the first's, and one document holds both.
  const texts = [
    ['bra in decoding', true],
    ['brain decoding', true],
    ['bra in coding', false],
    ['decoding brain', false],
    ['brain de coding, bra in decoding', true],
    ['bra in x decoding brain', false],
    ['brain', false],
  ] as const;
  const papers = texts.map(([title], i) => ({ id: `p${i}`, title, abstract: '' }) as Paper);
  const index = InvertedIndex.build(papers.slice(0, 5));
  // The others and a replacement of one go to the delta segment.
  for (const paper of [...papers.slice(5), { ...papers[3], title: 'brain. decoding' }]) index.add(paper);
  const expected = new Map<string, boolean>(texts.map(([, holds], i) => [`p${i}`, holds]));
  expected.set('p3', true);
  const check = phrasePositionCheck(index, 'braindecoding')!;
  const docs = Int32Array.from(index.liveDocs()).reverse();
  const bulk = check.many(docs);
  for (let i = 0; i < docs.length; i++) {
    const id = index.paperAt(docs[i]).id;
    assert.equal(bulk[i] === 1, expected.get(id), id);
    assert.equal(bulk[i] === 1, check(docs[i]), id);
  }
});

test('candidates come out ascending from any order, runs merged or sorted', () => {
  const runs = fc.array(
    fc.array(fc.integer({ min: 0, max: 1000 })).map((run) => run.sort((a, b) => a - b)),
    { maxLength: 40 },
  );
  fc.assert(
    fc.property(runs, (list) => {
      const docs = Int32Array.from(list.flat());
      assert.deepEqual(
        [...ascendingCopy(docs)],
        [...docs].sort((a, b) => a - b),
      );
    }),
  );
});
