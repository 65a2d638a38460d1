/**
 * W3C TextQuoteSelectors over a paper's abstract: `describeQuote` records a selection as its
 * text plus up to `context` characters either side; `anchorQuote` finds it again after the
 * abstract changed. Exact occurrences are preferred (the surrounding context picks among
 * repeats); failing that, approximate matching (`approx-string-match`, Myers' bit-parallel
 * algorithm) tolerates edits of up to a fifth of the quote. A quote that cannot be found is an
 * orphan: the reader shows it with its quote text, it is never dropped from the note.
 */
import search from 'approx-string-match';
import type { TextQuoteSelector } from '../../shared/protocol';

/** Where a quote was found in the text: `text.slice(start, end)` is the highlighted passage. */
export interface QuoteAnchor {
  /** Offset of the first character (UTF-16 code units). */
  start: number;
  /** Offset just after the last character. */
  end: number;
  /** `true` when the quote was found as written; `false` when only an approximate match was (the abstract changed). */
  exact: boolean;
}

/** Share of a quote's length that may differ in an approximate match. */
const MAX_ERROR_RATE = 0.2;
/** Approximate candidates scored at most (the best by error count). */
const MAX_CANDIDATES = 200;

/**
 * The selector of `text[start, end)`, with up to `context` characters of prefix and suffix
 * (default 32; never splitting a surrogate pair). `start` and `end` may come in either order and are clamped.
 *
 * @example
 * ```ts
 * describeQuote('Large models attend to visual tokens. Visual tokens carry the signal.', 38, 51, 8);
 * // → { exact: 'Visual tokens', prefix: 'tokens. ', suffix: ' carry t' }
 * ```
 */
export function describeQuote(text: string, start: number, end: number, context = 32): TextQuoteSelector {
  const from = clamp(Math.min(start, end), 0, text.length);
  const to = clamp(Math.max(start, end), 0, text.length);
  let prefixStart = Math.max(0, from - context);
  let suffixEnd = Math.min(text.length, to + context);
  // Never cut a surrogate pair at the outer edge of the context.
  if (prefixStart > 0 && prefixStart < from && isLowSurrogate(text.charCodeAt(prefixStart))) prefixStart++;
  if (suffixEnd < text.length && suffixEnd > to && isHighSurrogate(text.charCodeAt(suffixEnd - 1))) suffixEnd--;
  return { exact: text.slice(from, to), prefix: text.slice(prefixStart, from), suffix: text.slice(to, suffixEnd) };
}

/**
 * Finds a selector's quote in `text`: the exact occurrence whose surroundings best match the
 * prefix and suffix, else the best approximate match (at most a fifth of the quote's characters
 * differ), else undefined (an orphan). An empty `exact` is always an orphan.
 *
 * @example
 * ```ts
 * const selector = describeQuote(abstract, 38, 51);
 * anchorQuote(abstract, selector);        // → { start: 38, end: 51, exact: true }
 * anchorQuote(revisedAbstract, selector); // → where it moved, or undefined when it is gone
 * ```
 */
export function anchorQuote(text: string, selector: TextQuoteSelector): QuoteAnchor | undefined {
  const { exact } = selector;
  if (!exact) return undefined;
  const hits: number[] = [];
  for (let at = text.indexOf(exact); at !== -1; at = text.indexOf(exact, at + 1)) hits.push(at);
  if (hits.length === 1) return { start: hits[0], end: hits[0] + exact.length, exact: true };
  if (hits.length > 1) {
    let best = hits[0];
    let bestScore = -1;
    for (const at of hits) {
      const score = contextScore(text, at, at + exact.length, selector);
      if (score > bestScore) {
        best = at;
        bestScore = score;
      }
    }
    return { start: best, end: best + exact.length, exact: true };
  }
  const maxErrors = Math.floor(exact.length * MAX_ERROR_RATE);
  if (maxErrors === 0) return undefined;
  const matches = search(text, exact, maxErrors)
    .sort((a, b) => a.errors - b.errors || a.start - b.start)
    .slice(0, MAX_CANDIDATES);
  let best: QuoteAnchor | undefined;
  let bestScore = -Infinity;
  for (const match of matches) {
    if (match.end <= match.start) continue;
    const contextLength = selector.prefix.length + selector.suffix.length;
    const context = contextLength === 0 ? 0 : contextScore(text, match.start, match.end, selector) / contextLength;
    // The quote's own similarity dominates; the context ranks near-equal candidates.
    const score = 50 * (1 - match.errors / exact.length) + 40 * context;
    if (score > bestScore) {
      best = { start: match.start, end: match.end, exact: false };
      bestScore = score;
    }
  }
  return best;
}

/**
 * How well the text around `[start, end)` matches the selector's prefix and suffix: the number
 * of their characters that match, each side aligned at the quote (edit distance, free at the far end).
 */
function contextScore(text: string, start: number, end: number, selector: TextQuoteSelector): number {
  const { prefix, suffix } = selector;
  let score = 0;
  if (prefix) {
    const before = text.slice(Math.max(0, start - 2 * prefix.length), start);
    score += prefix.length - anchoredDistance(reverse(prefix), reverse(before));
  }
  if (suffix) {
    const after = text.slice(end, end + 2 * suffix.length);
    score += suffix.length - anchoredDistance(suffix, after);
  }
  return score;
}

/** Edit distance of `pattern` to the best-matching start of `text` (both read from their start). */
function anchoredDistance(pattern: string, text: string): number {
  let previous = Array.from({ length: text.length + 1 }, (_, j) => j);
  for (let i = 1; i <= pattern.length; i++) {
    const current = [i];
    for (let j = 1; j <= text.length; j++) {
      const substitution = previous[j - 1] + (pattern.charCodeAt(i - 1) === text.charCodeAt(j - 1) ? 0 : 1);
      current.push(Math.min(substitution, previous[j] + 1, current[j - 1] + 1));
    }
    previous = current;
  }
  return Math.min(...previous);
}

function reverse(text: string): string {
  let out = '';
  for (let i = text.length - 1; i >= 0; i--) out += text[i];
  return out;
}

const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, Number.isFinite(value) ? value : min));
const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;
const isLowSurrogate = (code: number) => code >= 0xdc00 && code <= 0xdfff;
