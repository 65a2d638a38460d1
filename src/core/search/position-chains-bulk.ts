/**
 * The position check of `phrase-positions.ts` for many candidates at once. Checking candidate by
 * candidate searches every piece's list for every candidate, and a rare phrase's candidates mostly
 * lack most pieces (`"brain decoding"`: ~16 searches a candidate, 85 % finding nothing). Here the
 * chain is grown piece by piece over all candidates together: each piece's holders among the
 * candidates are found in one pass over its list (`PositionCursor.holders`), and the positions
 * reached at each key offset are kept as one sorted list of (candidate, position) codes, so a
 * piece costs what its holders cost. Same sets as the per-document dynamic programme, so the same
 * candidates pass.
 */
import type { PositionCursor } from './term-positions';

/**
 * A piece's holders among the candidates in one field: undefined for a piece any token may fill
 * (a stop word, a word too long to index), `'none'` when no document holds it there.
 */
export type PieceHolders = { reader: PositionCursor; cands: Int32Array; refs: Int32Array } | 'none' | undefined;

/** A key's pieces in one field: those from key offset `a` are `pieceStart[a]…pieceStart[a + 1]`, ending at `pieceTo[i]`. */
export interface BulkPieces {
  pieceStart: Int32Array;
  pieceTo: Int32Array;
  /**
   * Piece `i`'s holders (asked at most once per piece, only for pieces some chain reaches), among
   * `only` (candidate numbers, ascending) when given, else among all candidates.
   */
  holders(i: number, only: Int32Array | undefined): PieceHolders;
}

/** Where `positionsAt` writes (a term frequency fits 16 bits). */
const POSITIONS = new Uint8Array(0x10000);

/**
 * Sets `held[c]` to 1 for each candidate `c` whose positions in this field chain pieces from the
 * key's start to its end. Codes are `c << 8 | position` (positions are kept modulo 256).
 */
export function chainsInBulk(pieces: BulkPieces, held: Uint8Array): void {
  const { pieceStart, pieceTo } = pieces;
  const L = pieceStart.length - 1;
  // Offsets every candidate reaches at any position (from the start through pieces any token fills).
  const anywhere = new Uint8Array(L + 1);
  anywhere[0] = 1;
  const pending: number[][] = Array.from({ length: L + 1 }, () => []);
  for (let a = 0; a < L; a++) {
    const here = anywhere[a] ? undefined : sortedUnique(pending[a]);
    pending[a] = [];
    if (here?.length === 0) continue;
    let only: Int32Array | undefined;
    for (let i = pieceStart[a]; i < pieceStart[a + 1]; i++) {
      const to = pieceTo[i];
      if (anywhere[to]) continue;
      if (here && !only) only = candidatesOf(here);
      const holders = pieces.holders(i, only);
      if (holders === 'none') continue;
      if (!holders) {
        if (here) shift(here, pending[to]);
        else anywhere[to] = 1;
      } else if (here) follow(here, holders, pending[to]);
      else start(holders, pending[to]);
    }
  }
  if (anywhere[L]) held.fill(1);
  else for (const code of pending[L]) held[code >>> 8] = 1;
}

/** A sorted copy of `codes` without repeats. */
function sortedUnique(codes: number[]): Int32Array {
  const sorted = Int32Array.from(codes).sort();
  let n = 0;
  for (let i = 0; i < sorted.length; i++) if (i === 0 || sorted[i] !== sorted[n - 1]) sorted[n++] = sorted[i];
  return sorted.subarray(0, n);
}

/** The distinct candidates of sorted codes. */
function candidatesOf(codes: Int32Array): Int32Array {
  const out = new Int32Array(codes.length);
  let n = 0;
  for (let i = 0; i < codes.length; i++) {
    const c = codes[i] >>> 8;
    if (n === 0 || out[n - 1] !== c) out[n++] = c;
  }
  return out.subarray(0, n);
}

/** Every position after each reached one (a piece any token fills). */
function shift(here: Int32Array, out: number[]): void {
  for (let i = 0; i < here.length; i++) out.push((here[i] & ~0xff) | ((here[i] + 1) & 0xff));
}

/** From the key's start (any position): one past each of the piece's positions, for every holder. */
function start(holders: Exclude<PieceHolders, 'none' | undefined>, out: number[]): void {
  const { reader, cands, refs } = holders;
  for (let j = 0; j < cands.length; j++) {
    const base = cands[j] << 8;
    const n = reader.positionsAt(refs[j], POSITIONS);
    if (n < 0) for (let q = 0; q < 256; q++) out.push(base | q);
    else for (let k = 0; k < n; k++) out.push(base | ((POSITIONS[k] + 1) & 0xff));
  }
}

/** From reached positions: one past each position of the piece that stands where a chain reached. */
function follow(here: Int32Array, holders: Exclude<PieceHolders, 'none' | undefined>, out: number[]): void {
  const { reader, cands, refs } = holders;
  let i = 0;
  for (let j = 0; j < cands.length && i < here.length; j++) {
    const c = cands[j];
    while (i < here.length && here[i] >>> 8 < c) i++;
    const from = i;
    while (i < here.length && here[i] >>> 8 === c) i++;
    if (from === i) continue;
    const n = reader.positionsAt(refs[j], POSITIONS);
    if (n < 0) {
      for (let g = from; g < i; g++) out.push((here[g] & ~0xff) | ((here[g] + 1) & 0xff));
      continue;
    }
    for (let k = 0; k < n; k++) {
      const code = (c << 8) | POSITIONS[k];
      for (let g = from; g < i; g++) {
        if (here[g] !== code) continue;
        out.push((c << 8) | ((POSITIONS[k] + 1) & 0xff));
        break;
      }
    }
  }
}
