import { compareStrings } from './text-terms';

/**
 * Picks the k heaviest of a set of terms without sorting them all: a quickselect finds the k-th
 * weight, then only the terms at that weight are ordered by their text, so the choice never
 * depends on the order terms were added or interned in.
 */
export class TopK {
  terms: number[] = [];
  weights: number[] = [];
  private scratch = new Float64Array(256);

  constructor(private readonly key: (term: number) => string) {}

  reset(): void {
    this.terms.length = 0;
    this.weights.length = 0;
  }

  add(term: number, weight: number): void {
    this.terms.push(term);
    this.weights.push(weight);
  }

  /** Takes each term's weight from a dense array. */
  setWeights(dense: Float64Array): void {
    for (let i = 0; i < this.terms.length; i += 1) this.weights[i] = dense[this.terms[i]];
  }

  /** Multiplies each weight by `factor(term)`. */
  boost(factor: (term: number) => number): void {
    for (let i = 0; i < this.terms.length; i += 1) this.weights[i] *= factor(this.terms[i]);
  }

  /** Zeroes the entries of a dense array this set touched. */
  clear(dense: Float64Array): void {
    for (const t of this.terms) dense[t] = 0;
  }

  /** Indexes of the k heaviest terms, heaviest first, ties in text order. */
  top(k: number): number[] {
    const m = this.terms.length;
    const byText = (a: number, b: number): number => compareStrings(this.key(this.terms[a]), this.key(this.terms[b]));
    let chosen: number[];
    if (m <= k) {
      chosen = [...this.terms.keys()];
    } else {
      const threshold = this.kthLargest(k);
      chosen = [];
      const ties: number[] = [];
      for (let i = 0; i < m; i += 1) {
        if (this.weights[i] > threshold) chosen.push(i);
        else if (this.weights[i] === threshold) ties.push(i);
      }
      ties.sort(byText);
      for (const i of ties) {
        if (chosen.length >= k) break;
        chosen.push(i);
      }
    }
    return chosen.sort((a, b) => this.weights[b] - this.weights[a] || byText(a, b));
  }

  /** The k-th largest weight (quickselect on a scratch copy; deterministic pivots). */
  private kthLargest(k: number): number {
    const m = this.weights.length;
    if (this.scratch.length < m) this.scratch = new Float64Array(m * 2);
    const a = this.scratch;
    for (let i = 0; i < m; i += 1) a[i] = this.weights[i];
    const target = m - k;
    let lo = 0;
    let hi = m - 1;
    while (lo < hi) {
      const pivot = a[(lo + hi) >>> 1];
      let i = lo;
      let j = hi;
      while (i <= j) {
        while (a[i] < pivot) i += 1;
        while (a[j] > pivot) j -= 1;
        if (i <= j) {
          const t = a[i];
          a[i] = a[j];
          a[j] = t;
          i += 1;
          j -= 1;
        }
      }
      if (target <= j) hi = j;
      else if (target >= i) lo = i;
      else return a[target];
    }
    return a[target];
  }
}
