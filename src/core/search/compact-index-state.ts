import type { Paper } from '../model/paper';
import { FIELD_COUNT } from './index-fields';
import { addTopics, type IndexState } from './index-state';
import { PostingDocsWriter } from './posting-docs';
import { positionBlocks, positionOffset } from './term-positions';

/**
 * A new state holding only live data: tombstones dropped, the delta merged into the base, documents
 * and terms renumbered densely. The old state is left as it was except for its term dictionary,
 * whose values are re-pointed at the new term ids as the very last step (rebuilding the radix tree
 * would cost more than the rest of the compaction); the caller swaps the result in at once.
 */
export function compactIndexState(old: IndexState): IndexState {
  const docMap = new Int32Array(old.docCount).fill(-1);
  let liveDocs = 0;
  for (let d = 0; d < old.docCount; d++) if (old.alive[d]) docMap[d] = liveDocs++;
  const termMap = new Int32Array(old.terms.length).fill(-1);
  const terms: string[] = [];
  for (let t = 0; t < old.terms.length; t++) {
    if (old.termDocs[t] > 0) {
      termMap[t] = terms.length;
      terms.push(old.terms[t]);
    }
  }
  const postings = compactPostings(old, docMap, termMap, terms.length);
  const docs = compactDocuments(old, docMap, liveDocs);
  const termIds = new Map<string, number>();
  for (let t = 0; t < terms.length; t++) termIds.set(terms[t], t);
  const next: IndexState = {
    ...docs,
    liveCount: old.liveCount,
    terms,
    termIds,
    dictionary: old.dictionary,
    df: postings.df,
    termDocs: postings.termDocs,
    termStamp: new Int32Array(postings.termDocs.length),
    stamp: old.stamp,
    baseTermCount: terms.length,
    baseOffsets: postings.offsets,
    baseDocs: postings.docs,
    baseTfs: postings.tfs,
    basePositions: postings.positions,
    delta: new Map(),
    deltaPostings: 0,
    deadPostings: 0,
  };
  // The dictionary (once built) already holds exactly the live terms; point them at their new ids.
  if (next.dictionary) for (let t = 0; t < terms.length; t++) next.dictionary.set(terms[t], t);
  return next;
}

/** The live postings of the base and delta segments, renumbered, in one CSR segment; with their counts. */
function compactPostings(old: IndexState, docMap: Int32Array, termMap: Int32Array, termCount: number) {
  const F = FIELD_COUNT;
  const keyCount = termCount * F;
  const df = new Int32Array(Math.max(64, keyCount));
  const termDocs = new Int32Array(Math.max(16, termCount));
  const offsets = new Int32Array(keyCount + 1);
  for (let t = 0; t < termMap.length; t++) {
    const nt = termMap[t];
    if (nt < 0) continue;
    termDocs[nt] = old.termDocs[t];
    for (let f = 0; f < F; f++) df[nt * F + f] = old.df[t * F + f];
  }
  for (let key = 0; key < keyCount; key++) offsets[key + 1] = offsets[key] + df[key];
  const docs = new PostingDocsWriter(keyCount, old.baseDocs.bytes.length + 2 * old.deltaPostings);
  const tfs = needsWideTfs(old) ? new Uint16Array(offsets[keyCount]) : new Uint8Array(offsets[keyCount]);
  const moved = movedPositions(old);
  let at = 0;
  const copy = (doc: number, tf: number, positions: ArrayLike<number>, from: number) => {
    const nd = docMap[doc];
    if (nd >= 0) {
      docs.add(nd);
      tfs[at++] = tf;
      moved?.copy(positions, from, tf);
    }
  };
  for (let t = 0; t < termMap.length; t++) {
    if (termMap[t] < 0) continue;
    for (let f = 0; f < F; f++) {
      const key = t * F + f;
      if (t < old.baseTermCount) {
        const start = old.baseOffsets[key];
        const baseDocs = old.baseDocs.list(key, false);
        let from = moved?.baseOffset(start) ?? 0;
        for (let i = 0; i < baseDocs.length; i++) {
          const tf = old.baseTfs[start + i];
          copy(baseDocs[i], tf, old.basePositions ?? [], from);
          from += tf;
        }
      }
      const list = old.delta.get(key);
      if (list) for (let p = 0; p < list.docs.length; p++) copy(list.docs[p], list.tfs[p], list.positions, list.positionStarts[p]);
      docs.endKey();
    }
  }
  return { df, termDocs, offsets, docs: docs.finish(offsets), tfs, positions: moved?.result() };
}

/** Gathers the live postings' positions in their new order; undefined when the old base has none (nor will the new). */
function movedPositions(old: IndexState) {
  const blocks = positionBlocks(old);
  if (!blocks || !old.basePositions) return undefined;
  let bytes = new Uint8Array(Math.max(1024, old.basePositions.length));
  let used = 0;
  return {
    baseOffset: (p: number) => positionOffset(old, blocks, p),
    copy(positions: ArrayLike<number>, from: number, tf: number): void {
      if (used + tf > bytes.length) {
        const grown = new Uint8Array(Math.max(used + tf, bytes.length * 2));
        grown.set(bytes);
        bytes = grown;
      }
      for (let i = 0; i < tf; i++) bytes[used + i] = positions[from + i];
      used += tf;
    },
    result: () => bytes.slice(0, used),
  };
}

/** Whether some term frequency is above 255 (then they take 16 bits each, else a byte). */
function needsWideTfs(old: IndexState): boolean {
  if (old.baseTfs instanceof Uint16Array) {
    for (let p = 0; p < old.baseTfs.length; p++) if (old.baseTfs[p] > 255) return true;
  }
  for (const list of old.delta.values()) for (const tf of list.tfs) if (tf > 255) return true;
  return false;
}

/** The live documents' tables, renumbered by `docMap`. */
function compactDocuments(old: IndexState, docMap: Int32Array, liveDocs: number) {
  const F = FIELD_COUNT;
  const capacity = Math.max(16, liveDocs);
  const docPaper: Array<Paper | undefined> = new Array<Paper | undefined>(liveDocs);
  const alive = new Uint8Array(capacity);
  const years = new Int16Array(capacity);
  const asciiOnly = new Uint8Array(capacity);
  const fieldLength = Array.from({ length: F }, () => new Uint16Array(capacity));
  for (let d = 0; d < old.docCount; d++) {
    const nd = docMap[d];
    if (nd < 0) continue;
    docPaper[nd] = old.docPaper[d];
    alive[nd] = 1;
    years[nd] = old.years[d];
    asciiOnly[nd] = old.asciiOnly[d];
    for (let f = 0; f < F; f++) fieldLength[f][nd] = old.fieldLength[f][d];
  }
  const docs = {
    docCount: liveDocs,
    docPaper,
    alive,
    years,
    asciiOnly,
    fieldLength,
    fieldLengthSum: old.fieldLengthSum.slice(),
    docOf: new Map<string, number>(),
    topicDocs: new Map<string, Set<number>>(),
  };
  for (let d = 0; d < liveDocs; d++) {
    docs.docOf.set(docPaper[d]!.id, d);
    addTopics(docs.topicDocs, docPaper[d]!, d);
  }
  return docs;
}
