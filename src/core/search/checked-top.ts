import { scratchBytes } from './match-count';
import { mayPassInBulk, type DocCheck } from './query-constraints';
import type { Sparse } from './score-accumulator';

/**
 * A plan's constraints (filters, negations, phrases) run at most once per document in one search,
 * so they can be applied late, to the candidates that matter, in any order. Results sit in shared
 * scratch marks until `clear`, which the caller must call before returning.
 */
export class CheckOnce {
  /** Documents checked that passed. */
  passed = 0;
  /** Times the check itself ran (a prefilter's rejections aside): what reading texts costs. */
  ran = 0;
  /** 0: not checked yet, 1: passes, 2: fails. */
  private readonly marks: Uint8Array;
  /** The documents marked, in `checked[0 … checkedCount)`: a typed array grown by doubling (a plain array's pushes and iteration allocated a third of a phrase search's garbage). */
  private checked = new Int32Array(64);
  private marked = 0;

  constructor(
    private readonly check: DocCheck,
    docCount: number,
  ) {
    this.marks = scratchBytes(4, docCount);
  }

  /** Documents the prefilter rejected (marked 3 until first asked, then checked and failing). */
  private rejected: Int32Array = new Int32Array(0);

  /** Whether document `doc` passes (checked on first ask). */
  readonly passes = (doc: number): boolean => {
    const known = this.marks[doc];
    if (known === 3) {
      this.marks[doc] = 2;
      this.remember(doc);
      return false;
    }
    if (known !== 0) return known === 1;
    const pass = this.check(doc);
    this.ran += 1;
    this.marks[doc] = pass ? 1 : 2;
    this.remember(doc);
    if (pass) this.passed += 1;
    return pass;
  };

  /** How many documents were checked. */
  get checkedCount(): number {
    return this.marked;
  }

  clear(): void {
    const { marks, checked, rejected } = this;
    for (let i = 0; i < this.marked; i++) marks[checked[i]] = 0;
    this.marked = 0;
    for (let i = 0; i < rejected.length; i++) marks[rejected[i]] = 0;
    this.rejected = new Int32Array(0);
  }

  private remember(doc: number): void {
    if (this.marked === this.checked.length) {
      const grown = new Int32Array(this.checked.length * 2);
      grown.set(this.checked);
      this.checked = grown;
    }
    this.checked[this.marked++] = doc;
  }

  /**
   * The candidates that may pass, found in bulk with the check's prefilter (a phrase's positions)
   * when a sample says most fail it: then reading each piece's list once costs less than searching
   * the lists candidate by candidate. The others are remembered as failing, but counted as checked
   * only when asked, so totals and their lower-bound flag stay those of checking one by one.
   */
  narrow(candidates: Int32Array): Int32Array {
    const may = mayPassInBulk(this.check, candidates);
    if (!may) return candidates;
    const n = candidates.length;
    const kept = new Int32Array(n);
    const rejected = new Int32Array(n);
    let k = 0;
    let r = 0;
    for (let i = 0; i < n; i++) {
      const doc = candidates[i];
      if (may[i] === 1) kept[k++] = doc;
      else if (this.marks[doc] === 0) {
        this.marks[doc] = 3;
        rejected[r++] = doc;
      }
    }
    this.rejected = rejected.subarray(0, r);
    return kept.subarray(0, k);
  }
}

/** How far a pruned search counts its matches: exactly up to `upTo` passing, running the check at most `checks` more times than the ranking did. */
export interface TotalCount {
  upTo: number;
  checks: number;
}

/**
 * Of scored candidates, the passing ones that can be among the best `limit` passing: those at or
 * above a score cutoff, lowered (doubling how many candidates it admits) until `limit` of them pass.
 * Only candidates above the cutoff are checked, best scores first in effect, so a phrase's text is
 * read for about `limit` candidates divided by the share that holds it, not for every candidate.
 */
export function passingTop(candidates: Sparse, limit: number, once: CheckOnce): Sparse {
  const { docs, scores } = candidates;
  if (limit <= 0 || docs.length === 0) return { docs: new Int32Array(0), scores: new Float64Array(0) };
  // `slice` copies the typed array at once (`Float64Array.from` walks it through an iterator).
  const ascending = scores.slice().sort();
  let cutoff = -Infinity;
  // Each round checks only the candidates of its score band: those above were checked by earlier
  // rounds (memoized), and every one at or above the final cutoff is checked below in any case,
  // so the documents checked are the same as checking each round from the top until `limit` pass.
  let passing = 0;
  let above = Infinity;
  for (let admit = limit; admit < docs.length; admit *= 2) {
    const level = ascending[docs.length - admit];
    for (let i = 0; i < docs.length; i++) {
      const score = scores[i];
      if (score >= level && score < above && once.passes(docs[i])) passing += 1;
    }
    if (passing >= limit) {
      cutoff = level;
      break;
    }
    above = level;
  }
  const keptDocs = new Int32Array(docs.length);
  const keptScores = new Float64Array(docs.length);
  let n = 0;
  for (let i = 0; i < docs.length; i++) {
    if (scores[i] < cutoff || !once.passes(docs[i])) continue;
    keptDocs[n] = docs[i];
    keptScores[n++] = scores[i];
  }
  return { docs: keptDocs.subarray(0, n), scores: keptScores.subarray(0, n) };
}

/**
 * The number of candidates that pass, exact while it stays below `count.upTo`: unchecked candidates
 * are checked until that many have passed, or until the check has run `count.checks` more times
 * (a phrase's check reads a paper's text), then the count stops and is a lower bound.
 */
export function passingTotal(
  candidates: Int32Array,
  once: CheckOnce | undefined,
  count: TotalCount,
): { total: number; lowerBound: boolean } {
  if (!once) return { total: candidates.length, lowerBound: false };
  const ranUpTo = once.ran + count.checks;
  for (let i = 0; i < candidates.length && once.passed < count.upTo && once.ran < ranUpTo; i++) once.passes(candidates[i]);
  return { total: once.passed, lowerBound: once.checkedCount < candidates.length };
}
