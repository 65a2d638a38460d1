/**
 * An index as a header (ids, terms) plus one byte string of varints: for every term×field, its
 * posting count, then (document gap, term frequency) pairs. Only compacted states are written, so
 * only live data goes out and document numbers are dense; field lengths, document frequencies and
 * the term dictionary are recomputed on reading.
 */
import SearchableMap from 'minisearch/SearchableMap';
import type { Paper } from '../model/paper';
import { FIELD_COUNT } from './index-fields';
import { emptyIndexState, reserveDocs, setDocument, type IndexState } from './index-state';
import { VarintReader, VarintWriter } from './varint';

/** What a serialized index holds besides its postings bytes. */
export interface IndexSnapshotHeader {
  /** Paper ids by document number. */
  ids: string[];
  /** Index terms by term number. */
  terms: string[];
  /** Total number of postings in the bytes. */
  postings: number;
}

/** The snapshot of a compacted state (see `InvertedIndex.snapshot`, which compacts first). */
export function encodeIndexSnapshot(state: IndexState): { header: IndexSnapshotHeader; bytes: Uint8Array } {
  const keyCount = state.terms.length * FIELD_COUNT;
  const { baseOffsets, baseDocs, baseTfs } = state;
  const writer = new VarintWriter(baseDocs.length * 2 + keyCount + 16);
  for (let key = 0; key < keyCount; key++) {
    const start = baseOffsets[key];
    const end = baseOffsets[key + 1];
    writer.write(end - start);
    let previous = 0;
    for (let p = start; p < end; p++) {
      writer.write(baseDocs[p] - previous);
      previous = baseDocs[p];
      writer.write(baseTfs[p]);
    }
  }
  const ids = state.docPaper.slice(0, state.docCount).map((paper) => paper!.id);
  return { header: { ids, terms: [...state.terms], postings: baseDocs.length }, bytes: writer.bytes() };
}

/** The state a snapshot describes over `papers`; undefined when the bytes or papers do not fit it. */
export function decodeIndexSnapshot(header: IndexSnapshotHeader, bytes: Uint8Array, papers: Paper[]): IndexState | undefined {
  const state = documentsOf(header.ids, papers);
  if (!state) return undefined;
  const N = state.docCount;
  const T = header.terms.length;
  const keyCount = T * FIELD_COUNT;
  state.terms = header.terms;
  state.df = new Int32Array(Math.max(64, keyCount));
  state.termDocs = new Int32Array(Math.max(16, T));
  state.termStamp = new Int32Array(Math.max(16, T));
  state.baseOffsets = new Int32Array(keyCount + 1);
  state.baseDocs = new Int32Array(header.postings);
  state.baseTfs = new Uint16Array(header.postings);
  try {
    if (!readPostings(state, new VarintReader(bytes), header.postings)) return undefined;
  } catch {
    return undefined;
  }
  for (let f = 0; f < FIELD_COUNT; f++) {
    let sum = 0;
    const lengths = state.fieldLength[f];
    for (let d = 0; d < N; d++) sum += lengths[d];
    state.fieldLengthSum[f] = sum;
  }
  const entries: Array<[string, number]> = [];
  for (let t = 0; t < T; t++) {
    state.termIds.set(header.terms[t], t);
    if (state.termDocs[t] > 0) entries.push([header.terms[t], t]);
  }
  state.dictionary = SearchableMap.from(entries) as SearchableMap<number>;
  state.baseTermCount = T;
  return state;
}

/** A state holding `ids`' papers as documents 0…n-1, or undefined when `papers` are not exactly those. */
function documentsOf(ids: string[], papers: Paper[]): IndexState | undefined {
  const byId = new Map<string, Paper>();
  for (const paper of papers) byId.set(paper.id, paper);
  if (byId.size !== ids.length) return undefined;
  const state = emptyIndexState();
  const N = ids.length;
  reserveDocs(state, N);
  for (let d = 0; d < N; d++) {
    const paper = byId.get(ids[d]);
    if (!paper) return undefined;
    setDocument(state, paper, d);
  }
  if (state.docOf.size !== N) return undefined;
  state.docCount = N;
  state.liveCount = N;
  return state;
}

/** Fills the base segment, document frequencies and field lengths; false when the bytes do not fit. */
function readPostings(state: IndexState, reader: VarintReader, postings: number): boolean {
  const F = FIELD_COUNT;
  const N = state.docCount;
  const { baseOffsets: offsets, baseDocs: docs, baseTfs: tfs } = state;
  const docTermStamp = new Int32Array(N).fill(-1);
  let at = 0;
  for (let t = 0; t < state.terms.length; t++) {
    for (let f = 0; f < F; f++) {
      const key = t * F + f;
      const count = reader.read();
      if (count < 0 || at + count > postings) return false;
      state.df[key] = count;
      let doc = 0;
      for (let i = 0; i < count; i++) {
        doc += reader.read();
        const tf = reader.read();
        if (doc >= N) return false;
        docs[at] = doc;
        tfs[at++] = tf;
        state.fieldLength[f][doc] += tf;
        if (docTermStamp[doc] !== t) {
          docTermStamp[doc] = t;
          state.termDocs[t] += 1;
        }
      }
      offsets[key + 1] = at;
    }
  }
  return at === postings && reader.done();
}
