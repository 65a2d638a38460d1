/**
 * Word positions for phrase checks: for every posting, where its term stands in the field, one
 * byte per occurrence (the position among the field's tokens, stop words counted, modulo 256), in
 * the order of the postings themselves. A posting's bytes are found from its number: a block table
 * holds the byte offset of every 32nd posting (built on first use from the term frequencies), and
 * the frequencies of the postings before it in its block say the rest. One byte per occurrence and
 * no offset per posting keep the structure near the size of the texts' index terms (see DESIGN).
 *
 * Positions modulo 256 can only add coincidences, never lose an adjacency, so a check over them is
 * a necessary condition (`phrase-positions.ts`), confirmed on the text.
 */
import { FIELD_COUNT } from './index-fields';
import { CAPPED_TF } from './group-term-positions';
import type { DeltaList, IndexState } from './index-state';

/** Postings per entry of the block table. */
const BLOCK_SHIFT = 5;

/**
 * The byte offset of every 32nd base posting's positions, built on first use and kept on the state
 * (a compaction makes a new state); undefined when the state has no positions or they do not add
 * up to its term frequencies (a damaged cache: phrases are then checked on the text alone).
 */
export function positionBlocks(state: IndexState): Uint32Array | undefined {
  if (state.positionBlocks || !state.basePositions) return state.positionBlocks;
  const tfs = state.baseTfs;
  const P = state.baseOffsets[state.baseTermCount * FIELD_COUNT] ?? 0;
  const blocks = new Uint32Array((P >> BLOCK_SHIFT) + 1);
  let offset = 0;
  let p = 0;
  if (tfs instanceof Uint8Array && tfs.byteOffset % 4 === 0) p = byteBlocks(tfs, P, blocks);
  if (p > 0) offset = blocks[p >> BLOCK_SHIFT];
  for (; p < P; p++) {
    if ((p & ((1 << BLOCK_SHIFT) - 1)) === 0) blocks[p >> BLOCK_SHIFT] = offset;
    offset += tfs[p];
  }
  if (offset !== state.basePositions.length) {
    state.basePositions = undefined;
    return undefined;
  }
  state.positionBlocks = blocks;
  return blocks;
}

/**
 * `positionBlocks` for one-byte term frequencies, four at a time: the whole blocks of the first
 * `P` postings, and the offset where the next block starts (the number of postings done).
 */
function byteBlocks(tfs: Uint8Array, P: number, blocks: Uint32Array): number {
  const words = new Uint32Array(tfs.buffer, tfs.byteOffset, P >> 2);
  const whole = P >> BLOCK_SHIFT;
  const wordsPerBlock = (1 << BLOCK_SHIFT) >> 2;
  let offset = 0;
  for (let b = 0; b < whole; b++) {
    blocks[b] = offset;
    // Two 16-bit sums of alternate bytes side by side: at most 8 × 2 × 255 each, so no carry between them.
    let pairs = 0;
    for (let w = b * wordsPerBlock, end = w + wordsPerBlock; w < end; w++) {
      const word = words[w];
      pairs += (word & 0x00ff00ff) + ((word >>> 8) & 0x00ff00ff);
    }
    offset += (pairs & 0xffff) + (pairs >>> 16);
  }
  blocks[whole] = offset;
  return whole << BLOCK_SHIFT;
}

/** Where base posting `p`'s positions start in `state.basePositions` (`blocks` from `positionBlocks`). */
export function positionOffset(state: IndexState, blocks: Uint32Array, p: number): number {
  const tfs = state.baseTfs;
  let offset = blocks[p >> BLOCK_SHIFT];
  for (let q = p & ~((1 << BLOCK_SHIFT) - 1); q < p; q++) offset += tfs[q];
  return offset;
}

/**
 * Reads the positions (modulo 256) of one term×field in live documents, for one search (the index
 * must not change meanwhile): the posting lists are looked up once, and documents asked in
 * ascending order are found by galloping forward from where the last search ended instead of
 * searching the whole list.
 */
export class PositionCursor {
  /** The base list's documents, decoded on the first read (empty when the term is not in the base). */
  private docList: Int32Array | undefined;
  /** The base list's first posting number. */
  private readonly first: number;
  private readonly delta: DeltaList | undefined;
  /** Where the last search in the base list ended (-1 at first). */
  private last = -1;
  /** Whether no document holds the term in this field (no position can ever be found). */
  readonly empty: boolean;

  constructor(
    private readonly state: IndexState,
    private readonly key: number,
    termId: number,
  ) {
    const inBase = termId < state.baseTermCount;
    this.first = inBase ? state.baseOffsets[key] : 0;
    const baseCount = inBase ? state.baseOffsets[key + 1] - this.first : 0;
    if (baseCount === 0) this.docList = EMPTY_DOCS;
    this.delta = state.delta.get(key);
    this.empty = baseCount === 0 && (this.delta?.docs.length ?? 0) === 0;
  }

  /**
   * The positions in document `doc`, written to `out`: how many, 0 when the document does not
   * hold the term there, or -1 when they are not known (no positions stored, or a capped term frequency).
   */
  positions(doc: number, out: Uint8Array): number {
    const docs = (this.docList ??= this.state.baseDocs.list(this.key));
    let lo = 0;
    let hi = docs.length - 1;
    const last = this.last;
    if (last >= 0 && last <= hi && docs[last] <= doc) {
      let step = 1;
      lo = last;
      while (lo + step <= hi && docs[lo + step] <= doc) {
        lo += step;
        step *= 2;
      }
      hi = Math.min(hi, lo + step);
    }
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const at = docs[mid];
      if (at < doc) lo = mid + 1;
      else if (at > doc) hi = mid - 1;
      else {
        this.last = mid;
        return basePositionsOf(this.state, this.first + mid, out);
      }
    }
    this.last = hi;
    return this.delta ? deltaPositionsOf(this.delta, doc, out) : 0;
  }

  /**
   * The documents of `sorted` (ascending) that hold the term, in one pass: `cands[i]` is the index
   * in `sorted` of the i-th holder, `refs[i]` and `starts[i]` what `positionsAt` reads its positions
   * from. `candOf[doc]` is the document's index in `sorted` plus one (0: not a candidate). `only`:
   * the candidates that matter (ascending indices in `sorted`; default all), others may be reported
   * too. A short list is walked whole; a long one is searched by galloping from candidate to
   * candidate. The arrays are reused: they hold until the next call (of any cursor).
   */
  holders(sorted: Int32Array, candOf: Int32Array, only?: Int32Array): { cands: Int32Array; refs: Int32Array; starts: Int32Array } {
    const docs = (this.docList ??= this.state.baseDocs.list(this.key));
    const delta = this.delta?.docs ?? [];
    const asked = only?.length ?? sorted.length;
    const { cands, refs, starts } = holderScratch(Math.min(sorted.length, docs.length + delta.length));
    let n = 0;
    if (docs.length <= 4 * asked) {
      for (let p = 0; p < docs.length; p++) {
        const c = candOf[docs[p]] - 1;
        if (c < 0) continue;
        cands[n] = c;
        refs[n++] = p;
      }
    } else {
      let lo = 0;
      for (let i = 0; i < asked && lo < docs.length; i++) {
        const c = only ? only[i] : i;
        const doc = sorted[c];
        let step = 1;
        while (lo + step < docs.length && docs[lo + step] < doc) step *= 2;
        lo = lowerBound(docs, doc, lo, Math.min(docs.length, lo + step + 1));
        if (docs[lo] !== doc) continue;
        cands[n] = c;
        refs[n++] = lo;
      }
    }
    const baseHolders = n;
    this.startsOf(refs, baseHolders, starts);
    for (let j = 0; j < delta.length; j++) {
      const c = candOf[delta[j]] - 1;
      if (c < 0) continue;
      cands[n] = c;
      starts[n] = -1;
      refs[n++] = -1 - j;
    }
    if (baseHolders > 0 && n > baseHolders && cands[baseHolders] < cands[baseHolders - 1]) sortByCandidate(cands, refs, starts, n);
    return { cands: cands.subarray(0, n), refs: refs.subarray(0, n), starts: starts.subarray(0, n) };
  }

  /**
   * Where the positions of base postings `refs[0…n)` (ascending) start in `state.basePositions`
   * (-1: none stored): from the previous one when nearer than its block's start, so a dense run
   * of holders costs a term frequency each.
   */
  private startsOf(refs: Int32Array, n: number, starts: Int32Array): void {
    const blocks = n > 0 ? positionBlocks(this.state) : undefined;
    if (!blocks) {
      starts.fill(-1, 0, n);
      return;
    }
    const tfs = this.state.baseTfs;
    let previous = -1;
    let offset = 0;
    for (let i = 0; i < n; i++) {
      const p = this.first + refs[i];
      if (previous >= 0 && p - previous <= (p & ((1 << BLOCK_SHIFT) - 1))) {
        for (let q = previous; q < p; q++) offset += tfs[q];
      } else offset = positionOffset(this.state, blocks, p);
      starts[i] = offset;
      previous = p;
    }
  }

  /** The positions of a holder found by `holders` (its `refs` and `starts` entries), as `positions` gives them. */
  positionsAt(ref: number, start: number, out: Uint8Array): number {
    return ref >= 0 ? basePositionsFrom(this.state, this.first + ref, start, out) : deltaPositionsAt(this.delta!, -1 - ref, out);
  }
}

/** `holders`' arrays, reused from call to call (grown as needed). */
let holderArrays = { cands: new Int32Array(256), refs: new Int32Array(256), starts: new Int32Array(256) };

function holderScratch(n: number): typeof holderArrays {
  if (holderArrays.cands.length < n) {
    const size = Math.max(n, 2 * holderArrays.cands.length);
    holderArrays = { cands: new Int32Array(size), refs: new Int32Array(size), starts: new Int32Array(size) };
  }
  return holderArrays;
}

/** The first index in `[lo, hi)` whose document is at least `doc` (`hi` when none). */
function lowerBound(docs: Int32Array, doc: number, lo: number, hi: number): number {
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (docs[mid] < doc) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Sorts the first `n` holders by candidate (base and delta holders interleave only after updates). */
function sortByCandidate(cands: Int32Array, refs: Int32Array, starts: Int32Array, n: number): void {
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => cands[a] - cands[b]);
  for (const column of [cands, refs, starts]) column.set(Int32Array.from(order, (i) => column[i]));
}

const EMPTY_DOCS = new Int32Array(0);

function deltaPositionsOf(list: DeltaList, doc: number, out: Uint8Array): number {
  let lo = 0;
  let hi = list.docs.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const at = list.docs[mid];
    if (at < doc) lo = mid + 1;
    else if (at > doc) hi = mid - 1;
    else return deltaPositionsAt(list, mid, out);
  }
  return 0;
}

/** The positions of the delta list's `j`-th posting, as `positions` gives them. */
function deltaPositionsAt(list: DeltaList, j: number, out: Uint8Array): number {
  const tf = list.tfs[j];
  if (tf >= CAPPED_TF) return -1;
  const from = list.positionStarts[j];
  for (let i = 0; i < tf; i++) out[i] = list.positions[from + i];
  return tf;
}

function basePositionsOf(state: IndexState, p: number, out: Uint8Array): number {
  const blocks = positionBlocks(state);
  return basePositionsFrom(state, p, blocks ? positionOffset(state, blocks, p) : -1, out);
}

/** The positions of base posting `p`, stored from `start` (-1: not stored), as `positions` gives them. */
function basePositionsFrom(state: IndexState, p: number, start: number, out: Uint8Array): number {
  const tf = state.baseTfs[p];
  if (start < 0 || tf >= CAPPED_TF) return -1;
  const bytes = state.basePositions!;
  for (let i = 0; i < tf; i++) out[i] = bytes[start + i];
  return tf;
}
