import { IntPairMap } from '../collections/int-pair-map';
import { normalizeToken } from '../text/normalize-token';
import { BROAD_STOP_WORDS } from '../text/stop-words';
import { scanTokens, scanWordParts, TOPIC_TOKENS } from '../text/tokenize';
import { isGenericWord } from './generic-words';
import { TermKeys } from './term-keys';
import type { WordStream } from './word-stream';

const FLAG_STOP = 1;
const FLAG_GENERIC = 2;
const FLAG_NUMERIC = 4;
/** Flags that keep a word out of terms (it still counts in taxonomy phrases). */
export const NOT_A_TERM = FLAG_STOP | FLAG_GENERIC | FLAG_NUMERIC;
/** The flag of words too generic to be terms alone that may still open a fixed phrase ("natural language processing"). */
export const GENERIC_WORD = FLAG_GENERIC;

/**
 * Interned words and bigrams (two-word phrases) as small integers, so that 100k abstracts can be
 * analysed in a few seconds. Words are keyed by their stem (`normalizeToken`: "Networks" →
 * "network", "LVLMs" → "lvlm"); what users see is always a surface form taken back from the text.
 * Word ids and bigram ids share one id space so that a document vector can hold both;
 * `first[id]` is -1 for a word and the first word's id for a bigram.
 */
export class Lexicon {
  private readonly wordIds = new Map<string, number>();
  private readonly surfaceIds = new Map<string, number>();
  private readonly bigramIds = new IntPairMap();
  /** Stem of each word id (empty for bigrams). */
  readonly stems: string[] = [];
  /** For bigrams, the first word id; -1 for words. */
  readonly first: number[] = [];
  /** For bigrams, the second word id; -1 for words. */
  readonly second: number[] = [];
  /** Word flags (stop, generic, numeric; see `NOT_A_TERM`), 0 for bigrams. */
  readonly flags: number[] = [];

  /** Number of ids handed out (words and bigrams). */
  get size(): number {
    return this.first.length;
  }

  /** The id of a lower-cased token as it appears in text (cached, so folding runs once per spelling). */
  tokenId(lower: string): number {
    const cached = this.surfaceIds.get(lower);
    if (cached !== undefined) return cached;
    const id = this.wordId(normalizeToken(lower));
    this.surfaceIds.set(lower, id);
    return id;
  }

  /** The id of a token as it appears in text (any case), or -1 when the lexicon has not seen its stem. */
  findToken(raw: string): number {
    return this.findWord(normalizeToken(raw));
  }

  // Open-addressing table from lower-cased ASCII spellings to word ids: looking a word up hashes
  // it in place and compares characters in place, so no string is sliced per known word.
  private slots = new Int32Array(1 << 14).fill(-1);
  private readonly spellings: string[] = [];
  private readonly spellingHashes: number[] = [];
  private readonly spellingWords: number[] = [];

  /** Appends the tokens of `text` (read with `TOPIC_TOKENS`) to `stream`. */
  appendWords(text: string, stream: WordStream): void {
    scanWordParts(
      text,
      (starts, ends, count, nonAscii, hardBreak) => {
        for (let p = 0; p < count; p += 1) {
          const id = nonAscii ? this.tokenId(text.slice(starts[p], ends[p]).toLowerCase()) : this.asciiWordId(text, starts[p], ends[p]);
          stream.push(id, p === 0 && hardBreak);
        }
      },
      TOPIC_TOKENS,
    );
  }

  /**
   * The word ids of a short phrase (a taxonomy term, a keyword). Kept apart from `appendWords`,
   * whose machine code V8 should shape on whole abstracts, not on hundreds of two-word phrases.
   */
  phraseIds(phrase: string): number[] {
    const ids: number[] = [];
    scanTokens(phrase, (start, end) => ids.push(this.tokenId(phrase.slice(start, end).toLowerCase())));
    return ids;
  }

  /**
   * `findToken` of the tokens of `text` (read with `TOPIC_TOKENS`), each passed to `visit` with its offsets and
   * whether punctuation precedes it. A spelling already read by `appendWords` is looked up in place, not sliced
   * and folded again: the same id, since the lexicon folds a spelling to one stem whatever its case.
   */
  findTokens(text: string, visit: (id: number, start: number, end: number, hardBreak: boolean) => void): void {
    scanWordParts(
      text,
      (starts, ends, count, nonAscii, hardBreak) => {
        for (let p = 0; p < count; p += 1) {
          const known = nonAscii ? -1 : this.knownAsciiSpelling(text, starts[p], ends[p]);
          const id = known >= 0 ? known : this.findToken(text.slice(starts[p], ends[p]));
          visit(id, starts[p], ends[p], p === 0 && hardBreak);
        }
      },
      TOPIC_TOKENS,
    );
  }

  /** The word id of an ASCII spelling `appendWords` has read (any case), or -1. */
  private knownAsciiSpelling(text: string, start: number, end: number): number {
    const hash = asciiSpellingHash(text, start, end);
    const mask = this.slots.length - 1;
    const length = end - start;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const k = this.slots[slot];
      if (k < 0) return -1;
      if (this.spellingHashes[k] === hash) {
        const spelling = this.spellings[k];
        if (spelling.length === length && sameLowerAscii(spelling, text, start)) return this.spellingWords[k];
      }
    }
  }

  private asciiWordId(text: string, start: number, end: number): number {
    const hash = asciiSpellingHash(text, start, end);
    const mask = this.slots.length - 1;
    let slot = hash & mask;
    const length = end - start;
    for (;;) {
      const k = this.slots[slot];
      if (k < 0) break;
      if (this.spellingHashes[k] === hash) {
        const spelling = this.spellings[k];
        if (spelling.length === length && sameLowerAscii(spelling, text, start)) return this.spellingWords[k];
      }
      slot = (slot + 1) & mask;
    }
    const lower = text.slice(start, end).toLowerCase();
    const id = this.tokenId(lower);
    const k = this.spellings.length;
    this.spellings.push(lower);
    this.spellingHashes.push(hash);
    this.spellingWords.push(id);
    this.slots[slot] = k;
    if (this.spellings.length * 2 > this.slots.length) this.growSlots();
    return id;
  }

  private growSlots(): void {
    this.slots = new Int32Array(this.slots.length * 2).fill(-1);
    const mask = this.slots.length - 1;
    for (let j = 0; j < this.spellings.length; j += 1) {
      let s = this.spellingHashes[j] & mask;
      while (this.slots[s] >= 0) s = (s + 1) & mask;
      this.slots[s] = j;
    }
  }

  private termSlots?: TermSlots;
  private keyCache?: TermKeys;

  /** Terms' text order and hashes, kept for the lexicon's life (see `TermKeys`). */
  termKeys(): TermKeys {
    return (this.keyCache ??= new TermKeys((term) => this.key(term)));
  }

  /** Shared scratch space for per-document counting (single-threaded use only). */
  scratchSlots(): TermSlots {
    return (this.termSlots ??= new TermSlots());
  }

  /** The id of a stem, interning it. */
  wordId(stem: string): number {
    let id = this.wordIds.get(stem);
    if (id === undefined) {
      id = this.first.length;
      this.wordIds.set(stem, id);
      this.stems.push(stem);
      this.first.push(-1);
      this.second.push(-1);
      this.flags.push(wordFlags(stem));
    }
    return id;
  }

  /** The id of a known stem, or -1. */
  findWord(stem: string): number {
    return this.wordIds.get(stem) ?? -1;
  }

  /** The id of the bigram of two word ids, interning it. */
  bigramId(a: number, b: number): number {
    let id = this.bigramIds.get(a, b);
    if (id < 0) {
      id = this.first.length;
      this.bigramIds.set(a, b, id);
      this.stems.push('');
      this.first.push(a);
      this.second.push(b);
      this.flags.push(0);
    }
    return id;
  }

  /** The id of a known bigram, or -1. */
  findBigram(a: number, b: number): number {
    return this.bigramIds.get(a, b);
  }

  /** Whether an id is a bigram rather than a word. */
  isBigram(id: number): boolean {
    return this.first[id] >= 0;
  }

  /** A readable stem form (`"vision language"`), for debugging and tie-breaking only. */
  key(id: number): string {
    return this.first[id] >= 0 ? `${this.stems[this.first[id]]} ${this.stems[this.second[id]]}` : this.stems[id];
  }
}

function wordFlags(stem: string): number {
  let flags = 0;
  if (BROAD_STOP_WORDS.has(stem)) flags |= FLAG_STOP;
  if (isGenericWord(stem)) flags |= FLAG_GENERIC;
  if (/^[\d.,]+$/.test(stem) || stem.length < 2) flags |= FLAG_NUMERIC;
  return flags;
}

/** FNV-1a of an ASCII spelling in lower case, read in place. */
function asciiSpellingHash(text: string, start: number, end: number): number {
  let hash = 0x811c9dc5 | 0;
  for (let j = start; j < end; j += 1) {
    let c = text.charCodeAt(j);
    if (c <= 90 && c >= 65) c += 32;
    hash = Math.imul(hash ^ c, 16777619);
  }
  return hash;
}

function sameLowerAscii(lower: string, text: string, start: number): boolean {
  for (let j = 0; j < lower.length; j += 1) {
    let c = text.charCodeAt(start + j);
    if (c <= 90 && c >= 65) c += 32;
    if (c !== lower.charCodeAt(j)) return false;
  }
  return true;
}

/** A dense term id → small integer map that is all -1 between uses (scratch for `termCounts`). */
export class TermSlots {
  private values = new Int32Array(1 << 16).fill(-1);

  /** The value of `id`, -1 when unset. */
  get(id: number): number {
    return id < this.values.length ? this.values[id] : -1;
  }

  /** Sets the value of `id`, growing the table as needed; set -1 again when done. */
  set(id: number, value: number): void {
    if (id >= this.values.length) {
      const grown = new Int32Array(Math.max(this.values.length * 2, id + 1)).fill(-1);
      grown.set(this.values);
      this.values = grown;
    }
    this.values[id] = value;
  }
}
