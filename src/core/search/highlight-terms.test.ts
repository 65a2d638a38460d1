import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Paper } from '../model/paper';
import { hitFor } from './highlight-terms';

const paper = (id: string, title: string, abstract: string): Paper => ({ id, title, abstract, authors: ['Ada Lovelace'] }) as Paper;

test('highlights are the same the first time a text is seen and from the cache, for any query', () => {
  const p = paper('a', 'Self-Supervised Pre-training of Spiking Networks', 'We pre-train spiking networks; the networks spike.');
  const first = hitFor(p, 1, new Set(['spike', 'pretraining']), []);
  const again = hitFor(p, 1, new Set(['spike', 'pretraining']), []);
  assert.deepEqual(again, first);
  // `Pre-training` as the compound `pretraining`; `Spiking` is not `spike`.
  assert.deepEqual(first.matches.title, [[16, 28]]);
  const other = hitFor(p, 1, new Set(['network', 'lovelace']), ['spikenetwork']);
  assert.deepEqual(other.terms, ['network', 'lovelace']);
  // Both `networks`; the phrase `spike network` is not in the text (`spiking networks`).
  assert.deepEqual(other.matches.abstract, [
    [21, 29],
    [35, 43],
  ]);
});

test('thousands of texts later, an evicted text is tokenized again with the same result', () => {
  const p = paper('b', 'Attention sinks', 'Visual attention sinks in vision-language models.');
  const first = hitFor(p, 1, new Set(['attention', 'sink']), []);
  for (let i = 0; i < 3000; i++) hitFor(paper(`n${i}`, `noise ${i}`, `abstract number ${i}`), 1, new Set(['noise']), []);
  assert.deepEqual(hitFor(p, 1, new Set(['attention', 'sink']), []), first);
  assert.deepEqual(first.matches.abstract, [
    [7, 16],
    [17, 22],
  ]);
});

test('ranges merged for one query leave the cached ranges of the next query intact', () => {
  const p = paper('c', 'Brain decoding of brain signals', 'Decoding the brain-computer interface.');
  // The phrase covers `Brain` and `decoding`: merged into one range, which must not grow the word's own.
  assert.deepEqual(hitFor(p, 1, new Set(['brain', 'decoding']), ['braindecoding']).matches.title, [
    [0, 14],
    [18, 23],
  ]);
  const words = hitFor(p, 1, new Set(['brain', 'decoding']), []);
  assert.deepEqual(words.matches.title, [
    [0, 5],
    [6, 14],
    [18, 23],
  ]);
  // `brain-computer` holds `brain` as a part, and is its own compound term.
  assert.deepEqual(hitFor(p, 1, new Set(['brain']), []).matches.abstract, [[13, 18]]);
  assert.deepEqual(hitFor(p, 1, new Set(['braincomputer', 'brain']), []).matches.abstract, [[13, 27]]);
  assert.deepEqual(words.terms, ['brain', 'decoding']);
});
