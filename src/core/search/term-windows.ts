import { surfacePrefix } from '../text/fold-plural';
import { hasNonAscii, isAsciiWordCode, isHyphen, RIGHT_QUOTE, wordCharLength } from '../text/word-chars';

/** More places than this in one text: tokenizing it whole costs about as much as its windows. */
const MAX_PLACES = 96;

// eslint-disable-next-line no-control-regex -- the whole ASCII range, NUL included, is ASCII
const NON_ASCII_CHARS = /[^\u0000-\u007f]/g;

/**
 * The windows of a text (runs of characters cut at whitespace, which no word spans, so a window's
 * words are the text's words there) that hold every word that may stand for one of a set of index
 * terms: highlighting then folds the words of a few windows instead of every word of an abstract.
 *
 * A word part folds to a term only if its surface starts with the term's `surfacePrefix` in any
 * case (`studies` for `study`), unless folding changes more than case: apostrophes (`don't` →
 * `dont`), non-ASCII characters (`Schrödinger`), or a hyphenated word's compound (`pre-training`
 * → `pretraining`). So the places are: the prefixes found where a part may start, every apostrophe
 * and hyphen, and every non-ASCII word character. Windows around them are a superset of the words
 * that can match; the caller folds them exactly as a whole-text scan would.
 */
export class TermWindows {
  /** Case-insensitive finder of any term's surface prefix; undefined when some term has none (irregular plurals). */
  private readonly finder: RegExp | undefined;
  /** The prefixes' first letters (char codes), by `letterKey`: one for a prefix of one letter, two otherwise. */
  private readonly leadingLetters = new Set<number>();

  constructor(terms: Iterable<string>) {
    const prefixes = new Set<string>();
    let complete = true;
    for (const term of terms) {
      const prefix = surfacePrefix(term);
      if (prefix === undefined) complete = false;
      else prefixes.add(prefix);
    }
    for (const prefix of prefixes) this.leadingLetters.add(letterKey(prefix.charCodeAt(0), prefix.length > 1 ? prefix.charCodeAt(1) : -1));
    const escaped = [...prefixes].map((prefix) => prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
    this.finder = complete && escaped.length > 0 ? new RegExp(escaped.join('|'), 'gi') : undefined;
  }

  /**
   * `[start, end)` windows of `text`, ascending and disjoint, holding every word that may fold to
   * one of the terms; undefined when the caller should read the whole text instead (a term
   * without a surface prefix, or places so many that windows would save nothing).
   */
  windows(text: string): Array<[number, number]> | undefined {
    const finder = this.finder;
    if (!finder) return undefined;
    const places: number[] = [];
    finder.lastIndex = 0;
    for (let found = finder.exec(text); found; found = finder.exec(text)) {
      // A part never starts right after an ASCII letter or digit.
      const at = found.index;
      if (at === 0 || !isAsciiWordCode(text.charCodeAt(at - 1))) places.push(at);
      if (places.length > MAX_PLACES) return undefined;
    }
    for (let i = text.indexOf('-'); i >= 0; i = text.indexOf('-', i + 1)) if (this.compoundMayMatch(text, i)) places.push(i);
    for (let i = text.indexOf("'"); i >= 0; i = text.indexOf("'", i + 1)) places.push(i);
    if (hasNonAscii(text)) {
      NON_ASCII_CHARS.lastIndex = 0;
      for (let found = NON_ASCII_CHARS.exec(text); found; found = NON_ASCII_CHARS.exec(text)) {
        const at = found.index;
        const code = text.charCodeAt(at);
        if (code === RIGHT_QUOTE || isHyphen(code) || wordCharLength(text, at) > 0) places.push(at);
        if (places.length > MAX_PLACES) return undefined;
      }
    }
    if (places.length > MAX_PLACES) return undefined;
    return windowsAround(text, Int32Array.from(places).sort());
  }

  /**
   * Whether the word holding the ASCII hyphen at `hyphen` may have a compound that folds to a term:
   * its letters joined start with a prefix's first letters. Most hyphenated words of an abstract
   * cannot, and each would otherwise be a window to fold. A word with a non-ASCII character or an
   * apostrophe (folding changes more than case) has a place there anyway, in the same window,
   * so only ASCII letters and digits are compared; when they are too few to tell, the place stays.
   */
  private compoundMayMatch(text: string, hyphen: number): boolean {
    // Back to the word's start: over letters and digits, and hyphens that follow one (as the tokenizer joins parts).
    let start = hyphen;
    while (start > 0) {
      const code = text.charCodeAt(start - 1);
      if (isAsciiWordCode(code) || (code === HYPHEN && start > 1 && isAsciiWordCode(text.charCodeAt(start - 2)))) start -= 1;
      else break;
    }
    let first = -1;
    for (let i = start; i < text.length; i++) {
      const code = text.charCodeAt(i);
      if (code === HYPHEN) continue;
      if (!isAsciiWordCode(code)) return true;
      const lower = code <= 90 && code >= 65 ? code + 32 : code;
      if (first < 0) {
        first = lower;
        if (this.leadingLetters.has(letterKey(first, -1))) return true;
      } else return this.leadingLetters.has(letterKey(first, lower));
    }
    return true;
  }
}

const HYPHEN = 0x2d;

/** One number for a prefix's first letter and its second (-1 for a prefix of one letter). */
function letterKey(first: number, second: number): number {
  return first * 0x10001 + second + 1;
}

/** The whitespace-cut windows holding `places` (ascending), each once. */
function windowsAround(text: string, places: Int32Array): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let coveredTo = -1;
  for (const place of places) {
    if (place < coveredTo) continue;
    let start = place;
    while (start > 0 && !isWhitespace(text.charCodeAt(start - 1))) start -= 1;
    let end = place + 1;
    while (end < text.length && !isWhitespace(text.charCodeAt(end))) end += 1;
    out.push([start, end]);
    coveredTo = end;
  }
  return out;
}

function isWhitespace(code: number): boolean {
  return code === 32 || code === 9 || code === 10 || code === 13;
}
