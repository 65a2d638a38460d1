import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generateSyntheticPapers } from '../../../bench/synthetic-corpus';
import { PaperLibrary } from '../library/paper-library';
import type { CorpusFile } from '../corpus/corpus';
import { fromBase64, toBase64 } from './base64';
import { decodeIndexSnapshot, encodeIndexSnapshot, type IndexSnapshotHeader } from './index-snapshot';
import type { IndexState } from './index-state';
import { InvertedIndex } from './inverted-index';
import { PaperSearch } from './paper-search';
import { phrasePositionCheck } from './phrase-positions';

const papers = generateSyntheticPapers(1_500, 7);
const built = PaperSearch.build(papers);
const QUERIES = [
  'spiking',
  'neural spik',
  'halucination',
  'vision transformer',
  '"neural networks" -fmri',
  'year:2019.. attention',
  'topic:"Diffusion Models" noise',
];

/** The three parts of a cache text: the version line, the header line, the base64 image. */
function parts(text: string): [string, string, string] {
  const first = text.indexOf('\n');
  const second = text.indexOf('\n', first + 1);
  return [text.slice(0, first), text.slice(first + 1, second), text.slice(second + 1)];
}

test('a snapshot round trip answers every query exactly as the index it was taken from', () => {
  const loaded = PaperSearch.load(built.serialize('fp'), 'fp', papers);
  assert.ok(loaded);
  for (const query of QUERIES) assert.deepEqual(loaded.search(query, { limit: 30 }), built.search(query, { limit: 30 }), query);
  assert.equal(loaded.serialize('fp'), built.serialize('fp'));
});

/** Where the sections of an image start (see the layout in `index-snapshot.ts`). */
function sectionsOf(header: IndexSnapshotHeader) {
  const keys = header.terms.length * 4 + 1;
  const N = header.ids.length;
  const offsets = 8 * keys;
  const termDocs = offsets + 4 * keys;
  const tfs = termDocs + 4 * header.terms.length + 10 * N;
  const docs = tfs + header.tfBytes * header.postings + N + (header.positionBytes ?? 0);
  return { offsets, termDocs, tfs, docs };
}

/** Where, in an image, the first list whose first block's gaps take 2 bytes starts (its width byte). */
function twoByteBlock(header: IndexSnapshotHeader, image: Uint8Array): number {
  const docs = sectionsOf(header).docs;
  const starts = new Float64Array(image.buffer, image.byteOffset, header.terms.length * 4 + 1);
  for (let key = 0; key + 1 < starts.length; key++) {
    if (starts[key + 1] > starts[key] && image[docs + starts[key]] === 2) return docs + starts[key];
  }
  throw new Error('no list with gaps of 2 bytes');
}

const index = InvertedIndex.build(papers);
index.snapshot(); // compacts
const eager = (index as unknown as { state: IndexState }).state;

test('the viewed state equals the eagerly built one, array by array', () => {
  const { header, bytes } = encodeIndexSnapshot(eager);
  const loaded = decodeIndexSnapshot(header, bytes.slice(), papers);
  assert.ok(loaded);
  const N = eager.docCount;
  const P = eager.baseDocs.postings;
  const keys = eager.terms.length * 4;
  assert.equal(loaded.docCount, N);
  assert.deepEqual(loaded.terms, eager.terms);
  assert.deepEqual([...loaded.baseOffsets], [...eager.baseOffsets]);
  for (let key = 0; key < keys; key++) assert.deepEqual(loaded.baseDocs.list(key), eager.baseDocs.list(key));
  // A build keeps frequencies in bytes when they fit; so does the image.
  assert.ok(eager.baseTfs instanceof Uint8Array);
  assert.deepEqual(loaded.baseTfs.subarray(0, P), eager.baseTfs.subarray(0, P));
  assert.deepEqual(loaded.df.subarray(0, keys), eager.df.subarray(0, keys));
  assert.deepEqual(loaded.termDocs.subarray(0, eager.terms.length), eager.termDocs.subarray(0, eager.terms.length));
  for (let f = 0; f < 4; f++) assert.deepEqual(loaded.fieldLength[f].subarray(0, N), eager.fieldLength[f].subarray(0, N));
  assert.deepEqual(loaded.fieldLengthSum, eager.fieldLengthSum);
  assert.deepEqual(loaded.years.subarray(0, N), eager.years.subarray(0, N));
  assert.deepEqual(loaded.asciiOnly.subarray(0, N), eager.asciiOnly.subarray(0, N));
  assert.deepEqual([...loaded.docOf], [...eager.docOf]);
});

test('compressed documents: a zero gap, a bad width, a document out of range or a cut list are refused', () => {
  const { header, bytes } = encodeIndexSnapshot(eager);
  const at = sectionsOf(header);
  const starts = new Float64Array(bytes.buffer, 0, header.terms.length * 4 + 1);
  // A list's first block (a width byte, then gaps of 2 bytes), and the key of that list.
  const block = twoByteBlock(header, bytes);
  const key = starts.indexOf(block - at.docs);
  const width = 2;
  const changed = (change: (copy: Uint8Array) => void) => {
    const copy = bytes.slice();
    change(copy);
    return copy;
  };
  const damaged: Record<string, Uint8Array> = {
    'a zero gap': changed((copy) => copy.fill(0, block + 1, block + 1 + width)),
    'a width of 5': changed((copy) => (copy[block] = 5)),
    'a width of 0': changed((copy) => (copy[block] = 0)),
    'a document past the last': changed((copy) => (copy[block + 2] = 0xff)),
    'a list ending before its start': changed((copy) => new Float64Array(copy.buffer, 0, starts.length).set([starts[key]], key + 1)),
  };
  for (const [what, corrupt] of Object.entries(damaged)) assert.equal(decodeIndexSnapshot(header, corrupt, papers), undefined, what);
  assert.equal(decodeIndexSnapshot({ ...header, tfBytes: 3 }, bytes.slice(), papers), undefined, 'frequencies of 3 bytes');
  assert.equal(decodeIndexSnapshot({ ...header, docBytes: header.docBytes - 1 }, bytes.slice(), papers), undefined, 'a byte fewer');
  assert.ok(decodeIndexSnapshot(header, bytes.slice(), papers), 'the undamaged image');
});

test('a loaded index takes updates like a built one (its arrays grow out of the image)', () => {
  const loaded = PaperSearch.load(built.serialize('fp'), 'fp', papers)!;
  const fresh = PaperSearch.build(papers);
  const extra = generateSyntheticPapers(40, 99).map((paper, i) => ({ ...paper, id: `extra-${i}` }));
  for (const search of [loaded, fresh]) {
    search.add(extra);
    search.remove([papers[3].id, papers[10].id]);
  }
  for (const query of QUERIES) assert.deepEqual(loaded.search(query, { limit: 30 }), fresh.search(query, { limit: 30 }), query);
});

test('a loaded index builds its prefix and typo dictionary when first asked, with the updates made before and after', () => {
  const paper = (id: string, title: string) => ({ ...papers[0], id, title, abstract: title, topics: [] });
  const rare = [paper('rare-1', 'Zyzzyva beetles in cold water'), paper('rare-2', 'Quokka gaits on sand')];
  const base = PaperSearch.build([...papers, rare[0]]);
  const ids = (search: PaperSearch, query: string) => search.search(query, { limit: 5 }).results.map((hit) => hit.id);
  for (const firstUse of ['after the updates', 'before the updates'] as const) {
    const loaded = PaperSearch.load(base.serialize('fp'), 'fp', [...papers, rare[0]])!;
    if (firstUse === 'before the updates') assert.deepEqual(ids(loaded, 'zyzz'), ['rare-1']);
    loaded.remove(['rare-1']); // its words die with it
    loaded.add([rare[1]]); // words the snapshot never held
    assert.deepEqual(ids(loaded, 'zyzz'), [], firstUse);
    assert.deepEqual(ids(loaded, 'zyzzyvas'), [], firstUse);
    assert.deepEqual(ids(loaded, 'quok'), ['rare-2'], firstUse);
    assert.deepEqual(ids(loaded, 'quoka'), ['rare-2'], firstUse);
    loaded.vacuum(); // compaction renumbers the terms
    assert.deepEqual(ids(loaded, 'quok'), ['rare-2'], firstUse);
    assert.deepEqual(ids(loaded, 'zyzz'), [], firstUse);
  }
});

test('papers in another order than the snapshot still load, and give the same answers', () => {
  const shuffled = [...papers].reverse();
  const loaded = PaperSearch.load(built.serialize('fp'), 'fp', shuffled);
  assert.ok(loaded);
  assert.deepEqual(loaded.search('neural spik', { limit: 20 }), built.search('neural spik', { limit: 20 }));
});

test('a damaged image is refused (so the index is rebuilt), whatever part is hit', () => {
  const text = built.serialize('fp');
  const [first, second, image] = parts(text);
  const header = JSON.parse(second) as IndexSnapshotHeader;
  const bytes = fromBase64(image);
  const at = sectionsOf(header);
  const withBytes = (change: (copy: Uint8Array, ints: Int32Array) => void) => {
    const copy = bytes.slice();
    change(copy, new Int32Array(copy.buffer, 0, copy.byteLength >> 2));
    return `${first}\n${second}\n${toBase64(copy)}`;
  };
  const offsets = at.offsets / 4;
  const damaged: Record<string, string> = {
    'truncated image': `${first}\n${second}\n${image.slice(0, image.length - 400)}`,
    'bytes after the image': `${first}\n${second}\n${toBase64(Uint8Array.from([...bytes, 0, 0, 0, 0]))}`,
    'offsets not starting at 0': withBytes((_, ints) => (ints[offsets] = 1)),
    'offsets going back': withBytes((_, ints) => (ints[offsets + 2] = ints[offsets + 1] - 1)),
    'a document out of range': withBytes((copy) => (copy[twoByteBlock(header, bytes) + 2] = 0xff)),
    'a zero gap (documents out of order)': withBytes((copy) => copy.fill(0, at.docs + 1, at.docs + 2)),
    'a term in no document': withBytes((_, ints) => (ints[at.termDocs / 4] = 0)),
    'more postings claimed': `${first}\n${JSON.stringify({ ...header, postings: header.postings + 1 })}\n${image}`,
    'fewer document bytes claimed': `${first}\n${JSON.stringify({ ...header, docBytes: header.docBytes - 1 })}\n${image}`,
    'a term missing from the header': `${first}\n${JSON.stringify({ ...header, terms: header.terms.slice(1) })}\n${image}`,
    'not JSON': `${first}\n{ids\n${image}`,
  };
  for (const [what, corrupt] of Object.entries(damaged)) assert.equal(PaperSearch.load(corrupt, 'fp', papers), undefined, what);
});

test('a cache of the previous format version, or a damaged one, is rebuilt without an error', () => {
  const files: CorpusFile[] = [{ path: 'a.bib', fingerprint: 'a', papers: papers.slice(0, 200), diagnostics: [] }];
  const good = PaperLibrary.open(files).serializeIndex();
  assert.equal(PaperLibrary.open(files, { cachedIndex: good }).indexFrom, 'cache');
  const firstEnd = good.indexOf(10);
  const olderLine = (version: number) =>
    new TextDecoder().decode(good.subarray(0, firstEnd)).replace(/"version":\d+/, `"version":${version}`);
  const versionOne = Uint8Array.from([...new TextEncoder().encode(olderLine(1)), ...good.subarray(firstEnd)]);
  // A version 2 cache file: the header lines, then the image in base64.
  const library = PaperLibrary.open(files);
  const versionTwoText = new TextEncoder().encode(
    library.search.serialize(library.corpus.fingerprint).replace('"version":5', '"version":3'),
  );
  const damaged = good.slice(0, good.length - 100);
  for (const cachedIndex of [versionOne, versionTwoText, damaged]) {
    const library = PaperLibrary.open(files, { cachedIndex });
    assert.equal(library.indexFrom, 'build');
    assert.deepEqual(library.search.search('spiking', { limit: 10 }), PaperLibrary.open(files).search.search('spiking', { limit: 10 }));
  }
});

test('the bytes form round-trips, views its image in place, and equals the text form in answers', () => {
  const bytes = built.serializeBytes('fp');
  assert.equal(PaperSearch.fingerprintOf(bytes), 'fp');
  // A file read into a buffer of its own, as the cache stores hand it over.
  const loaded = PaperSearch.load(bytes.slice(), 'fp', papers);
  assert.ok(loaded);
  for (const query of QUERIES) assert.deepEqual(loaded.search(query, { limit: 30 }), built.search(query, { limit: 30 }), query);
  assert.deepEqual(loaded.serializeBytes('fp'), bytes);
  assert.equal(PaperSearch.load(bytes, 'other', papers), undefined);
  // The header lines are the text form's; the image follows them at a multiple of 8.
  const text = built.serialize('fp');
  const lines = text.slice(0, text.indexOf('\n', text.indexOf('\n') + 1) + 1);
  assert.equal(new TextDecoder().decode(bytes.subarray(0, lines.length)), lines);
});

test('damaged or old bytes are refused without an error, so the index is rebuilt', () => {
  const bytes = built.serializeBytes('fp');
  const text = new TextDecoder().decode(bytes.subarray(0, 200));
  const imageStart = (bytes.indexOf(10, bytes.indexOf(10) + 1) + 1 + 7) & ~7;
  const withByte = (at: number, value: number) => {
    const copy = bytes.slice();
    copy[at] = value;
    return copy;
  };
  const older = new TextEncoder().encode(text.replace('"version":5', '"version":4'));
  const damaged: Record<string, Uint8Array> = {
    truncated: bytes.slice(0, bytes.length - 100),
    'one byte more': Uint8Array.from([...bytes, 0]),
    'an offset changed': withByte(imageStart, 1),
    'padding overwritten': withByte(imageStart - 1, 0),
    'version 4 header': Uint8Array.from([...older, ...bytes.subarray(200)]),
    empty: new Uint8Array(0),
    'no line break': new Uint8Array(5000).fill(65),
    'the base64 text as bytes': new TextEncoder().encode(built.serialize('fp')),
  };
  for (const [what, corrupt] of Object.entries(damaged)) assert.equal(PaperSearch.load(corrupt, 'fp', papers), undefined, what);
  assert.equal(PaperSearch.fingerprintOf(damaged['version 4 header']), undefined);
});

test('word positions that do not add up to the term frequencies are dropped: phrases are then checked on the text, same answers', () => {
  const bytes = built.serializeBytes('fp');
  const firstEnd = bytes.indexOf(10);
  const secondEnd = bytes.indexOf(10, firstEnd + 1);
  const header = JSON.parse(new TextDecoder().decode(bytes.subarray(firstEnd + 1, secondEnd))) as IndexSnapshotHeader;
  const imageStart = (secondEnd + 1 + 7) & ~7;
  const damaged = bytes.slice();
  // One more occurrence claimed by the first posting (of a term no query below uses): the positions no longer add up.
  damaged[imageStart + sectionsOf(header).tfs] += 1;
  const loaded = PaperSearch.load(damaged, 'fp', papers)!;
  const index = (loaded as unknown as { index: InvertedIndex }).index;
  assert.equal(index.hasPositions(), true);
  const queries = ['"neural networks"', '"vision transformer', 'spiking -"neural networks"'];
  for (const query of queries) assert.ok(!query.includes(header.terms[0]), header.terms[0]);
  for (const query of queries) assert.deepEqual(loaded.search(query, { limit: 20 }), built.search(query, { limit: 20 }), query);
  // The first phrase check found the mismatch and stopped using positions, without an error.
  assert.equal(index.hasPositions(), false);
  assert.equal(phrasePositionCheck(index, 'neuralnetwork'), undefined);
});
