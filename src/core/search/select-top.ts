import { topK } from '../collections/top-k';
import type { InvertedIndex } from './inverted-index';

/** Ties broken by comparing titles before switching to the index's title ranks (whose first use sorts every title). */
const TEXT_TIES_BEFORE_RANKS = 512;

/**
 * The order of equal keys: title, then id. Compares the texts while ties are few; once a query has
 * met many (look-alike papers tie by the thousand) it takes the index's title ranks, which order
 * exactly as the texts do, so switching midway changes nothing but the cost.
 */
export class TieBreak {
  private textTies = 0;
  private ranks?: Int32Array;

  constructor(private readonly index: InvertedIndex) {}

  /** Negative when document `a` comes before document `b`. */
  compare(a: number, b: number): number {
    if (this.ranks) return this.ranks[a] - this.ranks[b];
    if (++this.textTies > TEXT_TIES_BEFORE_RANKS) this.ranks = this.index.titleRank();
    return this.index.compareTitles(a, b);
  }
}

/**
 * Positions (into `docs`) of the best `limit` candidates: by `keys` descending (scores, or years for
 * queries of filters only), then title, then id.
 */
export function selectTop(index: InvertedIndex, docs: Int32Array, keys: ArrayLike<number>, limit: number): number[] {
  const ties = new TieBreak(index);
  return topK(docs.length, limit, (a, b) => keys[b] - keys[a] || ties.compare(docs[a], docs[b]));
}
