import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import fc from 'fast-check';
import { seedCorpusPath } from '../../../test/support/shared-corpora';
import { assignIds } from '../ids/assign-ids';
import { importDailyPapers } from '../import/daily-papers-importer';
import { emptyIndexState, type IndexState } from './index-state';
import { FIELD_COUNT } from './index-fields';
import { InvertedIndex } from './inverted-index';
import { positionBlocks, positionOffset } from './term-positions';

/** A state holding only base term frequencies `tfs` (one key), viewed from byte `shift` of its buffer, and `positions` position bytes. */
function stateOf(tfs: number[], shift: number, positions: number): IndexState {
  const bytes = new Uint8Array(shift + tfs.length);
  bytes.set(tfs, shift);
  const baseOffsets = new Int32Array(FIELD_COUNT + 1).fill(tfs.length, 1);
  return { ...emptyIndexState(), baseTermCount: 1, baseOffsets, baseTfs: bytes.subarray(shift), basePositions: new Uint8Array(positions) };
}

test('each posting’s positions start where the frequencies before it add up to, however the frequencies lie in memory', () => {
  fc.assert(
    fc.property(
      fc.array(fc.integer({ min: 0, max: 255 }), { maxLength: 300, size: 'max' }),
      fc.integer({ min: 0, max: 7 }),
      (tfs, shift) => {
        const sum = tfs.reduce((a, b) => a + b, 0);
        const state = stateOf(tfs, shift, sum);
        const blocks = positionBlocks(state);
        assert.ok(blocks);
        let offset = 0;
        for (let p = 0; p < tfs.length; p++) {
          assert.equal(positionOffset(state, blocks, p), offset, `posting ${p}`);
          offset += tfs[p];
        }
        // Positions that do not add up to the frequencies are not used (phrases are then checked on the text).
        const damaged = stateOf(tfs, shift, sum + 1);
        assert.equal(positionBlocks(damaged), undefined);
        assert.equal(damaged.basePositions, undefined);
      },
    ),
    { numRuns: 300 },
  );
});

test('holders found in one pass read the same positions as a search for each document, base and delta', () => {
  const seed = assignIds(importDailyPapers('corpus/daily-papers.txt', readFileSync(seedCorpusPath, 'utf8')).papers).papers;
  const index = InvertedIndex.build(seed.slice(10));
  // Later papers go to the delta segment, among them replacements of base ones.
  for (const paper of [...seed.slice(0, 10), { ...seed[20], title: `${seed[20].title} brain decoding` }]) index.add(paper);
  const sorted = Int32Array.from(index.liveDocs()).sort();
  const candOf = new Int32Array(index.docCount);
  sorted.forEach((doc, c) => (candOf[doc] = c + 1));
  const every = new Uint8Array(0x10000);
  const one = new Uint8Array(0x10000);
  let checked = 0;
  for (const term of ['brain', 'language', 'model', 'the', 'learning', 'video', 'attention', 'a']) {
    const termId = index.liveTermId(term);
    if (termId === undefined) continue;
    for (let f = 0; f < FIELD_COUNT; f++) {
      // Every other candidate asked, so long lists are searched rather than walked.
      const only = Int32Array.from({ length: sorted.length >> 1 }, (_, i) => 2 * i);
      for (const asked of [undefined, only]) {
        const reader = index.positionCursor(termId, f);
        const { cands, refs, starts } = reader.holders(sorted, candOf, asked);
        const found = [...cands];
        for (let j = 0; j < found.length; j++) {
          const n = reader.positionsAt(refs[j], starts[j], every);
          const m = index.positionCursor(termId, f).positions(sorted[found[j]], one);
          assert.ok(m > 0, `${term} in field ${f} of ${sorted[found[j]]}`);
          assert.deepEqual(every.subarray(0, n), one.subarray(0, m), `${term} in field ${f} of ${sorted[found[j]]}`);
          checked += 1;
        }
        // No holder among those asked is missed.
        for (const c of asked ? [...asked] : [...sorted.keys()]) {
          const holds: boolean = index.positionCursor(termId, f).positions(sorted[c], one) !== 0;
          assert.equal(found.includes(c), holds, `${term} in field ${f} of ${sorted[c]}`);
        }
      }
    }
  }
  assert.ok(checked > 100, `${checked} holders checked`);
});
