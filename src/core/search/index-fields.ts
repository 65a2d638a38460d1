import type { Paper } from '../model/paper';
import { indexTerms, type TermPositions } from './normalize-term';

/** The fields a paper is indexed under, in the order of their numbers (`meta`: keywords, categories and topics). */
export const FIELD_NAMES = ['title', 'authors', 'abstract', 'meta'] as const;
/** One indexed field: `'title'`, `'authors'`, `'abstract'` or `'meta'` (keywords, categories, topics). */
export type FieldName = (typeof FIELD_NAMES)[number];
/** How many fields there are (`FIELD_NAMES.length`); postings are keyed by `term * FIELD_COUNT + field`. */
export const FIELD_COUNT = 4;
/** The number of the authors field, for masks such as `1 << AUTHORS_FIELD`. */
export const AUTHORS_FIELD = 1;
/** A field mask selecting every field. */
export const ALL_FIELDS = 0b1111;

/** The index terms of each field of a paper: title, authors, abstract, keywords+categories+topics. */
export function paperFieldTerms(paper: Paper): string[][] {
  const authors: string[] = [];
  for (const name of paper.authors ?? []) indexTerms(name, authors, true);
  const meta: string[] = [];
  for (const keyword of paper.keywords ?? []) indexTerms(keyword, meta);
  for (const category of paper.categories ?? []) indexTerms(category, meta);
  for (const topic of paper.topics ?? []) indexTerms(topic, meta);
  return [indexTerms(paper.title ?? ''), authors, indexTerms(paper.abstract ?? ''), meta];
}

/**
 * `paperFieldTerms` with where each term stands in its field (`positions[f][i]` for `terms[f][i]`,
 * see `TermPositions`): the texts of a field (each author, keyword…) are one position apart, so no
 * phrase runs from one into the next.
 */
export function paperFieldTermPositions(paper: Paper): { terms: string[][]; positions: number[][] } {
  const terms: string[][] = [];
  const positions: number[][] = [];
  const field = (texts: Array<string | undefined>, keepStopWords = false) => {
    const out: string[] = [];
    const at: TermPositions = { at: [], next: 0 };
    for (const text of texts) {
      indexTerms(text ?? '', out, keepStopWords, at);
      at.next += 1;
    }
    terms.push(out);
    positions.push(at.at);
  };
  field([paper.title]);
  field(paper.authors ?? [], true);
  field([paper.abstract]);
  field([...(paper.keywords ?? []), ...(paper.categories ?? []), ...(paper.topics ?? [])]);
  return { terms, positions };
}

/** Term → frequency for one field's terms, in first-occurrence order. */
export function countTerms(terms: string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const term of terms) counts.set(term, (counts.get(term) ?? 0) + 1);
  return counts;
}
