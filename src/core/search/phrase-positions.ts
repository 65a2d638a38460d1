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
import type { TypedWord } from './query-plan';
import type { PositionCursor } from './term-positions';
import { ascendingCopy, chainsInBulk, type PieceHolders } from './position-chains-bulk';

/** Token forms of the stop words: such a piece may be any token, since stop words are not indexed. */
const STOP_TOKENS = new Set([...STOP_WORDS].map((word) => foldPlural(word)));
/** Pieces at least this long may be words too long to index (48 folded characters, before plural folding). */
const UNINDEXED_LENGTH = 46;
/**
 * Keys with more term pieces than this (besides a word being typed's completions) are checked on the text alone
 * (each piece costs a lookup per document).
 */
const MAX_TERM_PIECES = 48;
/** Positions of one term in one field (a term frequency fits 16 bits); allocated once, not per phrase query. */
const FOUND_POSITIONS = new Uint8Array(0x10000);
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
export function phrasePositionCheck(index: InvertedIndex, key: string, typed?: TypedWord): PositionCheck | undefined {
  if (!index.hasPositions() || key.length === 0 || key.length > 64) return undefined;
  const pieces = keyPieces(key, (term) => index.liveTermId(term), typed && completionPieces(key, typed, index));
  if (!pieces) return undefined;
  const chains = new PositionChains(index, pieces);
  return Object.assign((doc: number) => chains.mayHold(doc), { many: (docs: Int32Array) => chains.mayHoldAll(docs) });
}

/**
 * Whether a document may hold a phrase; `many(docs)` answers for many documents at once (1: may
 * hold, by index in `docs`), reading each piece's posting list once instead of searching it for
 * every document (a rare phrase's candidates are mostly rejected by pieces they do not hold).
 */
export type PositionCheck = ((doc: number) => boolean) & { many(docs: Int32Array): Uint8Array };

/** Document → index among the candidates plus one, for `mayHoldAll`; zero between uses. */
let candidateOf = new Int32Array(0);

/** The stop words (as phrase tokens) that complete `typed`: a phrase holds them though the index does not. */
export function stopTokensStarting(typed: string): string[] {
  return [...STOP_TOKENS].filter((token) => token.length > typed.length && token.startsWith(typed));
}

/**
 * The pieces that complete a phrase's word being typed, from where it starts to the key's end: its words' term ids,
 * or `ANY` when they are not known (`TypedWord.words`).
 */
function completionPieces(key: string, typed: TypedWord, index: InvertedIndex): { from: number; termIds: number[] } {
  if (!typed.words) return { from: typed.from, termIds: [ANY] };
  const rest = key.slice(typed.from);
  const termIds: number[] = [];
  for (const word of typed.words) {
    if (word.length <= rest.length || !word.startsWith(rest)) continue;
    // As in `keyPieces`: a stop word (an index term in author names only) or a long word may stand anywhere.
    if (STOP_TOKENS.has(word) || word.length >= UNINDEXED_LENGTH) return { from: typed.from, termIds: [ANY] };
    const id = index.liveTermId(word);
    if (id !== undefined) termIds.push(id);
  }
  return { from: typed.from, termIds };
}

/**
 * The pieces of `key` on some chain from start to end; undefined when a chain of `ANY` pieces alone exists or there
 * are too many. `completions`: for a phrase being typed, the pieces from where its word being typed starts to the
 * key's end that complete that word (`completionPieces`).
 */
function keyPieces(
  key: string,
  termId: (term: string) => number | undefined,
  completions?: { from: number; termIds: number[] },
): KeyPieces | undefined {
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
    if (a === completions?.from) for (const id of completions.termIds) all[a].push({ to: L, termId: id });
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
  const termPieces = from.reduce((n, list) => n + list.filter((piece) => piece.termId !== ANY).length, 0);
  if (termPieces > MAX_TERM_PIECES + (completions?.termIds.length ?? 0)) return undefined;
  return { length: L, from };
}

/**
 * The per-document test of `phrasePositionCheck`: for each field, the positions a chain can have
 * reached at each key offset (a short list, or every position at the start), grown piece by piece.
 */
class PositionChains {
  /** `reached[a][0…counts[a])`: positions (modulo 256) where a chain reaching key offset `a` stands; `counts[a]` -1: any. */
  private readonly reached: Uint8Array[];
  private readonly counts: Int32Array;
  /** Where `termPositions` writes a term's positions: shared, as each call overwrites what it reads. */
  private readonly found = FOUND_POSITIONS;
  /** Term pieces as parallel arrays, by start offset: `pieceStart[a]…pieceStart[a + 1]`. */
  private readonly pieceStart: Int32Array;
  private readonly pieceTo: Int32Array;
  /** Per term piece × field (`i * FIELD_COUNT + f`), the reader of its positions; undefined for `ANY` pieces. */
  private readonly readers: Array<PositionCursor | undefined>;
  /** Fields where pieces held by some document can chain from the key's start to its end (the others never can). */
  private readonly fields: number[];

  constructor(
    private readonly index: InvertedIndex,
    pieces: KeyPieces,
  ) {
    const L = pieces.length;
    this.reached = Array.from({ length: L + 1 }, () => new Uint8Array(256));
    this.counts = new Int32Array(L + 1);
    const flat = pieces.from.flatMap((list, a) => list.map((piece) => ({ a, ...piece })));
    this.pieceStart = new Int32Array(L + 1);
    for (const { a } of flat) this.pieceStart[a + 1] += 1;
    for (let a = 0; a < L; a++) this.pieceStart[a + 1] += this.pieceStart[a];
    this.pieceTo = Int32Array.from(flat, (piece) => piece.to);
    this.readers = flat.flatMap(({ termId }) =>
      Array.from({ length: FIELD_COUNT }, (_, f) => (termId === ANY ? undefined : index.positionCursor(termId, f))),
    );
    this.fields = Array.from({ length: FIELD_COUNT }, (_, f) => f).filter((f) => this.chainsInField(f));
  }

  mayHold(doc: number): boolean {
    for (const f of this.fields) if (this.index.fieldLengthAt(f, doc) > 0 && this.chainsIn(f, doc)) return true;
    return false;
  }

  /** `mayHold` of each of `docs` (1: may hold), each piece's list read once for all of them (`chainsInBulk`). */
  mayHoldAll(docs: Int32Array): Uint8Array {
    const sorted = ascendingCopy(docs);
    if (candidateOf.length < this.index.docCount) candidateOf = new Int32Array(this.index.docCount);
    const candOf = candidateOf;
    for (let c = 0; c < sorted.length; c++) candOf[sorted[c]] = c + 1;
    try {
      const held = new Uint8Array(sorted.length);
      const { pieceStart, pieceTo, readers } = this;
      for (const f of this.fields) {
        const holders = (i: number, only: Int32Array | undefined): PieceHolders => {
          const reader = readers[i * FIELD_COUNT + f];
          if (!reader) return undefined;
          return reader.empty ? 'none' : { reader, ...reader.holders(sorted, candOf, only) };
        };
        chainsInBulk({ pieceStart, pieceTo, holders }, held);
      }
      const out = new Uint8Array(docs.length);
      for (let i = 0; i < docs.length; i++) out[i] = held[candOf[docs[i]] - 1];
      return out;
    } finally {
      for (let c = 0; c < sorted.length; c++) candOf[sorted[c]] = 0;
    }
  }

  /** Whether the pieces some document holds in field `f` (and `ANY` pieces) join the key's start to its end. */
  private chainsInField(f: number): boolean {
    const { pieceStart, pieceTo, readers } = this;
    const L = pieceStart.length - 1;
    const reached = new Uint8Array(L + 1);
    reached[0] = 1;
    for (let a = 0; a < L; a++) {
      if (!reached[a]) continue;
      for (let i = pieceStart[a]; i < pieceStart[a + 1]; i++) if (!readers[i * FIELD_COUNT + f]?.empty) reached[pieceTo[i]] = 1;
    }
    return reached[L] === 1;
  }

  /** Whether a chain of pieces runs through field `f` of `doc` from the key's start to its end. */
  private chainsIn(f: number, doc: number): boolean {
    const { reached, counts, found, pieceStart, pieceTo } = this;
    const L = counts.length - 1;
    counts.fill(0);
    counts[0] = -1;
    for (let a = 0; a < L; a++) {
      const count = counts[a];
      if (count === 0) continue;
      const here = reached[a];
      for (let i = pieceStart[a]; i < pieceStart[a + 1]; i++) {
        const to = pieceTo[i];
        if (counts[to] < 0) continue;
        const reader = this.readers[i * FIELD_COUNT + f];
        if (reader?.empty) continue;
        const n = reader ? reader.positions(doc, found) : -1;
        if (n < 0) {
          if (count < 0) counts[to] = -1;
          else for (let j = 0; j < count; j++) add(reached[to], counts, to, (here[j] + 1) & 0xff);
        } else {
          for (let k = 0; k < n; k++) {
            const q = found[k];
            if (count < 0 || holds(here, count, q)) add(reached[to], counts, to, (q + 1) & 0xff);
          }
        }
        if (to === L && counts[L] !== 0) return true;
      }
    }
    return false;
  }
}

function holds(positions: Uint8Array, count: number, q: number): boolean {
  for (let j = 0; j < count; j++) if (positions[j] === q) return true;
  return false;
}

/** Adds position `q` to the list of offset `to` (once). */
function add(positions: Uint8Array, counts: Int32Array, to: number, q: number): void {
  const count = counts[to];
  if (count < 0 || holds(positions, count, q)) return;
  positions[count] = q;
  counts[to] = count + 1;
}
