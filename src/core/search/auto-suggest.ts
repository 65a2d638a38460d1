import type { InvertedIndex } from './inverted-index';
import { foldPlural } from '../text/fold-plural';
import { scanWords } from '../text/tokenize';
import { isEmptyQuery, parseQuery } from './parse-query';
import { QueryRun } from './query-run';
import type { Sparse } from './score-accumulator';
import type { SearchSettings } from './search-options';
import { prefixCompletions } from './term-expansion';

/**
 * A completion of the query being typed.
 *
 * @example
 * { suggestion: 'neural spiking', terms: ['neural', 'spike'], score: 18.25 }
 */
export interface Suggestion {
  /** The query with its last word completed. */
  suggestion: string;
  /** Index terms of the completed query (earlier words', then the completion's). */
  terms: string[];
  /** Summed relevance of the completion over the papers the rest of the query matches; higher first. */
  score: number;
}

/** See `PaperSearch.autoSuggest`. */
export function autoSuggest(index: InvertedIndex, settings: SearchSettings, prefix: string, limit: number): Suggestion[] {
  const text = typeof prefix === 'string' ? prefix : '';
  const parsed = parseQuery(text);
  if (!parsed.lastWordIsPrefix || parsed.words.length === 0 || index.liveCount === 0) return [];
  const lastRaw = parsed.words[parsed.words.length - 1];
  const lastWords = scanWords(lastRaw);
  const lastWord = lastWords[lastWords.length - 1];
  if (!lastWord) return [];
  const lastPart = lastWord.parts[lastWord.parts.length - 1];
  const stem = foldPlural(lastPart.folded);
  if (stem.length < settings.prefixMinLength) return [];
  const head = text.slice(0, text.length - (lastRaw.length - lastPart.start));
  const run = new QueryRun(index, settings, undefined);
  const context = headContext(run, head);
  if (context === 'none') return [];
  const inContext = context && densify(index, context.candidates);
  const suggestions: Suggestion[] = [];
  for (const { termId, term } of prefixCompletions(index, settings, stem)) {
    const sparse = run.termSparse([{ termId, term, weight: 1 }]);
    let score = 0;
    for (let i = 0; i < sparse.docs.length; i++) {
      const doc = sparse.docs[i];
      if (inContext && !inContext.member[doc]) continue;
      score += sparse.scores[i] + (inContext ? inContext.scores[doc] : 0);
    }
    // Rounded: the sum runs in index order, which differs between equal indexes built differently.
    if (score > 0)
      suggestions.push({ suggestion: head + term, terms: [...(context?.terms ?? []), term], score: Number(score.toPrecision(12)) });
  }
  suggestions.sort((a, b) => b.score - a.score || (a.suggestion < b.suggestion ? -1 : a.suggestion > b.suggestion ? 1 : 0));
  return suggestions.slice(0, Math.max(0, limit));
}

/** The papers the words before the one being typed match, with their terms; undefined: no narrowing; 'none': no paper. */
function headContext(run: QueryRun, head: string): { candidates: Sparse; terms: string[] } | 'none' | undefined {
  const headQuery = parseQuery(head);
  headQuery.lastWordIsPrefix = false;
  if (isEmptyQuery(headQuery)) return undefined;
  const plan = run.plan(headQuery);
  if (!plan) return undefined;
  const found = run.evaluate(plan, false);
  if (found.candidates.docs.length === 0) return 'none';
  const terms: string[] = [];
  for (const slot of [...plan.soft, ...plan.required])
    for (const spec of slot.alternatives[slot.alternatives.length - 1]) terms.push(spec.term);
  return { candidates: found.candidates, terms };
}

/** Scores by document number, and which documents are in. */
function densify(index: InvertedIndex, sparse: Sparse): { scores: Float64Array; member: Uint8Array } {
  const scores = new Float64Array(index.docCount);
  const member = new Uint8Array(index.docCount);
  for (let i = 0; i < sparse.docs.length; i++) {
    scores[sparse.docs[i]] = sparse.scores[i];
    member[sparse.docs[i]] = 1;
  }
  return { scores, member };
}
