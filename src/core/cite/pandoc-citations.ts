/**
 * Pandoc citations in markdown, Quarto and R Markdown, by Pandoc's rules (the manual's
 * "Citation syntax"): `[@key]`, `[see @key, p. 4]`, `[@a; @b]`, `[-@key]` (author suppressed),
 * bare `@key` (author in text) and braced keys `@{https://x.org/a?b}`.
 *
 * - A key starts with a letter, digit or `_`, and holds alphanumerics, `_` and single internal
 *   punctuation `:.#$%&-+?<>~/` (`@Foo_bar.baz.` is `Foo_bar.baz`; `@Foo--bar` is `Foo`); `://`
 *   is allowed, for URL keys.
 * - An `@` right after a letter, digit, `_` or `/` is not a citation (`a@b.com`,
 *   `https://host/@user`), as Pandoc's "not after a word" rule; `\@` is escaped.
 * - Nothing in front matter, fenced code, code spans or HTML comments counts.
 */
import { locateFrontMatter } from '../notes/front-matter-block';
import { hiddenRanges } from '../notes/note-references';

/** One cited key in a markdown text. Offsets are UTF-16 indices into that text. */
export interface PandocCitation {
  /** The key as Pandoc reads it, e.g. `smith2020` (without `@` or braces). */
  key: string;
  /** Offset of the key's first character (after `@`, or after `@{`). */
  start: number;
  /** Offset just after the key. */
  end: number;
  /** Offset of the `@` (or of the `-` of `-@key`). */
  markerStart: number;
  /** Inside a bracketed citation `[…]`: Pandoc's normal citation; else author-in-text. */
  bracketed: boolean;
  /** `-@key` inside brackets: the author is left out. */
  suppressAuthor: boolean;
  /**
   * A Quarto cross-reference (`@fig-plot`, `@tbl-x`, `@sec-intro`, `@eq-…`…), which Quarto
   * resolves to a figure, table or section, not to a reference: never a missing paper.
   */
  crossReference: boolean;
}

const REGULAR = /[\p{L}\p{N}_]/u;
const INTERNAL_PUNCTUATION = ':.#$%&-+?<>~/';
/** Before an `@`, these make it part of a word or a URL. */
const NOT_BEFORE_AT = /[\p{L}\p{N}\p{M}_/]/u;
const QUARTO_CROSSREF = /^(?:fig|tbl|sec|eq|lst|thm|lem|cor|prp|cnj|def|exm|exr|sol|rem|alg)-/;

/** Whether a key is a Quarto cross-reference label rather than a citation key. */
export function isQuartoCrossReference(key: string): boolean {
  return QUARTO_CROSSREF.test(key);
}

/**
 * The key that starts at `at` (after the `@`) by Pandoc's unbraced rule, or undefined.
 *
 * @example
 * ```ts
 * pandocKeyAt('@Foo_bar.baz. more', 1); // → 'Foo_bar.baz'
 * ```
 */
export function pandocKeyAt(text: string, at: number): string | undefined {
  if (at >= text.length || !REGULAR.test(text[at])) return undefined;
  let end = at + 1;
  while (end < text.length) {
    const ch = text[end];
    if (REGULAR.test(ch)) end++;
    else if ((ch === ':' || ch === '/') && text[end + 1] === '/') end++;
    else if (INTERNAL_PUNCTUATION.includes(ch) && end + 1 < text.length && REGULAR.test(text[end + 1])) end++;
    else break;
  }
  // A surrogate pair counts as one letter for \p{L}: keep it whole.
  return text.slice(at, end);
}

function isEscaped(text: string, offset: number): boolean {
  let slashes = 0;
  for (let i = offset - 1; i >= 0 && text[i] === '\\'; i--) slashes++;
  return slashes % 2 === 1;
}

/** Whether an `@` at `at` may start a citation: not escaped, not after a word character. */
export function canStartCitation(text: string, at: number): boolean {
  if (isEscaped(text, at)) return false;
  const before = at > 0 ? text[at - 1] : '';
  return !(before && NOT_BEFORE_AT.test(before));
}

/**
 * Every citation in a markdown text, in order.
 *
 * @example
 * ```ts
 * findPandocCitations('As [-@doe99, p. 4; @smith2000] and @lee.').map((c) => [c.key, c.bracketed]);
 * // → [['doe99', true], ['smith2000', true], ['lee', false]]
 * ```
 */
export function findPandocCitations(text: string): PandocCitation[] {
  const hidden = hiddenRanges(text);
  const front = locateFrontMatter(text);
  if (front.kind === 'closed') hidden.unshift([0, front.bodyOffset]);
  const isHidden = inRanges(mergeRanges(hidden));
  const found: PandocCitation[] = [];
  for (let at = text.indexOf('@'); at !== -1; at = text.indexOf('@', at + 1)) {
    if (!canStartCitation(text, at) || isHidden(at)) continue;
    const citation = citationAt(text, at);
    if (citation) found.push(citation);
  }
  markBracketed(text, found, isHidden);
  return found;
}

/** Sorted ranges, overlapping ones merged. */
function mergeRanges(ranges: Array<[number, number]>): Array<[number, number]> {
  const merged: Array<[number, number]> = [];
  for (const [start, end] of [...ranges].sort((a, b) => a[0] - b[0])) {
    const last = merged[merged.length - 1];
    if (last && start <= last[1]) last[1] = Math.max(last[1], end);
    else merged.push([start, end]);
  }
  return merged;
}

/** Whether an offset is in one of the merged ranges (binary search). */
function inRanges(ranges: Array<[number, number]>): (offset: number) => boolean {
  return (offset) => {
    let low = 0;
    let high = ranges.length - 1;
    while (low <= high) {
      const middle = (low + high) >> 1;
      const [start, end] = ranges[middle];
      if (offset < start) high = middle - 1;
      else if (offset >= end) low = middle + 1;
      else return true;
    }
    return false;
  };
}

function citationAt(text: string, at: number): PandocCitation | undefined {
  let key: string | undefined;
  let start = at + 1;
  if (text[start] === '{') {
    const close = text.indexOf('}', start + 1);
    const newline = text.indexOf('\n', start + 1);
    if (close === -1 || (newline !== -1 && newline < close) || close === start + 1) return undefined;
    start++;
    key = text.slice(start, close);
  } else key = pandocKeyAt(text, start);
  if (!key) return undefined;
  return {
    key,
    start,
    end: start + key.length,
    markerStart: at,
    bracketed: false,
    suppressAuthor: false,
    crossReference: isQuartoCrossReference(key),
  };
}

/**
 * Marks the citations inside a bracketed group `[…]` that is not a link (`[…](url)`, `[…]: url`)
 * nor a wikilink, and the `-@` of suppressed authors. A group stays within one paragraph.
 */
function markBracketed(text: string, citations: PandocCitation[], isHidden: (offset: number) => boolean): void {
  for (const citation of citations) {
    const open = openingBracket(text, citation.markerStart, isHidden);
    if (open === undefined) continue;
    const close = closingBracket(text, citation.end);
    if (close === undefined) continue;
    const after = text[close + 1];
    if (after === '(' || after === ':' || after === ']' || text[open - 1] === '[') continue;
    citation.bracketed = true;
    if (text[citation.markerStart - 1] === '-' && /[[;\s]/.test(text[citation.markerStart - 2] ?? '')) {
      citation.suppressAuthor = true;
      citation.markerStart--;
    }
  }
}

function openingBracket(text: string, from: number, isHidden: (offset: number) => boolean): number | undefined {
  let depth = 0;
  for (let i = from - 1; i >= 0; i--) {
    const ch = text[i];
    if (ch === '\n' && /^\s*$/.test(text.slice(text.lastIndexOf('\n', i - 1) + 1, i))) return undefined; // a blank line
    if (isEscaped(text, i)) continue;
    if (ch === ']') depth++;
    else if (ch === '[') {
      if (depth === 0) return isHidden(i) ? undefined : i;
      depth--;
    }
  }
  return undefined;
}

function closingBracket(text: string, from: number): number | undefined {
  let depth = 0;
  for (let i = from; i < text.length; i++) {
    const ch = text[i];
    if (ch === '\n' && /^[ \t]*(?:\r?\n|$)/.test(text.slice(i + 1, i + 3))) return undefined;
    if (isEscaped(text, i)) continue;
    if (ch === '[') depth++;
    else if (ch === ']') {
      if (depth === 0) return i;
      depth--;
    }
  }
  return undefined;
}

/** What a completion after `@` should search and replace, in one line. */
export interface CitationCompletionContext {
  /** The typed part of the key (may be empty): searched in titles, authors, years and keys. */
  query: string;
  /** Column where the key goes (just after `@` or `{`). */
  replaceStart: number;
  /** Column of the end of the key-like text at the cursor. */
  replaceEnd: number;
}

/**
 * The completion context of a cursor at column `cursor` of a markdown `line`, after a
 * word-starting `@` (also `[@`, `[-@`, `; @`), or undefined.
 *
 * @example
 * ```ts
 * pandocCompletionContext('see [@vasw', 10); // → { query: 'vasw', replaceStart: 6, replaceEnd: 10 }
 * ```
 */
export function pandocCompletionContext(line: string, cursor: number): CitationCompletionContext | undefined {
  const before = line.slice(0, cursor);
  const typed = /@([\p{L}\p{N}_:.#$%&+?<>~/-]*)$/u.exec(before);
  if (!typed || !canStartCitation(before, typed.index)) return undefined;
  const rest = /^[\p{L}\p{N}_:.#$%&+?<>~/-]*/u.exec(line.slice(cursor))![0];
  return { query: typed[1], replaceStart: cursor - typed[1].length, replaceEnd: cursor + rest.length };
}
