import type { Paper } from '../model/paper';
import { foldPlural } from '../text/fold-plural';
import { foldWordPart } from '../text/fold-word';
import { scanWordParts } from '../text/tokenize';
import { compoundTerm, indexTerms, termOfFolded } from './normalize-term';
import { phraseAt } from './phrase-match';
import type { PhraseCheck, SpacedCompound } from './query-plan';

/** A phrase whose spans are highlighted: its key, and its word being typed, if it is still being typed. */
export type QuotedKey = Pick<PhraseCheck, 'key' | 'typed'>;
import { TermWindows } from './term-windows';

/**
 * One search result.
 *
 * @example
 * { id: 'vaswani2017attention', title: 'Attention Is All You Need', score: 12.3, topics: ['Transformers'],
 *   terms: ['attention'], matches: { title: [[0, 9]], abstract: [[112, 121]] } }
 */
export interface SearchHit {
  /** The paper's id (see `Paper.id`). */
  id: string;
  /** The paper's title, as imported. */
  title: string;
  /** BM25+ relevance, higher is better; 0 for queries of filters only (then ranked by year, newest first). */
  score: number;
  /** The paper's topics (a copy). */
  topics: string[];
  /** Index terms of this paper that the query matched (after prefix and fuzzy expansion); empty with `highlight: false`. */
  terms: string[];
  /** `[start, end)` character ranges to highlight in the paper's `title` and `abstract`; empty with `highlight: false`. */
  matches: { title: Array<[number, number]>; abstract: Array<[number, number]> };
}

/**
 * The hit for a paper: `matched` is every index term the query expanded to (empty: no
 * highlighting), `quotedKeys` its phrases, whose spans are highlighted too, `spaced` its words
 * written joined that the paper may write spaced (see `SpacedCompound`). Successive
 * calls with the same `matched` (a search's hits) share the work that depends only on the query.
 */
export function hitFor(
  paper: Paper,
  score: number,
  matched: Set<string>,
  quotedKeys: QuotedKey[],
  spaced: SpacedCompound[] = [],
): SearchHit {
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
  // A word searched joined is marked where the paper writes it spaced, which few do: the others keep the fast path.
  const phraseKeys = spacedKeysOf(paper, spaced, quotedKeys);
  // Built on the first text not in the cache of recent texts (a small library's texts all are).
  const windows = phraseKeys.length === 0 ? () => termWindowsFor(matched) : undefined;
  hit.matches.title = matchRanges(paper.title ?? '', matched, phraseKeys, found, windows);
  hit.matches.abstract = matchRanges(paper.abstract ?? '', matched, phraseKeys, found, windows);
  for (const term of otherTerms(paper)) if (matched.has(term)) found.add(term);
  hit.terms = [...matched].filter((term) => found.has(term));
  return hit;
}

function spacedKeysOf(paper: Paper, spaced: SpacedCompound[], quotedKeys: QuotedKey[]): QuotedKey[] {
  if (spaced.length === 0) return quotedKeys;
  const keys = [...quotedKeys];
  for (const { key, mayHold } of spaced) if (mayHold.test(paper.title ?? '') || mayHold.test(paper.abstract ?? '')) keys.push({ key });
  return keys;
}

/** The `TermWindows` of the last set of matched terms, kept while the same set (same terms) comes back. */
let lastWindows: { matched: Set<string>; terms: string[]; windows: TermWindows } | undefined;

function termWindowsFor(matched: Set<string>): TermWindows {
  const last = lastWindows;
  if (last && last.matched === matched && last.terms.length === matched.size && last.terms.every((term) => matched.has(term))) {
    return last.windows;
  }
  const terms = [...matched];
  lastWindows = { matched, terms, windows: new TermWindows(terms) };
  return lastWindows.windows;
}

/** The index terms of a paper's authors, keywords, categories and topics (papers are immutable, so kept per paper). */
function otherTerms(paper: Paper): string[] {
  let others = otherTermsOf.get(paper);
  if (!others) {
    others = [];
    for (const name of paper.authors ?? []) indexTerms(name, others, true);
    for (const list of [paper.keywords, paper.categories, paper.topics]) for (const text of list ?? []) indexTerms(text, others);
    otherTermsOf.set(paper, others);
  }
  return others;
}

const otherTermsOf = new WeakMap<Paper, string[]>();

/** A text's word parts, folded once: what highlighting needs whatever the query. */
interface TextTokens {
  /**
   * `[start, end)` ranges by the index term they stand for, flat (start, end, start, end…): each
   * word part's term, and the compound of a word of several parts (`pre-training`). By term, so
   * that a query's few matched terms are looked up rather than every word of the text compared with them.
   */
  rangesByTerm: Map<string, number[]>;
  /** Non-empty parts with their plural folded, for phrases, and where they are. */
  phraseTokens: string[];
  phraseStarts: number[];
  phraseEnds: number[];
}

/**
 * Tokens of the texts highlighted lately, by text: a user typing a query sees the same papers at
 * every keystroke, and folding their words was most of a search's time on a small library. Bounded
 * (oldest dropped first) so a long session does not keep every abstract's tokens.
 */
const recentTexts = new Map<string, TextTokens>();
/** Texts whose tokens are kept (`recentTexts`); past it new texts are read through their windows. */
export const RECENT_TEXTS = 2048;

function tokensOf(text: string): TextTokens {
  const cached = recentTexts.get(text);
  // Stryker disable next-line ConditionalExpression: a cache read; tokenizing again gives the same tokens
  if (cached) return cached;
  const tokens: TextTokens = { rangesByTerm: new Map(), phraseTokens: [], phraseStarts: [], phraseEnds: [] };
  const folded: string[] = [];
  scanWordParts(text, (starts, ends, count, nonAscii) => {
    for (let p = 0; p < count; p++) {
      const f = foldWordPart(text.slice(starts[p], ends[p]), nonAscii);
      folded[p] = f;
      const term = termOfFolded(f);
      if (term !== undefined) addRange(tokens.rangesByTerm, term, starts[p], ends[p]);
      if (f) {
        // A part's term is its plural folded, unless it is a stop word or too long to index.
        tokens.phraseTokens.push(term ?? foldPlural(f));
        tokens.phraseStarts.push(starts[p]);
        tokens.phraseEnds.push(ends[p]);
      }
    }
    if (count > 1) {
      folded.length = count;
      const compound = compoundTerm(folded);
      if (compound !== undefined) addRange(tokens.rangesByTerm, compound, starts[0], ends[count - 1]);
    }
  });
  // Stryker disable next-line ConditionalExpression,EqualityOperator,CallExpression: the cache's bound and fill; a text tokenized again gives the same tokens, only speed and memory differ
  if (recentTexts.size >= RECENT_TEXTS) recentTexts.delete(recentTexts.keys().next().value!);
  // Stryker disable next-line CallExpression: as above
  recentTexts.set(text, tokens);
  return tokens;
}

function addRange(byTerm: Map<string, number[]>, term: string, start: number, end: number): void {
  const ranges = byTerm.get(term);
  if (ranges) ranges.push(start, end);
  else byTerm.set(term, [start, end]);
}

/**
 * `[start, end)` ranges of `text` whose words (or hyphenated compounds) normalize to a matched
 * term, plus the spans of phrases; matched terms seen are added to `found`. With `windows` (no
 * phrases), only the words of the windows that may match are folded.
 */
function matchRanges(
  text: string,
  matched: Set<string>,
  phraseKeys: QuotedKey[],
  found: Set<string>,
  windows: (() => TermWindows) | undefined,
): Array<[number, number]> {
  if (!text) return [];
  // Until the cache is full every text is tokenized whole and kept: a small library's texts all fit, and are then
  // read once; past that, a text not kept is read through its windows (at 100k papers most results are new texts).
  const cuts = windows && recentTexts.size >= RECENT_TEXTS && !recentTexts.has(text) ? windows().windows(text) : undefined;
  if (cuts) return mergeRanges(windowRanges(text, cuts, matched, found));
  const ranges: Array<[number, number]> = [];
  const { rangesByTerm, phraseTokens, phraseStarts, phraseEnds } = tokensOf(text);
  // Whichever is smaller: the query's matched terms or the text's distinct terms.
  if (matched.size <= rangesByTerm.size) {
    for (const term of matched) {
      const termRanges = rangesByTerm.get(term);
      if (termRanges) {
        found.add(term);
        copyRanges(termRanges, ranges);
      }
    }
  } else {
    for (const [term, termRanges] of rangesByTerm) {
      if (matched.has(term)) {
        found.add(term);
        copyRanges(termRanges, ranges);
      }
    }
  }
  for (const { key, typed } of phraseKeys) {
    for (let i = 0; i < phraseTokens.length; i++) {
      if (!phraseAt(phraseTokens, i, key, typed)) continue;
      let j = i;
      let length = phraseTokens[i].length;
      while (length < key.length) length += phraseTokens[++j].length;
      ranges.push([phraseStarts[i], phraseEnds[j]]);
    }
  }
  return mergeRanges(ranges);
}

/** The ranges of matched words and compounds in the windows `cuts` of `text`, each window's words folded as `tokensOf` folds them. */
function windowRanges(text: string, cuts: Array<[number, number]>, matched: Set<string>, found: Set<string>): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  const folded: string[] = [];
  for (const [from, to] of cuts) {
    const window = text.slice(from, to);
    scanWordParts(window, (starts, ends, count, nonAscii) => {
      for (let p = 0; p < count; p++) {
        const f = foldWordPart(window.slice(starts[p], ends[p]), nonAscii);
        folded[p] = f;
        const term = termOfFolded(f);
        if (term !== undefined && matched.has(term)) {
          found.add(term);
          ranges.push([from + starts[p], from + ends[p]]);
        }
      }
      if (count < 2) return;
      folded.length = count;
      const compound = compoundTerm(folded);
      if (compound !== undefined && matched.has(compound)) {
        found.add(compound);
        ranges.push([from + starts[0], from + ends[count - 1]]);
      }
    });
  }
  return ranges;
}

/** Appends the flat ranges `from` (start, end, …) to `to` as new pairs (`mergeRanges` changes pairs in place; the cached ranges must stay). */
function copyRanges(from: number[], to: Array<[number, number]>): void {
  for (let i = 0; i < from.length; i += 2) to.push([from[i], from[i + 1]]);
}

/** Sorted ranges with overlapping ones merged. */
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
