/**
 * An index as a header (ids, terms) plus one binary image of its compacted state, laid out so a
 * load does as little as possible: the per-term and per-document tables are stored as they are
 * and viewed in place (no recount, no growing arrays). The postings are stored `fixed` (typed
 * arrays, viewed in place too: a load never touches them but to check them) up to
 * `MAX_FIXED_POSTINGS`, and `varint`-coded beyond (decoded in one tight pass), which keeps a
 * million papers' cache under the longest string a JavaScript engine holds. Little-endian, in this
 * order (32-bit sections first, so every section stays aligned):
 *
 *   Int32  offsets[terms × fields + 1]   postings of key k are [offsets[k], offsets[k+1])
 *   Int32  termDocs[terms]               documents holding the term in any field
 *   Uint16 fieldLength[fields × docs]    field by field
 *   Int16  years[docs]
 *   Uint8  asciiOnly[docs]
 *   Uint8  positions[positionBytes]      word positions, posting by posting (`term-positions.ts`)
 *   then, from the next multiple of 4, the postings, key by key, either
 *     `fixed`:  Int32 docs[postings], then Uint16 tfs[postings]
 *     `varint`: (document − previous document, term frequency) per posting; the first document
 *               of a key counts from −1, so every gap is at least 1
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
  /** How the postings are stored (see the file's comment). Default `varint`. */
  coding?: PostingsCoding;
  /** Bytes of word positions in the image (one per occurrence); absent: none stored, phrases are checked on the text. */
  positionBytes?: number;
}

/** How a snapshot stores its postings. */
export type PostingsCoding = 'fixed' | 'varint';

/**
 * Up to this many postings (about 330 000 papers of abstracts) the text form (`PaperSearch.serialize`)
 * stores them `fixed`: 6 bytes a posting, so its base64 stays well under V8's longest string (2^29 − 24
 * characters) with the ids and terms beside it. Beyond, `varint` (about 2.3 bytes a posting). The
 * bytes form (`serializeBytes`) is always `fixed`, viewed in place on loading.
 */
export const MAX_FIXED_POSTINGS = 32_000_000;

/** Where each fixed section of the image starts, in bytes, for `terms`, `docs` and `positionBytes`; the varints start at `postings`. */
function layout(terms: number, docs: number, positionBytes: number) {
  const offsets = 0;
  const termDocs = offsets + 4 * (terms * FIELD_COUNT + 1);
  const fieldLength = termDocs + 4 * terms;
  const years = fieldLength + 2 * FIELD_COUNT * docs;
  const asciiOnly = years + 2 * docs;
  const positions = asciiOnly + docs;
  return { offsets, termDocs, fieldLength, years, asciiOnly, positions, postings: (positions + positionBytes + 3) & ~3 };
}

/** How to encode a snapshot: the postings' coding (default: `fixed` up to `MAX_FIXED_POSTINGS`), and bytes to write before the image. */
export interface SnapshotEncoding {
  coding?: PostingsCoding;
  /** Bytes that go first (a cache file's header lines), given the header; the image then starts at the next multiple of 8. */
  prefix?: (header: IndexSnapshotHeader) => Uint8Array;
}

/**
 * The snapshot of a compacted state (see `InvertedIndex.snapshot`, which compacts first): `bytes`
 * holds the prefix, if any, then the image from `imageStart`, all in one buffer (a million papers'
 * image is a gigabyte: it is written once, never copied).
 */
export function encodeIndexSnapshot(
  state: IndexState,
  encoding: SnapshotEncoding = {},
): { header: IndexSnapshotHeader; bytes: Uint8Array; imageStart: number } {
  const T = state.terms.length;
  const N = state.docCount;
  const keyCount = T * FIELD_COUNT;
  const P = state.baseOffsets[keyCount] ?? 0;
  const coding = encoding.coding ?? (P <= MAX_FIXED_POSTINGS ? 'fixed' : 'varint');
  const positions = state.basePositions;
  const header: IndexSnapshotHeader = {
    ids: state.docPaper.slice(0, N).map((paper) => paper!.id),
    terms: [...state.terms],
    postings: P,
    coding,
    ...(positions ? { positionBytes: positions.length } : {}),
  };
  const prefix = encoding.prefix?.(header) ?? new Uint8Array(0);
  const base = (prefix.length + 7) & ~7;
  const at = layout(T, N, positions?.length ?? 0);
  // Fixed: 6 bytes a posting; varint: at most 5 bytes per document gap, 3 per term frequency.
  const whole = new Uint8Array(base + at.postings + (coding === 'fixed' ? 6 : 8) * P);
  whole.set(prefix);
  whole.fill(32, prefix.length, base);
  const buffer = whole.buffer;
  new Int32Array(buffer, base + at.offsets, keyCount + 1).set(state.baseOffsets.subarray(0, keyCount + 1));
  new Int32Array(buffer, base + at.termDocs, T).set(state.termDocs.subarray(0, T));
  for (let f = 0; f < FIELD_COUNT; f++) {
    new Uint16Array(buffer, base + at.fieldLength + 2 * f * N, N).set(state.fieldLength[f].subarray(0, N));
  }
  new Int16Array(buffer, base + at.years, N).set(state.years.subarray(0, N));
  whole.set(state.asciiOnly.subarray(0, N), base + at.asciiOnly);
  if (positions) whole.set(positions, base + at.positions);
  if (coding === 'fixed') {
    new Int32Array(buffer, base + at.postings, P).set(state.baseDocs.subarray(0, P));
    new Uint16Array(buffer, base + at.postings + 4 * P, P).set(state.baseTfs.subarray(0, P));
    return { header, bytes: whole, imageStart: base };
  }
  const bytes = whole;
  let out = base + at.postings;
  const write = (value: number) => {
    let v = value >>> 0;
    while (v >= 0x80) {
      bytes[out++] = (v & 0x7f) | 0x80;
      v >>>= 7;
    }
    bytes[out++] = v;
  };
  const { baseOffsets, baseDocs, baseTfs } = state;
  for (let key = 0; key < keyCount; key++) {
    let previous = -1;
    for (let p = baseOffsets[key], end = baseOffsets[key + 1]; p < end; p++) {
      write(baseDocs[p] - previous);
      previous = baseDocs[p];
      write(baseTfs[p]);
    }
  }
  return { header, bytes: bytes.subarray(0, out), imageStart: base };
}

/**
 * The state a snapshot describes over `papers`, viewing `bytes`' tables in place (they must not be
 * reused); undefined when the bytes or papers do not fit it: too short or too long, offsets out of
 * order, a document number out of range or out of order, a bad varint, a term in no document, or
 * papers that are not exactly `ids`.
 */
export function decodeIndexSnapshot(header: IndexSnapshotHeader, bytes: Uint8Array, papers: Paper[]): IndexState | undefined {
  const T = header.terms.length;
  const N = header.ids.length;
  const P = header.postings;
  const positionBytes = header.positionBytes;
  if (positionBytes !== undefined && !(Number.isInteger(positionBytes) && positionBytes >= 0)) return undefined;
  const at = layout(T, N, positionBytes ?? 0);
  if (bytes.byteLength < at.postings + 2 * P) return undefined;
  // Typed-array views need aligned starts; a pooled or sliced buffer is copied once.
  const image = bytes.byteOffset % 4 === 0 ? bytes : bytes.slice();
  // Varint postings are decoded into arrays of their own: the tables are then copied out too, so the
  // image (mostly varints) can be freed; fixed-width postings are viewed, and so are the tables.
  const copyTables = (header.coding ?? 'varint') !== 'fixed';
  const view = <A extends { slice(): A }>(
    Kind: new (buffer: ArrayBufferLike, offset: number, length: number) => A,
    start: number,
    length: number,
  ) => {
    const table = new Kind(image.buffer, image.byteOffset + start, length);
    return copyTables ? table.slice() : table;
  };
  const offsets = view(Int32Array, at.offsets, T * FIELD_COUNT + 1);
  const termDocs = view(Int32Array, at.termDocs, T);
  if (!offsetsFit(offsets, termDocs, P, N)) return undefined;
  const postings = postingsOf(header.coding ?? 'varint', image.subarray(at.postings), offsets, N);
  if (!postings) return undefined;
  const { docs, tfs } = postings;
  const state = documentsOf(header.ids, papers);
  if (!state) return undefined;
  state.terms = header.terms;
  state.df = new Int32Array(Math.max(64, T * FIELD_COUNT));
  for (let key = 0; key < T * FIELD_COUNT; key++) state.df[key] = offsets[key + 1] - offsets[key];
  state.termDocs = T >= 16 ? termDocs : padded(termDocs, 16);
  state.termStamp = new Int32Array(Math.max(16, T));
  state.baseOffsets = offsets;
  state.baseDocs = docs;
  state.baseTfs = tfs;
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
  const entries: Array<[string, number]> = [];
  for (let t = 0; t < T; t++) {
    state.termIds.set(header.terms[t], t);
    entries.push([header.terms[t], t]);
  }
  state.dictionary = SearchableMap.from(entries) as SearchableMap<number>;
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

/** The postings in `bytes` as `coding` says, checked (see `postingsAscend`, `readPostings`); undefined when they do not fit. */
function postingsOf(coding: PostingsCoding, bytes: Uint8Array, offsets: Int32Array, N: number) {
  const P = offsets[offsets.length - 1];
  if (coding === 'fixed') {
    if (bytes.byteLength !== 6 * P) return undefined;
    const docs = new Int32Array(bytes.buffer, bytes.byteOffset, P);
    const tfs = new Uint16Array(bytes.buffer, bytes.byteOffset + 4 * P, P);
    return postingsAscend(offsets, docs, N) ? { docs, tfs } : undefined;
  }
  if (coding !== 'varint') return undefined;
  const docs = new Int32Array(P);
  const tfs = new Uint16Array(P);
  return readPostings(bytes, offsets, docs, tfs, N) ? { docs, tfs } : undefined;
}

/** Whether documents ascend within each key below `N`. */
function postingsAscend(offsets: Int32Array, docs: Int32Array, N: number): boolean {
  let p = 0;
  for (let key = 0, keyCount = offsets.length - 1; key < keyCount; key++) {
    let previous = -1;
    for (const end = offsets[key + 1]; p < end; p++) {
      const doc = docs[p];
      if (doc <= previous || doc >= N) return false;
      previous = doc;
    }
  }
  return true;
}

/**
 * Decodes the varint postings into `docs` and `tfs`, key by key as `offsets` says (one inlined
 * loop: this is the whole cost of a load); false unless every document ascends within its key
 * below `N` and the bytes end exactly after the last posting.
 */
function readPostings(bytes: Uint8Array, offsets: Int32Array, docs: Int32Array, tfs: Uint16Array, N: number): boolean {
  const length = bytes.length;
  let at = 0;
  let p = 0;
  for (let key = 0, keyCount = offsets.length - 1; key < keyCount; key++) {
    let doc = -1;
    for (const end = offsets[key + 1]; p < end; p++) {
      // Two varints: the gap (≥ 1, < 2^28 once checked), then the term frequency (< 2^16).
      if (at >= length) return false;
      let byte = bytes[at++];
      let gap = byte & 0x7f;
      for (let shift = 7; byte >= 0x80; shift += 7) {
        if (at >= length || shift > 21) return false;
        byte = bytes[at++];
        gap |= (byte & 0x7f) << shift;
      }
      if (at >= length) return false;
      byte = bytes[at++];
      let tf = byte & 0x7f;
      for (let shift = 7; byte >= 0x80; shift += 7) {
        if (at >= length || shift > 14) return false;
        byte = bytes[at++];
        tf |= (byte & 0x7f) << shift;
      }
      doc += gap;
      if (gap < 1 || doc >= N || tf > 0xffff) return false;
      docs[p] = doc;
      tfs[p] = tf;
    }
  }
  return at === length;
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
