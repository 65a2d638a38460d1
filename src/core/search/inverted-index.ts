import type SearchableMap from 'minisearch/SearchableMap';
import type { Paper } from '../model/paper';
import { BuildPostings } from './build-postings';
import { compactIndexState } from './compact-index-state';
import { ALL_FIELDS, FIELD_COUNT } from './index-fields';
import { decodeIndexSnapshot, encodeIndexSnapshot, type IndexSnapshotHeader, type SnapshotEncoding } from './index-snapshot';
import { appendDocument, emptyIndexState, removeDocument, reserveDocs, termDictionary, termReader, type IndexState } from './index-state';
import type { PaperTermReader } from './paper-term-reader';
import { maxUnitScore, postingScore, type PostingLeaf } from './posting-leaf';
import { Accumulator } from './score-accumulator';
import { PositionCursor, positionBlocks } from './term-positions';
import { compareByTitle, TitleRanks } from './title-rank';

const EMPTY_DOCS = new Int32Array(0);

/**
 * BM25+ parameters (MiniSearch's names and defaults).
 *
 * @example
 * { k: 1.2, b: 0.7, d: 0.5 }
 */
export interface Bm25Params {
  /** Term-frequency saturation: how much a second, third… occurrence of a word adds (default 1.2). */
  k: number;
  /** Length normalization: 0 ignores field length, 1 fully divides by it (default 0.7). */
  b: number;
  /** BM25+'s floor: what any occurrence earns however long the field (default 0.5). */
  d: number;
}

/** BM25+ parameters as the scorer reads them: each of `Bm25Params` by field number. */
export interface FieldBm25 {
  k: ArrayLike<number>;
  b: ArrayLike<number>;
  d: ArrayLike<number>;
}

/**
 * The storage behind `PaperSearch`: an inverted index with compact typed-array posting lists
 * and MiniSearch's radix tree (`SearchableMap`) as the term dictionary for prefix and fuzzy
 * lookups.
 *
 * Postings live in a "base" segment in CSR form (document numbers compressed per list,
 * `posting-docs.ts`; term frequencies in bytes or 16 bits; offsets per term×field) plus a small "delta" segment for
 * documents added since the last compaction. Removed documents are tombstones until
 * `compact()`, which renumbers documents and terms so the base holds live data only; it builds a
 * new state and swaps it in at once. Document frequencies and field-length sums are kept exact on
 * every update, so scores after any sequence of updates equal those of a fresh build over the
 * same papers. Document and term numbers are only valid until the next update.
 */
export class InvertedIndex {
  private accumulator?: Accumulator;
  /** Counts changes (adds, removals, compactions): what is derived from the index is stale once it moves. */
  changes = 0;
  private readonly titleRanks = new TitleRanks();
  /** Score bounds of base posting lists by term×field key, for `boundsState` (a compaction starts afresh). */
  private readonly baseBounds = new Map<number, { d: number; k1: number; kConst: number; kLen: number; max: number }>();
  private boundsState?: IndexState;
  /** Reads added papers into the current state's term ids (a compaction's new state gets a new one). */
  private reader?: { state: IndexState; reader: PaperTermReader };

  private constructor(private state: IndexState) {}

  /** A fresh index over `papers` (a later paper with the same id replaces an earlier one). */
  static build(papers: Paper[]): InvertedIndex {
    const state = emptyIndexState();
    // Each id's last position: the paper indexed, in the order of those positions. The map then
    // becomes `docOf` as documents are numbered (a million ids make one Map, not two).
    const docOf = state.docOf;
    for (let i = 0; i < papers.length; i++) docOf.set(papers[i].id, i);
    reserveDocs(state, docOf.size);
    const postings = new BuildPostings(docOf.size);
    const reader = termReader(state);
    for (let i = 0; i < papers.length; i++) {
      const paper = papers[i];
      if (docOf.get(paper.id) !== i) continue;
      appendDocument(state, paper, reader, (key, _doc, tf, positions, from) => postings.push(key, tf, positions, from));
      postings.endDocument();
    }
    const keyCount = state.terms.length * FIELD_COUNT;
    const { offsets, docs, tfs, positions } = postings.toCsr(state.df.subarray(0, keyCount));
    state.baseTermCount = state.terms.length;
    state.baseOffsets = offsets;
    state.baseDocs = docs;
    state.baseTfs = tfs;
    state.basePositions = positions;
    return new InvertedIndex(state);
  }

  /** Rebuilds an index from a snapshot; undefined when the bytes or papers do not fit it. */
  static fromSnapshot(header: IndexSnapshotHeader, bytes: Uint8Array, papers: Paper[]): InvertedIndex | undefined {
    const state = decodeIndexSnapshot(header, bytes, papers);
    return state ? new InvertedIndex(state) : undefined;
  }

  /** The index as a header plus its binary image (compacts first, so only live data is written); see `encodeIndexSnapshot`. */
  snapshot(encoding?: SnapshotEncoding): { header: IndexSnapshotHeader; bytes: Uint8Array; imageStart: number } {
    this.compact();
    return encodeIndexSnapshot(this.state, encoding);
  }

  // -------------------------------------------------------------------------------------------
  // Updates

  /** Adds or replaces a paper (its postings go to the delta segment). */
  add(paper: Paper): void {
    this.changes += 1;
    const state = this.state;
    if (state.docOf.has(paper.id)) removeDocument(state, paper.id);
    if (this.reader?.state !== state) this.reader = { state, reader: termReader(state) };
    appendDocument(state, paper, this.reader.reader, (key, doc, tf, positions, from) => {
      let list = state.delta.get(key);
      if (!list) state.delta.set(key, (list = { docs: [], tfs: [], positions: [], positionStarts: [] }));
      list.docs.push(doc);
      list.tfs.push(tf);
      list.positionStarts.push(list.positions.length);
      for (let i = from; i < from + tf; i++) list.positions.push(positions[i]);
      state.deltaPostings += 1;
    });
  }

  /** Removes a paper; its postings stay as tombstones until `compact`. */
  remove(id: string): boolean {
    this.changes += 1;
    return removeDocument(this.state, id);
  }

  /** Whether tombstones or the delta segment have grown enough to be worth a `compact`. */
  needsCompaction(): boolean {
    const { deadPostings, deltaPostings, baseDocs } = this.state;
    const base = baseDocs.postings;
    return deadPostings > Math.max(50_000, base * 0.2) || deltaPostings > Math.max(200_000, base * 0.5);
  }

  /** Rewrites the postings without tombstones or delta; documents and terms are renumbered. */
  compact(): void {
    const { deadPostings, deltaPostings, liveCount, docCount } = this.state;
    if (deadPostings === 0 && deltaPostings === 0 && liveCount === docCount) return;
    this.changes += 1;
    this.state = compactIndexState(this.state);
    this.accumulator = undefined;
  }

  // -------------------------------------------------------------------------------------------
  // Documents

  /** Papers indexed. */
  get liveCount(): number {
    return this.state.liveCount;
  }

  /** One more than the highest document number: the size of per-document arrays. */
  get docCount(): number {
    return this.state.docCount;
  }

  /** The live documents' numbers, ascending. */
  liveDocs(): Int32Array {
    const { alive, docCount, liveCount } = this.state;
    const docs = new Int32Array(liveCount);
    return docs.subarray(0, writeLiveDocs(alive, docCount, docs));
  }

  /** The paper of a live document. */
  paperAt(doc: number): Paper {
    return this.state.docPaper[doc]!;
  }

  /** The paper's year, 0 when unknown. */
  yearAt(doc: number): number {
    return this.state.years[doc];
  }

  /** Bits set when the paper's title (1), abstract (2), other texts (4) are ASCII. */
  asciiBitsAt(doc: number): number {
    return this.state.asciiOnly[doc];
  }

  /** Title, then id, ASCII case ignored: the order of live documents with equal scores (negative when `a` comes first). */
  compareTitles(a: number, b: number): number {
    return compareByTitle(this.state, a, b);
  }

  /** Each document's place in the `compareTitles` order (built on first use, then kept up to date); compare live documents only. */
  titleRank(): Int32Array {
    return this.titleRanks.of(this.state);
  }

  /** Topic names with their live documents, for `topic:` filters. */
  topics(): ReadonlyMap<string, ReadonlySet<number>> {
    return this.state.topicDocs;
  }

  // -------------------------------------------------------------------------------------------
  // Word positions (`term-positions.ts`, for `phrase-positions.ts`)

  /** Whether the index knows where its terms stand (an index loaded without them checks phrases on the text). */
  hasPositions(): boolean {
    return this.state.basePositions !== undefined;
  }

  /** Builds the word positions' block table now, not on the first phrase query (`positionBlocks`). */
  preparePositions(): void {
    positionBlocks(this.state);
  }

  /** Index terms in field `f` of a live document (0: none). */
  fieldLengthAt(f: number, doc: number): number {
    return this.state.fieldLength[f][doc];
  }

  /** A reader of a term's positions in field `f` of live documents, for one search (see `PositionCursor`). */
  positionCursor(termId: number, f: number): PositionCursor {
    return new PositionCursor(this.state, termId * FIELD_COUNT + f, termId);
  }

  // -------------------------------------------------------------------------------------------
  // Terms

  /** The id of a live term (held by at least one live paper), or undefined. */
  liveTermId(term: string): number | undefined {
    const state = this.state;
    const id = state.termIds.get(term);
    return id !== undefined && state.termDocs[id] > 0 ? id : undefined;
  }

  /** Live documents holding a term, any field. */
  termDocCount(termId: number): number {
    return this.state.termDocs[termId];
  }

  /** Live terms starting with `prefix` (itself included), with their ids. */
  termsWithPrefix(prefix: string): Iterable<[string, number]> {
    return termDictionary(this.state).atPrefix(prefix);
  }

  /** Live terms within `maxDistance` edits of `term`: term → [id, distance]. */
  termsNear(term: string, maxDistance: number): ReturnType<SearchableMap<number>['fuzzyGet']> {
    return termDictionary(this.state).fuzzyGet(term, maxDistance);
  }

  /** Fields in which live documents hold a term. */
  fieldsHolding(termId: number): number {
    let n = 0;
    for (let f = 0; f < FIELD_COUNT; f++) if (this.state.df[termId * FIELD_COUNT + f] > 0) n += 1;
    return n;
  }

  /** Live documents holding a term in a field of `fieldMask` (summed over fields). */
  fieldDf(termId: number, fieldMask = ALL_FIELDS): number {
    let n = 0;
    for (let f = 0; f < FIELD_COUNT; f++) if (fieldMask & (1 << f)) n += this.state.df[termId * FIELD_COUNT + f];
    return n;
  }

  // -------------------------------------------------------------------------------------------
  // Postings

  /** A scratch accumulator sized for the current documents (must be left empty after use). */
  scratch(): Accumulator {
    if (!this.accumulator || this.accumulator.scores.length < this.state.docCount) {
      this.accumulator = new Accumulator(Math.max(16, this.state.alive.length));
    }
    return this.accumulator;
  }

  /** 1 by document number for live documents (read only). */
  aliveMarks(): Uint8Array {
    return this.state.alive;
  }

  /**
   * The posting lists of one term, one per field of `fieldMask` holding it, with the constants
   * that score them: BM25+ scaled by `weight` and the field boosts. Fields whose scale is 0 are left out.
   * `idfDocs`: document counts by field to take the idf from when larger than the term's own
   * (the blended idf of a query word's expansions, `expandTerm`).
   */
  leavesOf(
    termId: number,
    weight: number,
    boosts: ArrayLike<number>,
    bm25: FieldBm25,
    fieldMask = ALL_FIELDS,
    withBounds = false,
    idfDocs?: ArrayLike<number>,
  ): PostingLeaf[] {
    const state = this.state;
    const N = state.liveCount;
    const leaves: PostingLeaf[] = [];
    if (N === 0) return leaves;
    for (let f = 0; f < FIELD_COUNT; f++) {
      if ((fieldMask & (1 << f)) === 0) continue;
      const k = bm25.k[f];
      const b = bm25.b[f];
      const key = termId * FIELD_COUNT + f;
      const n = state.df[key];
      if (n <= 0) continue;
      const idfN = idfDocs ? Math.max(n, idfDocs[f]) : n;
      const idf = Math.log(1 + (N - idfN + 0.5) / (idfN + 0.5));
      const scale = weight * boosts[f] * idf;
      if (scale === 0) continue;
      const avg = state.fieldLengthSum[f] / N;
      const inBase = termId < state.baseTermCount;
      const delta = state.delta.get(key);
      // The list decoded (or cached) on its own, so its postings run from 0; the frequencies viewed to match.
      const docs = inBase ? state.baseDocs.list(key) : EMPTY_DOCS;
      const start = inBase ? state.baseOffsets[key] : 0;
      const leaf: PostingLeaf = {
        docs,
        tfs: state.baseTfs.subarray(start, start + docs.length),
        start: 0,
        end: docs.length,
        deltaDocs: delta?.docs,
        deltaTfs: delta?.tfs,
        lengths: state.fieldLength[f],
        scale,
        d: bm25.d[f],
        k1: k + 1,
        kConst: k * (1 - b),
        kLen: avg > 0 ? (k * b) / avg : 0,
      };
      if (withBounds) this.addBound(leaf, key);
      leaves.push(leaf);
    }
    return leaves;
  }

  /**
   * Sets a leaf's `maxUnitScore`. The base segment's is computed on first use and kept while the
   * scoring constants stay the same (field lengths change them) and no compaction replaces the base.
   */
  private addBound(leaf: PostingLeaf, key: number): void {
    if (this.boundsState !== this.state) {
      this.boundsState = this.state;
      this.baseBounds.clear();
    }
    const { d, k1, kConst, kLen } = leaf;
    let bound = this.baseBounds.get(key);
    // The scoring constants compared as numbers (a text of them cost four number formattings a list and query).
    if (!bound || bound.d !== d || bound.k1 !== k1 || bound.kConst !== kConst || bound.kLen !== kLen) {
      bound = { d, k1, kConst, kLen, max: maxUnitScore(leaf, leaf.docs, leaf.tfs, leaf.start, leaf.end, 0) };
      this.baseBounds.set(key, bound);
    }
    const delta = leaf.deltaDocs;
    leaf.maxUnitScore = delta ? maxUnitScore(leaf, delta, leaf.deltaTfs!, 0, delta.length, bound.max) : bound.max;
  }

  /**
   * Adds the BM25+ contribution of one term, scaled by `weight` and the field boosts, to `acc`
   * for every live document holding it in a field of `fieldMask` (`idfDocs` as in `leavesOf`).
   */
  scoreTerm(
    termId: number,
    weight: number,
    boosts: ArrayLike<number>,
    bm25: FieldBm25,
    acc: Accumulator,
    fieldMask = ALL_FIELDS,
    idfDocs?: ArrayLike<number>,
  ): void {
    const alive = this.state.alive;
    const scores = acc.scores;
    const touched = acc.docs;
    let size = acc.size;
    for (const leaf of this.leavesOf(termId, weight, boosts, bm25, fieldMask, false, idfDocs)) {
      const { docs, tfs, lengths, scale, d, k1, kConst, kLen } = leaf;
      for (let p = leaf.start; p < leaf.end; p++) {
        const doc = docs[p];
        if (alive[doc] === 0) continue;
        const tf = tfs[p];
        // The formula of `postingScore`, inlined: this loop is the exhaustive search's floor.
        const s = scale * (d + (tf * k1) / (tf + kConst + kLen * lengths[doc]));
        if (scores[doc] === 0) touched[size++] = doc;
        scores[doc] += s;
      }
      const deltaDocs = leaf.deltaDocs;
      if (!deltaDocs) continue;
      const deltaTfs = leaf.deltaTfs!;
      for (let p = 0; p < deltaDocs.length; p++) {
        const doc = deltaDocs[p];
        if (alive[doc] === 0) continue;
        const s = postingScore(leaf, deltaTfs[p], lengths[doc]);
        if (scores[doc] === 0) touched[size++] = doc;
        scores[doc] += s;
      }
    }
    acc.size = size;
  }

  /** Live documents holding a term in a field of `fieldMask`, marked with `value` in `marks`. */
  markDocs(termId: number, fieldMask: number, marks: Uint8Array, value: number): void {
    const state = this.state;
    const F = FIELD_COUNT;
    for (let f = 0; f < F; f++) {
      if ((fieldMask & (1 << f)) === 0) continue;
      const key = termId * F + f;
      if (state.df[key] <= 0) continue;
      if (termId < state.baseTermCount) {
        for (const doc of state.baseDocs.list(key)) if (state.alive[doc]) marks[doc] = value;
      }
      const list = state.delta.get(key);
      if (list) for (const doc of list.docs) if (state.alive[doc]) marks[doc] = value;
    }
  }
}

/**
 * Writes the numbers of the live documents below `docCount` to `out`; returns how many. Its own function so that V8
 * compiling the loop mid-run leaves no code after it without type feedback (see `docsWithEveryWord`, match-count.ts).
 */
function writeLiveDocs(alive: Uint8Array, docCount: number, out: Int32Array): number {
  let n = 0;
  for (let d = 0; d < docCount; d++) if (alive[d]) out[n++] = d;
  return n;
}
