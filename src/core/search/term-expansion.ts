import { topK } from '../collections/top-k';
import { FIELD_COUNT } from './index-fields';
import type { InvertedIndex } from './inverted-index';
import type { TermSpec } from './query-plan';
import type { SearchSettings } from './search-options';

/** An index term a query term stands for, with the weight its matches get (1 for the exact term). */
export interface Expansion {
  termId: number;
  term: string;
  weight: number;
  /**
   * Documents holding the commonest of the query term's expansions, by field: every expansion's
   * idf is taken from them (blended), so a rare completion or typo match does not outscore the
   * common word the user more likely meant just by being rare. Undefined: the term's own counts.
   */
  idfDocs?: ArrayLike<number>;
}

/**
 * The index terms a query term matches: itself, then (for the word being typed) the commonest
 * terms it starts, then (for words of 4+ letters without digits) the closest terms within 1 edit
 * (2 from 8 letters; one less when the word itself is indexed, and one less when the word being
 * typed starts indexed terms, as it is then probably not a typo: `neurof` means `neuroformer`, not
 * `neuro`). The parts of a compound matched apart (`TermSpec.apart`) weigh `apartWeight`; with
 * several expansions, all take the idf of the commonest (`Expansion.idfDocs`).
 */
export function expandTerm(index: InvertedIndex, settings: SearchSettings, spec: TermSpec): Expansion[] {
  const out = expansionsOf(index, settings, spec);
  if (spec.apart) for (const expansion of out) expansion.weight *= settings.apartWeight;
  if (out.length > 1) {
    const idfDocs = new Float64Array(FIELD_COUNT);
    for (const { termId } of out) for (let f = 0; f < FIELD_COUNT; f++) idfDocs[f] = Math.max(idfDocs[f], index.fieldDf(termId, 1 << f));
    for (const expansion of out) expansion.idfDocs = idfDocs;
  }
  return out;
}

function expansionsOf(index: InvertedIndex, settings: SearchSettings, spec: TermSpec): Expansion[] {
  const out: Expansion[] = [];
  const exact = index.liveTermId(spec.term);
  if (exact !== undefined) out.push({ termId: exact, term: spec.term, weight: 1 });
  const seen = new Set<string>([spec.term]);
  let completions = 0;
  if (spec.prefix && spec.term.length >= settings.prefixMinLength) {
    for (const expansion of prefixExpansions(index, settings, spec.term, spec.maxPrefixPostings)) {
      seen.add(expansion.term);
      out.push(expansion);
      completions += 1;
    }
  }
  if (spec.fuzzy && !/\d/.test(spec.term)) {
    const length = spec.term.length;
    let distance = length <= 3 ? 0 : length <= 7 ? 1 : 2;
    // Letters that spell a word, or the start of one, are probably not a typo.
    if (exact !== undefined) distance -= 1;
    if (completions > 0) distance -= 1;
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

/**
 * Terms starting with `prefix` (not itself), commonest first, until `maxPrefixExpansions` or
 * `maxPostings` (default `maxPrefixPostings`). Each weighs `prefixWeight`, less the more letters it adds, times the square
 * root of its share of the commonest completion's papers: `spik` more likely means `spiking` than
 * `spiked`, the way an autocompletion ranks by frequency.
 */
function prefixExpansions(
  index: InvertedIndex,
  settings: SearchSettings,
  prefix: string,
  maxPostings = settings.maxPrefixPostings,
): Expansion[] {
  const candidates = commonestCompletions(index, prefix, settings.maxPrefixExpansions);
  const out: Expansion[] = [];
  let postings = 0;
  const commonest = candidates.length > 0 ? index.termDocCount(candidates[0][1]) : 0;
  for (const [term, termId] of candidates) {
    if (out.length >= settings.maxPrefixExpansions || postings >= maxPostings) break;
    postings += index.fieldDf(termId);
    const distance = term.length - prefix.length;
    const share = Math.sqrt(index.termDocCount(termId) / commonest);
    out.push({ termId, term, weight: (settings.prefixWeight * share * term.length) / (term.length + 0.3 * distance) });
  }
  return out;
}

/**
 * The `most` terms starting with `prefix` (not itself) that the most live papers hold, commonest
 * first, ties in text order: a bounded selection, since a short prefix starts thousands of terms
 * and only the first few are used.
 */
function commonestCompletions(index: InvertedIndex, prefix: string, most: number): Array<[string, number]> {
  if (prefix.length > SHORT_PREFIX) return findCommonestCompletions(index, prefix, most);
  let cache = shortPrefixCompletions.get(index);
  if (!cache || cache.changes !== index.changes) shortPrefixCompletions.set(index, (cache = { changes: index.changes, byKey: new Map() }));
  const key = `${most}\u0000${prefix}`;
  let found = cache.byKey.get(key);
  if (!found) {
    if (cache.byKey.size >= SHORT_PREFIXES_KEPT) cache.byKey.clear();
    cache.byKey.set(key, (found = findCommonestCompletions(index, prefix, most)));
  }
  return found;
}

/**
 * Prefixes up to this long have their completions kept until the index changes: each starts
 * thousands of terms, all read to find the commonest (`co` in `visual co`, `adaptive co`, … while
 * typing), and there are few such prefixes, so what is kept stays small.
 */
const SHORT_PREFIX = 3;
const SHORT_PREFIXES_KEPT = 512;
const shortPrefixCompletions = new WeakMap<InvertedIndex, { changes: number; byKey: Map<string, Array<[string, number]>> }>();

function findCommonestCompletions(index: InvertedIndex, prefix: string, most: number): Array<[string, number]> {
  const terms: string[] = [];
  const ids: number[] = [];
  const counts: number[] = [];
  for (const [term, termId] of index.termsWithPrefix(prefix)) {
    if (term === prefix) continue;
    terms.push(term);
    ids.push(termId);
    counts.push(index.termDocCount(termId));
  }
  const order = topK(terms.length, most, (a, b) => counts[b] - counts[a] || (terms[a] < terms[b] ? -1 : 1));
  return order.map((i) => [terms[i], ids[i]]);
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
