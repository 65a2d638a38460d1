import SearchableMap from 'minisearch/SearchableMap';
import type { Paper } from '../model/paper';
import { countTerms, FIELD_COUNT, paperFieldTerms } from './index-fields';
import { hasNonAscii } from '../text/word-chars';
import { PaperTermReader } from './paper-term-reader';
import { grown } from '../collections/grown-array';
import { PostingDocs } from './posting-docs';

/** Postings of one term×field added since the last compaction. */
export interface DeltaList {
  docs: number[];
  tfs: number[];
  /** Each posting's positions (see `term-positions.ts`), from `positionStarts[i]`, `tfs[i]` of them. */
  positions: number[];
  positionStarts: number[];
}

/**
 * Everything an `InvertedIndex` holds. Only `InvertedIndex` and the modules that build, compact
 * and (de)serialize it touch it; readers go through the index's methods. Compaction builds a new
 * state and the index swaps it in with one assignment, so no reader ever sees half of each.
 */
export interface IndexState {
  // Documents, by internal number.
  docCount: number;
  liveCount: number;
  docPaper: Array<Paper | undefined>;
  alive: Uint8Array;
  years: Int16Array;
  /** Bits set when the paper's title (1), abstract (2), other texts (4) are ASCII: phrase checks then skip Unicode folding. */
  asciiOnly: Uint8Array;
  fieldLength: Uint16Array[];
  fieldLengthSum: Float64Array;
  docOf: Map<string, number>;
  /** Live documents per topic name, for `topic:` filters. */
  topicDocs: Map<string, Set<number>>;

  // Terms.
  terms: string[];
  termIds: Map<string, number>;
  /**
   * Live terms only, for prefix and typo lookups; `undefined` until `termDictionary` builds it (a snapshot's load
   * leaves it to the first such search: the radix tree took a quarter of loading 100k papers, and most of its garbage).
   */
  dictionary: SearchableMap<number> | undefined;
  /** Live documents per term×field. */
  df: Int32Array;
  /** Live documents per term, any field. */
  termDocs: Int32Array;
  /** Per term, the last `stamp` that counted it (one count per document however many fields hold it). */
  termStamp: Int32Array;
  stamp: number;

  // Postings: a compacted "base" segment in CSR form (offsets per term×field) plus a "delta" for later additions.
  baseTermCount: number;
  baseOffsets: Int32Array;
  /** Documents of the base postings, compressed; `baseDocs.list(key)` is key `key`'s, posting `baseOffsets[key]` first. */
  baseDocs: PostingDocs;
  /** Term frequencies of the base postings, by posting number: bytes when a build found none above 255 (the usual case), else 16 bits. */
  baseTfs: Uint8Array | Uint16Array;
  /** The base postings' word positions (`term-positions.ts`); undefined: not known, phrases are checked on the text. */
  basePositions: Uint8Array | undefined;
  /** Built from `baseTfs` on first use (`positionBlocks`). */
  positionBlocks?: Uint32Array;
  delta: Map<number, DeltaList>;
  deltaPostings: number;
  deadPostings: number;
}

/** The state of an index of no papers. */
export function emptyIndexState(): IndexState {
  return {
    docCount: 0,
    liveCount: 0,
    docPaper: [],
    alive: new Uint8Array(16),
    years: new Int16Array(16),
    asciiOnly: new Uint8Array(16),
    fieldLength: Array.from({ length: FIELD_COUNT }, () => new Uint16Array(16)),
    fieldLengthSum: new Float64Array(FIELD_COUNT),
    docOf: new Map(),
    topicDocs: new Map(),
    terms: [],
    termIds: new Map(),
    dictionary: new SearchableMap<number>(),
    df: new Int32Array(64),
    termDocs: new Int32Array(16),
    termStamp: new Int32Array(16),
    stamp: 0,
    baseTermCount: 0,
    baseOffsets: new Int32Array(1),
    baseDocs: PostingDocs.empty(),
    baseTfs: new Uint16Array(0),
    basePositions: new Uint8Array(0),
    delta: new Map(),
    deltaPostings: 0,
    deadPostings: 0,
  };
}

/** Grows the per-document arrays to hold at least `count` documents. */
export function reserveDocs(state: IndexState, count: number): void {
  state.alive = grown(state.alive, count);
  state.years = grown(state.years, count);
  state.asciiOnly = grown(state.asciiOnly, count);
  for (let f = 0; f < FIELD_COUNT; f++) state.fieldLength[f] = grown(state.fieldLength[f], count);
}

/** Lists document `doc` under each of its paper's topics. */
export function addTopics(topicDocs: Map<string, Set<number>>, paper: Paper, doc: number): void {
  for (const topic of paper.topics ?? []) {
    let docs = topicDocs.get(topic);
    if (!docs) topicDocs.set(topic, (docs = new Set()));
    docs.add(doc);
  }
}

/** Records a live paper under document number `doc` (its postings are the caller's business). */
export function setDocument(state: IndexState, paper: Paper, doc: number): void {
  state.docPaper[doc] = paper;
  state.docOf.set(paper.id, doc);
  state.alive[doc] = 1;
  state.years[doc] = yearOf(paper);
  state.asciiOnly[doc] = asciiBits(paper);
  addTopics(state.topicDocs, paper, doc);
}

function ensureTerm(state: IndexState, term: string): number {
  let id = state.termIds.get(term);
  if (id === undefined) {
    id = state.terms.length;
    state.terms.push(term);
    state.termIds.set(term, id);
    state.df = grown(state.df, (id + 1) * FIELD_COUNT);
    state.termDocs = grown(state.termDocs, id + 1);
    state.termStamp = grown(state.termStamp, id + 1);
  }
  return id;
}

/**
 * Receives each posting of a new document: term×field key, doc, tf, and the posting's positions,
 * `positions[from…from + tf)` (see `term-positions.ts`).
 */
export type PostingSink = (key: number, doc: number, tf: number, positions: Uint8Array, from: number) => void;

/** A reader of papers into this state's term ids (valid until a compaction renumbers the terms). */
export function termReader(state: IndexState): PaperTermReader {
  return new PaperTermReader((term) => ensureTerm(state, term));
}

/** Adds a paper as a new document, counting its terms; `reader` is `termReader(state)`; `emit` receives each posting. */
export function appendDocument(state: IndexState, paper: Paper, reader: PaperTermReader, emit: PostingSink): void {
  const doc = state.docCount++;
  reserveDocs(state, state.docCount);
  setDocument(state, paper, doc);
  state.liveCount += 1;
  const fields = reader.read(paper);
  const stamp = ++state.stamp;
  const { df, termStamp, termDocs } = state;
  for (let f = 0; f < FIELD_COUNT; f++) {
    // Field lengths are stored as 16 bits; a longer field (a pasted book) is treated as 65 535 terms.
    const length = Math.min(fields[f].length, 0xffff);
    state.fieldLength[f][doc] = length;
    state.fieldLengthSum[f] += length;
    const distinct = reader.countField(f);
    const positions = reader.groupedPositions;
    let from = 0;
    for (let i = 0; i < distinct; i++) {
      const termId = reader.distinct[i];
      const key = termId * FIELD_COUNT + f;
      df[key] += 1;
      if (termStamp[termId] !== stamp) {
        termStamp[termId] = stamp;
        if (termDocs[termId]++ === 0) state.dictionary?.set(state.terms[termId], termId);
      }
      const tf = Math.min(reader.frequencies[i], 0xffff);
      emit(key, doc, tf, positions, from);
      from += tf;
    }
  }
}

/** Marks a paper's document dead and uncounts its terms; its postings stay as tombstones until compaction. */
export function removeDocument(state: IndexState, id: string): boolean {
  const doc = state.docOf.get(id);
  if (doc === undefined) return false;
  const paper = state.docPaper[doc]!;
  const fields = paperFieldTerms(paper);
  const stamp = ++state.stamp;
  for (let f = 0; f < FIELD_COUNT; f++) {
    for (const term of countTerms(fields[f]).keys()) {
      const termId = state.termIds.get(term);
      // Only a paper mutated after it was indexed can miss a term; papers must be treated as immutable.
      if (termId === undefined) continue;
      state.df[termId * FIELD_COUNT + f] -= 1;
      state.deadPostings += 1;
      if (state.termStamp[termId] !== stamp) {
        state.termStamp[termId] = stamp;
        if (--state.termDocs[termId] === 0) state.dictionary?.delete(term);
      }
    }
    state.fieldLengthSum[f] -= state.fieldLength[f][doc];
  }
  for (const topic of paper.topics ?? []) {
    const docs = state.topicDocs.get(topic);
    if (!docs) continue;
    docs.delete(doc);
    if (docs.size === 0) state.topicDocs.delete(topic);
  }
  state.alive[doc] = 0;
  state.docPaper[doc] = undefined;
  state.docOf.delete(id);
  state.liveCount -= 1;
  return true;
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

/** The state's dictionary of live terms, built from its terms on first use (see `IndexState.dictionary`). */
export function termDictionary(state: IndexState): SearchableMap<number> {
  if (!state.dictionary) {
    const live: Array<[string, number]> = [];
    for (let t = 0; t < state.terms.length; t++) if (state.termDocs[t] > 0) live.push([state.terms[t], t]);
    state.dictionary = SearchableMap.from(live) as SearchableMap<number>;
  }
  return state.dictionary;
}
