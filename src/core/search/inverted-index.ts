import SearchableMap from 'minisearch/SearchableMap';
import type { Paper } from '../model/paper';
import { hasNonAscii, indexTerms } from './normalize-term';

/**
 * The storage behind `PaperSearch`: an inverted index with compact typed-array posting lists
 * and MiniSearch's radix tree (`SearchableMap`) as the term dictionary for prefix and fuzzy
 * lookups.
 *
 * Postings live in a "base" segment in CSR form (one Int32Array of document numbers, one
 * Uint16Array of term frequencies, offsets per term×field) plus a small "delta" segment for
 * documents added since the last compaction. Removed documents are tombstones until
 * `compact()`, which renumbers documents and terms so the base holds live data only.
 * Document frequencies and field-length sums are kept exact on every update, so scores after
 * any sequence of updates equal those of a fresh build over the same papers.
 */

export const FIELD_NAMES = ['title', 'authors', 'abstract', 'meta'] as const;
export type FieldName = (typeof FIELD_NAMES)[number];
export const FIELD_COUNT = 4;
export const TITLE_FIELD = 0;
export const AUTHORS_FIELD = 1;
export const ABSTRACT_FIELD = 2;
export const META_FIELD = 3;
export const ALL_FIELDS = 0b1111;

export interface Bm25Params {
  k: number;
  b: number;
  d: number;
}

/** The index terms of each field of a paper: title, authors, abstract, keywords+categories+topics. */
export function paperFieldTerms(paper: Paper): string[][] {
  const authors: string[] = [];
  for (const name of paper.authors ?? []) indexTerms(name, authors, true);
  const meta: string[] = [];
  for (const keyword of paper.keywords ?? []) indexTerms(keyword, meta);
  for (const category of paper.categories ?? []) indexTerms(category, meta);
  for (const topic of paper.topics ?? []) indexTerms(topic, meta);
  return [indexTerms(paper.title ?? ''), authors, indexTerms(paper.abstract ?? ''), meta];
}

/** Term → frequency for one field's terms, in first-occurrence order. */
function countTerms(terms: string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const term of terms) counts.set(term, (counts.get(term) ?? 0) + 1);
  return counts;
}

/** Document numbers with scores, as produced by an `Accumulator`. */
export interface Sparse {
  docs: Int32Array;
  scores: Float64Array;
}

export const EMPTY_SPARSE: Sparse = { docs: new Int32Array(0), scores: new Float64Array(0) };

/** A dense score array plus the list of documents touched, reset by `take`. */
export class Accumulator {
  scores: Float64Array;
  docs: Int32Array;
  size = 0;

  constructor(capacity: number) {
    this.scores = new Float64Array(capacity);
    this.docs = new Int32Array(capacity);
  }

  add(doc: number, score: number): void {
    if (this.scores[doc] === 0) this.docs[this.size++] = doc;
    this.scores[doc] += score;
  }

  /** The accumulated documents (in touch order) and scores; leaves the accumulator empty. */
  take(): Sparse {
    const n = this.size;
    const docs = this.docs.slice(0, n);
    const scores = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const doc = docs[i];
      scores[i] = this.scores[doc];
      this.scores[doc] = 0;
    }
    this.size = 0;
    return { docs, scores };
  }

  clear(): void {
    for (let i = 0; i < this.size; i++) this.scores[this.docs[i]] = 0;
    this.size = 0;
  }
}

interface DeltaList {
  docs: number[];
  tfs: number[];
}

/** Appends triples during a bulk build, in chunks (growing to 1M) so nothing is copied while growing. */
class TripleBuffer {
  keys: Int32Array[] = [];
  docs: Int32Array[] = [];
  tfs: Uint16Array[] = [];
  private used = 0;
  private capacity = 0;

  push(key: number, doc: number, tf: number): void {
    if (this.used === this.capacity) {
      this.capacity = Math.min(1 << 20, Math.max(1 << 12, this.capacity * 2));
      this.keys.push(new Int32Array(this.capacity));
      this.docs.push(new Int32Array(this.capacity));
      this.tfs.push(new Uint16Array(this.capacity));
      this.used = 0;
    }
    const c = this.keys.length - 1;
    this.keys[c][this.used] = key;
    this.docs[c][this.used] = doc;
    this.tfs[c][this.used] = tf;
    this.used += 1;
  }

  forEach(visit: (key: number, doc: number, tf: number) => void): void {
    for (let c = 0; c < this.keys.length; c++) {
      const keys = this.keys[c];
      const docs = this.docs[c];
      const tfs = this.tfs[c];
      const n = c === this.keys.length - 1 ? this.used : keys.length;
      for (let i = 0; i < n; i++) visit(keys[i], docs[i], tfs[i]);
    }
  }
}

function grow<T extends Int32Array | Uint16Array | Uint8Array | Int16Array>(array: T, size: number): T {
  if (array.length >= size) return array;
  let capacity = Math.max(16, array.length);
  while (capacity < size) capacity *= 2;
  const next = new (array.constructor as new (n: number) => T)(capacity);
  next.set(array);
  return next;
}

/** What a serialized index holds besides its postings bytes. */
export interface IndexSnapshotHeader {
  ids: string[];
  terms: string[];
  postings: number;
}

export class InvertedIndex {
  // Documents, by internal number.
  docCount = 0;
  liveCount = 0;
  docPaper: Array<Paper | undefined> = [];
  alive = new Uint8Array(16);
  years = new Int16Array(16);
  /** Bits set when the paper's title (1), abstract (2), other texts (4) are ASCII: phrase checks then skip Unicode folding. */
  asciiOnly = new Uint8Array(16);
  fieldLength: Uint16Array[] = Array.from({ length: FIELD_COUNT }, () => new Uint16Array(16));
  fieldLengthSum = new Float64Array(FIELD_COUNT);
  docOf = new Map<string, number>();
  /** Live documents per topic name, for `topic:` filters. */
  topicDocs = new Map<string, Set<number>>();

  // Terms.
  terms: string[] = [];
  termIds = new Map<string, number>();
  /** Live terms only. */
  dictionary = new SearchableMap<number>();
  /** Live documents per term×field. */
  df = new Int32Array(64);
  /** Live documents per term, any field. */
  termDocs = new Int32Array(16);
  private termStamp = new Int32Array(16);
  private stamp = 0;

  // Postings.
  private baseTermCount = 0;
  private baseOffsets = new Int32Array(1);
  private baseDocs = new Int32Array(0);
  private baseTfs = new Uint16Array(0);
  private delta = new Map<number, DeltaList>();
  private deltaPostings = 0;
  private deadPostings = 0;

  private accumulator?: Accumulator;

  /** A fresh index over `papers` (a later paper with the same id replaces an earlier one). */
  static build(papers: Paper[]): InvertedIndex {
    const index = new InvertedIndex();
    const unique = new Map<string, Paper>();
    for (const paper of papers) {
      unique.delete(paper.id);
      unique.set(paper.id, paper);
    }
    index.reserveDocs(unique.size);
    const triples = new TripleBuffer();
    for (const paper of unique.values()) {
      index.addDoc(paper, (key, doc, tf) => triples.push(key, doc, tf));
    }
    // Counting sort by key: every document is alive, so df[key] is the key's posting count.
    const keyCount = index.terms.length * FIELD_COUNT;
    const offsets = new Int32Array(keyCount + 1);
    for (let key = 0; key < keyCount; key++) offsets[key + 1] = offsets[key] + index.df[key];
    const total = offsets[keyCount];
    const docs = new Int32Array(total);
    const tfs = new Uint16Array(total);
    const next = offsets.slice(0, keyCount);
    triples.forEach((key, doc, tf) => {
      const at = next[key]++;
      docs[at] = doc;
      tfs[at] = tf;
    });
    index.baseTermCount = index.terms.length;
    index.baseOffsets = offsets;
    index.baseDocs = docs;
    index.baseTfs = tfs;
    return index;
  }

  get postingCount(): number {
    return this.baseDocs.length + this.deltaPostings - this.deadPostings;
  }

  has(id: string): boolean {
    return this.docOf.has(id);
  }

  paper(id: string): Paper | undefined {
    const doc = this.docOf.get(id);
    return doc === undefined ? undefined : this.docPaper[doc];
  }

  /** Adds or replaces a paper (its postings go to the delta segment). */
  add(paper: Paper): void {
    if (this.docOf.has(paper.id)) this.remove(paper.id);
    this.addDoc(paper, (key, doc, tf) => {
      let list = this.delta.get(key);
      if (!list) this.delta.set(key, (list = { docs: [], tfs: [] }));
      list.docs.push(doc);
      list.tfs.push(tf);
      this.deltaPostings += 1;
    });
  }

  /** Removes a paper; its postings stay as tombstones until `compact`. */
  remove(id: string): boolean {
    const doc = this.docOf.get(id);
    if (doc === undefined) return false;
    const paper = this.docPaper[doc]!;
    const fields = paperFieldTerms(paper);
    const stamp = ++this.stamp;
    for (let f = 0; f < FIELD_COUNT; f++) {
      for (const term of countTerms(fields[f]).keys()) {
        const termId = this.termIds.get(term);
        // Only a paper mutated after it was indexed can miss a term; papers must be treated as immutable.
        if (termId === undefined) continue;
        this.df[termId * FIELD_COUNT + f] -= 1;
        this.deadPostings += 1;
        if (this.termStamp[termId] !== stamp) {
          this.termStamp[termId] = stamp;
          if (--this.termDocs[termId] === 0) this.dictionary.delete(term);
        }
      }
      this.fieldLengthSum[f] -= this.fieldLength[f][doc];
    }
    for (const topic of paper.topics ?? []) {
      const docs = this.topicDocs.get(topic);
      if (!docs) continue;
      docs.delete(doc);
      if (docs.size === 0) this.topicDocs.delete(topic);
    }
    this.alive[doc] = 0;
    this.docPaper[doc] = undefined;
    this.docOf.delete(id);
    this.liveCount -= 1;
    return true;
  }

  /** Whether tombstones or the delta segment have grown enough to be worth a `compact`. */
  needsCompaction(): boolean {
    const base = this.baseDocs.length;
    return this.deadPostings > Math.max(50_000, base * 0.2) || this.deltaPostings > Math.max(200_000, base * 0.5);
  }

  isCompact(): boolean {
    return this.deadPostings === 0 && this.deltaPostings === 0 && this.liveCount === this.docCount;
  }

  /** Rewrites the postings without tombstones or delta; documents and terms are renumbered. */
  compact(): void {
    if (this.isCompact()) return;
    const F = FIELD_COUNT;
    const docMap = new Int32Array(this.docCount).fill(-1);
    let liveDocs = 0;
    for (let d = 0; d < this.docCount; d++) if (this.alive[d]) docMap[d] = liveDocs++;
    const oldTerms = this.terms;
    const termMap = new Int32Array(oldTerms.length).fill(-1);
    const terms: string[] = [];
    for (let t = 0; t < oldTerms.length; t++) {
      if (this.termDocs[t] > 0) {
        termMap[t] = terms.length;
        terms.push(oldTerms[t]);
      }
    }
    const keyCount = terms.length * F;
    const df = new Int32Array(Math.max(64, keyCount));
    const termDocs = new Int32Array(Math.max(16, terms.length));
    const offsets = new Int32Array(keyCount + 1);
    for (let t = 0; t < oldTerms.length; t++) {
      const nt = termMap[t];
      if (nt < 0) continue;
      termDocs[nt] = this.termDocs[t];
      for (let f = 0; f < F; f++) df[nt * F + f] = this.df[t * F + f];
    }
    for (let key = 0; key < keyCount; key++) offsets[key + 1] = offsets[key] + df[key];
    const docs = new Int32Array(offsets[keyCount]);
    const tfs = new Uint16Array(offsets[keyCount]);
    let at = 0;
    for (let t = 0; t < oldTerms.length; t++) {
      if (termMap[t] < 0) continue;
      for (let f = 0; f < F; f++) {
        const key = t * F + f;
        if (t < this.baseTermCount) {
          for (let p = this.baseOffsets[key], end = this.baseOffsets[key + 1]; p < end; p++) {
            const nd = docMap[this.baseDocs[p]];
            if (nd >= 0) {
              docs[at] = nd;
              tfs[at++] = this.baseTfs[p];
            }
          }
        }
        const list = this.delta.get(key);
        if (list) {
          for (let p = 0; p < list.docs.length; p++) {
            const nd = docMap[list.docs[p]];
            if (nd >= 0) {
              docs[at] = nd;
              tfs[at++] = list.tfs[p];
            }
          }
        }
      }
    }
    // Documents.
    const docPaper: Array<Paper | undefined> = new Array(liveDocs);
    const alive = new Uint8Array(Math.max(16, liveDocs));
    const years = new Int16Array(Math.max(16, liveDocs));
    const asciiOnly = new Uint8Array(Math.max(16, liveDocs));
    const fieldLength = Array.from({ length: F }, () => new Uint16Array(Math.max(16, liveDocs)));
    for (let d = 0; d < this.docCount; d++) {
      const nd = docMap[d];
      if (nd < 0) continue;
      docPaper[nd] = this.docPaper[d];
      alive[nd] = 1;
      years[nd] = this.years[d];
      asciiOnly[nd] = this.asciiOnly[d];
      for (let f = 0; f < F; f++) fieldLength[f][nd] = this.fieldLength[f][d];
    }
    this.docPaper = docPaper;
    this.alive = alive;
    this.years = years;
    this.asciiOnly = asciiOnly;
    this.fieldLength = fieldLength;
    this.docCount = liveDocs;
    this.docOf = new Map();
    this.topicDocs = new Map();
    for (let d = 0; d < liveDocs; d++) {
      this.docOf.set(docPaper[d]!.id, d);
      this.addTopics(docPaper[d]!, d);
    }
    // Terms: the dictionary already holds exactly the live terms; point them at their new ids.
    this.terms = terms;
    this.termIds = new Map();
    for (let t = 0; t < terms.length; t++) {
      this.termIds.set(terms[t], t);
      this.dictionary.set(terms[t], t);
    }
    this.df = df;
    this.termDocs = termDocs;
    this.termStamp = new Int32Array(termDocs.length);
    this.baseTermCount = terms.length;
    this.baseOffsets = offsets;
    this.baseDocs = docs;
    this.baseTfs = tfs;
    this.delta = new Map();
    this.deltaPostings = 0;
    this.deadPostings = 0;
    this.accumulator = undefined;
  }

  /** A scratch accumulator sized for the current documents (must be left empty after use). */
  scratch(): Accumulator {
    if (!this.accumulator || this.accumulator.scores.length < this.docCount) {
      this.accumulator = new Accumulator(Math.max(16, this.alive.length));
    }
    return this.accumulator;
  }

  /**
   * Adds the BM25+ contribution of one term, scaled by `weight` and the field boosts, to `acc`
   * for every live document holding it in a field of `fieldMask`.
   */
  scoreTerm(termId: number, weight: number, boosts: ArrayLike<number>, bm25: Bm25Params, acc: Accumulator, fieldMask = ALL_FIELDS): void {
    const N = this.liveCount;
    if (N === 0) return;
    const F = FIELD_COUNT;
    const alive = this.alive;
    const scores = acc.scores;
    const touched = acc.docs;
    let size = acc.size;
    const { k, b, d } = bm25;
    for (let f = 0; f < F; f++) {
      if ((fieldMask & (1 << f)) === 0) continue;
      const key = termId * F + f;
      const n = this.df[key];
      if (n <= 0) continue;
      const idf = Math.log(1 + (N - n + 0.5) / (n + 0.5));
      const scale = weight * boosts[f] * idf;
      if (scale === 0) continue;
      const avg = this.fieldLengthSum[f] / N;
      const lengths = this.fieldLength[f];
      const kConst = k * (1 - b);
      const kLen = avg > 0 ? (k * b) / avg : 0;
      const k1 = k + 1;
      if (termId < this.baseTermCount) {
        const docs = this.baseDocs;
        const tfs = this.baseTfs;
        for (let p = this.baseOffsets[key], end = this.baseOffsets[key + 1]; p < end; p++) {
          const doc = docs[p];
          if (alive[doc] === 0) continue;
          const tf = tfs[p];
          const s = scale * (d + (tf * k1) / (tf + kConst + kLen * lengths[doc]));
          if (scores[doc] === 0) touched[size++] = doc;
          scores[doc] += s;
        }
      }
      const list = this.delta.get(key);
      if (list) {
        const docs = list.docs;
        const tfs = list.tfs;
        for (let p = 0; p < docs.length; p++) {
          const doc = docs[p];
          if (alive[doc] === 0) continue;
          const tf = tfs[p];
          const s = scale * (d + (tf * k1) / (tf + kConst + kLen * lengths[doc]));
          if (scores[doc] === 0) touched[size++] = doc;
          scores[doc] += s;
        }
      }
    }
    acc.size = size;
  }

  /** Live documents holding a term in a field of `fieldMask`, marked with `value` in `marks`. */
  markDocs(termId: number, fieldMask: number, marks: Uint8Array, value: number): void {
    const F = FIELD_COUNT;
    for (let f = 0; f < F; f++) {
      if ((fieldMask & (1 << f)) === 0) continue;
      const key = termId * F + f;
      if (this.df[key] <= 0) continue;
      if (termId < this.baseTermCount) {
        for (let p = this.baseOffsets[key], end = this.baseOffsets[key + 1]; p < end; p++) {
          const doc = this.baseDocs[p];
          if (this.alive[doc]) marks[doc] = value;
        }
      }
      const list = this.delta.get(key);
      if (list) for (const doc of list.docs) if (this.alive[doc]) marks[doc] = value;
    }
  }

  /** Live documents in a field of `fieldMask` for a term id. */
  fieldDf(termId: number, fieldMask = ALL_FIELDS): number {
    let n = 0;
    for (let f = 0; f < FIELD_COUNT; f++) if (fieldMask & (1 << f)) n += this.df[termId * FIELD_COUNT + f];
    return n;
  }

  // -------------------------------------------------------------------------------------------
  // Serialization: a header (ids, terms) plus one byte string of varints. The index is compacted
  // first, so only live data is written and document numbers are dense.

  snapshot(): { header: IndexSnapshotHeader; bytes: Uint8Array } {
    this.compact();
    const F = FIELD_COUNT;
    const keyCount = this.terms.length * F;
    const writer = new VarintWriter(this.baseDocs.length * 2 + keyCount + 16);
    for (let key = 0; key < keyCount; key++) {
      const start = this.baseOffsets[key];
      const end = this.baseOffsets[key + 1];
      writer.write(end - start);
      let previous = 0;
      for (let p = start; p < end; p++) {
        writer.write(this.baseDocs[p] - previous);
        previous = this.baseDocs[p];
        writer.write(this.baseTfs[p]);
      }
    }
    const ids = this.docPaper.slice(0, this.docCount).map((paper) => paper!.id);
    return { header: { ids, terms: [...this.terms], postings: this.baseDocs.length }, bytes: writer.bytes() };
  }

  /** Rebuilds an index from a snapshot; undefined when the bytes or papers do not fit it. */
  static fromSnapshot(header: IndexSnapshotHeader, bytes: Uint8Array, papers: Paper[]): InvertedIndex | undefined {
    const byId = new Map<string, Paper>();
    for (const paper of papers) byId.set(paper.id, paper);
    if (byId.size !== header.ids.length) return undefined;
    const index = new InvertedIndex();
    const N = header.ids.length;
    index.reserveDocs(N);
    for (let d = 0; d < N; d++) {
      const paper = byId.get(header.ids[d]);
      if (!paper) return undefined;
      index.docPaper[d] = paper;
      index.docOf.set(paper.id, d);
      index.alive[d] = 1;
      index.years[d] = yearOf(paper);
      index.asciiOnly[d] = asciiBits(paper);
      index.addTopics(paper, d);
    }
    if (index.docOf.size !== N) return undefined;
    index.docCount = N;
    index.liveCount = N;
    const F = FIELD_COUNT;
    const T = header.terms.length;
    const keyCount = T * F;
    index.terms = header.terms;
    index.df = new Int32Array(Math.max(64, keyCount));
    index.termDocs = new Int32Array(Math.max(16, T));
    index.termStamp = new Int32Array(Math.max(16, T));
    const offsets = new Int32Array(keyCount + 1);
    const docs = new Int32Array(header.postings);
    const tfs = new Uint16Array(header.postings);
    const reader = new VarintReader(bytes);
    const docTermStamp = new Int32Array(N).fill(-1);
    let at = 0;
    try {
      for (let t = 0; t < T; t++) {
        for (let f = 0; f < F; f++) {
          const key = t * F + f;
          const count = reader.read();
          if (count < 0 || at + count > header.postings) return undefined;
          index.df[key] = count;
          let doc = 0;
          for (let i = 0; i < count; i++) {
            doc += reader.read();
            const tf = reader.read();
            if (doc >= N) return undefined;
            docs[at] = doc;
            tfs[at++] = tf;
            index.fieldLength[f][doc] += tf;
            if (docTermStamp[doc] !== t) {
              docTermStamp[doc] = t;
              index.termDocs[t] += 1;
            }
          }
          offsets[key + 1] = at;
        }
      }
    } catch {
      return undefined;
    }
    if (at !== header.postings || !reader.done()) return undefined;
    for (let f = 0; f < F; f++) {
      let sum = 0;
      const lengths = index.fieldLength[f];
      for (let d = 0; d < N; d++) sum += lengths[d];
      index.fieldLengthSum[f] = sum;
    }
    const entries: Array<[string, number]> = [];
    for (let t = 0; t < T; t++) {
      index.termIds.set(header.terms[t], t);
      if (index.termDocs[t] > 0) entries.push([header.terms[t], t]);
    }
    index.dictionary = SearchableMap.from(entries) as SearchableMap<number>;
    index.baseTermCount = T;
    index.baseOffsets = offsets;
    index.baseDocs = docs;
    index.baseTfs = tfs;
    return index;
  }

  // -------------------------------------------------------------------------------------------

  private reserveDocs(count: number): void {
    this.alive = grow(this.alive, count);
    this.years = grow(this.years, count);
    this.asciiOnly = grow(this.asciiOnly, count);
    for (let f = 0; f < FIELD_COUNT; f++) this.fieldLength[f] = grow(this.fieldLength[f], count);
  }

  private addTopics(paper: Paper, doc: number): void {
    for (const topic of paper.topics ?? []) {
      let docs = this.topicDocs.get(topic);
      if (!docs) this.topicDocs.set(topic, (docs = new Set()));
      docs.add(doc);
    }
  }

  private ensureTerm(term: string): number {
    let id = this.termIds.get(term);
    if (id === undefined) {
      id = this.terms.length;
      this.terms.push(term);
      this.termIds.set(term, id);
      this.df = grow(this.df, (id + 1) * FIELD_COUNT);
      this.termDocs = grow(this.termDocs, id + 1);
      this.termStamp = grow(this.termStamp, id + 1);
    }
    return id;
  }

  private addDoc(paper: Paper, emit: (key: number, doc: number, tf: number) => void): void {
    const doc = this.docCount++;
    this.reserveDocs(this.docCount);
    this.docPaper[doc] = paper;
    this.docOf.set(paper.id, doc);
    this.alive[doc] = 1;
    this.years[doc] = yearOf(paper);
    this.asciiOnly[doc] = asciiBits(paper);
    this.liveCount += 1;
    this.addTopics(paper, doc);
    const fields = paperFieldTerms(paper);
    const stamp = ++this.stamp;
    for (let f = 0; f < FIELD_COUNT; f++) {
      const terms = fields[f];
      // Field lengths are stored as 16 bits; a longer field (a pasted book) is treated as 65 535 terms.
      const length = Math.min(terms.length, 0xffff);
      this.fieldLength[f][doc] = length;
      this.fieldLengthSum[f] += length;
      for (const [term, tf] of countTerms(terms)) {
        const termId = this.ensureTerm(term);
        const key = termId * FIELD_COUNT + f;
        this.df[key] += 1;
        if (this.termStamp[termId] !== stamp) {
          this.termStamp[termId] = stamp;
          if (this.termDocs[termId]++ === 0) this.dictionary.set(term, termId);
        }
        emit(key, doc, Math.min(tf, 0xffff));
      }
    }
  }
}

function asciiBits(paper: Paper): number {
  let bits = 0;
  if (!hasNonAscii(paper.title ?? '')) bits |= 1;
  if (!hasNonAscii(paper.abstract ?? '')) bits |= 2;
  let others = true;
  for (const list of [paper.authors, paper.keywords, paper.categories, paper.topics]) {
    for (const text of list ?? []) if (hasNonAscii(text)) others = false;
  }
  return others ? bits | 4 : bits;
}

function yearOf(paper: Paper): number {
  const year = paper.year;
  return typeof year === 'number' && Number.isInteger(year) && year > 0 && year < 32768 ? year : 0;
}

class VarintWriter {
  private buffer: Uint8Array;
  private length = 0;

  constructor(capacity: number) {
    this.buffer = new Uint8Array(Math.max(64, capacity));
  }

  write(value: number): void {
    if (this.length + 5 > this.buffer.length) {
      const next = new Uint8Array(this.buffer.length * 2);
      next.set(this.buffer);
      this.buffer = next;
    }
    let v = value >>> 0;
    while (v >= 0x80) {
      this.buffer[this.length++] = (v & 0x7f) | 0x80;
      v >>>= 7;
    }
    this.buffer[this.length++] = v;
  }

  bytes(): Uint8Array {
    return this.buffer.subarray(0, this.length);
  }
}

class VarintReader {
  private at = 0;

  constructor(private readonly buffer: Uint8Array) {}

  read(): number {
    let value = 0;
    let shift = 0;
    for (;;) {
      if (this.at >= this.buffer.length) throw new Error('truncated');
      const byte = this.buffer[this.at++];
      value += (byte & 0x7f) * 2 ** shift;
      if (byte < 0x80) return value;
      shift += 7;
      if (shift > 35) throw new Error('bad varint');
    }
  }

  done(): boolean {
    return this.at === this.buffer.length;
  }
}
