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
  const order = (a: number, b: number) => keys[b] - keys[a] || ties.compare(docs[a], docs[b]);
  if (limit <= 0 || docs.length <= limit * 4) return topK(docs.length, limit, order);
  // Most of tens of thousands of matches fall below the `limit`-th best key: one pass over the bare
  // numbers finds that key, and only the candidates reaching it go through the comparator.
  const least = leastKeptKey(keys, docs.length, limit);
  const kept: number[] = [];
  for (let i = 0; i < docs.length; i++) if (keys[i] >= least) kept.push(i);
  return topK(kept.length, limit, (a, b) => order(kept[a], kept[b])).map((i) => kept[i]);
}

/** The `limit`-th largest of `keys[0…count)` (`limit` < `count`), with a min-heap of numbers. */
function leastKeptKey(keys: ArrayLike<number>, count: number, limit: number): number {
  const heap = new Float64Array(limit);
  for (let i = 0; i < limit; i++) heap[i] = keys[i];
  heap.sort();
  // A sorted array is a min-heap.
  for (let i = limit; i < count; i++) {
    const key = keys[i];
    if (key <= heap[0]) continue;
    let at = 0;
    for (;;) {
      const left = 2 * at + 1;
      if (left >= limit) break;
      const child = left + 1 < limit && heap[left + 1] < heap[left] ? left + 1 : left;
      if (heap[child] >= key) break;
      heap[at] = heap[child];
      at = child;
    }
    heap[at] = key;
  }
  return heap[0];
}
