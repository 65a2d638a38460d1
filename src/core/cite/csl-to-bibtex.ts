import type { CslDate, CslItem, CslName } from '../model/csl-item';

// CSL item type → BibTeX entry type, the reverse of Better BibTeX's BibTeX import (and of
// citation-js's mapping tables): types BibTeX has no entry for become @misc.
const ENTRY_TYPES: Record<string, string> = {
  'article-journal': 'article',
  'article-magazine': 'article',
  'article-newspaper': 'article',
  review: 'article',
  'review-book': 'article',
  book: 'book',
  classic: 'book',
  chapter: 'incollection',
  'entry-encyclopedia': 'incollection',
  'entry-dictionary': 'incollection',
  'paper-conference': 'inproceedings',
  report: 'techreport',
  manuscript: 'unpublished',
  pamphlet: 'booklet',
};

/** The field the container title goes to, by entry type. */
const CONTAINER_FIELD: Record<string, string> = { article: 'journal', incollection: 'booktitle', inproceedings: 'booktitle' };
/** The field the publisher goes to, by entry type. */
const PUBLISHER_FIELD: Record<string, string> = { phdthesis: 'school', mastersthesis: 'school', techreport: 'institution' };
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/**
 * A BibTeX entry generated from a CSL-JSON record, for papers that did not come from a `.bib`
 * (those keep their original entry). Types and fields map as Better BibTeX maps them on import,
 * in reverse: `article-journal` → `@article` with `journal`, `chapter` → `@incollection` with
 * `booktitle`, `thesis` → `@phdthesis`/`@mastersthesis` with `school`, `report` → `@techreport`
 * with `institution`, everything without a BibTeX type → `@misc`. An arXiv preprint (publisher
 * arXiv, number `arXiv:ID` or arXiv's DOI) gets `eprint` and `archivePrefix`. Names keep their
 * particles (`van Gogh, Vincent`) and suffixes (`King, Jr., Martin Luther`); organisations and
 * parts with spaces are braced (`{World Health Organization}`). Special characters are escaped
 * outside `$…$` math; words with inner capitals are braced so styles keep their case. The
 * result re-parses (with @retorquere/bibtex-parser) to the same fields. `knownArxivId`: the
 * paper's arXiv id when the record itself does not say it (a published paper also on arXiv).
 *
 * @example
 * ```ts
 * cslToBibtex({ id: 'smith2020', type: 'article-journal', title: 'Ocean acidification',
 *   author: [{ family: 'Smith', given: 'Jane' }], 'container-title': 'Marine Chemistry', issued: { 'date-parts': [[2020]] } });
 * // → '@article{smith2020,\n  title = {Ocean acidification},\n  author = {Smith, Jane},\n  journal = {Marine Chemistry},\n  year = {2020}\n}'
 * ```
 */
export function cslToBibtex(item: CslItem, knownArxivId?: string): string {
  const arxivId = arxivIdOf(item) ?? (knownArxivId?.trim() || undefined);
  const type = entryTypeOf(item);
  const fields: Array<[string, string | undefined]> = [
    ['title', item.title && bibtexTitle(item.title)],
    ['author', names(item.author)],
    ['editor', names(item.editor)],
    [CONTAINER_FIELD[type] ?? 'howpublished', text(item['container-title'])],
    ['series', text(item['collection-title'])],
    ['edition', text(item.edition)],
    ['volume', text(item.volume)],
    ['number', text(type === 'article' ? (item.issue ?? item.number) : arxivId ? undefined : item.number)],
    ['pages', text(item.page)?.replace(/\s*[–—-]+\s*/g, '--')],
    [PUBLISHER_FIELD[type] ?? 'publisher', text(item.publisher)],
    ['organization', type === 'misc' ? text(item.authority) : undefined],
    ['address', text(item['publisher-place'])],
    ['type', type === 'phdthesis' || type === 'techreport' ? text(item.genre) : undefined],
    ...dateFields(item.issued),
    ['isbn', text(item.ISBN)],
    ['issn', text(item.ISSN)],
    ['doi', item.DOI && verbatim(item.DOI)],
    ['eprint', arxivId && verbatim(arxivId)],
    ['archivePrefix', arxivId && 'arXiv'],
    ['url', item.URL && verbatim(item.URL.trim().split(/\s+/)[0])],
    ['urldate', isoDate(item.accessed as CslDate | undefined)],
    ['note', text(item.note)],
  ];
  const present = fields.filter((field): field is [string, string] => Boolean(field[1]));
  const key = item.id.trim().replace(/[\s,{}()"'#%~\\=]+/g, '-') || 'paper';
  // A month is BibTeX's macro (`may`), unbraced, so styles print it in their own language.
  const line = ([name, value]: [string, string]) => (name === 'month' ? `  month = ${value}` : `  ${name} = {${value}}`);
  return `@${type}{${key},\n${present.map(line).join(',\n')}\n}`;
}

function entryTypeOf(item: CslItem): string {
  if (item.type === 'thesis') return /master|m\.?\s?sc|m\.?a\.?\b/i.test(item.genre ?? '') ? 'mastersthesis' : 'phdthesis';
  return ENTRY_TYPES[item.type] ?? 'misc';
}

/** The arXiv id of a preprint as Zotero stores it: number `arXiv:ID`, or arXiv's DOI 10.48550/arXiv.ID. */
function arxivIdOf(item: CslItem): string | undefined {
  const fromNumber = /^arxiv:\s*(\S+)$/i.exec(String(item.number ?? '').trim())?.[1];
  const fromDoi = /^10\.48550\/arxiv\.(\S+)$/i.exec(item.DOI?.trim() ?? '')?.[1];
  return fromNumber ?? fromDoi;
}

function dateFields(date: CslDate | undefined): Array<[string, string | undefined]> {
  const [year, month] = date?.['date-parts']?.[0] ?? [];
  if (year === undefined) return [['year', date?.literal && escape(date.literal)]];
  const monthIndex = Number(month) - 1;
  return [
    ['year', String(year)],
    ['month', MONTHS[monthIndex]],
  ];
}

function isoDate(date: CslDate | undefined): string | undefined {
  const parts = date?.['date-parts']?.[0];
  if (!parts || parts[0] === undefined) return undefined;
  return parts.map((part, i) => (i === 0 ? String(part) : String(part).padStart(2, '0'))).join('-');
}

/** A CSL string or number (volume, issue, edition may be either); anything else is not a field value. */
function text(value: unknown): string | undefined {
  if (typeof value !== 'string' && typeof value !== 'number') return undefined;
  const plain = String(value).trim();
  return plain ? escape(plain) : undefined;
}

/** DOIs and URLs are read verbatim; only braces could break the entry. */
function verbatim(value: string): string {
  return value.trim().replace(/\{/g, '%7B').replace(/\}/g, '%7D');
}

function names(list: CslName[] | undefined): string | undefined {
  if (!list || list.length === 0) return undefined;
  return list.map(bibtexName).join(' and ');
}

/**
 * `van Gogh, Vincent`; `King, Jr., Martin Luther`; `{World Health Organization}`. A part that
 * BibTeX would split (spaces, commas, " and ") is braced; a particle BibTeX would not recognise
 * (capitalised) is braced with the family name.
 */
function bibtexName(name: CslName): string {
  const family = name.family?.trim();
  if (!family) return `{${escape((name.literal ?? name.given ?? '').trim())}}`;
  const particle = [name['dropping-particle'], name['non-dropping-particle']]
    .map((p) => p?.trim())
    .filter(Boolean)
    .join(' ');
  const braced = (part: string) => (/[\s,]/.test(part) ? `{${escape(part)}}` : escape(part));
  const last =
    particle && /^\p{Ll}/u.test(particle) ? `${escape(particle)} ${braced(family)}` : braced(particle ? `${particle} ${family}` : family);
  const given = name.given?.trim();
  const suffix = name.suffix?.trim();
  const givenText = given ? (/,|\band\b/.test(given) ? `{${escape(given)}}` : escape(given)) : '';
  if (suffix) return givenText ? `${last}, ${braced(suffix)}, ${givenText}` : `${last}, ${braced(suffix)},`;
  return givenText ? `${last}, ${givenText}` : last;
}

/** Escapes text-mode specials outside `$…$` math. */
function escape(text: string): string {
  return splitMath(text)
    .map((part) => (part.math ? part.text : escapeText(part.text)))
    .join('');
}

function escapeText(text: string): string {
  return text.replace(/[\\{}%&_#$~^]/g, (ch) => {
    if (ch === '\\') return '\\textbackslash{}';
    if (ch === '~') return '\\textasciitilde{}';
    if (ch === '^') return '\\textasciicircum{}';
    return `\\${ch}`;
  });
}

/** Escapes a title and braces the words whose case a style must not change ("LVLMs", "fMRI", "3D"). */
function bibtexTitle(title: string): string {
  return splitMath(title)
    .map((part) =>
      part.math ? part.text : part.text.replace(/\S+/g, (word) => (keepsCase(word) ? `{${escapeText(word)}}` : escapeText(word))),
    )
    .join('');
}

function keepsCase(word: string): boolean {
  return word.split(/[-/–]/).some((part) => {
    const letters = part.replace(/[^\p{L}\p{N}]/gu, '');
    return letters.length > 1 && /\p{Lu}/u.test(letters.slice(1));
  });
}

function splitMath(text: string): Array<{ math: boolean; text: string }> {
  const parts: Array<{ math: boolean; text: string }> = [];
  const pattern = /(?<!\\)\$(?!\s)[^$\n]+?(?<![\s\\])\$/g;
  let last = 0;
  for (const match of text.matchAll(pattern)) {
    if (match.index > last) parts.push({ math: false, text: text.slice(last, match.index) });
    parts.push({ math: true, text: match[0] });
    last = match.index + match[0].length;
  }
  if (last < text.length) parts.push({ math: false, text: text.slice(last) });
  return parts;
}
