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

  /**
   * Whether document `doc` passes (checked on first ask). A method, not a function per instance: the loops that call
   * it stay compiled for one call target (a closure per search made V8 recompile them at every new search).
   */
  passes(doc: number): boolean {
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
  }

  /** How many documents were checked. */
  get checkedCount(): number {
    return this.marked;
  }

  clear(): void {
    zeroMarks(this.marks, this.checked, this.marked);
    zeroMarks(this.marks, this.rejected, this.rejected.length);
    this.marked = 0;
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
    const kept = new Int32Array(candidates.length);
    const rejected = new Int32Array(candidates.length);
    const [k, r] = splitByMay(candidates, may, this.marks, kept, rejected);
    this.rejected = rejected.subarray(0, r);
    return kept.subarray(0, k);
  }
}

/** Zeroes the marks of the first `count` documents of `docs` (a function of its own: see `splitByMay`). */
function zeroMarks(marks: Uint8Array, docs: Int32Array, count: number): void {
  for (let i = 0; i < count; i++) marks[docs[i]] = 0;
}

/**
 * Writes to `kept` the candidates `may` marks 1, to `rejected` the others not marked before (marking them 3); returns
 * how many of each. A function of its own, so that V8 compiling its loop mid-run never leaves the code after the loop
 * without type feedback (see `docsWithEveryWord` in match-count.ts).
 */
function splitByMay(candidates: Int32Array, may: Uint8Array, marks: Uint8Array, kept: Int32Array, rejected: Int32Array): [number, number] {
  let k = 0;
  let r = 0;
  for (let i = 0; i < candidates.length; i++) {
    const doc = candidates[i];
    if (may[i] === 1) kept[k++] = doc;
    else if (marks[doc] === 0) {
      marks[doc] = 3;
      rejected[r++] = doc;
    }
  }
  return [k, r];
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
  const { docs } = candidates;
  if (limit <= 0 || docs.length === 0) return { docs: new Int32Array(0), scores: new Float64Array(0) };
  const cutoff = passingCutoff(candidates, limit, once);
  const keptDocs = new Int32Array(docs.length);
  const keptScores = new Float64Array(docs.length);
  const n = keepPassing(candidates, cutoff, once, keptDocs, keptScores);
  return { docs: keptDocs.subarray(0, n), scores: keptScores.subarray(0, n) };
}

// The loops below are functions of their own for V8's sake (see `docsWithEveryWord` in match-count.ts).

/** The score from which `limit` candidates pass (-Infinity when fewer pass): bands checked from the top, doubling. */
function passingCutoff({ docs, scores }: Sparse, limit: number, once: CheckOnce): number {
  // `slice` copies the typed array at once (`Float64Array.from` walks it through an iterator).
  const ascending = scores.slice().sort();
  // Each round checks only the candidates of its score band: those above were checked by earlier
  // rounds (memoized), and every one at or above the final cutoff is checked below in any case,
  // so the documents checked are the same as checking each round from the top until `limit` pass.
  let passing = 0;
  let above = Infinity;
  for (let admit = limit; admit < docs.length; admit *= 2) {
    const level = ascending[docs.length - admit];
    passing += passingInBand(docs, scores, level, above, once);
    if (passing >= limit) return level;
    above = level;
  }
  return -Infinity;
}

/** How many candidates scoring in `[level, above)` pass. */
function passingInBand(docs: Int32Array, scores: Float64Array, level: number, above: number, once: CheckOnce): number {
  let passing = 0;
  for (let i = 0; i < docs.length; i++) {
    const score = scores[i];
    if (score >= level && score < above && once.passes(docs[i])) passing += 1;
  }
  return passing;
}

/** Writes the candidates scoring `cutoff` or more that pass to `keptDocs` and `keptScores`; returns how many. */
function keepPassing({ docs, scores }: Sparse, cutoff: number, once: CheckOnce, keptDocs: Int32Array, keptScores: Float64Array): number {
  let n = 0;
  for (let i = 0; i < docs.length; i++) {
    if (scores[i] < cutoff || !once.passes(docs[i])) continue;
    keptDocs[n] = docs[i];
    keptScores[n++] = scores[i];
  }
  return n;
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
