/**
 * One document field's word positions grouped by term, as indexing hands them to the postings
 * (see `term-positions.ts` for how they are stored and read). `groupTermPositions` is the plain
 * statement of that grouping over strings; indexing itself uses `PaperTermReader`, its typed-array
 * twin, which a property test holds to it.
 */

/** A term frequency at or above this is capped (16 bits): the posting's positions are then incomplete. */
export const CAPPED_TF = 0xffff;

/**
 * One field's index terms grouped by term in first-occurrence order (the order `countTerms` gives):
 * `tfs[i]` occurrences of `terms[i]`, whose positions (modulo 256, at most `CAPPED_TF`) follow one
 * another in `positions` (a scratch buffer: read it before the next call).
 */
export function groupTermPositions(terms: string[], at: number[]): { terms: string[]; tfs: number[]; positions: Uint8Array } {
  const slot = new Map<string, number>();
  const distinct: string[] = [];
  const tfs: number[] = [];
  if (slots.length < terms.length) slots = new Int32Array(Math.max(terms.length, 2 * slots.length));
  for (let i = 0; i < terms.length; i++) {
    let s = slot.get(terms[i]);
    if (s === undefined) {
      s = distinct.length;
      slot.set(terms[i], s);
      distinct.push(terms[i]);
      tfs.push(0);
    }
    tfs[s] += 1;
    slots[i] = s;
  }
  if (next.length < distinct.length + 1) next = new Int32Array(Math.max(distinct.length + 1, 2 * next.length));
  let total = 0;
  for (let s = 0; s < distinct.length; s++) {
    next[s] = total;
    total += Math.min(tfs[s], CAPPED_TF);
    ends[s] = total;
  }
  if (grouped.length < total) grouped = new Uint8Array(Math.max(total, 2 * grouped.length));
  for (let i = 0; i < terms.length; i++) {
    const s = slots[i];
    if (next[s] < ends[s]) grouped[next[s]++] = at[i] & 0xff;
  }
  return { terms: distinct, tfs, positions: grouped };
}

/** Scratch of `groupTermPositions` (indexing is synchronous; its result is read before the next call). */
let slots = new Int32Array(256);
let next = new Int32Array(256);
const ends: number[] = [];
let grouped = new Uint8Array(1024);
