import type { Paper } from '../model/paper';
import { foldPlural } from '../text/fold-plural';
import { dropApostrophes } from '../text/fold-word';
import { asciiWordPartEnd, hasNonAscii, isAsciiWordCode } from '../text/word-chars';
import { phraseTokens } from './normalize-term';
import type { PhraseCheck } from './query-plan';

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

/** Whether consecutive tokens from `tokens[from]` join to exactly `key`. */
export function phraseAt(tokens: string[], from: number, key: string): boolean {
  let joined = tokens[from];
  if (!key.startsWith(joined)) return false;
  let j = from;
  while (joined.length < key.length && j + 1 < tokens.length) {
    j += 1;
    joined += tokens[j];
    if (!key.startsWith(joined)) return false;
  }
  return joined === key;
}

/** `ascii`: the caller knows `text` is ASCII. */
function containsPhrase(text: string, phrase: PhraseCheck, ascii: boolean): boolean {
  if (!text || !phrase.key) return false;
  const { key, needle } = phrase;
  if (needle === undefined || (!ascii && hasNonAscii(text))) {
    const tokens = phraseTokens(text);
    for (let i = 0; i < tokens.length; i++) if (phraseAt(tokens, i, key)) return true;
    return false;
  }
  // ASCII text: find the first word's surface form in any case (no lowercase copy of the whole
  // text, the cost of checking thousands of candidates), then tokenize only around it.
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
    if (asciiPhraseAt(text, at, key)) return true;
  }
  return false;
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

/** Whether the words of ASCII `text` from `at` (a word start) join, lowercased and stemmed, to `key`. */
function asciiPhraseAt(text: string, at: number, key: string): boolean {
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
    if (!key.startsWith(token, matched)) return false;
    matched += token.length;
  }
  return true;
}
