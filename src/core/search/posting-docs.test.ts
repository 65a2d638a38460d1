import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { generateSyntheticPapers } from '../../../bench/synthetic-corpus';
import type { IndexState } from './index-state';
import { InvertedIndex } from './inverted-index';
import { PostingDocs, PostingDocsWriter } from './posting-docs';

/** Ascending document lists with gaps of every width (1 to 4 bytes), some empty, some longer than a block. */
const lists = fc
  .array(
    fc.array(
      fc.oneof(
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 1, max: 300 }),
        fc.integer({ min: 1, max: 70_000 }),
        fc.integer({ min: 1, max: 20_000_000 }),
      ),
      {
        maxLength: 300,
      },
    ),
    { maxLength: 12 },
  )
  .map((gapLists) =>
    gapLists.map((gaps) => {
      let doc = -1;
      return gaps.map((gap) => (doc += gap));
    }),
  );

function csr(docLists: number[][]): { offsets: Int32Array; docs: Int32Array; N: number } {
  const offsets = new Int32Array(docLists.length + 1);
  docLists.forEach((list, key) => (offsets[key + 1] = offsets[key] + list.length));
  const docs = Int32Array.from(docLists.flat());
  return { offsets, docs, N: Math.max(0, ...docs) + 1 };
}

test('every list decodes to the documents encoded, through the cache or not, in any order of reads', () => {
  fc.assert(
    fc.property(lists, fc.array(fc.nat(), { maxLength: 40 }), fc.integer({ min: 1, max: 400 }), (docLists, reads, cachePostings) => {
      const { offsets, docs, N } = csr(docLists);
      const encoded = PostingDocs.encode(offsets, docs);
      const small = new PostingDocs(encoded.bytes, encoded.starts, offsets, cachePostings);
      assert.equal(small.postings, docs.length);
      assert.ok(small.fits(N));
      if (docs.length > 0) assert.equal(small.fits(N - 1), false, 'the last document must be below N');
      for (const read of reads) {
        if (docLists.length === 0) break;
        const key = read % docLists.length;
        assert.deepEqual([...small.list(key)], docLists[key]);
      }
      for (let key = 0; key < docLists.length; key++) assert.deepEqual([...encoded.list(key, false)], docLists[key]);
    }),
  );
});

test('the writer gives the bytes of `encode`; common terms take about a byte a posting', () => {
  const docLists = [Array.from({ length: 1000 }, (_, i) => i * 3), [5, 70_000, 10_000_000], []];
  const { offsets, docs } = csr(docLists);
  const writer = new PostingDocsWriter(docLists.length, 1);
  for (const list of docLists) {
    for (const doc of list) writer.add(doc);
    writer.endKey();
  }
  const written = writer.finish(offsets);
  const encoded = PostingDocs.encode(offsets, docs);
  assert.deepEqual(written.bytes, encoded.bytes);
  assert.deepEqual(written.starts, encoded.starts);
  // 1000 gaps of 3 in 8 blocks of one byte each, then one block of 3-byte gaps (1 + 9 bytes).
  assert.deepEqual([...encoded.starts], [0, 1008, 1018, 1018]);
});

test('a bulk build compresses the documents to the very bytes a compaction writes them in', () => {
  const papers = generateSyntheticPapers(3_000, 11);
  const built = InvertedIndex.build(papers);
  const added = InvertedIndex.build([]);
  for (const paper of papers) added.add(paper);
  added.compact();
  const stateOf = (index: InvertedIndex) => (index as unknown as { state: IndexState }).state;
  const [a, b] = [stateOf(built), stateOf(added)];
  assert.deepEqual(a.terms, b.terms);
  assert.ok(a.baseDocs.bytes.length > 0);
  assert.deepEqual(a.baseDocs.bytes, b.baseDocs.bytes);
  assert.deepEqual(a.baseDocs.starts, b.baseDocs.starts);
  assert.ok(a.baseDocs.fits(papers.length));
  assert.ok(a.baseDocs.bytes.length < 2 * a.baseDocs.postings, `${a.baseDocs.bytes.length} bytes for ${a.baseDocs.postings} postings`);
});

test('a gap of 0 is refused at every width and at any place in a block, in the four-byte reads and after them', () => {
  // Lists whose gaps need 1, 2, 3 and 4 bytes; 131 postings (a full block of 128 and a block of 3), but 100 where
  // 4-byte gaps would take the last document past an Int32.
  const steps = [1, 300, 70_000, 17_000_000];
  const lists = steps.map((step) => Array.from({ length: step > 16_777_215 ? 100 : 131 }, (_, i) => i * step));
  const { offsets, docs, N } = csr(lists);
  const encoded = PostingDocs.encode(offsets, docs);
  assert.ok(new PostingDocs(encoded.bytes, encoded.starts, offsets).fits(N));
  for (let key = 0; key < lists.length; key++) {
    const width = encoded.bytes[encoded.starts[key]];
    assert.equal(width, key + 1, 'the list has the width it was made for');
    for (const posting of [0, 1, 2, 3, 4, 5, 98, 99, 126, 127, 128, 129, 130].filter((posting) => posting < lists[key].length)) {
      const block = Math.floor(posting / 128);
      const at = encoded.starts[key] + block * (1 + 128 * width) + 1 + (posting % 128) * width;
      const bytes = encoded.bytes.slice();
      bytes.fill(0, at, at + width);
      assert.equal(new PostingDocs(bytes, encoded.starts, offsets).fits(N), false, `list ${key}, gap ${posting}`);
    }
  }
});
