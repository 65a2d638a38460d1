import assert from 'node:assert/strict';
import { test } from 'node:test';
import { countMatches, type LeafSlot } from './match-count';
import type { PostingLeaf } from './posting-leaf';

const DOCS = 20;

/** A one-list slot over `docs` (ascending). */
function slot(docs: number[]): LeafSlot {
  const leaf: PostingLeaf = {
    docs: Int32Array.from(docs),
    tfs: new Uint8Array(docs.length).fill(1),
    start: 0,
    end: docs.length,
    lengths: new Uint16Array(DOCS).fill(5),
    scale: 1,
    d: 0.5,
    k1: 1.2,
    kConst: 1.2 * 0.3,
    kLen: (1.2 * 0.7) / 5,
  };
  return [[leaf]];
}

/** Slots in the order the exhaustive evaluation adds their scores: by documents matched, ties as given. */
const sumOrder = (sizes: number[]) => sizes.map((_, i) => i).sort((a, b) => sizes[a] - sizes[b]);

test('the words matched by every document are found among the rarest word’s documents, scores added in the exhaustive order', () => {
  const alive = new Uint8Array(DOCS).fill(1);
  // Documents 0–7 were removed: the first word's list is the longest, but it matches the fewest live papers.
  for (let d = 0; d < 8; d++) alive[d] = 0;
  const common = slot([0, 1, 2, 3, 4, 5, 6, 7, 10, 11]);
  const middle = slot([10, 11, 12, 13, 14]);
  const rare = slot([10, 11, 12]);
  const found = countMatches(alive, DOCS, [], [common, middle, rare], undefined, { deadDocs: 8, known: [] });
  assert.deepEqual(
    [...found.docs].sort((a, b) => a - b),
    [10, 11],
  );
  assert.equal(found.anyMode, false);
  // Live sizes 2, 5, 3: the removed postings must not put the first word last.
  assert.deepEqual(sumOrder(found.sizes), [0, 2, 1]);
  // Sizes known beforehand (a word of one term: its document count) settle the order too.
  const told = countMatches(alive, DOCS, [], [common, middle, rare], undefined, { deadDocs: DOCS, known: [2, 5, undefined] });
  assert.deepEqual(
    [...told.docs].sort((a, b) => a - b),
    [10, 11],
  );
  assert.deepEqual(sumOrder(told.sizes), [0, 2, 1]);
  // No word in common: every document matching any word, as the exhaustive fallback.
  const apart = countMatches(alive, DOCS, [], [slot([8, 9]), slot([12, 13, 14]), slot([15])], undefined, { deadDocs: 8, known: [] });
  assert.deepEqual(
    [...apart.docs].sort((a, b) => a - b),
    [8, 9, 12, 13, 14, 15],
  );
  assert.equal(apart.anyMode, true);
});

test('a word counted within a rare word counts each paper once, whether the rare word’s papers are few or many in the library', () => {
  // One list per field, as a word's title and abstract lists: a paper in both must count once for the word.
  const fields = (size: number, ...lists: number[][]): LeafSlot => [
    lists.map((docs) => ({ ...slot(docs)[0][0], lengths: new Uint16Array(size).fill(5) })),
  ];
  for (const size of [1000, 30]) {
    const alive = new Uint8Array(size).fill(1);
    const everyFifth = Array.from({ length: Math.floor(size / 5) }, (_, i) => i * 5);
    // 2 papers of 1000 (the counted ones are few: one loop) or of 30 (many: the other).
    const rare = fields(size, [5, 25]);
    const common = fields(size, everyFifth, [1, 5, 7]);
    const found = countMatches(alive, size, [], [common, rare], undefined, { deadDocs: 0, known: [] });
    assert.deepEqual(
      [...found.docs].sort((a, b) => a - b),
      [5, 25],
      `library of ${size}`,
    );
    assert.equal(found.anyMode, false);
  }
});
