import type { Paper } from '../../core/model/paper';
import { foldedWords } from '../../core/search/filter-match';
import { paperFieldTerms } from '../../core/search/index-fields';
import { paperPhraseText } from '../../core/search/sql-phrase-text';

/** One `lectern_papers` row as the importer sends it (inside a JSON array, one parameter per batch). */
export interface PaperRow {
  id: string;
  citekey: string | null;
  title: string;
  authors: string[];
  year: number | null;
  venue: string | null;
  abstract: string;
  keywords: string[];
  topics: string[];
  authors_folded: string[];
  topics_folded: string[];
  phrase_text: string;
  /** A `tsvector` literal of Lectern's index terms, weighted per field. */
  search: string;
  record: Paper;
}

/** tsvector positions stop at 16 383 and keep at most 256 per lexeme. */
const MAX_POSITION = 16_383;
const MAX_POSITIONS_PER_TERM = 256;
/** The tsvector weight of each of `paperFieldTerms`' fields: title A, authors B, abstract C, keywords/categories/topics B. */
const FIELD_WEIGHTS = ['A', 'B', 'C', 'B'];

/** The row of a paper: its record, the searchable columns and its index terms as a weighted tsvector. */
export function paperRow(paper: Paper): PaperRow {
  return {
    id: paper.id,
    citekey: paper.citeKey ?? null,
    title: paper.title,
    authors: paper.authors,
    year: paper.year ?? null,
    venue: paper.venue ?? null,
    abstract: paper.abstract,
    keywords: paper.keywords,
    topics: paper.topics,
    authors_folded: paper.authors.map(foldedWords),
    topics_folded: paper.topics.map(foldedWords),
    phrase_text: paperPhraseText(paper),
    search: tsvectorLiteral(paperFieldTerms(paper)),
    record: paper,
  };
}

/**
 * The tsvector text of a paper's index terms (the local index's terms exactly, so both backends match the
 * same words): each term once, with its positions and field weight, e.g. `'attention':1A,40C 'sink':2A`.
 */
function tsvectorLiteral(fields: string[][]): string {
  const positions = new Map<string, string[]>();
  let position = 0;
  fields.forEach((terms, field) => {
    for (const term of terms) {
      position = Math.min(position + 1, MAX_POSITION);
      let list = positions.get(term);
      if (!list) positions.set(term, (list = []));
      if (list.length < MAX_POSITIONS_PER_TERM) list.push(`${position}${FIELD_WEIGHTS[field]}`);
    }
  });
  const out: string[] = [];
  for (const [term, list] of positions) out.push(`'${term.replace(/\\/g, '\\\\').replace(/'/g, "''")}':${list.join(',')}`);
  return out.join(' ');
}
