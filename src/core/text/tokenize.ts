import { foldWordPart } from './fold-word';
import {
  APOSTROPHE,
  asciiWordPartEnd,
  hasNonAscii,
  isAsciiWordCode,
  isHyphen,
  isSoftSeparator,
  RIGHT_QUOTE,
  wordCharLength,
} from './word-chars';

/**
 * The one tokenizer of Lectern's text pipeline, used by search (index and queries) and by topics
 * and related papers:
 *
 *   text → words (runs of letters, digits and marks; `pre-training` is one word of two parts)
 *        → parts, folded by `foldWord` → terms (search: stop words and `foldPlural`; topics: a lexicon).
 *
 * Offsets always point into the original string, for highlighting and surface forms.
 */

/** How `scanWordParts` reads a text. The defaults are search's; topics pass `TOPIC_TOKENS`. */
export interface TokenizeOptions {
  /**
   * Whether an apostrophe between two word characters stays inside the part (`model's` is one
   * part, folded to `model`) rather than separating two words (`model`, `s`).
   * Default `true`. Example: `{ apostrophesInside: false }` for topic phrases.
   */
  apostrophesInside?: boolean;
  /**
   * Whether `$…$` math (closed within 400 characters) and `\commands` are skipped as non-words
   * that break phrases, as abstracts carry LaTeX that names no topic. Default `false` (search
   * indexes `\alpha` as `alpha`). Example: `{ skipMarkup: true }`.
   */
  skipMarkup?: boolean;
}

/** Topic and related-papers tokens: apostrophes separate words, LaTeX markup is skipped. */
export const TOPIC_TOKENS: Readonly<TokenizeOptions> = { apostrophesInside: false, skipMarkup: true };

/**
 * Called once per word: the start/end offsets of its `count` parts (reused arrays: copy what you
 * keep), whether the word holds non-ASCII characters, and whether punctuation other than spaces,
 * hyphens and apostrophes (or skipped markup, or the start of the text) precedes it.
 */
export type WordVisitor = (starts: number[], ends: number[], count: number, nonAscii: boolean, hardBreak: boolean) => void;

/** Calls `visit` for every word of `text` (see `WordVisitor`). */
export function scanWordParts(text: string, visit: WordVisitor, options: Readonly<TokenizeOptions> = {}): void {
  const apostrophes = options.apostrophesInside ?? true;
  const markup = options.skipMarkup ?? false;
  if (hasNonAscii(text)) scanUnicodeWordParts(text, visit, apostrophes, markup);
  else scanAsciiWordParts(text, visit, apostrophes, markup);
}

function scanUnicodeWordParts(text: string, visit: WordVisitor, apostrophes: boolean, markup: boolean): void {
  const starts: number[] = [];
  const ends: number[] = [];
  const n = text.length;
  let i = 0;
  let hard = true;
  while (i < n) {
    let len = wordCharLength(text, i);
    if (len === 0) {
      const code = text.charCodeAt(i);
      const after = markup ? markupEnd(text, code, i) : i;
      if (after > i) hard = true;
      else if (!isSoftSeparator(code)) hard = true;
      i = Math.max(after, i + 1);
      continue;
    }
    let count = 0;
    let nonAscii = false;
    // One part: word characters, with apostrophes allowed between two of them.
    for (;;) {
      const partStart = i;
      for (;;) {
        if (text.charCodeAt(i) >= 128) nonAscii = true;
        i += len;
        if (i >= n) break;
        len = wordCharLength(text, i);
        if (len > 0) continue;
        const code = text.charCodeAt(i);
        if (apostrophes && (code === APOSTROPHE || code === RIGHT_QUOTE) && i + 1 < n && (len = wordCharLength(text, i + 1)) > 0) {
          nonAscii ||= code === RIGHT_QUOTE;
          i += 1;
          continue;
        }
        break;
      }
      starts[count] = partStart;
      ends[count] = i;
      count += 1;
      // A hyphen between two word characters continues the word with another part.
      if (i + 1 < n && isHyphen(text.charCodeAt(i)) && (len = wordCharLength(text, i + 1)) > 0) {
        nonAscii ||= text.charCodeAt(i) >= 128;
        i += 1;
        continue;
      }
      break;
    }
    visit(starts, ends, count, nonAscii, hard);
    hard = false;
  }
}

/** `scanUnicodeWordParts` for ASCII text: the same words, found with a table lookup per character. */
function scanAsciiWordParts(text: string, visit: WordVisitor, apostrophes: boolean, markup: boolean): void {
  const starts: number[] = [];
  const ends: number[] = [];
  const n = text.length;
  let i = 0;
  let hard = true;
  while (i < n) {
    const first = text.charCodeAt(i);
    if (!isAsciiWordCode(first)) {
      const after = markup ? markupEnd(text, first, i) : i;
      if (after > i) hard = true;
      else if (!isSoftSeparator(first)) hard = true;
      i = Math.max(after, i + 1);
      continue;
    }
    let count = 0;
    for (;;) {
      const partStart = i;
      i = asciiWordPartEnd(text, i, apostrophes);
      starts[count] = partStart;
      ends[count] = i;
      count += 1;
      if (i + 1 < n && text.charCodeAt(i) === 0x2d && isAsciiWordCode(text.charCodeAt(i + 1))) {
        i += 1;
        continue;
      }
      break;
    }
    visit(starts, ends, count, false, hard);
    hard = false;
  }
}

/**
 * Where scanning resumes after `$…$` math (closed within 400 characters) or a `\command`
 * starting at `i` (whose code is `code`); `i` itself when no markup starts there.
 */
function markupEnd(text: string, code: number, i: number): number {
  if (code === 36 /* $ */) {
    const close = text.indexOf('$', i + 1);
    return close > i && close - i < 400 ? close + 1 : i;
  }
  if (code === 92 /* \ */) {
    let j = i + 1;
    for (let len = wordCharLength(text, j); j < text.length && len > 0; len = wordCharLength(text, j)) j += len;
    return j;
  }
  return i;
}

/**
 * Calls `emit` for each token of `text` read with `TOPIC_TOKENS`: every word part on its own
 * (`vision-language` gives `vision`, then `language` with no break), with `hardBreak` as in
 * `WordVisitor` (never between the parts of one word).
 */
export function scanTokens(text: string, emit: (start: number, end: number, hardBreak: boolean) => void): void {
  scanWordParts(
    text,
    (starts, ends, count, _nonAscii, hardBreak) => {
      for (let p = 0; p < count; p += 1) emit(starts[p], ends[p], p === 0 && hardBreak);
    },
    TOPIC_TOKENS,
  );
}

/** One part of a word, with its folded (lower-case, unstemmed) form. */
export interface WordPart {
  /** Offset of the part's first character in the text. */
  start: number;
  /** Offset just after the part's last character. */
  end: number;
  /** `foldWord` of the part, e.g. `schrodinger` for `Schrödinger's`. */
  folded: string;
}

/** A word of a text: one part, or several joined by hyphens (`pre-training`). */
export interface TextWord {
  /** Offset of the word's first character. */
  start: number;
  /** Offset just after its last character. */
  end: number;
  /** Its parts, in order. */
  parts: WordPart[];
}

/** The words of `text` with offsets and folded parts, read with search's defaults. */
export function scanWords(text: string): TextWord[] {
  const words: TextWord[] = [];
  scanWordParts(text, (starts, ends, count, nonAscii) => {
    const parts: WordPart[] = [];
    for (let p = 0; p < count; p++) {
      parts.push({ start: starts[p], end: ends[p], folded: foldWordPart(text.slice(starts[p], ends[p]), nonAscii) });
    }
    words.push({ start: starts[0], end: ends[count - 1], parts });
  });
  return words;
}
