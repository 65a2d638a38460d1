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
import type { IndexState } from './index-state';

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
  for (let p = 0; p < P; p++) {
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

/** Where base posting `p`'s positions start in `state.basePositions` (`blocks` from `positionBlocks`). */
export function positionOffset(state: IndexState, blocks: Uint32Array, p: number): number {
  const tfs = state.baseTfs;
  let offset = blocks[p >> BLOCK_SHIFT];
  for (let q = p & ~((1 << BLOCK_SHIFT) - 1); q < p; q++) offset += tfs[q];
  return offset;
}

/**
 * The positions (modulo 256) of term×field `key` in live document `doc`, written to `out`: how
 * many, 0 when the document does not hold the term there, or -1 when they are not known (no
 * positions stored, or a capped term frequency). `cursors[slot]` keeps where the last search in
 * this list ended (-1 at first): documents asked in ascending order are then found by galloping
 * forward from there instead of searching the whole list.
 */
export function termPositionsIn(
  state: IndexState,
  key: number,
  termId: number,
  doc: number,
  out: Uint8Array,
  cursors: Int32Array,
  slot: number,
): number {
  if (termId < state.baseTermCount) {
    // Cursors are list indices; the posting's number is the list's first plus its index.
    const docs = state.baseDocs.list(key);
    let lo = 0;
    let hi = docs.length - 1;
    const last = cursors[slot];
    if (last >= lo && last <= hi && docs[last] <= doc) {
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
        cursors[slot] = mid;
        return basePositionsOf(state, state.baseOffsets[key] + mid, out);
      }
    }
    cursors[slot] = hi;
  }
  const list = state.delta.get(key);
  if (!list) return 0;
  let lo = 0;
  let hi = list.docs.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const at = list.docs[mid];
    if (at < doc) lo = mid + 1;
    else if (at > doc) hi = mid - 1;
    else {
      const tf = list.tfs[mid];
      if (tf >= CAPPED_TF) return -1;
      const from = list.positionStarts[mid];
      for (let i = 0; i < tf; i++) out[i] = list.positions[from + i];
      return tf;
    }
  }
  return 0;
}

function basePositionsOf(state: IndexState, p: number, out: Uint8Array): number {
  const tf = state.baseTfs[p];
  const blocks = positionBlocks(state);
  if (!blocks || tf >= CAPPED_TF) return -1;
  const from = positionOffset(state, blocks, p);
  const bytes = state.basePositions!;
  for (let i = 0; i < tf; i++) out[i] = bytes[from + i];
  return tf;
}
