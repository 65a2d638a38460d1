/**
 * Character classes of the text pipeline: what a word character is (letters, digits and
 * combining marks of any script), which hyphens join a compound, and which separators keep two
 * words in one phrase. Shared by the tokenizer, search's fast ASCII paths and phrase matching.
 */

/** 1 for ASCII letters and digits, 0 for every other ASCII code. */
const ASCII_WORD = new Uint8Array(128);
for (let c = 0; c < 128; c += 1) {
  ASCII_WORD[c] = (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) ? 1 : 0;
}
const UNICODE_WORD = /^[\p{L}\p{N}\p{M}]$/u;
// eslint-disable-next-line no-control-regex -- the whole ASCII range, NUL included, is ASCII
const NON_ASCII = /[^\u0000-\u007f]/;

/** `'`, allowed inside a word part (`model's`, `don't`). */
export const APOSTROPHE = 0x27;
/** `’`, the typographic apostrophe, treated like `'`. */
export const RIGHT_QUOTE = 0x2019;

/** Whether a UTF-16 code is an ASCII letter or digit (`a`–`z`, `A`–`Z`, `0`–`9`). */
export function isAsciiWordCode(code: number): boolean {
  return code < 128 && ASCII_WORD[code] === 1;
}

/**
 * The end (exclusive) of the ASCII word part that starts at `from` (an ASCII word character):
 * letters and digits, and, with `apostrophes`, an apostrophe between two of them (`model's`,
 * `don't`). The one scanner behind search terms, phrase checks and the topic tokenizer's fast path.
 *
 * @example asciiWordPartEnd("the model's state", 4) // 11
 */
export function asciiWordPartEnd(text: string, from: number, apostrophes = true): number {
  const n = text.length;
  let i = from;
  for (;;) {
    i += 1;
    if (i >= n) return i;
    const code = text.charCodeAt(i);
    if (isAsciiWordCode(code)) continue;
    if (apostrophes && code === APOSTROPHE && i + 1 < n && isAsciiWordCode(text.charCodeAt(i + 1))) continue;
    return i;
  }
}

/** Whether `text` has a non-ASCII character (the slow path of folding and scanning). */
export function hasNonAscii(text: string): boolean {
  return NON_ASCII.test(text);
}

/** Whether a code joins two word parts into a compound: `-`, `‐` (U+2010) or `‑` (U+2011). */
export function isHyphen(code: number): boolean {
  return code === 0x2d || code === 0x2010 || code === 0x2011;
}

/**
 * Length (1, or 2 for a surrogate pair such as `𝑥`) of the word character at `i`, or 0 when the
 * character there is not a letter, digit or combining mark.
 */
export function wordCharLength(text: string, i: number): number {
  const code = text.charCodeAt(i);
  if (code < 128) return ASCII_WORD[code];
  if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
    return UNICODE_WORD.test(text.slice(i, i + 2)) ? 2 : 0;
  }
  return UNICODE_WORD.test(text[i]) ? 1 : 0;
}

/**
 * Separators that keep two words in one phrase — spaces, line breaks, hyphens and apostrophes —
 * as opposed to punctuation (`.`, `,`, `;`, brackets…), which breaks phrases (topics' bigrams).
 */
export function isSoftSeparator(code: number): boolean {
  return (
    code === 32 ||
    code === 45 ||
    code === APOSTROPHE ||
    code === 9 ||
    code === 10 ||
    code === 13 ||
    code === 0x2010 ||
    code === 0x2011 ||
    code === RIGHT_QUOTE ||
    code === 0xa0
  );
}
