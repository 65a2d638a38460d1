/**
 * The search box's little language:
 *
 *   attention sink                free words (all must match; if none does, any may)
 *   "brain decoding"              a phrase, checked on the text
 *   "brain decod                  a phrase still being typed (no closing quote): its last word is a prefix
 *   topic:spiking  topic:"Spiking Neural Networks"   topic name, case-insensitive, by word prefix
 *   author:hinton                 author name, by word prefix
 *   year:2021  year:2020..2023  year:2020..  year:..2019  year:>=2020
 *   tag:ml  status:reading        from the user's notes (see `AnnotationLookup`)
 *   -term  -"a phrase"  -topic:x  negation
 *
 * `foo:bar` with an unknown `foo` is plain text. Parsing never fails: whatever cannot be read
 * as a filter is text.
 */

/** The filters on a text: `topic:` (also `topics:`), `author:` (`authors:`), `tag:` (`tags:`), `status:`. */
export type TextFilterKind = 'topic' | 'author' | 'tag' | 'status';

/**
 * A filter on a paper's topics, authors, or the user's tags or reading status.
 *
 * @example
 * parseQuery('-topic:"Spiking Neural Networks"').filters[0]; // { kind: 'topic', value: 'Spiking Neural Networks', negated: true }
 */
export interface TextFilter {
  kind: TextFilterKind;
  /** The value as typed, quotes removed; matching ignores case and separators. */
  value: string;
  /** Written with a leading `-`: keep the papers that do not match. */
  negated: boolean;
}

/**
 * A filter on the publication year; papers without a year fail it (so they pass its negation).
 *
 * @example
 * parseQuery('year:2020..').filters[0]; // { kind: 'year', from: 2020, negated: false }
 */
export interface YearFilter {
  kind: 'year';
  /** Inclusive lower bound; undefined: open. */
  from?: number;
  /** Inclusive upper bound; undefined: open. */
  to?: number;
  /** Written with a leading `-`: keep the papers outside the range (and those without a year). */
  negated: boolean;
}

/** One `key:value` filter of a query. */
export type QueryFilter = TextFilter | YearFilter;

/**
 * What a search box query asks for, before any normalization.
 *
 * @example
 * parseQuery('"brain decoding" spik -fmri year:2020..');
 * // { words: ['spik'], phrases: ['brain decoding'], excludedWords: ['fmri'], excludedPhrases: [],
 * //   filters: [{ kind: 'year', from: 2020, … }], lastWordIsPrefix: false }
 */
export interface ParsedQuery {
  /** Free words in order, as typed (a word may be hyphenated: `pre-training`). */
  words: string[];
  /** Quoted phrases, quotes removed. */
  phrases: string[];
  /** Words written with a leading `-`. */
  excludedWords: string[];
  /** Phrases written with a leading `-`. */
  excludedPhrases: string[];
  /** `key:value` filters with a known key, in order. */
  filters: QueryFilter[];
  /** The last free word ends the query with no space or punctuation after it: it may still be being typed. */
  lastWordIsPrefix: boolean;
  /**
   * The last of `phrases` has no closing quote and ends the query with a letter or digit: its last word may still
   * be being typed (`"brain decod` finds `brain decoding`), as a free word's does. Default false.
   */
  lastPhraseIsPrefix?: boolean;
}

const FILTER_KEYS: Record<string, TextFilterKind | 'year'> = {
  topic: 'topic',
  topics: 'topic',
  author: 'author',
  authors: 'author',
  year: 'year',
  years: 'year',
  tag: 'tag',
  tags: 'tag',
  status: 'status',
};

const OPEN_QUOTES = new Set(['"', '\u201c', '\u201e', '\u00ab']);
const CLOSE_QUOTES = new Set(['"', '\u201d', '\u201c', '\u00bb']);

function isSpace(ch: string): boolean {
  return ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r' || ch === '\u00a0' || ch === '\u3000';
}

/** Parses a search box query; never fails (whatever cannot be read as a filter or phrase is text). */
export function parseQuery(text: string): ParsedQuery {
  const query: ParsedQuery = {
    words: [],
    phrases: [],
    excludedWords: [],
    excludedPhrases: [],
    filters: [],
    lastWordIsPrefix: false,
  };
  const input = typeof text === 'string' ? text : '';
  const n = input.length;
  let i = 0;
  let lastWasFreeWord = false;
  /** Whether the last quote read ran to the end of the query unclosed. */
  let unclosed = false;

  /** Reads a quoted string starting at the opening quote; returns its content and moves past it. */
  const readQuoted = (): string => {
    i += 1;
    const start = i;
    while (i < n && !CLOSE_QUOTES.has(input[i])) i += 1;
    const content = input.slice(start, i);
    unclosed = i === n;
    if (i < n) i += 1;
    return content.trim();
  };

  while (i < n) {
    if (isSpace(input[i])) {
      i += 1;
      continue;
    }
    lastWasFreeWord = false;
    let negated = false;
    if (input[i] === '-' && i + 1 < n && !isSpace(input[i + 1]) && input[i + 1] !== '-') {
      negated = true;
      i += 1;
    }
    if (OPEN_QUOTES.has(input[i])) {
      const phrase = readQuoted();
      if (phrase) (negated ? query.excludedPhrases : query.phrases).push(phrase);
      // A negated phrase being typed stays exact, as a negated word does: it excludes only what it names.
      if (phrase && !negated && unclosed && /[\p{L}\p{N}]$/u.test(input)) query.lastPhraseIsPrefix = true;
      continue;
    }
    // A chunk runs to the next space or quote.
    const start = i;
    while (i < n && !isSpace(input[i]) && !OPEN_QUOTES.has(input[i])) i += 1;
    const chunk = input.slice(start, i);
    const colon = chunk.indexOf(':');
    const key = chunk.slice(0, colon).toLowerCase();
    // Own keys only: `constructor:x` or `__proto__:x` is text, not a filter of an inherited kind.
    const kind = colon > 0 && Object.hasOwn(FILTER_KEYS, key) ? FILTER_KEYS[key] : undefined;
    if (kind) {
      let value = chunk.slice(colon + 1);
      if (value === '' && i < n && OPEN_QUOTES.has(input[i])) value = readQuoted();
      value = value.trim();
      if (value === '') continue; // `topic:` still being typed: no filter yet.
      if (kind === 'year') {
        const range = parseYearRange(value);
        if (range) {
          query.filters.push({ kind: 'year', ...range, negated });
          continue;
        }
      } else {
        query.filters.push({ kind, value, negated });
        continue;
      }
    }
    if (negated) {
      query.excludedWords.push(chunk);
    } else {
      query.words.push(chunk);
      lastWasFreeWord = true;
    }
  }
  query.lastWordIsPrefix = lastWasFreeWord && n > 0 && /[\p{L}\p{N}]$/u.test(input);
  return query;
}

/** `2021`, `2020..2023`, `2020..`, `..2019`, `2020-2023`, `>2020`, `>=2020`, `<2020`, `<=2020`. */
export function parseYearRange(value: string): { from?: number; to?: number } | undefined {
  const v = value.trim();
  let m = /^(\d{4})$/.exec(v);
  if (m) return { from: Number(m[1]), to: Number(m[1]) };
  m = /^(\d{4})?\s*(?:\.\.|[-\u2013])\s*(\d{4})?$/.exec(v);
  if (m && (m[1] || m[2])) {
    const from = m[1] ? Number(m[1]) : undefined;
    const to = m[2] ? Number(m[2]) : undefined;
    if (from !== undefined && to !== undefined && from > to) return { from: to, to: from };
    return { ...(from !== undefined ? { from } : {}), ...(to !== undefined ? { to } : {}) };
  }
  m = /^(>=|<=|>|<)(\d{4})$/.exec(v);
  if (m) {
    const year = Number(m[2]);
    switch (m[1]) {
      case '>':
        return { from: year + 1 };
      case '>=':
        return { from: year };
      case '<':
        return { to: year - 1 };
      default:
        return { to: year };
    }
  }
  return undefined;
}

/** True when the query asks for nothing (the caller shows recent papers instead). */
export function isEmptyQuery(query: ParsedQuery): boolean {
  return (
    query.words.length === 0 &&
    query.phrases.length === 0 &&
    query.excludedWords.length === 0 &&
    query.excludedPhrases.length === 0 &&
    query.filters.length === 0
  );
}
