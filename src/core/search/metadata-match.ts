import * as l10n from '@vscode/l10n';
import type { Paper } from '../model/paper';
import { indexTerms } from './normalize-term';

/**
 * Where a search hit matched outside its title and abstract: the keywords, authors or categories
 * holding one of the hit's terms. A paper found only through a keyword would otherwise show an
 * abstract without one highlighted word, and the user could not tell why it is there.
 *
 * @example
 * metadataMatches(paper, ['methyl']) // [{ field: 'keywords', values: ['methyl mercaptan'] }]
 */
export interface MetadataMatch {
  /** The record's field, as the reader names it. */
  field: 'keywords' | 'authors' | 'categories';
  /** The field's values (a keyword, an author's name) that hold a matched term, in the record's order. */
  values: string[];
}

/** The keywords, authors and categories of `paper` that hold one of `terms` (a `SearchHit`'s index terms), by field. */
export function metadataMatches(paper: Paper, terms: readonly string[]): MetadataMatch[] {
  if (terms.length === 0) return [];
  const wanted = new Set(terms);
  const fields: Array<[MetadataMatch['field'], readonly string[] | undefined, boolean]> = [
    ['keywords', paper.keywords, false],
    // Names keep their short words ("de", "van"), as the index keeps them (see `otherTerms` in highlight-terms.ts).
    ['authors', paper.authors, true],
    ['categories', paper.categories, false],
  ];
  const matches: MetadataMatch[] = [];
  for (const [field, list, keepStopWords] of fields) {
    const values = (list ?? []).filter((value) => indexTerms(value, [], keepStopWords).some((term) => wanted.has(term)));
    if (values.length > 0) matches.push({ field, values });
  }
  return matches;
}

/** One line for a hit's row that says which keywords, authors or categories matched, or undefined if none did. */
export function metadataMatchLine(paper: Paper, terms: readonly string[]): string | undefined {
  const parts = metadataMatches(paper, terms).map(({ field, values }) => {
    const shown = values.slice(0, 3).join(field === 'authors' ? '; ' : ', ') + (values.length > 3 ? ', …' : '');
    if (field === 'keywords') return l10n.t('keywords: {0}', shown);
    if (field === 'authors') return l10n.t('authors: {0}', shown);
    return l10n.t('categories: {0}', shown);
  });
  return parts.length > 0 ? parts.join(' · ') : undefined;
}
