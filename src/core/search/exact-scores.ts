import type { Matches } from './match-count';
import { postingScore, type PostingLeaf } from './posting-leaf';

/**
 * The exact scores of `docs` (live matches): each slot's score as the exhaustive evaluation sums
 * it (lists in order, best alternative), then the slots combined in its order (`combine`).
 */
export function exactScores(found: Matches, docs: Int32Array, docCount: number): Float64Array {
  if (positions.length < docCount) positions = new Int32Array(Math.max(docCount, 1024)).fill(-1);
  const at = positions;
  for (let j = 0; j < docs.length; j++) at[docs[j]] = j;
  // Few documents against long lists: look each up (binary search) rather than walk the lists.
  const sorted = docs.length < 4096 ? Int32Array.from(docs).sort() : undefined;
  if (altSum.values.length < docs.length) altSum = new AltSum(Math.max(docs.length, 1024));
  const sum = altSum;
  try {
    const slotScores = found.slots.map((slot) => {
      const best = new Float64Array(docs.length);
      for (const alt of slot) {
        for (const leaf of alt) {
          if (sorted && sorted.length * 24 < leaf.end - leaf.start) seekLeafScores(leaf, sorted, at, sum);
          else addLeafScores(leaf, at, sum);
        }
        sum.keepBest(best);
      }
      return best;
    });
    return combine(found, slotScores, docs.length);
  } finally {
    for (let j = 0; j < docs.length; j++) at[docs[j]] = -1;
    sum.keepBest(undefined);
  }
}

/** Position in the documents being scored by document number, -1 elsewhere (between uses too). */
let positions = new Int32Array(0);

/**
 * One alternative's sums by document place, folded into its slot's best by `keepBest`, which reads
 * and zeroes only the places the alternative reached (a word being typed has dozens of
 * alternatives, each reaching few of thousands of candidates). Posting scores are never negative
 * (`bm25Sane`), so a place holds a nonzero sum exactly when a nonzero score reached it.
 */
class AltSum {
  readonly values: Float64Array;
  readonly places: Int32Array;
  reached = 0;

  constructor(size: number) {
    this.values = new Float64Array(size);
    this.places = new Int32Array(size);
  }

  add(j: number, score: number): void {
    const sum = this.values[j];
    if (sum === 0) {
      // A zero score (BM25+ with k and d 0) leaves the place as if unreached: the best is at least 0.
      if (score === 0) return;
      this.places[this.reached++] = j;
    }
    this.values[j] = sum + score;
  }

  /** Folds the sums into `best` (none: drops them) and zeroes them. */
  keepBest(best: Float64Array | undefined): void {
    const { values, places } = this;
    for (let i = 0; i < this.reached; i++) {
      const j = places[i];
      if (best && values[j] > best[j]) best[j] = values[j];
      values[j] = 0;
    }
    this.reached = 0;
  }
}

/** The sums of `exactScores`, kept from call to call (searches are synchronous): all zero between uses. */
let altSum = new AltSum(0);

/** Adds a leaf's posting scores to `sum` at `at[doc]` for the documents with a place in `at`. */
function addLeafScores(leaf: PostingLeaf, at: Int32Array, sum: AltSum): void {
  const { docs, tfs, lengths, scale, d, k1, kConst, kLen } = leaf;
  for (let p = leaf.start; p < leaf.end; p++) {
    const j = at[docs[p]];
    if (j < 0) continue;
    const tf = tfs[p];
    // `postingScore`, inlined.
    sum.add(j, scale * (d + (tf * k1) / (tf + kConst + kLen * lengths[docs[p]])));
  }
  addDeltaScores(leaf, at, sum);
}

/** `addLeafScores` by binary search of each of `sorted` (ascending) in the compacted segment. */
function seekLeafScores(leaf: PostingLeaf, sorted: Int32Array, at: Int32Array, sum: AltSum): void {
  const { docs, tfs, lengths } = leaf;
  let low = leaf.start;
  for (let i = 0; i < sorted.length && low < leaf.end; i++) {
    const doc = sorted[i];
    let high = leaf.end;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (docs[mid] < doc) low = mid + 1;
      else high = mid;
    }
    if (low < leaf.end && docs[low] === doc) sum.add(at[doc], postingScore(leaf, tfs[low], lengths[doc]));
  }
  addDeltaScores(leaf, at, sum);
}

function addDeltaScores(leaf: PostingLeaf, at: Int32Array, sum: AltSum): void {
  const deltaDocs = leaf.deltaDocs;
  if (!deltaDocs) return;
  for (let p = 0; p < deltaDocs.length; p++) {
    const j = at[deltaDocs[p]];
    if (j >= 0) sum.add(j, postingScore(leaf, leaf.deltaTfs![p], leaf.lengths[deltaDocs[p]]));
  }
}

/**
 * Slot scores summed as `QueryRun.evaluate` sums them: `intersect` adds lists smallest first
 * (stable), `unionCounted` adds matched free words in order then multiplies by their count.
 */
function combine(found: Matches, slotScores: Float64Array[], n: number): Float64Array {
  const bySize = (from: number, to: number) =>
    Array.from({ length: to - from }, (_, i) => from + i).sort((a, b) => found.sizes[a] - found.sizes[b]);
  const requiredOrder = bySize(0, found.required);
  const freeOrder = bySize(found.required, found.slots.length);
  const out = new Float64Array(n);
  const hasRequired = requiredOrder.length > 0;
  const hasFree = freeOrder.length > 0;
  for (let j = 0; j < n; j++) {
    const requiredPart = hasRequired ? sumInOrder(slotScores, requiredOrder, j) : 0;
    let freePart = 0;
    if (found.anyMode) {
      let count = 0;
      for (let s = found.required; s < found.slots.length; s++) {
        const v = slotScores[s][j];
        if (v !== 0) {
          freePart += v;
          count += 1;
        }
      }
      freePart *= count;
    } else if (hasFree) {
      freePart = sumInOrder(slotScores, freeOrder, j);
    }
    // Required and free parts in either order: adding two numbers is commutative, three are not.
    out[j] = !hasRequired ? freePart : !hasFree ? requiredPart : requiredPart + freePart;
  }
  return out;
}

function sumInOrder(slotScores: Float64Array[], order: number[], j: number): number {
  let sum = slotScores[order[0]][j];
  for (let i = 1; i < order.length; i++) sum += slotScores[order[i]][j];
  return sum;
}
