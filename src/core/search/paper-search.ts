/**
 * Lectern's paper search: `PaperSearch.build(papers).search('spiking neu year:2020..')`.
 *
 * Ranking is BM25+ with MiniSearch's formula and defaults over four fields (title ×3, authors ×2,
 * abstract ×1, keywords+categories+topics ×1.5). Query words go through the same pipeline as
 * the index (`normalize-term.ts`); the last word is also a prefix while it is being typed, words
 * of 4+ letters tolerate typos (1 edit, 2 from 8 letters; one less when the word is in the
 * index), every word must match unless none does, then any may. Phrases are checked on the
 * text, filters and negations are exact (`parse-query.ts`).
 *
 * Storage (`inverted-index.ts`) keeps MiniSearch's radix tree (`SearchableMap`) as the term
 * dictionary for prefix and fuzzy lookups, but stores postings in typed arrays rather than a
 * MiniSearch instance's Map-of-Maps: at 100 000 papers the latter used ~450 MB, took ~3 s to load
 * from JSON and ~100-700 ms per prefix query (see `bench/run-bench.ts`).
 */
import { Buffer } from 'node:buffer';
import type { CorpusChange } from '../corpus/corpus';
import type { Paper } from '../model/paper';
import {
  AUTHORS_FIELD,
  EMPTY_SPARSE,
  FIELD_NAMES,
  InvertedIndex,
  type Bm25Params,
  type FieldName,
  type IndexSnapshotHeader,
  type Sparse,
} from './inverted-index';
import {
  compoundTerm,
  foldWordPart,
  hasNonAscii,
  indexTerms,
  isAsciiWordCode,
  phraseTokens,
  scanWordParts,
  scanWords,
  stemWord,
  surfacePrefix,
  termOfFolded,
  type TextWord,
} from './normalize-term';
import { isEmptyQuery, parseQuery, type ParsedQuery, type QueryFilter, type TextFilter } from './parse-query';

/** The user's notes about a paper, for `tag:` and `status:` filters. */
export type AnnotationLookup = (id: string) => { status?: string; tags?: string[] } | undefined;

/** Index-wide settings (ranking knobs). Defaults are tuned on the seed and the benchmark. */
export interface SearchOptions {
  /** Field weights; defaults title 3, authors 2, abstract 1, meta (keywords, categories, topics) 1.5. */
  boost?: Partial<Record<FieldName, number>>;
  /** Weights of prefix and fuzzy expansions relative to an exact match (defaults 0.375 and 0.45). */
  weights?: { prefix?: number; fuzzy?: number };
  /** Shortest last word that is expanded as a prefix (default 2). */
  prefixMinLength?: number;
  /** Most index terms a prefix expands to, the most frequent first (default 48). */
  maxPrefixExpansions?: number;
  /** Stop adding prefix expansions once they cover this many postings (default 400 000). */
  maxPrefixPostings?: number;
  /** Most index terms a misspelt word expands to, the closest first (default 8). */
  maxFuzzyExpansions?: number;
  /** Results returned when a search names no limit (default 50). */
  limit?: number;
  bm25?: Partial<Bm25Params>;
}

export interface QueryOptions {
  /** Most results returned (default 50; `Number.MAX_SAFE_INTEGER` for all). */
  limit?: number;
  annotations?: AnnotationLookup;
  /**
   * Compute `terms` and `matches` (default true). Pass false when only ids and order are needed
   * (e.g. filtering a tree by every match): highlighting re-reads each result's text.
   */
  highlight?: boolean;
}

export interface SearchHit {
  id: string;
  title: string;
  score: number;
  topics: string[];
  /** Index terms of this paper that the query matched (after prefix and fuzzy expansion). */
  terms: string[];
  /** `[start, end)` character ranges to highlight in the paper's `title` and `abstract`. */
  matches: { title: Array<[number, number]>; abstract: Array<[number, number]> };
}

export interface SearchResponse {
  query: string;
  /** Papers matching, of which `results` holds the best `limit`. */
  total: number;
  results: SearchHit[];
}

export interface Suggestion {
  /** The query with its last word completed. */
  suggestion: string;
  terms: string[];
  score: number;
}

const FORMAT = 'lectern-search-index';
/** Bump when tokenization, stemming or the snapshot layout change: old caches are then rebuilt. */
const FORMAT_VERSION = 1;

const DEFAULT_BOOST: Record<FieldName, number> = { title: 3, authors: 2, abstract: 1, meta: 1.5 };

interface Settings {
  boosts: Float64Array;
  bm25: Bm25Params;
  prefixWeight: number;
  fuzzyWeight: number;
  prefixMinLength: number;
  maxPrefixExpansions: number;
  maxPrefixPostings: number;
  maxFuzzyExpansions: number;
  limit: number;
}

function settingsOf(options: SearchOptions = {}): Settings {
  const boost = { ...DEFAULT_BOOST, ...(options.boost ?? {}) };
  return {
    boosts: Float64Array.from(FIELD_NAMES.map((name) => boost[name])),
    bm25: { k: 1.2, b: 0.7, d: 0.5, ...(options.bm25 ?? {}) },
    prefixWeight: options.weights?.prefix ?? 0.375,
    fuzzyWeight: options.weights?.fuzzy ?? 0.45,
    prefixMinLength: options.prefixMinLength ?? 2,
    maxPrefixExpansions: options.maxPrefixExpansions ?? 48,
    maxPrefixPostings: options.maxPrefixPostings ?? 400_000,
    maxFuzzyExpansions: options.maxFuzzyExpansions ?? 8,
    limit: options.limit ?? 50,
  };
}

// ---------------------------------------------------------------------------------------------
// Query plan

/** One normalized query term and how it may be expanded. */
interface TermSpec {
  term: string;
  prefix: boolean;
  fuzzy: boolean;
}

/** One query word: it matches when any alternative does; an alternative needs all its terms. */
interface Slot {
  alternatives: TermSpec[][];
}

interface PhraseCheck {
  /** The phrase's tokens (stop words included, stemmed) joined without separators. */
  key: string;
  /** What the phrase's first word starts with in any text holding it, for a fast scan; undefined: none. */
  needle?: string;
  slots: Slot[];
}

interface Plan {
  /** Free words: all must match, or failing that any. */
  soft: Slot[];
  /** Words of phrases: all must match. */
  required: Slot[];
  phrases: PhraseCheck[];
  excluded: Slot[];
  excludedPhrases: PhraseCheck[];
  filters: QueryFilter[];
}

interface Expansion {
  termId: number;
  term: string;
  weight: number;
}

interface Candidates {
  docs: Int32Array;
  scores: Float64Array;
}

/** Builds the slots of a run of words (free words or a phrase's words). */
function slotsOf(words: TextWord[], expand: { prefixLast: boolean; fuzzy: boolean }, hasTerm: (term: string) => boolean): Slot[] {
  const slots: Slot[] = [];
  const seen = new Set<string>();
  for (let w = 0; w < words.length; w++) {
    const word = words[w];
    const isLast = expand.prefixLast && w === words.length - 1;
    const alternatives: TermSpec[][] = [];
    const parts: TermSpec[] = [];
    for (let p = 0; p < word.parts.length; p++) {
      const term = termOfFolded(word.parts[p].folded);
      if (term !== undefined) parts.push({ term, prefix: isLast && p === word.parts.length - 1, fuzzy: expand.fuzzy });
    }
    if (word.parts.length > 1) {
      const compound = compoundTerm(word.parts.map((part) => part.folded));
      if (compound !== undefined && !parts.some((spec) => spec.term === compound)) {
        alternatives.push([{ term: compound, prefix: isLast, fuzzy: expand.fuzzy }]);
      }
    } else if (w + 1 < words.length && words[w + 1].parts.length === 1 && parts.length === 1) {
      // `pre training` also finds `pretraining` when the index knows that compound.
      const next = words[w + 1];
      const nextTerm = termOfFolded(next.parts[0].folded);
      const joined = compoundTerm([word.parts[0].folded, next.parts[0].folded]);
      if (nextTerm !== undefined && joined !== undefined && hasTerm(joined)) {
        const slot: Slot = {
          alternatives: [
            [parts[0], { term: nextTerm, prefix: expand.prefixLast && w + 1 === words.length - 1, fuzzy: expand.fuzzy }],
            [{ term: joined, prefix: false, fuzzy: false }],
          ],
        };
        const key = slotKey(slot);
        if (!seen.has(key)) {
          seen.add(key);
          slots.push(slot);
        }
        w += 1;
        continue;
      }
    }
    if (word.parts.length === 1 && parts.length === 1 && !parts[0].prefix) {
      // `pretraining` also finds `pre training` (and `pre-training` written with a space).
      const split = splitCompound(word.parts[0].folded, hasTerm);
      if (split) alternatives.push(split.map((term) => ({ term, prefix: false, fuzzy: false })));
    }
    if (parts.length > 0) alternatives.push(parts);
    if (alternatives.length === 0) continue;
    const slot = { alternatives };
    const key = slotKey(slot);
    if (!seen.has(key)) {
      seen.add(key);
      slots.push(slot);
    }
  }
  return slots;
}

/** Word-forming prefixes that authors write joined, hyphenated or spaced: `pretraining`, `pre-training`, `pre training`. */
const SPACED_PREFIXES = [
  'pre',
  'post',
  'self',
  'multi',
  'non',
  'co',
  're',
  'sub',
  'semi',
  'cross',
  'inter',
  'intra',
  'meta',
  'micro',
  'macro',
  'over',
  'under',
  'anti',
  'auto',
  'hyper',
  'super',
  'ultra',
  'few',
  'zero',
  'one',
];

/** Splits a joined word into a known prefix and a known rest (`pretraining` → `pre`, `training`), when both are indexed. */
function splitCompound(folded: string, hasTerm: (term: string) => boolean): string[] | undefined {
  for (const prefix of SPACED_PREFIXES) {
    if (!folded.startsWith(prefix) || folded.length - prefix.length < 3) continue;
    const rest = termOfFolded(folded.slice(prefix.length));
    if (rest !== undefined && hasTerm(prefix) && hasTerm(rest)) return [prefix, rest];
  }
  return undefined;
}

function slotKey(slot: Slot): string {
  return slot.alternatives.map((alt) => alt.map((s) => `${s.term}${s.prefix ? '*' : ''}${s.fuzzy ? '~' : ''}`).join('+')).join('|');
}

function phraseCheck(text: string, slots: Slot[]): PhraseCheck {
  const tokens = phraseTokens(text);
  return { key: tokens.join(''), needle: tokens.length > 0 ? surfacePrefix(tokens[0]) : undefined, slots };
}

// ---------------------------------------------------------------------------------------------
// Text matching helpers

/** Folded words of a name, joined by single spaces, for `topic:` and `author:` matching. */
function foldedWords(text: string): string {
  const out: string[] = [];
  for (const word of scanWords(text)) for (const part of word.parts) if (part.folded) out.push(part.folded);
  return out.join(' ');
}

/** `value` (folded words) starts `name` (folded words) or one of its words. */
function matchesAtWordStart(name: string, value: string): boolean {
  if (!value) return false;
  return name.startsWith(value) || name.includes(` ${value}`);
}

/** Case- and separator-insensitive comparison of a tag or status. */
function looseKey(text: string): string {
  return foldedWords(text.replace(/^#/, '')).replace(/ /g, '');
}

function tagMatches(tag: string, value: string): boolean {
  const t = tag.replace(/^#/, '').toLowerCase();
  const v = value.replace(/^#/, '').toLowerCase();
  if (t === v || t.startsWith(`${v}/`)) return true;
  return looseKey(t) === looseKey(v);
}

/** Whether consecutive tokens from `tokens[from]` join to exactly `key`. */
function phraseAt(tokens: string[], from: number, key: string): boolean {
  let joined = tokens[from];
  if (!key.startsWith(joined)) return false;
  let j = from;
  while (joined.length < key.length && j + 1 < tokens.length) {
    j += 1;
    joined += tokens[j];
    if (!key.startsWith(joined)) return false;
  }
  return joined === key;
}

/** `ascii`: the caller knows `text` is ASCII. */
function containsPhrase(text: string, phrase: PhraseCheck, ascii: boolean): boolean {
  if (!text || !phrase.key) return false;
  const { key, needle } = phrase;
  if (needle === undefined || (!ascii && hasNonAscii(text))) {
    const tokens = phraseTokens(text);
    for (let i = 0; i < tokens.length; i++) if (phraseAt(tokens, i, key)) return true;
    return false;
  }
  // ASCII text: find the first word's surface form, then tokenize only around it.
  const lower = text.toLowerCase();
  for (let at = lower.indexOf(needle); at >= 0; at = lower.indexOf(needle, at + 1)) {
    if (at > 0) {
      const before = lower.charCodeAt(at - 1);
      if (isAsciiWordCode(before)) continue;
      if (before === 39 && at > 1 && isAsciiWordCode(lower.charCodeAt(at - 2))) continue;
    }
    if (asciiPhraseAt(lower, at, key)) return true;
  }
  return false;
}

/** Whether the words of lowercase ASCII `text` from `at` (a word start) join, stemmed, to `key`. */
function asciiPhraseAt(text: string, at: number, key: string): boolean {
  const n = text.length;
  let i = at;
  let matched = 0;
  while (matched < key.length) {
    while (i < n && !isAsciiWordCode(text.charCodeAt(i))) i += 1;
    if (i >= n) return false;
    const start = i;
    let apostrophe = false;
    for (;;) {
      i += 1;
      if (i >= n) break;
      const code = text.charCodeAt(i);
      if (isAsciiWordCode(code)) continue;
      if (code === 39 && i + 1 < n && isAsciiWordCode(text.charCodeAt(i + 1))) {
        apostrophe = true;
        continue;
      }
      break;
    }
    let token = text.slice(start, i);
    if (apostrophe) token = token.replace(/'s$/, '').replace(/'/g, '');
    token = stemWord(token);
    if (!token) continue;
    if (!key.startsWith(token, matched)) return false;
    matched += token.length;
  }
  return true;
}

/** `ascii`: the index's `asciiOnly` bits for the paper (title, abstract, other fields). */
function paperHasPhrase(paper: Paper, phrase: PhraseCheck, ascii: number): boolean {
  if (containsPhrase(paper.title, phrase, (ascii & 1) !== 0) || containsPhrase(paper.abstract, phrase, (ascii & 2) !== 0)) return true;
  for (const list of [paper.authors, paper.keywords, paper.categories, paper.topics]) {
    for (const text of list ?? []) if (containsPhrase(text, phrase, (ascii & 4) !== 0)) return true;
  }
  return false;
}

function mergeRanges(ranges: Array<[number, number]>): Array<[number, number]> {
  if (ranges.length < 2) return ranges;
  ranges.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const merged: Array<[number, number]> = [ranges[0]];
  for (let i = 1; i < ranges.length; i++) {
    const last = merged[merged.length - 1];
    const range = ranges[i];
    if (range[0] <= last[1]) last[1] = Math.max(last[1], range[1]);
    else merged.push(range);
  }
  return merged;
}

/** Code-unit comparison ignoring ASCII case, without allocating. */
function compareText(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    let x = a.charCodeAt(i);
    let y = b.charCodeAt(i);
    if (x >= 65 && x <= 90) x += 32;
    if (y >= 65 && y <= 90) y += 32;
    if (x !== y) return x - y;
  }
  return a.length - b.length;
}

/** The best `limit` of `count` items by `compare` (negative = ranks first), sorted. */
function topK(count: number, limit: number, compare: (a: number, b: number) => number): number[] {
  if (limit <= 0 || count === 0) return [];
  if (count <= limit) {
    const all = Array.from({ length: count }, (_, i) => i);
    return all.sort(compare);
  }
  // A heap whose root is the worst item kept.
  const heap: number[] = [];
  const worse = (a: number, b: number) => compare(a, b) > 0;
  const siftDown = (at: number) => {
    for (;;) {
      const left = 2 * at + 1;
      const right = left + 1;
      let top = at;
      if (left < heap.length && worse(heap[left], heap[top])) top = left;
      if (right < heap.length && worse(heap[right], heap[top])) top = right;
      if (top === at) return;
      [heap[at], heap[top]] = [heap[top], heap[at]];
      at = top;
    }
  };
  for (let i = 0; i < count; i++) {
    if (heap.length < limit) {
      heap.push(i);
      let at = heap.length - 1;
      while (at > 0) {
        const parent = (at - 1) >> 1;
        if (!worse(heap[at], heap[parent])) break;
        [heap[at], heap[parent]] = [heap[parent], heap[at]];
        at = parent;
      }
    } else if (compare(i, heap[0]) < 0) {
      heap[0] = i;
      siftDown(0);
    }
  }
  return heap.sort(compare);
}

function toBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}

function fromBase64(text: string): Uint8Array {
  const buffer = Buffer.from(text, 'base64');
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}

// ---------------------------------------------------------------------------------------------

/**
 * Full-text search over papers: BM25+ over title, authors, abstract and keywords/categories/
 * topics, prefix matching on the word being typed, typo tolerance scaled by word length, all
 * words required with a fallback to any word, phrases, filters and negation (see `parseQuery`).
 * Pure TypeScript; papers are kept by reference, never copied into the index.
 */
export class PaperSearch {
  private readonly settings: Settings;

  private constructor(
    private readonly index: InvertedIndex,
    options: SearchOptions,
  ) {
    this.settings = settingsOf(options);
  }

  static build(papers: Paper[], options: SearchOptions = {}): PaperSearch {
    return new PaperSearch(InvertedIndex.build(papers), options);
  }

  /** Papers indexed. */
  get size(): number {
    return this.index.liveCount;
  }

  has(id: string): boolean {
    return this.index.has(id);
  }

  /** Adds papers; a paper whose id is already indexed replaces the old record. */
  add(papers: Paper[]): void {
    for (const paper of papers) this.index.add(paper);
    this.maybeCompact();
  }

  remove(ids: string[]): void {
    for (const id of ids) this.index.remove(id);
    this.maybeCompact();
  }

  /** Replaces papers by id (papers not yet indexed are added). */
  replace(papers: Paper[]): void {
    this.add(papers);
  }

  applyChange(change: CorpusChange): void {
    for (const paper of change.removed) this.index.remove(paper.id);
    for (const paper of change.changed) this.index.add(paper);
    for (const paper of change.added) this.index.add(paper);
    this.maybeCompact();
  }

  /** Drops removed papers' postings now instead of when they pile up. */
  vacuum(): void {
    this.index.compact();
  }

  private maybeCompact(): void {
    if (this.index.needsCompaction()) this.index.compact();
  }

  // -------------------------------------------------------------------------------------------
  // Search

  search(query: string, options: QueryOptions = {}): SearchResponse {
    const text = typeof query === 'string' ? query : '';
    const response: SearchResponse = { query: text, total: 0, results: [] };
    const parsed = parseQuery(text);
    if (isEmptyQuery(parsed) || this.index.liveCount === 0) return response;
    const limit = Math.max(0, Math.floor(options.limit ?? this.settings.limit) || 0);
    const run = new QueryRun(this.index, this.settings, options.annotations);
    const plan = run.plan(parsed);
    if (!plan) return response;
    const found = run.evaluate(plan, true);
    if (!found) return response;
    const { docs, scores } = found.candidates;
    response.total = docs.length;
    const papers = this.index.docPaper;
    const years = this.index.years;
    const byText = (a: number, b: number) =>
      compareText(papers[docs[a]]!.title, papers[docs[b]]!.title) || compareText(papers[docs[a]]!.id, papers[docs[b]]!.id);
    const top = found.scored
      ? topK(docs.length, limit, (a, b) => scores[b] - scores[a] || byText(a, b))
      : topK(docs.length, limit, (a, b) => years[docs[b]] - years[docs[a]] || byText(a, b));
    const matched = options.highlight === false ? new Set<string>() : run.matchedTerms();
    const phraseKeys = plan.phrases.map((phrase) => phrase.key);
    response.results = top.map((i) => hitFor(papers[docs[i]]!, found.scored ? scores[i] : 0, matched, phraseKeys));
    return response;
  }

  /**
   * Completions of the word being typed, most relevant first: `neural spi` → `neural spiking`,
   * `neural spike`. Earlier words, phrases and filters narrow the papers the completions come from.
   */
  autoSuggest(prefix: string, limit = 10): Suggestion[] {
    const text = typeof prefix === 'string' ? prefix : '';
    const parsed = parseQuery(text);
    if (!parsed.lastWordIsPrefix || parsed.words.length === 0 || this.index.liveCount === 0) return [];
    const lastRaw = parsed.words[parsed.words.length - 1];
    const lastWords = scanWords(lastRaw);
    const lastWord = lastWords[lastWords.length - 1];
    if (!lastWord) return [];
    const lastPart = lastWord.parts[lastWord.parts.length - 1];
    const stem = stemWord(lastPart.folded);
    if (stem.length < this.settings.prefixMinLength) return [];
    const head = text.slice(0, text.length - (lastRaw.length - lastPart.start));
    const headQuery = parseQuery(head);
    headQuery.lastWordIsPrefix = false;
    const run = new QueryRun(this.index, this.settings, undefined);
    let context: Candidates | undefined;
    const contextTerms: string[] = [];
    if (!isEmptyQuery(headQuery)) {
      const plan = run.plan(headQuery);
      if (plan) {
        const found = run.evaluate(plan, false);
        if (!found || found.candidates.docs.length === 0) return [];
        context = found.candidates;
        for (const slot of [...plan.soft, ...plan.required])
          for (const spec of slot.alternatives[slot.alternatives.length - 1]) contextTerms.push(spec.term);
      }
    }
    const completions = run.prefixCompletions(stem);
    const index = this.index;
    let inContext: Float64Array | undefined;
    let member: Uint8Array | undefined;
    if (context) {
      inContext = new Float64Array(index.docCount);
      member = new Uint8Array(index.docCount);
      for (let i = 0; i < context.docs.length; i++) {
        inContext[context.docs[i]] = context.scores[i];
        member[context.docs[i]] = 1;
      }
    }
    const suggestions: Suggestion[] = [];
    for (const { termId, term } of completions) {
      const sparse = run.termSparse([{ termId, term, weight: 1 }]);
      let score = 0;
      for (let i = 0; i < sparse.docs.length; i++) {
        const doc = sparse.docs[i];
        if (member && !member[doc]) continue;
        score += sparse.scores[i] + (inContext ? inContext[doc] : 0);
      }
      // Rounded: the sum runs in index order, which differs between equal indexes built differently.
      if (score > 0) suggestions.push({ suggestion: head + term, terms: [...contextTerms, term], score: Number(score.toPrecision(12)) });
    }
    suggestions.sort((a, b) => b.score - a.score || (a.suggestion < b.suggestion ? -1 : a.suggestion > b.suggestion ? 1 : 0));
    return suggestions.slice(0, Math.max(0, limit));
  }

  // -------------------------------------------------------------------------------------------
  // Cache

  /**
   * The index as a string for a cache file: a header line, a line of ids and terms, then the
   * postings as base64 varints. `fingerprint` identifies the corpus (see `Corpus.fingerprint`).
   */
  serialize(fingerprint: string): string {
    const { header, bytes } = this.index.snapshot();
    const first = JSON.stringify({ format: FORMAT, version: FORMAT_VERSION, fingerprint });
    const second = JSON.stringify({ ids: header.ids, terms: header.terms, postings: header.postings });
    return `${first}\n${second}\n${toBase64(bytes)}`;
  }

  /** The corpus fingerprint a serialized index was built for (its first line), or undefined. */
  static fingerprintOf(serialized: string | undefined): string | undefined {
    if (typeof serialized !== 'string') return undefined;
    try {
      const first = JSON.parse(serialized.slice(0, Math.max(0, serialized.indexOf('\n')))) as {
        format?: unknown;
        version?: unknown;
        fingerprint?: unknown;
      };
      return first.format === FORMAT && first.version === FORMAT_VERSION && typeof first.fingerprint === 'string'
        ? first.fingerprint
        : undefined;
    } catch {
      return undefined;
    }
  }

  /**
   * Restores a serialized index over `papers` (the same corpus it was built from). Undefined
   * when the fingerprint, the format version or the papers differ, or the text is damaged:
   * the caller then builds afresh.
   */
  static load(serialized: string, expectedFingerprint: string, papers: Paper[], options: SearchOptions = {}): PaperSearch | undefined {
    try {
      if (typeof serialized !== 'string') return undefined;
      const firstEnd = serialized.indexOf('\n');
      if (firstEnd < 0) return undefined;
      const first = JSON.parse(serialized.slice(0, firstEnd)) as { format?: unknown; version?: unknown; fingerprint?: unknown };
      if (first.format !== FORMAT || first.version !== FORMAT_VERSION || first.fingerprint !== expectedFingerprint) return undefined;
      const secondEnd = serialized.indexOf('\n', firstEnd + 1);
      if (secondEnd < 0) return undefined;
      const header = JSON.parse(serialized.slice(firstEnd + 1, secondEnd)) as IndexSnapshotHeader;
      if (!Array.isArray(header.ids) || !Array.isArray(header.terms) || !Number.isInteger(header.postings)) return undefined;
      const bytes = fromBase64(serialized.slice(secondEnd + 1));
      const index = InvertedIndex.fromSnapshot(header, bytes, papers);
      return index ? new PaperSearch(index, options) : undefined;
    } catch {
      return undefined;
    }
  }
}

// ---------------------------------------------------------------------------------------------

/** The highlight ranges and matched terms of one result. */
function hitFor(paper: Paper, score: number, matched: Set<string>, phraseKeys: string[]): SearchHit {
  const hit: SearchHit = {
    id: paper.id,
    title: paper.title,
    score,
    topics: [...(paper.topics ?? [])],
    terms: [],
    matches: { title: [], abstract: [] },
  };
  if (matched.size === 0) return hit;
  const found = new Set<string>();
  hit.matches.title = matchRanges(paper.title ?? '', matched, phraseKeys, found);
  hit.matches.abstract = matchRanges(paper.abstract ?? '', matched, phraseKeys, found);
  const others: string[] = [];
  for (const name of paper.authors ?? []) indexTerms(name, others, true);
  for (const list of [paper.keywords, paper.categories, paper.topics]) for (const text of list ?? []) indexTerms(text, others);
  for (const term of others) if (matched.has(term)) found.add(term);
  hit.terms = [...matched].filter((term) => found.has(term));
  return hit;
}

/**
 * `[start, end)` ranges of `text` whose words (or hyphenated compounds) normalize to a matched
 * term, plus the spans of phrases; matched terms seen are added to `found`.
 */
function matchRanges(text: string, matched: Set<string>, phraseKeys: string[], found: Set<string>): Array<[number, number]> {
  if (!text) return [];
  const ranges: Array<[number, number]> = [];
  const tokens: string[] = [];
  const tokenStarts: number[] = [];
  const tokenEnds: number[] = [];
  const folded: string[] = [];
  scanWordParts(text, (starts, ends, count, nonAscii) => {
    for (let p = 0; p < count; p++) {
      const f = foldWordPart(text.slice(starts[p], ends[p]), nonAscii);
      folded[p] = f;
      const term = termOfFolded(f);
      if (term !== undefined && matched.has(term)) {
        found.add(term);
        ranges.push([starts[p], ends[p]]);
      }
      if (phraseKeys.length > 0 && f) {
        tokens.push(stemWord(f));
        tokenStarts.push(starts[p]);
        tokenEnds.push(ends[p]);
      }
    }
    if (count > 1) {
      folded.length = count;
      const compound = compoundTerm(folded);
      if (compound !== undefined && matched.has(compound)) {
        found.add(compound);
        ranges.push([starts[0], ends[count - 1]]);
      }
    }
  });
  for (const key of phraseKeys) {
    for (let i = 0; i < tokens.length; i++) {
      if (!phraseAt(tokens, i, key)) continue;
      let j = i;
      let length = tokens[i].length;
      while (length < key.length) length += tokens[++j].length;
      ranges.push([tokenStarts[i], tokenEnds[j]]);
    }
  }
  return mergeRanges(ranges);
}

/** One search's working state: expansions made, scratch space, per-query caches. */
class QueryRun {
  private readonly expansions = new Map<string, number>();
  private readonly specCache = new Map<string, { expansions: Expansion[]; sparse: Sparse }>();

  constructor(
    private readonly index: InvertedIndex,
    private readonly settings: Settings,
    private readonly annotations: AnnotationLookup | undefined,
  ) {}

  /** Index terms the query's words and phrases expanded to. */
  matchedTerms(): Set<string> {
    return new Set(this.expansions.keys());
  }

  plan(parsed: ParsedQuery): Plan | undefined {
    const hasTerm = (term: string) => {
      const id = this.index.termIds.get(term);
      return id !== undefined && this.index.termDocs[id] > 0;
    };
    const words: TextWord[] = [];
    for (const raw of parsed.words) words.push(...scanWords(raw));
    const soft = slotsOf(words, { prefixLast: parsed.lastWordIsPrefix, fuzzy: true }, hasTerm);
    const phrases: PhraseCheck[] = [];
    const required: Slot[] = [];
    for (const phrase of parsed.phrases) {
      const check = phraseCheck(phrase, slotsOf(scanWords(phrase), { prefixLast: false, fuzzy: false }, hasTerm));
      // A phrase of stop words only cannot use the index; it is ignored rather than scanning every paper.
      if (check.slots.length === 0 || !check.key) continue;
      phrases.push(check);
      required.push(...check.slots);
    }
    const excluded: Slot[] = [];
    for (const raw of parsed.excludedWords) excluded.push(...slotsOf(scanWords(raw), { prefixLast: false, fuzzy: false }, () => false));
    const excludedPhrases: PhraseCheck[] = [];
    for (const phrase of parsed.excludedPhrases) {
      const check = phraseCheck(
        phrase,
        slotsOf(scanWords(phrase), { prefixLast: false, fuzzy: false }, () => false),
      );
      if (check.slots.length > 0 && check.key) excludedPhrases.push(check);
    }
    const plan: Plan = { soft, required, phrases, excluded, excludedPhrases, filters: parsed.filters };
    if (soft.length + required.length + excluded.length + excludedPhrases.length + plan.filters.length === 0) return undefined;
    return plan;
  }

  /**
   * The papers matching a plan, with scores (`scored` false for filter-only queries, whose
   * candidates are all papers passing the filters). `allowOr`: when requiring every word finds
   * nothing, accept papers matching any word, ranked by how many they match.
   */
  evaluate(plan: Plan, allowOr: boolean): { candidates: Candidates; scored: boolean } | undefined {
    const required = plan.required.length > 0 ? this.intersect(plan.required.map((slot) => this.slotSparse(slot, true))) : undefined;
    if (required && required.docs.length === 0) return { candidates: EMPTY_SPARSE, scored: true };
    if (plan.soft.length === 0 && !required) {
      const all = this.allDocs();
      return { candidates: this.applyConstraints(all, plan), scored: false };
    }
    const softSparses = plan.soft.map((slot) => this.slotSparse(slot, true));
    let base = required;
    if (softSparses.length > 0) {
      const and = this.intersect(softSparses);
      base = required ? this.intersect([required, and]) : and;
    }
    const result = this.applyConstraints(base!, plan);
    if (result.docs.length > 0 || !allowOr || softSparses.length < 2) return { candidates: result, scored: true };
    let or = this.unionCounted(softSparses);
    if (required) or = this.intersect([required, or]);
    return { candidates: this.applyConstraints(or, plan), scored: true };
  }

  /** Completions of a prefix for `autoSuggest`: the exact term, then the commonest expansions. */
  prefixCompletions(prefix: string): Expansion[] {
    const out: Expansion[] = [];
    const exact = this.index.termIds.get(prefix);
    if (exact !== undefined && this.index.termDocs[exact] > 0) out.push({ termId: exact, term: prefix, weight: 1 });
    out.push(...this.prefixExpansions(prefix));
    return out;
  }

  /** The scored documents of a set of expansions (summed per document). */
  termSparse(expansions: Expansion[]): Sparse {
    const acc = this.index.scratch();
    for (const expansion of expansions) {
      this.index.scoreTerm(expansion.termId, expansion.weight, this.settings.boosts, this.settings.bm25, acc);
    }
    return acc.take();
  }

  // -------------------------------------------------------------------------------------------

  private allDocs(): Candidates {
    const index = this.index;
    const docs = new Int32Array(index.liveCount);
    let n = 0;
    for (let d = 0; d < index.docCount; d++) if (index.alive[d]) docs[n++] = d;
    return { docs: docs.subarray(0, n), scores: new Float64Array(n) };
  }

  private expand(spec: TermSpec): Expansion[] {
    const index = this.index;
    const out: Expansion[] = [];
    const exact = index.termIds.get(spec.term);
    const exactLive = exact !== undefined && index.termDocs[exact] > 0;
    if (exactLive) out.push({ termId: exact, term: spec.term, weight: 1 });
    const seen = new Set<string>([spec.term]);
    if (spec.prefix && spec.term.length >= this.settings.prefixMinLength) {
      for (const expansion of this.prefixExpansions(spec.term)) {
        seen.add(expansion.term);
        out.push(expansion);
      }
    }
    if (spec.fuzzy && !/\d/.test(spec.term)) {
      const length = spec.term.length;
      let distance = length <= 3 ? 0 : length <= 7 ? 1 : 2;
      // A word the index knows is probably not a typo: look less far for neighbours.
      if (exactLive) distance -= 1;
      if (distance > 0) {
        const candidates: Array<{ termId: number; term: string; distance: number }> = [];
        for (const [term, [termId, d]] of index.dictionary.fuzzyGet(spec.term, distance)) {
          if (d > 0 && !seen.has(term)) candidates.push({ termId, term, distance: d });
        }
        candidates.sort(
          (a, b) => a.distance - b.distance || index.termDocs[b.termId] - index.termDocs[a.termId] || (a.term < b.term ? -1 : 1),
        );
        for (const c of candidates.slice(0, this.settings.maxFuzzyExpansions)) {
          out.push({ termId: c.termId, term: c.term, weight: (this.settings.fuzzyWeight * c.term.length) / (c.term.length + c.distance) });
        }
      }
    }
    return out;
  }

  private prefixExpansions(prefix: string): Expansion[] {
    const index = this.index;
    const candidates: Array<[string, number]> = [];
    for (const [term, termId] of index.dictionary.atPrefix(prefix)) if (term !== prefix) candidates.push([term, termId]);
    candidates.sort((a, b) => index.termDocs[b[1]] - index.termDocs[a[1]] || (a[0] < b[0] ? -1 : 1));
    const out: Expansion[] = [];
    let postings = 0;
    for (const [term, termId] of candidates) {
      if (out.length >= this.settings.maxPrefixExpansions || postings >= this.settings.maxPrefixPostings) break;
      postings += index.fieldDf(termId);
      const distance = term.length - prefix.length;
      out.push({ termId, term, weight: (this.settings.prefixWeight * term.length) / (term.length + 0.3 * distance) });
    }
    return out;
  }

  private specSparse(spec: TermSpec, record: boolean): Sparse {
    const key = `${spec.term}\u0000${spec.prefix}\u0000${spec.fuzzy}`;
    let entry = this.specCache.get(key);
    if (!entry) {
      const expansions = this.expand(spec);
      entry = { expansions, sparse: this.termSparse(expansions) };
      this.specCache.set(key, entry);
    }
    if (record) for (const e of entry.expansions) if (!this.expansions.has(e.term)) this.expansions.set(e.term, e.weight);
    return entry.sparse;
  }

  private slotSparse(slot: Slot, record: boolean): Sparse {
    const alternatives = slot.alternatives.map((alt) =>
      alt.length === 1 ? this.specSparse(alt[0], record) : this.intersect(alt.map((spec) => this.specSparse(spec, record))),
    );
    return alternatives.length === 1 ? alternatives[0] : this.unionMax(alternatives);
  }

  /** Documents in every list, scores summed. */
  private intersect(lists: Sparse[]): Sparse {
    if (lists.length === 1) return lists[0];
    const sorted = [...lists].sort((a, b) => a.docs.length - b.docs.length);
    if (sorted[0].docs.length === 0) return EMPTY_SPARSE;
    let docs = sorted[0].docs;
    let scores = sorted[0].scores;
    const acc = this.index.scratch();
    const dense = acc.scores;
    for (let l = 1; l < sorted.length && docs.length > 0; l++) {
      const other = sorted[l];
      for (let i = 0; i < other.docs.length; i++) dense[other.docs[i]] = other.scores[i];
      const nextDocs = new Int32Array(docs.length);
      const nextScores = new Float64Array(docs.length);
      let n = 0;
      for (let i = 0; i < docs.length; i++) {
        const s = dense[docs[i]];
        if (s > 0) {
          nextDocs[n] = docs[i];
          nextScores[n++] = scores[i] + s;
        }
      }
      for (let i = 0; i < other.docs.length; i++) dense[other.docs[i]] = 0;
      docs = nextDocs.subarray(0, n);
      scores = nextScores.subarray(0, n);
    }
    return { docs, scores };
  }

  /** Documents in any list, best score kept (alternatives of one word). */
  private unionMax(lists: Sparse[]): Sparse {
    const acc = this.index.scratch();
    for (const list of lists) {
      for (let i = 0; i < list.docs.length; i++) {
        const doc = list.docs[i];
        const s = list.scores[i];
        if (acc.scores[doc] === 0) {
          acc.docs[acc.size++] = doc;
          acc.scores[doc] = s;
        } else if (s > acc.scores[doc]) {
          acc.scores[doc] = s;
        }
      }
    }
    return acc.take();
  }

  /** Documents in any list, score summed and multiplied by the number of lists matched. */
  private unionCounted(lists: Sparse[]): Sparse {
    const acc = this.index.scratch();
    const counts = new Uint8Array(this.index.docCount);
    for (const list of lists) {
      for (let i = 0; i < list.docs.length; i++) {
        acc.add(list.docs[i], list.scores[i]);
        if (counts[list.docs[i]] < 255) counts[list.docs[i]] += 1;
      }
    }
    const sparse = acc.take();
    for (let i = 0; i < sparse.docs.length; i++) sparse.scores[i] *= counts[sparse.docs[i]];
    return sparse;
  }

  /** Keeps the candidates that pass the filters, negations and phrases, cheapest checks first. */
  private applyConstraints(candidates: Candidates, plan: Plan): Candidates {
    const checks: Array<(doc: number) => boolean> = [];
    const index = this.index;
    for (const filter of plan.filters)
      if (filter.kind === 'year') {
        const { from, to, negated } = filter;
        const years = index.years;
        checks.push((doc) => {
          const year = years[doc];
          const pass = year !== 0 && (from === undefined || year >= from) && (to === undefined || year <= to);
          return pass !== negated;
        });
      }
    if (plan.excluded.length > 0 || plan.excludedPhrases.length > 0) {
      const marks = new Uint8Array(index.docCount);
      for (const slot of plan.excluded) {
        const sparse = this.slotSparse(slot, false);
        for (let i = 0; i < sparse.docs.length; i++) marks[sparse.docs[i]] = 1;
      }
      for (const phrase of plan.excludedPhrases) {
        const sparse = this.intersect(phrase.slots.map((slot) => this.slotSparse(slot, false)));
        for (let i = 0; i < sparse.docs.length; i++) {
          const doc = sparse.docs[i];
          if (!marks[doc] && paperHasPhrase(index.docPaper[doc]!, phrase, index.asciiOnly[doc])) marks[doc] = 1;
        }
      }
      checks.push((doc) => marks[doc] === 0);
    }
    for (const filter of plan.filters) {
      if (filter.kind === 'topic') {
        const value = foldedWords(filter.value);
        const marks = new Uint8Array(index.docCount);
        for (const [name, docs] of index.topicDocs)
          if (matchesAtWordStart(foldedWords(name), value)) for (const doc of docs) marks[doc] = 1;
        const negated = filter.negated;
        checks.push((doc) => (marks[doc] === 1) !== negated);
      } else if (filter.kind === 'author') {
        const marks = this.authorMarks(filter);
        const negated = filter.negated;
        checks.push((doc) => (marks[doc] === 1) !== negated);
      }
    }
    for (const filter of plan.filters) {
      if (filter.kind !== 'tag' && filter.kind !== 'status') continue;
      const lookup = this.annotations;
      const { value, negated } = filter;
      const key = looseKey(value);
      checks.push((doc) => {
        const note = lookup?.(index.docPaper[doc]!.id);
        let pass = false;
        if (note) {
          if (filter.kind === 'tag') pass = (note.tags ?? []).some((tag) => typeof tag === 'string' && tagMatches(tag, value));
          else pass = typeof note.status === 'string' && looseKey(note.status) === key;
        }
        return pass !== negated;
      });
    }
    for (const phrase of plan.phrases) checks.push((doc) => paperHasPhrase(index.docPaper[doc]!, phrase, index.asciiOnly[doc]));
    if (checks.length === 0) return candidates;
    const docs = new Int32Array(candidates.docs.length);
    const scores = new Float64Array(candidates.docs.length);
    let n = 0;
    outer: for (let i = 0; i < candidates.docs.length; i++) {
      const doc = candidates.docs[i];
      for (const check of checks) if (!check(doc)) continue outer;
      docs[n] = doc;
      scores[n++] = candidates.scores[i];
    }
    return { docs: docs.subarray(0, n), scores: scores.subarray(0, n) };
  }

  /** Papers with an author whose name has the filter's words at a word start (the last one as a prefix). */
  private authorMarks(filter: TextFilter): Uint8Array {
    const index = this.index;
    const marks = new Uint8Array(index.docCount);
    const value = foldedWords(filter.value);
    const tokens = value ? value.split(' ') : [];
    if (tokens.length === 0) return marks;
    // Narrow with the authors field of the index, then check the names themselves.
    let candidates: Uint8Array | undefined;
    for (let t = 0; t < tokens.length; t++) {
      const term = termOfFolded(tokens[t], true);
      if (term === undefined) continue;
      const tokenMarks = new Uint8Array(index.docCount);
      const exact = index.termIds.get(term);
      if (exact !== undefined) index.markDocs(exact, 1 << AUTHORS_FIELD, tokenMarks, 1);
      if (t === tokens.length - 1) {
        for (const [, termId] of index.dictionary.atPrefix(term)) index.markDocs(termId, 1 << AUTHORS_FIELD, tokenMarks, 1);
      }
      if (candidates) for (let d = 0; d < candidates.length; d++) candidates[d] &= tokenMarks[d];
      else candidates = tokenMarks;
    }
    if (!candidates) return marks;
    for (let d = 0; d < candidates.length; d++) {
      if (!candidates[d]) continue;
      const paper = index.docPaper[d];
      if (paper && (paper.authors ?? []).some((name) => matchesAtWordStart(foldedWords(name), value))) marks[d] = 1;
    }
    return marks;
  }
}
