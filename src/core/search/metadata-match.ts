import * as l10n from '@vscode/l10n';
import type { Paper } from '../model/paper';
import { foldedWords, matchesAtWordStart } from './filter-match';
import { indexTerms } from './normalize-term';
import { parseQuery, type TextFilter } from './parse-query';

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

/**
 * The keywords, authors and categories of `paper` that hold one of `terms` (a `SearchHit`'s index terms), by field;
 * `query`, when given, adds the authors its `author:` filters matched.
 */
export function metadataMatches(paper: Paper, terms: readonly string[], query?: string): MetadataMatch[] {
  const byFilter = query === undefined ? [] : authorFilterValues(query);
  if (terms.length === 0 && byFilter.length === 0) return [];
  const wanted = new Set(terms);
  const filtered = (name: string) => byFilter.some((value) => matchesAtWordStart(foldedWords(name), value));
  const fields: Array<[MetadataMatch['field'], readonly string[] | undefined, boolean]> = [
    ['keywords', paper.keywords, false],
    // Names keep their short words ("de", "van"), as the index keeps them (see `otherTerms` in highlight-terms.ts).
    ['authors', paper.authors, true],
    ['categories', paper.categories, false],
  ];
  const matches: MetadataMatch[] = [];
  for (const [field, list, keepStopWords] of fields) {
    const values = (list ?? []).filter(
      (value) => (field === 'authors' && filtered(value)) || indexTerms(value, [], keepStopWords).some((term) => wanted.has(term)),
    );
    if (values.length > 0) matches.push({ field, values });
  }
  return matches;
}

/** One line for a hit's row that says which keywords, authors or categories matched (see `metadataMatches`), or undefined if none did. */
export function metadataMatchLine(paper: Paper, terms: readonly string[], query?: string): string | undefined {
  const parts = metadataMatches(paper, terms, query).map(({ field, values }) => {
    const shown =
      values
        .slice(0, 3)
        .map(clip)
        .join(field === 'authors' ? '; ' : ', ') + (values.length > 3 ? ', …' : '');
    if (field === 'keywords') return l10n.t('keywords: {0}', shown);
    if (field === 'authors') return l10n.t('authors: {0}', shown);
    return l10n.t('categories: {0}', shown);
  });
  return parts.length > 0 ? parts.join(' · ') : undefined;
}

/** A value of at most `MAX_VALUE_CHARS`: a row is one line, whatever a record holds (a pasted abstract as a keyword). */
function clip(value: string): string {
  const text = value.replace(/\s+/g, ' ').trim();
  return text.length > MAX_VALUE_CHARS ? `${text.slice(0, MAX_VALUE_CHARS - 1)}…` : text;
}

const MAX_VALUE_CHARS = 60;

/** The folded values of a query's `author:` filters (not the negated ones). */
function authorFilterValues(query: string): string[] {
  return parseQuery(query)
    .filters.filter((filter): filter is TextFilter => filter.kind === 'author' && !filter.negated)
    .map((filter) => foldedWords(filter.value)); // one that folds to nothing ("-") matches no name
}
