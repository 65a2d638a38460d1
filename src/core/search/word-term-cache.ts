import { indexTerms, type TermPositions } from './normalize-term';
import { scanWordParts } from '../text/tokenize';
import { grown } from '../collections/grown-array';

/** Longer words are read afresh each time rather than remembered. */
const LONGEST_CACHED_WORD = 64;

/**
 * Index terms of one field of one document, as term ids in order (duplicates kept), in a reused
 * buffer, with where each stands (`positions[i]` for `ids[i]`, modulo 256, as `TermPositions`).
 */
export interface TermIdRun {
  ids: Int32Array;
  positions: Uint8Array;
  length: number;
  /** The position the next text's first token takes (callers add a gap of one between texts). */
  next: number;
}

/**
 * The term ids of a text's words, remembered by word: indexing reads each word's surface once
 * through `indexTerms` and afterwards finds its terms by hashing the word's characters, so the
 * millions of repeated words of a large library cost neither a string nor a `Map` lookup each.
 *
 * A word (`scanWordParts`: parts joined by hyphens) always yields the same terms whatever text
 * it sits in, and ASCII capitals do not change them (folding lower-cases first), so the key is the
 * word's characters with ASCII letters lower-cased. `termId` is called once per new term, in the
 * order `indexTerms` gives them, so ids are assigned exactly as reading every word afresh would.
 * Ids stay valid while the caller's term numbering only grows (until a compaction renumbers).
 */
export class WordTermCache {
  /** Open addressing: entry number + 1 per slot, 0 for empty. */
  private slots = new Int32Array(1 << 14);
  private entries = 0;
  private hashes = new Int32Array(1024);
  /** Entry e's word, ASCII lower-cased, is `chars[charStart[e] … charStart[e + 1])`. */
  private charStart = new Int32Array(1025);
  private chars = new Uint16Array(16_384);
  /** Entry e's ids are `pool[idStart[e] … idStart[e + 1])`, standing `poolAt[…]` tokens after the word's first. */
  private idStart = new Int32Array(1025);
  private pool = new Int32Array(4096);
  private poolAt = new Uint8Array(4096);
  /** Entry e's token count (its non-empty parts, stop words included): how far it moves the position. */
  private advance = new Uint8Array(1024);
  private text = '';
  private out: TermIdRun = { ids: new Int32Array(0), positions: new Uint8Array(0), length: 0, next: 0 };
  private readonly visit = (starts: number[], ends: number[], count: number): void => this.addWord(starts[0], ends[count - 1]);

  /** `keepStopWords` as in `indexTerms` (author names keep theirs); `termId` numbers a new term. */
  constructor(
    private readonly keepStopWords: boolean,
    private readonly termId: (term: string) => number,
  ) {}

  /**
   * Appends the term ids of `text` to `out` (growing its arrays as needed): `indexTerms(text)`'s
   * terms, as ids, with their positions from `out.next` on (left one past the text's last token).
   */
  appendTermIds(text: string, out: TermIdRun): void {
    if (text.length === 0) return;
    this.text = text;
    this.out = out;
    scanWordParts(text, this.visit);
    this.text = '';
  }

  private addWord(start: number, end: number): void {
    const text = this.text;
    if (end - start > LONGEST_CACHED_WORD) {
      // URLs, hashes, sequences: rarely repeated, so not worth remembering.
      const at: TermPositions = { at: [], next: this.out.next };
      const terms = indexTerms(text.slice(start, end), [], this.keepStopWords, at);
      for (let t = 0; t < terms.length; t++) this.emitOne(this.termId(terms[t]), at.at[t]);
      this.out.next = at.next;
      return;
    }
    let hash = 0x811c9dc5 | 0;
    for (let i = start; i < end; i++) hash = Math.imul(hash ^ lowerAscii(text.charCodeAt(i)), 0x01000193);
    const mask = this.slots.length - 1;
    let slot = hash & mask;
    for (;;) {
      const entry = this.slots[slot] - 1;
      if (entry < 0) break;
      if (this.hashes[entry] === hash && this.isWord(entry, text, start, end)) {
        this.emit(entry);
        return;
      }
      slot = (slot + 1) & mask;
    }
    this.emit(this.remember(text, start, end, hash, slot));
  }

  private emitOne(id: number, position: number): void {
    const out = this.out;
    if (out.length === out.ids.length) {
      out.ids = grown(out.ids, out.length + 1);
      out.positions = grown(out.positions, out.length + 1);
    }
    out.positions[out.length] = position & 0xff;
    out.ids[out.length++] = id;
  }

  /** Appends entry `entry`'s ids and positions to `out`. */
  private emit(entry: number): void {
    const from = this.idStart[entry];
    const to = this.idStart[entry + 1];
    const out = this.out;
    let length = out.length;
    if (length + (to - from) > out.ids.length) {
      out.ids = grown(out.ids, length + (to - from));
      out.positions = grown(out.positions, length + (to - from));
    }
    const { ids, positions } = out;
    const { pool, poolAt } = this;
    const first = out.next;
    for (let p = from; p < to; p++) {
      ids[length] = pool[p];
      positions[length++] = (first + poolAt[p]) & 0xff;
    }
    out.length = length;
    out.next = first + this.advance[entry];
  }

  /** Whether entry `entry` holds `text[start…end)` up to ASCII case. */
  private isWord(entry: number, text: string, start: number, end: number): boolean {
    let at = this.charStart[entry];
    if (this.charStart[entry + 1] - at !== end - start) return false;
    const chars = this.chars;
    for (let i = start; i < end; i++) if (chars[at++] !== lowerAscii(text.charCodeAt(i))) return false;
    return true;
  }

  /** Reads the new word `text[start…end)`'s terms and stores them under a new entry at `slot`. */
  private remember(text: string, start: number, end: number, hash: number, slot: number): number {
    const placed: TermPositions = { at: [], next: 0 };
    const terms = indexTerms(text.slice(start, end), [], this.keepStopWords, placed);
    const entry = this.entries++;
    this.hashes = grown(this.hashes, entry + 1);
    this.advance = grown(this.advance, entry + 1);
    // A cached word has at most 64 characters, so fewer than 256 tokens.
    this.advance[entry] = placed.next;
    this.idStart = grown(this.idStart, entry + 2);
    this.charStart = grown(this.charStart, entry + 2);
    let at = this.charStart[entry];
    this.chars = grown(this.chars, at + end - start);
    for (let i = start; i < end; i++) this.chars[at++] = lowerAscii(text.charCodeAt(i));
    this.charStart[entry + 1] = at;
    const from = this.idStart[entry];
    this.pool = grown(this.pool, from + terms.length);
    this.poolAt = grown(this.poolAt, from + terms.length);
    for (let t = 0; t < terms.length; t++) {
      this.pool[from + t] = this.termId(terms[t]);
      this.poolAt[from + t] = placed.at[t];
    }
    this.idStart[entry + 1] = from + terms.length;
    this.hashes[entry] = hash;
    this.slots[slot] = entry + 1;
    if (this.entries * 2 > this.slots.length) this.rehash();
    return entry;
  }

  private rehash(): void {
    const slots = new Int32Array(this.slots.length * 2);
    const mask = slots.length - 1;
    for (let entry = 0; entry < this.entries; entry++) {
      let slot = this.hashes[entry] & mask;
      while (slots[slot] !== 0) slot = (slot + 1) & mask;
      slots[slot] = entry + 1;
    }
    this.slots = slots;
  }
}

function lowerAscii(code: number): number {
  return code >= 65 && code <= 90 ? code + 32 : code;
}
