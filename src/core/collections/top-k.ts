import { grown } from './grown-array';

/**
 * The one top-k selection of Lectern: the best `limit` of `count` items under a comparator, in
 * O(count · log limit) with a bounded heap, never sorting everything. Search ranks its matches with
 * it, topics and related papers pick their heaviest terms with it (through `TopK`).
 *
 * @example
 * const scores = [0.2, 0.9, 0.5];
 * topK(scores.length, 2, (a, b) => scores[b] - scores[a]); // [1, 2]
 */
export function topK(count: number, limit: number, compare: (a: number, b: number) => number): number[] {
  if (limit <= 0 || count === 0) return [];
  if (count <= limit) {
    const all = new Array<number>(count);
    for (let i = 0; i < count; i++) all[i] = i;
    return sortStably(all, compare);
  }
  // A heap whose root is the worst item kept: a new item only enters when it beats the root.
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
  return sortStably(heap, compare);
}

/** Runs this long are sorted by insertion before the merging starts. */
const RUN = 8;

/**
 * Sorts `items` by `compare`, equal items in their given order: the order `Array.prototype.sort` gives, in about
 * half its time for the lists here (a hundred terms of each of thousands of papers), as the engine calls a
 * comparator from script faster than from its built-in sort. Returns the sorted array (`items` or a new one).
 */
export function sortStably(items: number[], compare: (a: number, b: number) => number): number[] {
  const n = items.length;
  let from = items;
  for (let lo = 0; lo < n; lo += RUN) {
    const hi = Math.min(n, lo + RUN);
    for (let i = lo + 1; i < hi; i++) {
      const item = from[i];
      let j = i - 1;
      for (; j >= lo && compare(item, from[j]) < 0; j--) from[j + 1] = from[j];
      from[j + 1] = item;
    }
  }
  let to = new Array<number>(n);
  for (let width = RUN; width < n; width *= 2) {
    for (let lo = 0; lo < n; lo += 2 * width) {
      const mid = Math.min(n, lo + width);
      const hi = Math.min(n, lo + 2 * width);
      let i = lo;
      let j = mid;
      let k = lo;
      // The right run's item goes first only when strictly smaller: equal items keep their order.
      while (i < mid && j < hi) to[k++] = compare(from[j], from[i]) < 0 ? from[j++] : from[i++];
      while (i < mid) to[k++] = from[i++];
      while (j < hi) to[k++] = from[j++];
    }
    [from, to] = [to, from];
  }
  return from;
}

/**
 * A bag of weighted terms from which the k heaviest are picked, ties in a fixed order of the terms (`tieOrder`:
 * their text, or a rank computed once from it), so the choice never depends on the order terms were added or
 * interned in. Reused across documents: `reset`, `add` each term, then `top(k)`.
 *
 * @example
 * const pick = TopK.byText((term) => names[term]);
 * pick.add(7, 2.5);
 * pick.add(3, 2.5);
 * pick.top(1); // the index (in `pick.terms`) of whichever of 7 and 3 has the smaller name
 */
export class TopK {
  /** Number of terms added since the last `reset`. */
  size = 0;
  /**
   * The terms added since the last `reset`, in order: the first `size` entries. Typed arrays kept from one
   * document to the next: an array emptied by `length = 0` gives up its storage and regrows on every document.
   */
  terms = new Int32Array(128);
  /** `weights[i]` is the weight of `terms[i]`. */
  weights = new Float64Array(128);

  /** `tieOrder(x, y)`: negative when term x goes before term y among terms of equal weight, 0 for the same place. */
  constructor(private readonly tieOrder: (x: number, y: number) => number) {}

  /** Ties in the order of the terms' texts (`key(term)`). */
  static byText(key: (term: number) => string): TopK {
    return new TopK((x, y) => {
      const a = key(x);
      const b = key(y);
      return a < b ? -1 : a > b ? 1 : 0;
    });
  }

  reset(): void {
    this.size = 0;
  }

  add(term: number, weight: number): void {
    this.terms = grown(this.terms, this.size + 1);
    this.weights = grown(this.weights, this.size + 1);
    this.terms[this.size] = term;
    this.weights[this.size] = weight;
    this.size += 1;
  }

  /** Takes each term's weight from a dense array. */
  setWeights(dense: Float64Array): void {
    for (let i = 0; i < this.size; i += 1) this.weights[i] = dense[this.terms[i]];
  }

  /** Multiplies each weight by `factor(term)`. */
  boost(factor: (term: number) => number): void {
    for (let i = 0; i < this.size; i += 1) this.weights[i] *= factor(this.terms[i]);
  }

  /** Zeroes the entries of a dense array this set touched. */
  clear(dense: Float64Array | Int32Array): void {
    for (let i = 0; i < this.size; i += 1) dense[this.terms[i]] = 0;
  }

  /** Indexes (into `terms`) of the k heaviest terms, heaviest first, ties in `tieOrder`, then in order added. */
  top(k: number): number[] {
    const { terms, weights, tieOrder } = this;
    return topK(this.size, k, (a, b) => weights[b] - weights[a] || tieOrder(terms[a], terms[b]) || a - b);
  }
}
