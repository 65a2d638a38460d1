import type { Paper } from '../../core/model/paper';
import { foldedWords } from '../../core/search/filter-match';
import { paperFieldTerms } from '../../core/search/index-fields';
import { paperPhraseText } from '../../core/search/sql-phrase-text';

/** The `lectern_papers` columns the importer sends, in the order of `paperCopyLine`'s fields. */
export const PAPER_COPY_COLUMNS = [
  'id',
  'citekey',
  'title',
  'authors',
  'year',
  'venue',
  'abstract',
  'keywords',
  'topics',
  'authors_folded',
  'topics_folded',
  'phrase_text',
  'search',
  'record',
] as const;

/** tsvector positions stop at 16 383 and keep at most 256 per lexeme. */
const MAX_POSITION = 16_383;
const MAX_POSITIONS_PER_TERM = 256;
/** The tsvector weight of each of `paperFieldTerms`' fields: title A, authors B, abstract C, keywords/categories/topics B. */
const FIELD_WEIGHTS = ['A', 'B', 'C', 'B'];
/** COPY's text format: a null field. */
const NULL = '\\N';

/**
 * A paper as one line of `COPY … FROM STDIN` (text format) into `PAPER_COPY_COLUMNS`: its record, the searchable
 * columns and its index terms as a weighted tsvector. PostgreSQL text cannot hold U+0000, which some sources
 * carry (a JSON importer keeps what the file says): it is dropped from every string rather than failing the batch.
 */
function paperCopyLine(paper: Paper): string {
  const fields = [
    copyText(paper.id),
    paper.citeKey === undefined ? NULL : copyText(paper.citeKey),
    copyText(paper.title),
    copyArray(paper.authors),
    paper.year === undefined ? NULL : String(paper.year),
    paper.venue === undefined ? NULL : copyText(paper.venue),
    copyText(paper.abstract),
    copyArray(paper.keywords),
    copyArray(paper.topics),
    copyArray(paper.authors.map(foldedWords)),
    copyArray(paper.topics.map(foldedWords)),
    copyText(paperPhraseText(paper)),
    copyText(tsvectorLiteral(paperFieldTerms(paper))),
    copyText(recordJson(paper)),
  ];
  return `${fields.join('\t')}\n`;
}

/** A batch's COPY lines, in its order. */
export function paperCopyLines(papers: readonly Paper[]): string {
  let lines = '';
  for (const paper of papers) lines += paperCopyLine(paper);
  return lines;
}

const COPY_ESCAPES: Record<string, string> = { '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\u0000': '' };

/** What COPY's text format escapes, and NUL, which it cannot hold. */
// eslint-disable-next-line no-control-regex -- matching NUL is the point
const COPY_SPECIAL = /[\\\n\r\t\u0000]/g;

/** A string as a COPY text field: backslash, newline, carriage return and tab escaped, NUL dropped. */
function copyText(value: string): string {
  return value.search(COPY_SPECIAL) < 0 ? value : value.replace(COPY_SPECIAL, (ch) => COPY_ESCAPES[ch]);
}

/** A text array as a COPY field: an array literal of double-quoted elements (`"` and `\` escaped), then COPY-escaped. */
function copyArray(values: readonly string[]): string {
  return copyText(`{${values.map((value) => `"${value.replace(/["\\]/g, '\\$&')}"`).join(',')}}`);
}

/** The record as JSON; jsonb cannot hold U+0000 either, so it is dropped from every string there too. */
function recordJson(paper: Paper): string {
  const json = JSON.stringify(paper);
  if (!json.includes('\\u0000')) return json;
  return JSON.stringify(paper, (_key, value: unknown) => (typeof value === 'string' ? value.replaceAll('\u0000', '') : value));
}

/**
 * The tsvector text of a paper's index terms (the local index's terms exactly, so both backends match the
 * same words): each term once, with its positions and field weight, e.g. `'attention':1A,40C 'sink':2A`.
 */
function tsvectorLiteral(fields: string[][]): string {
  // One string per term grown in place (not a list of position strings joined later): this runs for every paper.
  const lists = new Map<string, { text: string; count: number }>();
  let position = 0;
  for (let field = 0; field < fields.length; field++) {
    const weight = FIELD_WEIGHTS[field];
    for (const term of fields[field]) {
      if (position < MAX_POSITION) position++;
      const list = lists.get(term);
      if (!list) lists.set(term, { text: `${position}${weight}`, count: 1 });
      else if (list.count < MAX_POSITIONS_PER_TERM) {
        list.text += `,${position}${weight}`;
        list.count++;
      }
    }
  }
  let out = '';
  for (const [term, list] of lists) {
    const quoted = /['\\]/.test(term) ? term.replace(/\\/g, '\\\\').replace(/'/g, "''") : term;
    out += `${out ? ' ' : ''}'${quoted}':${list.text}`;
  }
  return out;
}
