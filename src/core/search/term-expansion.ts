import type { InvertedIndex } from './inverted-index';
import type { TermSpec } from './query-plan';
import type { SearchSettings } from './search-options';

/** An index term a query term stands for, with the weight its matches get (1 for the exact term). */
export interface Expansion {
  termId: number;
  term: string;
  weight: number;
}

/**
 * The index terms a query term matches: itself, then (for the word being typed) the commonest
 * terms it starts, then (for words of 4+ letters without digits) the closest terms within 1 edit
 * (2 from 8 letters; one less when the word itself is indexed, as it is then probably not a typo).
 */
export function expandTerm(index: InvertedIndex, settings: SearchSettings, spec: TermSpec): Expansion[] {
  const out: Expansion[] = [];
  const exact = index.liveTermId(spec.term);
  if (exact !== undefined) out.push({ termId: exact, term: spec.term, weight: 1 });
  const seen = new Set<string>([spec.term]);
  if (spec.prefix && spec.term.length >= settings.prefixMinLength) {
    for (const expansion of prefixExpansions(index, settings, spec.term)) {
      seen.add(expansion.term);
      out.push(expansion);
    }
  }
  if (spec.fuzzy && !/\d/.test(spec.term)) {
    const length = spec.term.length;
    let distance = length <= 3 ? 0 : length <= 7 ? 1 : 2;
    if (exact !== undefined) distance -= 1;
    if (distance > 0) out.push(...fuzzyExpansions(index, settings, spec.term, distance, seen));
  }
  return out;
}

/** Completions of a prefix for `autoSuggest`: the exact term, then the commonest expansions. */
export function prefixCompletions(index: InvertedIndex, settings: SearchSettings, prefix: string): Expansion[] {
  const out: Expansion[] = [];
  const exact = index.liveTermId(prefix);
  if (exact !== undefined) out.push({ termId: exact, term: prefix, weight: 1 });
  out.push(...prefixExpansions(index, settings, prefix));
  return out;
}

/** Terms starting with `prefix` (not itself), commonest first, until `maxPrefixExpansions` or `maxPrefixPostings`. */
function prefixExpansions(index: InvertedIndex, settings: SearchSettings, prefix: string): Expansion[] {
  const candidates: Array<[string, number]> = [];
  for (const [term, termId] of index.termsWithPrefix(prefix)) if (term !== prefix) candidates.push([term, termId]);
  candidates.sort((a, b) => index.termDocCount(b[1]) - index.termDocCount(a[1]) || (a[0] < b[0] ? -1 : 1));
  const out: Expansion[] = [];
  let postings = 0;
  for (const [term, termId] of candidates) {
    if (out.length >= settings.maxPrefixExpansions || postings >= settings.maxPrefixPostings) break;
    postings += index.fieldDf(termId);
    const distance = term.length - prefix.length;
    out.push({ termId, term, weight: (settings.prefixWeight * term.length) / (term.length + 0.3 * distance) });
  }
  return out;
}

/** Terms within `distance` edits of `term` and not in `seen`, closest then commonest first, at most `maxFuzzyExpansions`. */
function fuzzyExpansions(index: InvertedIndex, settings: SearchSettings, term: string, distance: number, seen: Set<string>): Expansion[] {
  const candidates: Array<{ termId: number; term: string; distance: number }> = [];
  for (const [near, [termId, d]] of index.termsNear(term, distance)) {
    if (d > 0 && !seen.has(near)) candidates.push({ termId, term: near, distance: d });
  }
  candidates.sort(
    (a, b) => a.distance - b.distance || index.termDocCount(b.termId) - index.termDocCount(a.termId) || (a.term < b.term ? -1 : 1),
  );
  return candidates
    .slice(0, settings.maxFuzzyExpansions)
    .map((c) => ({ termId: c.termId, term: c.term, weight: (settings.fuzzyWeight * c.term.length) / (c.term.length + c.distance) }));
}
