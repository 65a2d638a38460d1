/**
 * The position check of `phrase-positions.ts` for many candidates at once. Checking candidate by
 * candidate searches every piece's list for every candidate, and a rare phrase's candidates mostly
 * lack most pieces (`"brain decoding"`: ~16 searches a candidate, 85 % finding nothing). Here the
 * chain is grown piece by piece over all candidates together: each piece's holders among the
 * candidates are found in one pass over its list (`PositionCursor.holders`), and the positions
 * reached at each key offset are kept as (candidate, position) codes grouped by candidate, so a
 * piece costs what its holders cost. Same sets as the per-document dynamic programme, so the same
 * candidates pass.
 */
import type { PositionCursor } from './term-positions';

/**
 * A piece's holders among the candidates in one field (`PositionCursor.holders`): undefined for a
 * piece any token may fill (a stop word, a word too long to index), `'none'` when no document holds it there.
 */
export type PieceHolders = { reader: PositionCursor; cands: Int32Array; refs: Int32Array; starts: Int32Array } | 'none' | undefined;

/** A key's pieces in one field: those from key offset `a` are `pieceStart[a]…pieceStart[a + 1]`, ending at `pieceTo[i]`. */
export interface BulkPieces {
  pieceStart: Int32Array;
  pieceTo: Int32Array;
  /**
   * Piece `i`'s holders (asked at most once per piece, only for pieces some chain reaches), among
   * `only` (candidate numbers, ascending) when given, else among all candidates; used before the next piece is asked.
   */
  holders(i: number, only: Int32Array | undefined): PieceHolders;
}

/** Where `positionsAt` writes (a term frequency fits 16 bits). */
const POSITIONS = new Uint8Array(0x10000);

/**
 * Every code reached, `c << 8 | position` (positions are kept modulo 256), appended in runs: each
 * piece's codes are one run, ascending by candidate, and the runs ending at one key offset are
 * merged when that offset is reached (one run, the common case, is used as it is). Kept from call
 * to call, as a chain's codes are many (one per holder's position) and would otherwise be garbage.
 */
let codes = new Int32Array(1 << 14);
/** How much of `codes` is used by the current call. */
let top = 0;

/** `codes` with room for `n` more after `top` (a larger copy when needed: views of the old one stay valid). */
function room(n: number): Int32Array {
  if (top + n > codes.length) {
    const larger = new Int32Array(Math.max(2 * codes.length, top + n));
    larger.set(codes.subarray(0, top));
    codes = larger;
  }
  return codes;
}

/**
 * Sets `held[c]` to 1 for each candidate `c` whose positions in this field chain pieces from the
 * key's start to its end.
 */
export function chainsInBulk(pieces: BulkPieces, held: Uint8Array): void {
  const { pieceStart, pieceTo } = pieces;
  const L = pieceStart.length - 1;
  // Offsets every candidate reaches at any position (from the start through pieces any token fills).
  const anywhere = new Uint8Array(L + 1);
  anywhere[0] = 1;
  // Per offset, the runs of codes reaching it: [from, to) pairs in `codes`.
  const runs: number[][] = Array.from({ length: L + 1 }, () => []);
  top = 0;
  for (let a = 0; a < L; a++) {
    const here = anywhere[a] ? undefined : reachedAt(runs[a]);
    if (here?.length === 0) continue;
    let only: Int32Array | undefined;
    for (let i = pieceStart[a]; i < pieceStart[a + 1]; i++) {
      const to = pieceTo[i];
      if (anywhere[to]) continue;
      if (here && !only) only = candidatesOf(here);
      const holders = pieces.holders(i, only);
      if (holders === 'none') continue;
      if (!holders && !here) {
        anywhere[to] = 1;
        continue;
      }
      const from = top;
      if (!holders) shift(here!);
      else if (here) follow(here, holders);
      else start(holders);
      if (top > from) runs[to].push(from, top);
    }
  }
  if (anywhere[L]) held.fill(1);
  else for (const code of reachedAt(runs[L])) held[code >>> 8] = 1;
}

/** The codes of `runs` as one list grouped by ascending candidate (each run is). */
function reachedAt(runs: number[]): Int32Array {
  if (runs.length === 2) return codes.subarray(runs[0], runs[1]);
  if (runs.length === 0) return codes.subarray(0, 0);
  return mergeRuns(runs);
}

/** Per position, the group `mergeRuns` last saw it in: repeats within a candidate are dropped. */
const seenIn = new Int32Array(256);
let group = 0;

/** Runs grouped by ascending candidate merged into one, appended to `codes`, each candidate's codes once. */
function mergeRuns(runs: number[]): Int32Array {
  const k = runs.length >> 1;
  let total = 0;
  for (let r = 0; r < k; r++) total += runs[2 * r + 1] - runs[2 * r];
  const out = room(total);
  const heads = Int32Array.from({ length: k }, (_, r) => runs[2 * r]);
  const from = top;
  let t = top;
  for (;;) {
    let c = -1;
    for (let r = 0; r < k; r++) {
      if (heads[r] === runs[2 * r + 1]) continue;
      const d = out[heads[r]] >>> 8;
      if (c < 0 || d < c) c = d;
    }
    if (c < 0) break;
    if (++group === 0x7fffffff) {
      seenIn.fill(0);
      group = 1;
    }
    for (let r = 0; r < k; r++) {
      const end = runs[2 * r + 1];
      let h = heads[r];
      for (; h < end && out[h] >>> 8 === c; h++) {
        const code = out[h];
        if (seenIn[code & 0xff] === group) continue;
        seenIn[code & 0xff] = group;
        out[t++] = code;
      }
      heads[r] = h;
    }
  }
  top = t;
  return out.subarray(from, t);
}

/** The distinct candidates of codes grouped by candidate (reused: valid until the next call). */
let candidates = new Int32Array(256);

function candidatesOf(here: Int32Array): Int32Array {
  if (candidates.length < here.length) candidates = new Int32Array(Math.max(here.length, 2 * candidates.length));
  const out = candidates;
  let n = 0;
  for (let i = 0; i < here.length; i++) {
    const c = here[i] >>> 8;
    if (n === 0 || out[n - 1] !== c) out[n++] = c;
  }
  return out.subarray(0, n);
}

/** Every position after each reached one (a piece any token fills). */
function shift(here: Int32Array): void {
  const out = room(here.length);
  let t = top;
  for (let i = 0; i < here.length; i++) out[t++] = (here[i] & ~0xff) | ((here[i] + 1) & 0xff);
  top = t;
}

type Holding = Exclude<PieceHolders, 'none' | undefined>;

/** From the key's start (any position): one past each of the piece's positions, for every holder. */
function start({ reader, cands, refs, starts }: Holding): void {
  for (let j = 0; j < cands.length; j++) {
    const base = cands[j] << 8;
    const n = reader.positionsAt(refs[j], starts[j], POSITIONS);
    const out = room(n < 0 ? 256 : n);
    let t = top;
    if (n < 0) for (let q = 0; q < 256; q++) out[t++] = base | q;
    else for (let k = 0; k < n; k++) out[t++] = base | ((POSITIONS[k] + 1) & 0xff);
    top = t;
  }
}

/** From reached positions: one past each position of the piece that stands where a chain reached. */
function follow(here: Int32Array, { reader, cands, refs, starts }: Holding): void {
  let i = 0;
  for (let j = 0; j < cands.length && i < here.length; j++) {
    const c = cands[j];
    while (i < here.length && here[i] >>> 8 < c) i++;
    const from = i;
    while (i < here.length && here[i] >>> 8 === c) i++;
    if (from === i) continue;
    const n = reader.positionsAt(refs[j], starts[j], POSITIONS);
    const out = room(n < 0 ? i - from : n);
    let t = top;
    if (n < 0) {
      for (let g = from; g < i; g++) out[t++] = (here[g] & ~0xff) | ((here[g] + 1) & 0xff);
    } else {
      for (let k = 0; k < n; k++) {
        const code = (c << 8) | POSITIONS[k];
        for (let g = from; g < i; g++) {
          if (here[g] !== code) continue;
          out[t++] = (c << 8) | ((POSITIONS[k] + 1) & 0xff);
          break;
        }
      }
    }
    top = t;
  }
}

/**
 * `docs` in ascending order, as a copy: merged when they come as a few ascending runs (candidates
 * gathered list by list do), else sorted.
 */
export function ascendingCopy(docs: Int32Array): Int32Array {
  let bounds = [0];
  for (let i = 1; i < docs.length; i++) {
    if (docs[i] >= docs[i - 1]) continue;
    if (bounds.length === MERGED_RUNS) return docs.slice().sort();
    bounds.push(i);
  }
  bounds.push(docs.length);
  let from = docs.slice();
  if (bounds.length === 2) return from;
  let to = new Int32Array(docs.length);
  while (bounds.length > 2) {
    const next = [0];
    for (let r = 0; r + 1 < bounds.length; r += 2) {
      const hi = bounds[Math.min(r + 2, bounds.length - 1)];
      mergeTwo(from, bounds[r], bounds[r + 1], hi, to);
      next.push(hi);
    }
    [from, to] = [to, from];
    bounds = next;
  }
  return from;
}

/** Beyond this many ascending runs, `ascendingCopy` sorts instead of merging. */
const MERGED_RUNS = 16;

/** `from[lo…mid)` and `from[mid…hi)`, each ascending, merged into `to[lo…hi)`. */
function mergeTwo(from: Int32Array, lo: number, mid: number, hi: number, to: Int32Array): void {
  let i = lo;
  let j = mid;
  let t = lo;
  while (i < mid && j < hi) to[t++] = from[j] < from[i] ? from[j++] : from[i++];
  while (i < mid) to[t++] = from[i++];
  while (j < hi) to[t++] = from[j++];
}
