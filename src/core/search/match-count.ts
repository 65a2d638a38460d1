import { leafPostings, type PostingLeaf } from './posting-leaf';
import type { DocCheck } from './query-constraints';

/**
 * One query word as posting lists: it matches a document when any alternative does; an
 * alternative is one term's expansions, their lists in the order the exhaustive scorer adds them.
 */
export type LeafSlot = PostingLeaf[][];

/**
 * Per-document byte arrays reused from search to search, zero between uses (whoever sets an entry
 * clears it before returning). Searches are synchronous, so one set per thread is enough.
 */
const zeroedBytes: Uint8Array[] = [];

let touchedScratch = new Int32Array(0);

/** Scratch byte array number `which`, at least `size` long, all zero; clear what you set. */
export function scratchBytes(which: number, size: number): Uint8Array {
  if (!zeroedBytes[which] || zeroedBytes[which].length < size) zeroedBytes[which] = new Uint8Array(Math.max(size, 1024));
  return zeroedBytes[which];
}

/** What is known, before counting, of how many documents each slot matches (see `matchesWithinRarest`). */
export interface SlotSizes {
  /** Documents not alive, at most: a list holds at least its length less these. */
  deadDocs: number;
  /** By slot (required, then free): the documents it matches, where known (undefined where not). */
  known: ReadonlyArray<number | undefined>;
}

/** Word slots with the sizes the exhaustive evaluation sorts them by, and which documents matched. */
export interface Matches {
  slots: LeafSlot[];
  required: number;
  /** Documents matching each slot. */
  sizes: number[];
  /** The matches before constraints (filters, negations, phrases), and whether they are the fallback "any free word". */
  docs: Int32Array;
  anyMode: boolean;
}

/**
 * A `Matches`, built in this one place: every one then has the same shape (hidden class) in V8, so the code that
 * reads them stays compiled for one (built by spreads and by several literals, `exactScores` fell back to the
 * interpreter at a new shape dozens of times a workload).
 */
export function matchesOf(slots: LeafSlot[], required: number, sizes: number[], docs: Int32Array, anyMode: boolean): Matches {
  return { slots, required, sizes, docs, anyMode };
}

/**
 * Counts, for every document, the required and free slots it matches (one pass over every live
 * posting, no scoring), then keeps the matches as the exhaustive evaluation defines them.
 * `sizeHints`: what is known of the slots' sizes, to count among the rarest slot's documents.
 */
export function countMatches(
  alive: Uint8Array,
  docCount: number,
  required: LeafSlot[],
  soft: LeafSlot[],
  check: DocCheck | undefined,
  sizeHints: SlotSizes = { deadDocs: docCount, known: [] },
): Matches {
  const slots = [...required, ...soft];
  const counter = new SlotCounter(alive, docCount);
  try {
    // With a check the fallback to any free word needs every document's count, unless fewer than two words are free
    // (a phrase's words are required): then the matches are every word's, whatever the check passes.
    if ((!check || soft.length < 2) && slots.length >= 2) {
      const found = matchesWithinRarest(counter, slots, required.length, sizeHints);
      if (found) return found;
      counter.clear();
    }
    // One word: every document it reaches matches it, in the order met (as `keepMatches` would keep them).
    if (slots.length === 1) {
      const sizes = [counter.gatherSlot(slots[0])];
      return matchesOf(slots, required.length, sizes, counter.touched.slice(0, counter.size), false);
    }
    const sizes = slots.map((slot, s) => counter.countSlot(slot, s, s < required.length));
    return keepMatches(counter, slots, required.length, sizes, check);
  } finally {
    counter.clear();
  }
}

/**
 * The matches as the exhaustive evaluation defines them: every word, or failing that any free word.
 * The constraints (`check`) only choose between the two: the documents returned are those before
 * the check, which the caller applies as late as it can (a phrase check reads the paper's text).
 */
function keepMatches(counter: SlotCounter, slots: LeafSlot[], nRequired: number, sizes: number[], check: DocCheck | undefined): Matches {
  const nFree = slots.length - nRequired;
  const all = new Int32Array(counter.size);
  const everyWord = all.subarray(0, docsWithEveryWord(counter, nRequired, nFree, all));
  const noneHasRequired = nRequired > 0 && everyWord.length === 0 && !anyWithAllRequired(counter, nRequired);
  if (noneHasRequired || nFree < 2 || anyPasses(everyWord, check)) return matchesOf(slots, nRequired, sizes, everyWord, false);
  return matchesOf(slots, nRequired, sizes, all.subarray(0, docsWithAnyFreeWord(counter, nRequired, all)), true);
}

// The loops over the counted documents are functions of their own: V8 compiles a long loop while it runs (on-stack
// replacement), and code after the loop that had never run by then left that compiled loop without type feedback,
// so it fell back to the interpreter at every call (56 times in one keystroke workload at 100k papers).

/** Writes to `out` the counted documents that match every required and every free slot; returns how many. */
function docsWithEveryWord(counter: SlotCounter, nRequired: number, nFree: number, out: Int32Array): number {
  const { touched, requiredCount, freeCount } = counter;
  let n = 0;
  for (let i = 0; i < counter.size; i++) {
    const doc = touched[i];
    if (requiredCount[doc] === nRequired && freeCount[doc] === nFree) out[n++] = doc;
  }
  return n;
}

/** Zeroes the stamps of the first `size` documents of `touched`. */
function zeroStamps(touched: Int32Array, size: number, stamp: Uint8Array): void {
  for (let i = 0; i < size; i++) stamp[touched[i]] = 0;
}

/** Zeroes the stamps and both counts of the first `size` documents of `touched`. */
function zeroCounts(touched: Int32Array, size: number, stamp: Uint8Array, requiredCount: Uint8Array, freeCount: Uint8Array): void {
  for (let i = 0; i < size; i++) {
    const doc = touched[i];
    requiredCount[doc] = 0;
    freeCount[doc] = 0;
    stamp[doc] = 0;
  }
}

/** Whether a counted document matches every required slot. */
function anyWithAllRequired(counter: SlotCounter, nRequired: number): boolean {
  const { touched, requiredCount } = counter;
  for (let i = 0; i < counter.size; i++) if (requiredCount[touched[i]] === nRequired) return true;
  return false;
}

/** Writes to `out` the counted documents that match every required slot and some free one; returns how many. */
function docsWithAnyFreeWord(counter: SlotCounter, nRequired: number, out: Int32Array): number {
  const { touched, requiredCount, freeCount } = counter;
  let n = 0;
  for (let i = 0; i < counter.size; i++) {
    const doc = touched[i];
    if (requiredCount[doc] === nRequired && freeCount[doc] > 0) out[n++] = doc;
  }
  return n;
}

/**
 * The matches of every word when some exist and nothing is checked (or fewer than two words are free, so that no
 * check can bring in the fallback to any word), counted only among the
 * documents of the slot with the fewest postings (`hello co`: the papers of `hello`, whatever
 * `co`'s completions hold elsewhere), so the other slots' postings are only looked up, not
 * gathered. Undefined when the exhaustive order of the slots' scores (by documents matched, which
 * this does not count) is not settled by their sizes' bounds, or no document matches every word
 * (then the fallback to any word needs every document): the caller counts everything.
 */
function matchesWithinRarest(counter: SlotCounter, slots: LeafSlot[], nRequired: number, known: SlotSizes): Matches | undefined {
  const postings = slots.map(slotPostings);
  let rarest = 0;
  for (let s = 1; s < slots.length; s++) if (postings[s] < postings[rarest]) rarest = s;
  const sizes = postings.map((n, s) => known.known[s] ?? n);
  sizes[rarest] = counter.countSlot(slots[rarest], rarest, rarest < nRequired);
  const low = slots.map((slot, s) => (s === rarest ? sizes[s] : (known.known[s] ?? Math.max(0, longestList(slot) - known.deadDocs))));
  if (!orderSettled(sizes, low, 0, nRequired) || !orderSettled(sizes, low, nRequired, slots.length)) return undefined;
  for (let s = 0; s < slots.length; s++) if (s !== rarest) counter.countWithin(slots[s], s, s < nRequired);
  const nFree = slots.length - nRequired;
  const all = new Int32Array(counter.size);
  const n = docsWithEveryWord(counter, nRequired, nFree, all);
  if (n === 0 && nFree >= 2) return undefined;
  return matchesOf(slots, nRequired, sizes, all.subarray(0, n), false);
}

/** Postings of a slot's lists (dead ones included): at least the documents it matches. */
function slotPostings(slot: LeafSlot): number {
  let n = 0;
  for (const alt of slot) for (const leaf of alt) n += leafPostings(leaf);
  return n;
}

function longestList(slot: LeafSlot): number {
  let n = 0;
  for (const alt of slot) for (const leaf of alt) n = Math.max(n, leafPostings(leaf));
  return n;
}

/**
 * Whether the slots `from…to` sort by documents matched (stably, as `combine` sorts `sizes`) the
 * same for any sizes within `low[s]…high[s]`; if so `high` (the caller's `sizes`) sorts them so
 * (`high[a] <= low[b]` puts `a` first, a tie included; `high[b] < low[a]` puts `b` first).
 * Two slots or fewer: their scores are added in either order alike.
 */
function orderSettled(high: number[], low: number[], from: number, to: number): boolean {
  if (to - from <= 2) return true;
  for (let a = from; a < to; a++)
    for (let b = a + 1; b < to; b++) {
      const aFirst = high[a] <= low[b];
      const bFirst = high[b] < low[a];
      if (!aFirst && !bFirst) return false;
    }
  return true;
}

/**
 * 1 for a byte above 0, else 0, by arithmetic: the counting loops decide per posting without a branch. Whether a
 * posting's document was counted is a coin toss when a common word is counted within another (`visual co` at 100k:
 * 45 % of the 382 000 postings of `co`'s completions), and the mispredicted branches made those loops three to four
 * times slower than these (measured: 2.7 against 0.7 ms for 385 000 postings at 45 %; alike at 5 %; at 1 % the
 * branches are faster, 0.7 against 0.9: `SPARSE_COUNTED`).
 */
function isNonZero(byte: number): number {
  return (byte + 255) >> 8;
}

/** `countWithin` takes the branching loop when the documents counted so far are fewer than one in this many. */
const SPARSE_COUNTED = 20;

/** `countWithin`'s loop over one run of postings when the counted documents are many (see `isNonZero`). */
function countRunWithinMany(stamp: Uint8Array, docs: ArrayLike<number>, from: number, to: number, mark: number, counts: Uint8Array): void {
  for (let p = from; p < to; p++) {
    const doc = docs[p];
    const seen = stamp[doc];
    // `hit` is 1 when the rarest slot reached the document and this one has not counted it yet.
    const hit = isNonZero(seen) & isNonZero(seen ^ mark);
    stamp[doc] = seen + hit * (mark - seen);
    counts[doc] += hit;
  }
}

/** `countWithin`'s loop when the counted documents are few: most postings skip them at a predicted branch. */
function countRunWithinFew(stamp: Uint8Array, docs: ArrayLike<number>, from: number, to: number, mark: number, counts: Uint8Array): void {
  for (let p = from; p < to; p++) {
    const doc = docs[p];
    const seen = stamp[doc];
    if (seen === 0 || seen === mark) continue;
    stamp[doc] = mark;
    counts[doc] += 1;
  }
}

function anyPasses(docs: Int32Array, check: DocCheck | undefined): boolean {
  if (!check) return docs.length > 0;
  for (let i = 0; i < docs.length; i++) if (check(docs[i])) return true;
  return false;
}

/** The one pass over the postings of `countMatches`: per document, the required and free slots it matches. */
class SlotCounter {
  readonly requiredCount: Uint8Array;
  readonly freeCount: Uint8Array;
  /** Documents matching any slot, in the order met, in `touched[0…size)`. */
  readonly touched: Int32Array;
  size = 0;
  /** Whether the counts were set (`countSlot`, `countWithin`), not only the stamps (`gatherSlot`). */
  private counted = false;
  /** The last slot (numbered from 1) that counted each document; 0: none yet. */
  private readonly stamp: Uint8Array;

  constructor(
    private readonly alive: Uint8Array,
    private readonly docCount: number,
  ) {
    this.requiredCount = scratchBytes(0, docCount);
    this.freeCount = scratchBytes(1, docCount);
    this.stamp = scratchBytes(2, docCount);
    // One place past every document: the counting loops write there before they know whether to keep it.
    if (touchedScratch.length < docCount + 1) touchedScratch = new Int32Array(Math.max(docCount + 1, 1024));
    this.touched = touchedScratch;
  }

  /** Zeroes what the counting set in the shared scratch arrays. */
  clear(): void {
    if (this.counted) zeroCounts(this.touched, this.size, this.stamp, this.requiredCount, this.freeCount);
    else zeroStamps(this.touched, this.size, this.stamp);
    this.size = 0;
    this.counted = false;
  }

  /** The documents a query of one slot matches, in `touched`, without counting slots; returns how many. */
  gatherSlot(slot: LeafSlot): number {
    for (const alt of slot)
      for (const leaf of alt) {
        this.gatherRun(leaf.docs, leaf.start, leaf.end);
        if (leaf.deltaDocs) this.gatherRun(leaf.deltaDocs, 0, leaf.deltaDocs.length);
      }
    return this.size;
  }

  private gatherRun(docs: ArrayLike<number>, from: number, to: number): void {
    const { alive, stamp, touched } = this;
    let size = this.size;
    for (let p = from; p < to; p++) {
      const doc = docs[p];
      const seen = stamp[doc];
      // Without branches (see `isNonZero`): each posting's document is written at `size`, which moves past it only for
      // a live document not met yet (else the next posting's overwrites it).
      const fresh = (1 - isNonZero(seen)) & isNonZero(alive[doc]);
      touched[size] = doc;
      size += fresh;
      stamp[doc] = seen | fresh;
    }
    this.size = size;
  }

  /** Counts slot number `s` (below 255) in each document it matches; returns how many it matches. */
  countSlot(slot: LeafSlot, s: number, isRequired: boolean): number {
    this.counted = true;
    let matched = 0;
    const counts = isRequired ? this.requiredCount : this.freeCount;
    for (const alt of slot) {
      for (const leaf of alt) {
        matched += this.countRun(leaf.docs, leaf.start, leaf.end, s + 1, counts);
        if (leaf.deltaDocs) matched += this.countRun(leaf.deltaDocs, 0, leaf.deltaDocs.length, s + 1, counts);
      }
    }
    return matched;
  }

  /**
   * Counts slot number `s` only in documents an earlier slot counted (`countSlot` of the rarest
   * slot): a lookup a posting, nothing gathered.
   */
  countWithin(slot: LeafSlot, s: number, isRequired: boolean): void {
    this.counted = true;
    const counts = isRequired ? this.requiredCount : this.freeCount;
    // Few documents counted: most postings miss them, a branch the processor predicts; many: a coin toss (`isNonZero`).
    const count = this.size * SPARSE_COUNTED < this.docCount ? countRunWithinFew : countRunWithinMany;
    for (const alt of slot)
      for (const leaf of alt) {
        count(this.stamp, leaf.docs, leaf.start, leaf.end, s + 1, counts);
        if (leaf.deltaDocs) count(this.stamp, leaf.deltaDocs, 0, leaf.deltaDocs.length, s + 1, counts);
      }
  }

  private countRun(docs: ArrayLike<number>, from: number, to: number, mark: number, counts: Uint8Array): number {
    const { alive, stamp, touched } = this;
    let size = this.size;
    let matched = 0;
    for (let p = from; p < to; p++) {
      const doc = docs[p];
      const seen = stamp[doc];
      // Without branches (see `isNonZero`): `hit` when this slot has not counted the live document yet, `fresh` when
      // no slot has (it joins `touched`: written at `size` always, kept only then).
      const hit = isNonZero(seen ^ mark) & isNonZero(alive[doc]);
      const fresh = hit & (1 - isNonZero(seen));
      touched[size] = doc;
      size += fresh;
      stamp[doc] = seen + hit * (mark - seen);
      matched += hit;
      counts[doc] += hit;
    }
    this.size = size;
    return matched;
  }
}
