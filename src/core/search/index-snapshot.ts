/**
 * An index as a header (ids, terms) plus one binary image of its compacted state, laid out so a
 * load does as little as possible: every table is stored as the index holds it and viewed in place
 * (no recount, no growing arrays, no decoding; the compressed document numbers are checked, not
 * decoded). Little-endian, in this order (wider sections first, so every section stays aligned):
 *
 *   Float64 docStarts[terms × fields + 1]  where each key's compressed documents start (`posting-docs.ts`)
 *   Int32  offsets[terms × fields + 1]     postings of key k are [offsets[k], offsets[k+1])
 *   Int32  termDocs[terms]                 documents holding the term in any field
 *   Uint16 fieldLength[fields × docs]      field by field
 *   Int16  years[docs]
 *   Uint8 or Uint16 tfs[postings]          term frequencies (`tfBytes` each)
 *   Uint8  asciiOnly[docs]
 *   Uint8  positions[positionBytes]        word positions, posting by posting (`term-positions.ts`)
 *   Uint8  docs[docBytes]                  the compressed document numbers, key by key
 *
 * Only compacted states are written, so only live data goes out and document numbers are dense;
 * document frequencies, field length sums and the term dictionary are derived on reading.
 */
import type { Paper } from '../model/paper';
import { FIELD_COUNT } from './index-fields';
import { addTopics, emptyIndexState, type IndexState } from './index-state';
import { PostingDocs } from './posting-docs';

/** What a serialized index holds besides its binary image. */
export interface IndexSnapshotHeader {
  /** Paper ids by document number. */
  ids: string[];
  /** Index terms by term number. */
  terms: string[];
  /** Total number of postings in the bytes. */
  postings: number;
  /** Bytes per term frequency: 1 when none is above 255, else 2. */
  tfBytes: number;
  /** Bytes of compressed document numbers. */
  docBytes: number;
  /** Bytes of word positions in the image (one per occurrence); absent: none stored, phrases are checked on the text. */
  positionBytes?: number;
}

/** Where each section of the image starts, in bytes, and where it ends (`end`). */
function layout(terms: number, docs: number, postings: number, tfBytes: number, positionBytes: number, docBytes: number) {
  const keys = terms * FIELD_COUNT + 1;
  const docStarts = 0;
  const offsets = docStarts + 8 * keys;
  const termDocs = offsets + 4 * keys;
  const fieldLength = termDocs + 4 * terms;
  const years = fieldLength + 2 * FIELD_COUNT * docs;
  const tfs = years + 2 * docs;
  const asciiOnly = tfs + tfBytes * postings;
  const positions = asciiOnly + docs;
  const docBytesAt = positions + positionBytes;
  return { docStarts, offsets, termDocs, fieldLength, years, tfs, asciiOnly, positions, docs: docBytesAt, end: docBytesAt + docBytes };
}

/** How to encode a snapshot: bytes to write before the image. */
export interface SnapshotEncoding {
  /** Bytes that go first (a cache file's header lines), given the header; the image then starts at the next multiple of 8. */
  prefix?: (header: IndexSnapshotHeader) => Uint8Array;
}

/**
 * The snapshot of a compacted state (see `InvertedIndex.snapshot`, which compacts first): `bytes`
 * holds the prefix, if any, then the image from `imageStart`, all in one buffer (a million papers'
 * image is most of a gigabyte: it is written once, never copied).
 */
export function encodeIndexSnapshot(
  state: IndexState,
  encoding: SnapshotEncoding = {},
): { header: IndexSnapshotHeader; bytes: Uint8Array; imageStart: number } {
  const T = state.terms.length;
  const N = state.docCount;
  const keyCount = T * FIELD_COUNT;
  const P = state.baseOffsets[keyCount] ?? 0;
  const positions = state.basePositions;
  const tfBytes = state.baseTfs instanceof Uint8Array ? 1 : 2;
  const docBytes = state.baseDocs.bytes;
  const header: IndexSnapshotHeader = {
    ids: state.docPaper.slice(0, N).map((paper) => paper!.id),
    terms: [...state.terms],
    postings: P,
    tfBytes,
    docBytes: docBytes.length,
    ...(positions ? { positionBytes: positions.length } : {}),
  };
  const prefix = encoding.prefix?.(header) ?? new Uint8Array(0);
  const base = (prefix.length + 7) & ~7;
  const at = layout(T, N, P, tfBytes, positions?.length ?? 0, docBytes.length);
  const whole = new Uint8Array(base + at.end);
  whole.set(prefix);
  whole.fill(32, prefix.length, base);
  const buffer = whole.buffer;
  new Float64Array(buffer, base + at.docStarts, keyCount + 1).set(state.baseDocs.starts.subarray(0, keyCount + 1));
  new Int32Array(buffer, base + at.offsets, keyCount + 1).set(state.baseOffsets.subarray(0, keyCount + 1));
  new Int32Array(buffer, base + at.termDocs, T).set(state.termDocs.subarray(0, T));
  for (let f = 0; f < FIELD_COUNT; f++) {
    new Uint16Array(buffer, base + at.fieldLength + 2 * f * N, N).set(state.fieldLength[f].subarray(0, N));
  }
  new Int16Array(buffer, base + at.years, N).set(state.years.subarray(0, N));
  const Tfs = tfBytes === 1 ? Uint8Array : Uint16Array;
  new Tfs(buffer, base + at.tfs, P).set(state.baseTfs.subarray(0, P));
  whole.set(state.asciiOnly.subarray(0, N), base + at.asciiOnly);
  if (positions) whole.set(positions, base + at.positions);
  whole.set(docBytes, base + at.docs);
  return { header, bytes: whole, imageStart: base };
}

/**
 * The state a snapshot describes over `papers`, viewing `bytes`' tables in place (they must not be
 * reused); undefined when the bytes or papers do not fit it: not exactly the image's length,
 * offsets out of order, compressed documents out of range, out of order or malformed
 * (`PostingDocs.fits`), a term in no document, or papers that are not exactly `ids`.
 */
export function decodeIndexSnapshot(header: IndexSnapshotHeader, bytes: Uint8Array, papers: Paper[]): IndexState | undefined {
  const T = header.terms.length;
  const N = header.ids.length;
  const P = header.postings;
  const { positionBytes, tfBytes, docBytes } = header;
  if (positionBytes !== undefined && !(Number.isInteger(positionBytes) && positionBytes >= 0)) return undefined;
  if ((tfBytes !== 1 && tfBytes !== 2) || !(Number.isInteger(docBytes) && docBytes >= 0)) return undefined;
  const at = layout(T, N, P, tfBytes, positionBytes ?? 0, docBytes);
  if (bytes.byteLength !== at.end) return undefined;
  // Typed-array views need aligned starts; a pooled or sliced buffer is copied once.
  const image = bytes.byteOffset % 8 === 0 ? bytes : bytes.slice();
  const view = <A>(Kind: new (buffer: ArrayBufferLike, offset: number, length: number) => A, start: number, length: number) =>
    new Kind(image.buffer, image.byteOffset + start, length);
  const keys = T * FIELD_COUNT + 1;
  const offsets = view(Int32Array, at.offsets, keys);
  const termDocs = view(Int32Array, at.termDocs, T);
  if (!offsetsFit(offsets, termDocs, P, N)) return undefined;
  const docs = new PostingDocs(view(Uint8Array, at.docs, docBytes), view(Float64Array, at.docStarts, keys), offsets);
  if (!docs.fits(N)) return undefined;
  const state = documentsOf(header.ids, papers);
  if (!state) return undefined;
  state.terms = header.terms;
  state.df = new Int32Array(Math.max(64, T * FIELD_COUNT));
  for (let key = 0; key < T * FIELD_COUNT; key++) state.df[key] = offsets[key + 1] - offsets[key];
  state.termDocs = T >= 16 ? termDocs : padded(termDocs, 16);
  state.termStamp = new Int32Array(Math.max(16, T));
  state.baseOffsets = offsets;
  state.baseDocs = docs;
  state.baseTfs = tfBytes === 1 ? view(Uint8Array, at.tfs, P) : view(Uint16Array, at.tfs, P);
  state.fieldLength = Array.from({ length: FIELD_COUNT }, (_, f) => view(Uint16Array, at.fieldLength + 2 * f * N, N));
  state.years = view(Int16Array, at.years, N);
  state.asciiOnly = view(Uint8Array, at.asciiOnly, N);
  // Checked against the term frequencies on first use (`positionBlocks`): a load does not pay for it.
  state.basePositions = positionBytes === undefined ? undefined : view(Uint8Array, at.positions, positionBytes);
  for (let f = 0; f < FIELD_COUNT; f++) {
    let sum = 0;
    const lengths = state.fieldLength[f];
    for (let d = 0; d < N; d++) sum += lengths[d];
    state.fieldLengthSum[f] = sum;
  }
  for (let t = 0; t < T; t++) state.termIds.set(header.terms[t], t);
  // The prefix and typo dictionary is built by the first search that needs one (`termDictionary`).
  state.dictionary = undefined;
  state.baseTermCount = T;
  return state;
}

/** Whether the offsets run from 0 to `postings` without going back, and every term has between 1 and `N` documents. */
function offsetsFit(offsets: Int32Array, termDocs: Int32Array, postings: number, N: number): boolean {
  const keyCount = offsets.length - 1;
  if (offsets[0] !== 0 || offsets[keyCount] !== postings) return false;
  for (let key = 0; key < keyCount; key++) if (offsets[key + 1] < offsets[key]) return false;
  for (let t = 0; t < termDocs.length; t++) if (termDocs[t] < 1 || termDocs[t] > N) return false;
  return true;
}

/** `array` copied into one at least `length` long (the state's arrays keep a minimum capacity). */
function padded(array: Int32Array, length: number): Int32Array {
  const copy = new Int32Array(Math.max(length, array.length));
  copy.set(array);
  return copy;
}

/**
 * A state holding `ids`' papers as documents 0…n-1, or undefined when `papers` are not exactly those.
 * The tables no query needs (documents by id, for updates; documents by topic, for `topic:`) are
 * built on first use: a third of a load's time otherwise.
 */
function documentsOf(ids: string[], papers: Paper[]): IndexState | undefined {
  const N = ids.length;
  // The corpus usually lists its papers in document order: then no lookup table is needed.
  const inOrder = papers.length === N && papers.every((paper, d) => paper.id === ids[d]);
  const byId = inOrder ? undefined : new Map<string, Paper>(papers.map((paper) => [paper.id, paper]));
  if (byId && (byId.size !== N || new Set(ids).size !== N)) return undefined;
  const state = emptyIndexState();
  const docPaper = new Array<Paper | undefined>(N);
  state.docPaper = docPaper;
  state.alive = new Uint8Array(Math.max(16, N)).fill(1, 0, N);
  for (let d = 0; d < N; d++) {
    const paper = byId ? byId.get(ids[d]) : papers[d];
    if (!paper) return undefined;
    docPaper[d] = paper;
  }
  // Every update reads `docOf` and `topicDocs` before it changes a document, so they are built from the loaded documents.
  lazily(state, 'docOf', () => new Map(ids.map((id, d) => [id, d])));
  lazily(state, 'topicDocs', () => {
    const topicDocs = new Map<string, Set<number>>();
    for (let d = 0; d < N; d++) if (docPaper[d]) addTopics(topicDocs, docPaper[d]!, d);
    return topicDocs;
  });
  state.docCount = N;
  state.liveCount = N;
  return state;
}

/** Makes `state[key]` built by `make` on its first read (a later assignment replaces it). */
function lazily<K extends 'docOf' | 'topicDocs'>(state: IndexState, key: K, make: () => IndexState[K]): void {
  let value: IndexState[K] | undefined;
  Object.defineProperty(state, key, {
    configurable: true,
    enumerable: true,
    get: () => (value ??= make()),
    set: (next: IndexState[K]) => {
      value = next;
    },
  });
}
