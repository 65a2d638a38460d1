import type { Paper } from '../model/paper';
import { foldPlural } from '../text/fold-plural';
import { foldWordPart } from '../text/fold-word';
import { scanWordParts } from '../text/tokenize';
import { compoundTerm, indexTerms, termOfFolded } from './normalize-term';
import { phraseAt } from './phrase-match';

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
 * highlighting), `phraseKeys` the keys of its phrases, whose spans are highlighted too.
 */
export function hitFor(paper: Paper, score: number, matched: Set<string>, phraseKeys: string[], words = new WordMemo()): SearchHit {
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
  hit.matches.title = matchRanges(paper.title ?? '', matched, phraseKeys, found, words);
  hit.matches.abstract = matchRanges(paper.abstract ?? '', matched, phraseKeys, found, words);
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
function matchRanges(
  text: string,
  matched: Set<string>,
  phraseKeys: string[],
  found: Set<string>,
  words: WordMemo,
): Array<[number, number]> {
  if (!text) return [];
  const ranges: Array<[number, number]> = [];
  const tokens: string[] = [];
  const tokenStarts: number[] = [];
  const tokenEnds: number[] = [];
  const folded: string[] = [];
  scanWordParts(text, (starts, ends, count, nonAscii) => {
    for (let p = 0; p < count; p++) {
      const word = words.of(text.slice(starts[p], ends[p]), nonAscii);
      const f = word.folded;
      folded[p] = f;
      const term = word.term;
      if (term !== undefined && matched.has(term)) {
        found.add(term);
        ranges.push([starts[p], ends[p]]);
      }
      if (phraseKeys.length > 0 && f) {
        tokens.push((word.plural ??= foldPlural(f)));
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

/** A word part folded, and the index term it stands for. */
interface FoldedWord {
  folded: string;
  term: string | undefined;
  /** `foldPlural(folded)`, filled in when a phrase needs it. */
  plural?: string;
}

/**
 * The folding of each distinct word part met while highlighting one search's hits: the same words
 * recur from hit to hit, and folding them was most of the cost of a search over a small library.
 */
export class WordMemo {
  private readonly words = new Map<string, FoldedWord>();

  of(raw: string, nonAscii: boolean): FoldedWord {
    const key = nonAscii ? `\u0001${raw}` : raw;
    let word = this.words.get(key);
    if (!word) {
      const folded = foldWordPart(raw, nonAscii);
      word = { folded, term: termOfFolded(folded) };
      this.words.set(key, word);
    }
    return word;
  }
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
