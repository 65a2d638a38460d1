/**
 * An index as a header (ids, terms) plus one binary image of its compacted state, laid out so a
 * load is a set of typed-array views on the bytes rather than a decode: nothing is parsed per
 * posting, and the postings are only read once, by the corruption checks. Little-endian, in this
 * order (32-bit sections first, so every section stays aligned):
 *
 *   Int32  offsets[terms × fields + 1]   postings of key k are [offsets[k], offsets[k+1])
 *   Int32  termDocs[terms]               documents holding the term in any field
 *   Int32  docs[postings]                document numbers, ascending within a key
 *   Uint16 tfs[postings]                 term frequencies
 *   Uint16 fieldLength[fields × docs]    field by field
 *   Int16  years[docs]
 *   Uint8  asciiOnly[docs]
 *
 * Only compacted states are written, so only live data goes out and document numbers are dense;
 * document frequencies, field length sums and the term dictionary are derived on reading.
 */
import SearchableMap from 'minisearch/SearchableMap';
import type { Paper } from '../model/paper';
import { FIELD_COUNT } from './index-fields';
import { addTopics, emptyIndexState, type IndexState } from './index-state';

/** What a serialized index holds besides its binary image. */
export interface IndexSnapshotHeader {
  /** Paper ids by document number. */
  ids: string[];
  /** Index terms by term number. */
  terms: string[];
  /** Total number of postings in the bytes. */
  postings: number;
}

/** Where each section of the image starts, in bytes, for `terms`, `docs` and `postings`. */
function layout(terms: number, docs: number, postings: number) {
  const offsets = 0;
  const termDocs = offsets + 4 * (terms * FIELD_COUNT + 1);
  const docNumbers = termDocs + 4 * terms;
  const tfs = docNumbers + 4 * postings;
  const fieldLength = tfs + 2 * postings;
  const years = fieldLength + 2 * FIELD_COUNT * docs;
  const asciiOnly = years + 2 * docs;
  return { offsets, termDocs, docNumbers, tfs, fieldLength, years, asciiOnly, total: asciiOnly + docs };
}

/** The snapshot of a compacted state (see `InvertedIndex.snapshot`, which compacts first). */
export function encodeIndexSnapshot(state: IndexState): { header: IndexSnapshotHeader; bytes: Uint8Array } {
  const T = state.terms.length;
  const N = state.docCount;
  const P = state.baseOffsets[T * FIELD_COUNT] ?? 0;
  const at = layout(T, N, P);
  const bytes = new Uint8Array(at.total);
  const buffer = bytes.buffer;
  new Int32Array(buffer, at.offsets, T * FIELD_COUNT + 1).set(state.baseOffsets.subarray(0, T * FIELD_COUNT + 1));
  new Int32Array(buffer, at.termDocs, T).set(state.termDocs.subarray(0, T));
  new Int32Array(buffer, at.docNumbers, P).set(state.baseDocs.subarray(0, P));
  new Uint16Array(buffer, at.tfs, P).set(state.baseTfs.subarray(0, P));
  for (let f = 0; f < FIELD_COUNT; f++) new Uint16Array(buffer, at.fieldLength + 2 * f * N, N).set(state.fieldLength[f].subarray(0, N));
  new Int16Array(buffer, at.years, N).set(state.years.subarray(0, N));
  bytes.set(state.asciiOnly.subarray(0, N), at.asciiOnly);
  const ids = state.docPaper.slice(0, N).map((paper) => paper!.id);
  return { header: { ids, terms: [...state.terms], postings: P }, bytes };
}

/**
 * The state a snapshot describes over `papers`, viewing `bytes` in place (they must not be reused);
 * undefined when the bytes or papers do not fit it: wrong length, offsets out of order, a document
 * number out of range or out of order, a term in no document, or papers that are not exactly `ids`.
 */
export function decodeIndexSnapshot(header: IndexSnapshotHeader, bytes: Uint8Array, papers: Paper[]): IndexState | undefined {
  const T = header.terms.length;
  const N = header.ids.length;
  const P = header.postings;
  const at = layout(T, N, P);
  if (bytes.byteLength !== at.total) return undefined;
  // Typed-array views need aligned starts; a pooled or sliced buffer is copied once.
  const image = bytes.byteOffset % 4 === 0 ? bytes : bytes.slice();
  const view = <A>(Kind: new (buffer: ArrayBufferLike, offset: number, length: number) => A, start: number, length: number) =>
    new Kind(image.buffer, image.byteOffset + start, length);
  const offsets = view(Int32Array, at.offsets, T * FIELD_COUNT + 1);
  const termDocs = view(Int32Array, at.termDocs, T);
  const docs = view(Int32Array, at.docNumbers, P);
  if (!postingsFit(offsets, docs, termDocs, N)) return undefined;
  const state = documentsOf(header.ids, papers);
  if (!state) return undefined;
  state.terms = header.terms;
  state.df = new Int32Array(Math.max(64, T * FIELD_COUNT));
  for (let key = 0; key < T * FIELD_COUNT; key++) state.df[key] = offsets[key + 1] - offsets[key];
  state.termDocs = T >= 16 ? termDocs : padded(termDocs, 16);
  state.termStamp = new Int32Array(Math.max(16, T));
  state.baseOffsets = offsets;
  state.baseDocs = docs;
  state.baseTfs = view(Uint16Array, at.tfs, P);
  state.fieldLength = Array.from({ length: FIELD_COUNT }, (_, f) => view(Uint16Array, at.fieldLength + 2 * f * N, N));
  state.years = view(Int16Array, at.years, N);
  state.asciiOnly = view(Uint8Array, at.asciiOnly, N);
  for (let f = 0; f < FIELD_COUNT; f++) {
    let sum = 0;
    const lengths = state.fieldLength[f];
    for (let d = 0; d < N; d++) sum += lengths[d];
    state.fieldLengthSum[f] = sum;
  }
  const entries: Array<[string, number]> = [];
  for (let t = 0; t < T; t++) {
    state.termIds.set(header.terms[t], t);
    entries.push([header.terms[t], t]);
  }
  state.dictionary = SearchableMap.from(entries) as SearchableMap<number>;
  state.baseTermCount = T;
  return state;
}

/** Whether the offsets run from 0 to the postings count in order, documents ascend within each key below `N`, and every term has documents. */
function postingsFit(offsets: Int32Array, docs: Int32Array, termDocs: Int32Array, N: number): boolean {
  const keyCount = offsets.length - 1;
  if (offsets[0] !== 0 || offsets[keyCount] !== docs.length) return false;
  for (let key = 0; key < keyCount; key++) {
    const start = offsets[key];
    const end = offsets[key + 1];
    if (end < start || end > docs.length) return false;
    let previous = -1;
    for (let p = start; p < end; p++) {
      const doc = docs[p];
      if (doc <= previous || doc >= N) return false;
      previous = doc;
    }
  }
  for (let t = 0; t < termDocs.length; t++) if (termDocs[t] < 1 || termDocs[t] > N) return false;
  return true;
}

/** `array` copied into one at least `length` long (the state's arrays keep a minimum capacity). */
function padded(array: Int32Array, length: number): Int32Array {
  const copy = new Int32Array(Math.max(length, array.length));
  copy.set(array);
  return copy;
}

/** A state holding `ids`' papers as documents 0…n-1, or undefined when `papers` are not exactly those. */
function documentsOf(ids: string[], papers: Paper[]): IndexState | undefined {
  const N = ids.length;
  // The corpus usually lists its papers in document order: then no lookup table is needed.
  const inOrder = papers.length === N && papers.every((paper, d) => paper.id === ids[d]);
  const byId = inOrder ? undefined : new Map<string, Paper>(papers.map((paper) => [paper.id, paper]));
  if (byId && byId.size !== N) return undefined;
  const state = emptyIndexState();
  state.docPaper = new Array<Paper | undefined>(N);
  state.alive = new Uint8Array(Math.max(16, N)).fill(1, 0, N);
  for (let d = 0; d < N; d++) {
    const paper = byId ? byId.get(ids[d]) : papers[d];
    if (!paper) return undefined;
    state.docPaper[d] = paper;
    state.docOf.set(paper.id, d);
    addTopics(state.topicDocs, paper, d);
  }
  if (state.docOf.size !== N) return undefined;
  state.docCount = N;
  state.liveCount = N;
  return state;
}
