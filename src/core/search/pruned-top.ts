import { exactScores } from './exact-scores';
import { countMatches, matchesOf, scratchBytes, type LeafSlot, type Matches, type SlotSizes } from './match-count';
import { leafPostings, type PostingLeaf } from './posting-leaf';
import type { DocCheck } from './query-constraints';
import type { Sparse } from './score-accumulator';
import { CheckOnce, passingTop, passingTotal, type TotalCount } from './checked-top';

/** What `prunedTop` found. */
export interface PrunedTop {
  /** Documents matching the query (after its filters, negations and phrases): exact unless `totalIsLowerBound`. */
  total: number;
  /** True when counting stopped at `exactUpTo` passing matches, so `total` is a lower bound. */
  totalIsLowerBound: boolean;
  /** Matches that include the best `limit`, each with its exact score (`scores[i]` for `docs[i]`). */
  docs: Int32Array;
  scores: Float64Array;
}

/**
 * The best `limit` matches of a query of word slots (`required`: words of phrases; `soft`: free
 * words, all required unless none matches together, then any), without scoring every match: the
 * dynamic pruning of MaxScore (Turtle & Flood), as Lucene and PISA use it. Every posting is visited
 * once to find the candidates, but only those that can still reach the top `limit` are scored, and
 * the constraints (`check`: filters, negations, phrases) run only on scored candidates from the best
 * down and then until `count.upTo` have passed or the check has run `count.checks` more times (the
 * total beyond is a lower bound, as Lucene's `totalHitsThreshold`; `sizes`: what is known of the slots' sizes). Scores equal the exhaustive evaluation's to the last bit, because each is
 * computed with the same operations in the same order (`QueryRun.evaluate`, `sparse-ops.ts`).
 *
 * How: score a pool of likely winners (the matches of the lists with the highest score bounds) to
 * get a threshold θ, the `limit`-th best score among those passing; then find the lists whose bounds
 * together, through the query's structure, stay below θ: a match found only in those cannot enter
 * the top `limit`, so only the matches of the other lists are scored.
 */
export function prunedTop(
  alive: Uint8Array,
  docCount: number,
  slots: { required: LeafSlot[]; soft: LeafSlot[] },
  limit: number,
  check: DocCheck | undefined,
  count: TotalCount,
  sizes?: SlotSizes,
): PrunedTop {
  const once = check ? new CheckOnce(check, docCount) : undefined;
  try {
    const found = countMatches(alive, docCount, slots.required, slots.soft, once && ((doc: number) => once.passes(doc)), sizes);
    const may = once ? matchesOf(found.slots, found.required, found.sizes, once.narrow(found.docs), found.anyMode) : found;
    const scored = scoredCandidates(may, alive, limit, docCount, once);
    const top = once ? passingTop(scored, limit, once) : scored;
    const { total, lowerBound } = passingTotal(found.docs, once, count);
    return { total, totalIsLowerBound: lowerBound, docs: top.docs, scores: top.scores };
  } finally {
    once?.clear();
  }
}

/** Candidates (before the check) that include the best `limit` passing ones, scored. */
function scoredCandidates(found: Matches, alive: Uint8Array, limit: number, docCount: number, once: CheckOnce | undefined): Sparse {
  const all = found.docs;
  if (all.length === 0 || limit <= 0) return { docs: new Int32Array(0), scores: new Float64Array(0) };
  // No more than the pool below would take: every match would be scored and checked anyway.
  if (all.length <= limit * POOL_PER_RESULT) return scoredPassing(found, docCount, once);
  const leaves = found.slots.flatMap((slot, s) => slot.flatMap((alt, a) => alt.map((leaf) => ({ leaf, slot: s, alt: a }))));
  const bounds = leaves.map(({ leaf }) => leaf.scale * leaf.maxUnitScore!);
  const byBound = leaves.map((_, i) => i).sort((a, b) => bounds[b] - bounds[a]);
  const inMatches = scratchBytes(3, docCount);
  // One word and nothing checked: every live document its lists reach matches, so the marks stay 0 for "match".
  const open = found.slots.length === 1 && !once ? 0 : 1;
  if (open === 1) setMarks(inMatches, all, 1);
  try {
    return pruneWithThreshold(found, { leaves, bounds, byBound }, alive, { bytes: inMatches, open }, limit, once);
  } finally {
    if (open === 1) setMarks(inMatches, all, 0);
  }
}

/** Per-document marks: `bytes[doc] === open` for the matches not taken yet (see `scoredCandidates`). */
type MatchMarks = { bytes: Uint8Array; open: number };

/** Every match, checked first when there is a check (every one would be checked anyway), then scored. */
function scoredPassing(found: Matches, docCount: number, once: CheckOnce | undefined): Sparse {
  const docs = once ? found.docs.filter((doc) => once.passes(doc)) : found.docs;
  return { docs, scores: exactScores(found, docs, docCount) };
}

function setMarks(marks: Uint8Array, docs: Int32Array, value: number): void {
  for (let i = 0; i < docs.length; i++) marks[docs[i]] = value;
}

/** `scoredCandidates` once the matches are known and marked in `inMatches`. */
function pruneWithThreshold(
  found: Matches,
  lists: { leaves: FlatLeaf[]; bounds: number[]; byBound: number[] },
  alive: Uint8Array,
  inMatches: MatchMarks,
  limit: number,
  once: CheckOnce | undefined,
): Sparse {
  const { leaves, bounds, byBound } = lists;
  const docCount = inMatches.bytes.length;
  // Every match scored, none checked yet: `passingTop` checks them best first, as many as the top needs.
  const everything = () => ({ docs: found.docs, scores: exactScores(found, found.docs, docCount) });
  const pool = collectDocs(byBound, leaves, alive, inMatches, limit * POOL_PER_RESULT);
  const poolScores = exactScores(found, pool, docCount);
  const threshold = once ? passingThreshold(pool, poolScores, limit, once) : limitthBest(poolScores, limit);
  if (threshold === undefined) return everything();
  // The lists of lowest bounds whose matches, found in them alone, score below the threshold.
  const skippable = new Uint8Array(leaves.length);
  const bound = new ScoreBound(found, leaves, bounds);
  for (let i = byBound.length - 1; i >= 0; i--) {
    bound.add(byBound[i]);
    if (bound.value() >= threshold) break;
    skippable[byBound[i]] = 1;
  }
  const essential = byBound.filter((i) => !skippable[i]);
  // When the lists left to read hold most postings, reading them all once to score every match costs less.
  const postings = (i: number) => leafPostings(leaves[i].leaf);
  const essentialPostings = essential.reduce((n, i) => n + postings(i), 0);
  if (essentialPostings * 2 > leaves.reduce((n, _, i) => n + postings(i), 0)) return everything();
  // The pool's documents, scored already, are not taken again.
  setMarks(inMatches.bytes, pool, TAKEN);
  let rest: Int32Array;
  try {
    rest = collectDocs(essential, leaves, alive, inMatches, Infinity);
  } finally {
    // Left as not matching when matches are marked; as they were (open) otherwise.
    setMarks(inMatches.bytes, pool, inMatches.open === 1 ? 0 : inMatches.open);
  }
  const restScores = exactScores(found, rest, docCount);
  const docs = new Int32Array(pool.length + rest.length);
  docs.set(pool);
  docs.set(rest, pool.length);
  const scores = new Float64Array(docs.length);
  scores.set(poolScores);
  scores.set(restScores, pool.length);
  return { docs, scores };
}

/** The `limit`-th best of `scores`; undefined when there are fewer. */
function limitthBest(scores: Float64Array, limit: number): number | undefined {
  return scores.length < limit ? undefined : scores.slice().sort()[scores.length - limit];
}

/**
 * The `limit`-th best score among the pool's documents that pass; undefined when fewer pass.
 * Checked from the best score down and only until `limit` pass: a check may read a paper's text
 * (a phrase), and the threshold is the same as checking the whole pool.
 */
function passingThreshold(pool: Int32Array, scores: Float64Array, limit: number, once: CheckOnce): number | undefined {
  const order = Array.from(pool.keys()).sort((a, b) => scores[b] - scores[a]);
  let passing = 0;
  for (const i of order) if (once.passes(pool[i]) && ++passing === limit) return scores[i];
  return undefined;
}

/** Candidates scored per result wanted to set the threshold. */
export const POOL_PER_RESULT = 8;

type FlatLeaf = { leaf: PostingLeaf; slot: number; alt: number };

/** Marks of documents taken (by `collectDocs` while it runs, or scored already). */
const TAKEN = 2;

/**
 * Where `collectDocs` gathers, kept from call to call (its result is a copy): a new array as long as the library
 * each time was 4 MB a search at a million papers, and the allocations brought on the collector's full marking of
 * the heap.
 */
let gathered = new Int32Array(0);

/** Live documents marked open in `wanted` found in the given leaves (in that order), each once, until `cap`; their marks are left open. */
function collectDocs(order: number[], leaves: FlatLeaf[], alive: Uint8Array, marks: MatchMarks, cap: number): Int32Array {
  const { bytes: wanted, open } = marks;
  const size = Math.min(cap, wanted.length);
  if (gathered.length < size) gathered = new Int32Array(size);
  const out = gathered;
  let n = 0;
  const take = (doc: number) => {
    if (wanted[doc] === open && alive[doc] !== 0) {
      wanted[doc] = TAKEN;
      out[n++] = doc;
    }
  };
  for (const i of order) {
    const { docs, start, end, deltaDocs } = leaves[i].leaf;
    for (let p = start; p < end && n < cap; p++) take(docs[p]);
    if (deltaDocs) for (let p = 0; p < deltaDocs.length && n < cap; p++) take(deltaDocs[p]);
    if (n >= cap) break;
  }
  for (let j = 0; j < n; j++) wanted[out[j]] = open;
  return out.slice(0, n);
}

/**
 * Score bounds of matches found only in a growing set of lists: add lists with `add`, read the
 * bound with `value`. Each slot takes its best alternative's summed list bounds; the fallback
 * "any free word" multiplies the free words' part by how many could match. A little headroom
 * covers rounding, since the exact scores add the same terms in another order.
 */
class ScoreBound {
  private readonly altSums: Float64Array;
  private readonly slotBest: Float64Array;
  private readonly altOf: Int32Array;

  constructor(
    private readonly found: Matches,
    private readonly leaves: FlatLeaf[],
    private readonly bounds: number[],
  ) {
    const altIds = new Map<number, number>();
    this.altOf = Int32Array.from(leaves, ({ slot, alt }) => {
      const key = slot * 65_536 + alt;
      if (!altIds.has(key)) altIds.set(key, altIds.size);
      return altIds.get(key)!;
    });
    this.altSums = new Float64Array(altIds.size);
    this.slotBest = new Float64Array(found.slots.length);
  }

  add(leaf: number): void {
    const alt = this.altOf[leaf];
    const slot = this.leaves[leaf].slot;
    this.altSums[alt] += this.bounds[leaf];
    if (this.altSums[alt] > this.slotBest[slot]) this.slotBest[slot] = this.altSums[alt];
  }

  value(): number {
    let requiredPart = 0;
    let freePart = 0;
    let freeMatched = 0;
    this.slotBest.forEach((best, slot) => {
      if (slot < this.found.required) requiredPart += best;
      else {
        freePart += best;
        if (best > 0) freeMatched += 1;
      }
    });
    const bound = requiredPart + (this.found.anyMode ? freePart * freeMatched : freePart);
    return bound * (1 + 1e-9) + 1e-12;
  }
}
