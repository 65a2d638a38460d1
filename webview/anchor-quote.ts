import search from 'approx-string-match';
import type { TextQuoteSelector } from '../src/shared/protocol';

export interface TextSpan {
  start: number;
  end: number;
}

/** Share of the quote's length that may differ in an approximate match. */
const MAX_ERROR_RATE = 0.2;
/** Shorter quotes must match exactly: a few edits would let them match anywhere. */
const MIN_APPROXIMATE_LENGTH = 8;

/**
 * Finds a W3C TextQuoteSelector in `text`: the exact quote (several occurrences are told apart by
 * how well the prefix and suffix agree), else the best approximate match within 20 % edits
 * (abstracts get corrected), else undefined — an orphan.
 */
export function anchorQuote(text: string, selector: TextQuoteSelector): TextSpan | undefined {
  const { exact } = selector;
  if (!exact) return undefined;
  const candidates: { span: TextSpan; quality: number }[] = [];
  for (let at = text.indexOf(exact); at >= 0; at = text.indexOf(exact, at + 1)) {
    candidates.push({ span: { start: at, end: at + exact.length }, quality: 1 });
    if (candidates.length > 1_000) break;
  }
  if (candidates.length === 0 && exact.length >= MIN_APPROXIMATE_LENGTH) {
    const maxErrors = Math.floor(exact.length * MAX_ERROR_RATE);
    for (const match of search(text, exact, maxErrors)) {
      candidates.push({ span: { start: match.start, end: match.end }, quality: 1 - match.errors / exact.length });
    }
  }
  let best: { span: TextSpan; score: number } | undefined;
  for (const { span, quality } of candidates) {
    const score =
      50 * quality +
      20 * contextAgreement(selector.prefix, text.slice(Math.max(0, span.start - selector.prefix.length), span.start), 'before') +
      20 * contextAgreement(selector.suffix, text.slice(span.end, span.end + selector.suffix.length), 'after');
    if (!best || score > best.score) best = { span, score };
  }
  return best?.span;
}

/** 0…1: how many characters next to the quote agree with the expected context, counted outwards. */
function contextAgreement(expected: string, actual: string, side: 'before' | 'after'): number {
  if (!expected) return 1;
  let same = 0;
  const n = Math.min(expected.length, actual.length);
  while (
    same < n &&
    (side === 'after' ? expected[same] === actual[same] : expected[expected.length - 1 - same] === actual[actual.length - 1 - same])
  )
    same++;
  return same / expected.length;
}
