/**
 * Phrases checked on word positions (`term-positions.ts`) before any text is read. A phrase
 * matches where consecutive tokens of one text join to its key (`phrase-match.ts`), and the tokens
 * that can join to it are the pieces the key splits into: live index terms, stop words (never
 * indexed outside author names: any token may stand there) and words too long to index. So a
 * document may hold the phrase only if, in some field, its positions chain pieces from the key's
 * start to its end, each term piece standing one position after the previous piece. That is a
 * necessary condition (positions are kept modulo 256, which can only add chains), so documents
 * failing it are rejected without reading their text and the others are confirmed on the text:
 * only about as many texts are read as there are matches.
 */
import { foldPlural } from '../text/fold-plural';
import { STOP_WORDS } from '../text/stop-words';
import { FIELD_COUNT } from './index-fields';
import type { InvertedIndex } from './inverted-index';

/** Token forms of the stop words: such a piece may be any token, since stop words are not indexed. */
const STOP_TOKENS = new Set([...STOP_WORDS].map((word) => foldPlural(word)));
/** Pieces at least this long may be words too long to index (48 folded characters, before plural folding). */
const UNINDEXED_LENGTH = 46;
/** Keys with more term pieces than this are checked on the text alone (each piece costs a lookup per document). */
const MAX_TERM_PIECES = 48;
/** A piece that any token may fill. */
const ANY = -1;

/** The pieces of a key that chain from its start to its end: `from[a]` lists the pieces starting at `a` (end, term id or `ANY`). */
interface KeyPieces {
  length: number;
  from: Array<Array<{ to: number; termId: number }>>;
}

/**
 * A check that rejects documents that cannot hold a phrase of `key` from their word positions;
 * undefined when it would reject none (the key can be made of stop words and long words alone, is
 * too long, or the index holds no positions).
 */
export function phrasePositionCheck(index: InvertedIndex, key: string): ((doc: number) => boolean) | undefined {
  if (!index.hasPositions() || key.length === 0 || key.length > 64) return undefined;
  const pieces = keyPieces(key, (term) => index.liveTermId(term));
  if (!pieces) return undefined;
  const chains = new PositionChains(index, pieces);
  return (doc) => chains.mayHold(doc);
}

/** The pieces of `key` on some chain from start to end; undefined when a chain of `ANY` pieces alone exists or there are too many. */
function keyPieces(key: string, termId: (term: string) => number | undefined): KeyPieces | undefined {
  const L = key.length;
  const all: Array<Array<{ to: number; termId: number }>> = Array.from({ length: L }, () => []);
  for (let a = 0; a < L; a++) {
    for (let b = a + 1; b <= L; b++) {
      const piece = key.slice(a, b);
      if (STOP_TOKENS.has(piece) || piece.length >= UNINDEXED_LENGTH) all[a].push({ to: b, termId: ANY });
      else {
        const id = termId(piece);
        if (id !== undefined) all[a].push({ to: b, termId: id });
      }
    }
  }
  const reached = new Uint8Array(L + 1);
  const reachedByAny = new Uint8Array(L + 1);
  reached[0] = reachedByAny[0] = 1;
  for (let a = 0; a < L; a++) {
    for (const { to, termId: id } of all[a]) {
      if (reached[a]) reached[to] = 1;
      if (reachedByAny[a] && id === ANY) reachedByAny[to] = 1;
    }
  }
  if (reachedByAny[L]) return undefined;
  const ends = new Uint8Array(L + 1);
  ends[L] = 1;
  for (let a = L - 1; a >= 0; a--) for (const { to } of all[a]) if (ends[to]) ends[a] = 1;
  const from = all.map((list, a) => (reached[a] ? list.filter(({ to }) => ends[to]) : []));
  if (from.reduce((n, list) => n + list.filter((piece) => piece.termId !== ANY).length, 0) > MAX_TERM_PIECES) return undefined;
  return { length: L, from };
}

/**
 * The per-document test of `phrasePositionCheck`: for each field, the set of positions a chain can
 * have reached at each key offset (256 bits, as positions are modulo 256), grown piece by piece.
 */
class PositionChains {
  private readonly sets: Uint32Array;
  private readonly found = new Uint8Array(0x10000);

  constructor(
    private readonly index: InvertedIndex,
    private readonly pieces: KeyPieces,
  ) {
    this.sets = new Uint32Array((pieces.length + 1) * 8);
  }

  mayHold(doc: number): boolean {
    for (let f = 0; f < FIELD_COUNT; f++) if (this.index.fieldLengthAt(f, doc) > 0 && this.chainsIn(f, doc)) return true;
    return false;
  }

  /** Whether a chain of pieces runs through field `f` of `doc` from the key's start to its end. */
  private chainsIn(f: number, doc: number): boolean {
    const { sets, found } = this;
    const L = this.pieces.length;
    sets.fill(0);
    sets.fill(0xffffffff, 0, 8);
    for (let a = 0; a < L; a++) {
      if (isEmpty(sets, a)) continue;
      for (const { to, termId } of this.pieces.from[a]) {
        const count = termId === ANY ? -1 : this.index.termPositions(termId, f, doc, found);
        if (count < 0) shiftInto(sets, a, to);
        else {
          for (let i = 0; i < count; i++) {
            const q = found[i];
            if ((sets[a * 8 + (q >> 5)] & (1 << (q & 31))) !== 0) {
              const next = (q + 1) & 0xff;
              sets[to * 8 + (next >> 5)] |= 1 << (next & 31);
            }
          }
        }
        if (to === L && !isEmpty(sets, L)) return true;
      }
    }
    return false;
  }
}

function isEmpty(sets: Uint32Array, at: number): boolean {
  for (let w = at * 8; w < at * 8 + 8; w++) if (sets[w] !== 0) return false;
  return true;
}

/** Adds every position of set `from`, plus one (modulo 256), to set `to`. */
function shiftInto(sets: Uint32Array, from: number, to: number): void {
  const a = from * 8;
  const b = to * 8;
  const carry = sets[a + 7] >>> 31;
  for (let w = 7; w > 0; w--) sets[b + w] |= (sets[a + w] << 1) | (sets[a + w - 1] >>> 31);
  sets[b] |= (sets[a] << 1) | carry;
}
