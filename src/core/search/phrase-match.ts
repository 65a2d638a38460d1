import type { Paper } from '../model/paper';
import { foldPlural } from '../text/fold-plural';
import { dropApostrophes, foldWordPart } from '../text/fold-word';
import { scanWordParts } from '../text/tokenize';
import { asciiWordPartEnd, hasNonAscii, isAsciiWordCode, isHyphen, RIGHT_QUOTE, wordCharLength } from '../text/word-chars';
import { phraseTokens } from './normalize-term';
import type { PhraseCheck, TypedWord } from './query-plan';

/**
 * Whether any text of a paper holds a phrase. `ascii`: the index's ASCII bits for the paper (title
 * 1, abstract 2, other fields 4): ASCII texts take a fast path that tokenizes only around the
 * phrase's first word.
 */
export function paperHasPhrase(paper: Paper, phrase: PhraseCheck, ascii: number): boolean {
  if (containsPhrase(paper.title, phrase, (ascii & 1) !== 0) || containsPhrase(paper.abstract, phrase, (ascii & 2) !== 0)) return true;
  for (const list of [paper.authors, paper.keywords, paper.categories, paper.topics]) {
    for (const text of list ?? []) if (containsPhrase(text, phrase, (ascii & 4) !== 0)) return true;
  }
  return false;
}

/**
 * Whether consecutive tokens from `tokens[from]` join to exactly `key`, or, for a phrase being typed (`typed`),
 * complete its word being typed in their last token (`completes`).
 */
export function phraseAt(tokens: string[], from: number, key: string, typed?: TypedWord): boolean {
  let joined = tokens[from];
  let j = from;
  while (joined.length < key.length) {
    if (!key.startsWith(joined) || j + 1 >= tokens.length) return false;
    j += 1;
    joined += tokens[j];
  }
  return joined === key || completes(joined, key, tokens[j], typed);
}

/**
 * Whether tokens joined to `joined`, all but the `last` a start of `key`, hold a phrase being typed: the last starts
 * where the word being typed does and completes it (runs past the key's end; one of `typed.words` when known).
 */
function completes(joined: string, key: string, last: string, typed: TypedWord | undefined): boolean {
  return (
    typed !== undefined &&
    joined.length > key.length &&
    joined.length - last.length === typed.from &&
    joined.startsWith(key) &&
    (typed.words?.has(last) ?? true)
  );
}

/**
 * `ascii`: the caller knows `text` is ASCII. A phrase starts at a token whose surface starts with
 * the phrase's `needle` (any case), or in a word of several parts (`state-of-the-art`) or with a
 * non-ASCII character (folding may change it); without a needle, at any token. Only the words around such places are tokenized, so a long
 * abstract costs a scan for the needle, not a tokenization.
 */
function containsPhrase(text: string, phrase: PhraseCheck, ascii: boolean): boolean {
  if (!text || !phrase.key) return false;
  const { key, needle } = phrase;
  const typed = phrase.typed;
  if (needle === undefined) {
    const tokens = phraseTokens(text);
    for (let i = 0; i < tokens.length; i++) if (phraseAt(tokens, i, key, typed)) return true;
    return false;
  }
  if (ascii || !hasNonAscii(text)) return asciiHasPhrase(text, key, needle, typed);
  return windowsHavePhrase(text, key, needle, typed);
}

/** `containsPhrase` for ASCII text: find the needle in any case (no lowercase copy of the text), then read words from there. */
function asciiHasPhrase(text: string, key: string, needle: string, typed: TypedWord | undefined): boolean {
  const finder = needleFinder(needle);
  finder.lastIndex = 0;
  for (let found = finder.exec(text); found; found = finder.exec(text)) {
    const at = found.index;
    finder.lastIndex = at + 1;
    if (at > 0) {
      const before = text.charCodeAt(at - 1);
      if (isAsciiWordCode(before)) continue;
      if (before === 39 && at > 1 && isAsciiWordCode(text.charCodeAt(at - 2))) continue;
    }
    if (asciiPhraseAt(text, at, key, typed)) return true;
  }
  // Every part of a hyphenated word may start a phrase (`"stateoftheart"` in `state-of-the-art`).
  for (let h = text.indexOf('-'); h > 0; h = text.indexOf('-', h + 1)) {
    if (!isAsciiWordCode(text.charCodeAt(h - 1)) || !isAsciiWordCode(text.charCodeAt(h + 1))) continue;
    let start = h - 1;
    while (start > 0 && (isAsciiWordCode(text.charCodeAt(start - 1)) || isInnerApostrophe(text, start - 1))) start -= 1;
    if (asciiPhraseAt(text, start, key, typed) || asciiPhraseAt(text, h + 1, key, typed)) return true;
  }
  return false;
}

/** Whether `text[i]` is an apostrophe between two ASCII word characters (inside a word part). */
function isInnerApostrophe(text: string, i: number): boolean {
  return text.charCodeAt(i) === 39 && i > 0 && isAsciiWordCode(text.charCodeAt(i - 1)) && isAsciiWordCode(text.charCodeAt(i + 1));
}

/**
 * `containsPhrase` for text with non-ASCII characters: the places where the phrase may start (needle
 * hits, non-ASCII characters) are tokenized in windows cut at whitespace, which no word spans, so
 * each window's words are the text's words there.
 */
function windowsHavePhrase(text: string, key: string, needle: string, typed: TypedWord | undefined): boolean {
  const hits = new Set<number>();
  const finder = needleFinder(needle);
  finder.lastIndex = 0;
  for (let found = finder.exec(text); found; found = finder.exec(text)) {
    hits.add(found.index);
    finder.lastIndex = found.index + 1;
  }
  const places = [...hits];
  NON_ASCII_CHARS.lastIndex = 0;
  for (let found = NON_ASCII_CHARS.exec(text); found; found = NON_ASCII_CHARS.exec(text)) {
    // Dashes, quotes and other punctuation join no word unless they are a word's hyphen or apostrophe.
    const at = found.index;
    const code = text.charCodeAt(at);
    if (wordCharLength(text, at) > 0 || code === RIGHT_QUOTE || isHyphen(code)) places.push(at);
  }
  for (let h = text.indexOf('-'); h >= 0; h = text.indexOf('-', h + 1)) places.push(h);
  places.sort((a, b) => a - b);
  let checkedUpTo = -1;
  for (const place of places) {
    if (place < checkedUpTo) continue;
    let start = place;
    while (start > 0 && !isWhitespace(text.charCodeAt(start - 1))) start -= 1;
    let end = whitespaceAfter(text, place + key.length);
    for (;;) {
      const found = windowHasPhrase(text, start, end, key, hits, typed);
      if (found !== 'more') {
        if (found === 'yes') return true;
        break;
      }
      end = whitespaceAfter(text, end + 2 * key.length);
    }
    checkedUpTo = end;
  }
  return false;
}

/** Whether the window's tokens hold the phrase from a possible start; `more` when a possible match runs past a window that does not end the text. */
function windowHasPhrase(
  text: string,
  start: number,
  end: number,
  key: string,
  hits: Set<number>,
  typed: TypedWord | undefined,
): 'yes' | 'no' | 'more' {
  const tokens: string[] = [];
  const startsPhrase: boolean[] = [];
  const window = text.slice(start, end);
  scanWordParts(window, (starts, ends, count, nonAscii) => {
    for (let p = 0; p < count; p++) {
      const folded = foldWordPart(window.slice(starts[p], ends[p]), nonAscii);
      if (!folded) continue;
      tokens.push(foldPlural(folded));
      startsPhrase.push(nonAscii || count > 1 || hits.has(start + starts[p]));
    }
  });
  let result: 'no' | 'more' = 'no';
  for (let i = 0; i < tokens.length; i++) {
    if (!startsPhrase[i]) continue;
    let joined = '';
    let j = i;
    while (j < tokens.length && joined.length < key.length) {
      joined += tokens[j++];
      if (!key.startsWith(joined)) break;
    }
    if (joined === key || completes(joined, key, tokens[j - 1], typed)) return 'yes';
    if (j === tokens.length && key.startsWith(joined) && end < text.length) result = 'more';
  }
  return result;
}

// eslint-disable-next-line no-control-regex -- the whole ASCII range, NUL included, is ASCII
const NON_ASCII_CHARS = /[^\u0000-\u007f]/g;

function isWhitespace(code: number): boolean {
  return code === 32 || code === 9 || code === 10 || code === 13;
}

/** The first whitespace at or after `from` (the text's length when none). */
function whitespaceAfter(text: string, from: number): number {
  let i = Math.min(from, text.length);
  while (i < text.length && !isWhitespace(text.charCodeAt(i))) i += 1;
  return i;
}

/** A case-insensitive finder of `needle`, kept for the needles of recent phrases. */
function needleFinder(needle: string): RegExp {
  let finder = finders.get(needle);
  if (!finder) {
    if (finders.size >= 64) finders.clear();
    finder = new RegExp(needle.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'gi');
    finders.set(needle, finder);
  }
  return finder;
}

const finders = new Map<string, RegExp>();

/** Whether the words of ASCII `text` from `at` (a word start) join, lowercased and stemmed, to `key` (`phraseAt`). */
function asciiPhraseAt(text: string, at: number, key: string, typed: TypedWord | undefined): boolean {
  const n = text.length;
  let i = at;
  let matched = 0;
  while (matched < key.length) {
    while (i < n && !isAsciiWordCode(text.charCodeAt(i))) i += 1;
    if (i >= n) return false;
    const start = i;
    i = asciiWordPartEnd(text, i);
    let token = dropApostrophes(text.slice(start, i).toLowerCase());
    token = foldPlural(token);
    if (!token) continue;
    if (!key.startsWith(token, matched)) return completes(key.slice(0, matched) + token, key, token, typed);
    matched += token.length;
  }
  return true;
}
