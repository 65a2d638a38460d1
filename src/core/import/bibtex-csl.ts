/**
 * BibTeX/BibLaTeX entries → CSL-JSON records with citation-js's mapping (`@citation-js/plugin-bibtex`, the
 * tables Better BibTeX's CSL export agrees with): entry types (`@incollection` → `chapter`, `@phdthesis` →
 * `thesis` with its genre, `@techreport` → `report`), fields (`booktitle` → `container-title`, `school` /
 * `institution` → `publisher`, `number` → `issue` or `number` by type, `address` → `publisher-place`), TeX
 * → Unicode, dates, and `crossref` inheritance among the entries of one file.
 *
 * Names are read separately (`bibtex-names.ts`) so that organisations and names that cannot be split stay
 * whole. The abstract is left out (the paper keeps the one copy), as are file paths and keywords.
 */
import { parse as cslFromBiblatex, type CitationJsEntry } from '@citation-js/plugin-bibtex/lib/input/entries.js';
import { TYPE_KEYS } from '@citation-js/plugin-bibtex/lib/mapping/shared.js';
import type { CslItem } from '../model/csl-item';
import type { ImportedPaper } from '../model/paper';
import type { EntryNames, RawEntry } from './bibtex-record';
import { cleanText, stripHtml, venueOf } from './import-helpers';

/**
 * Gives each paper read from one file its CSL record, with its names; a paper without a journal or book
 * title as its venue gets the one its record implies (a book's publisher, a thesis's school, a crossref'd container).
 */
export function attachCslRecords(read: Array<{ paper: ImportedPaper; raw: RawEntry; names: EntryNames }>): void {
  const records = cslRecordsOf(read.map((entry) => entry.raw));
  read.forEach(({ paper, names }, i) => {
    const csl = records[i];
    if (!csl) return;
    csl.title ??= paper.title;
    if (names.author.length > 0) csl.author = names.author;
    if (names.editor.length > 0) csl.editor = names.editor;
    paper.csl = csl;
    if (!paper.venue) {
      const venue = venueOf(csl, (value) => (typeof value === 'string' ? cleanText(stripHtml(value)) : ''));
      if (venue) paper.venue = venue;
    }
  });
}

/** Fields not given to the mapping: names (read on their own), and what the paper keeps elsewhere or not at all. */
const LEFT_OUT = new Set(['author', 'editor', 'abstract', 'file', 'keywords', 'mendeley-tags', 'mendeley-groups']);

/**
 * The CSL records of a file's entries, in order, without names. Entries are mapped together so `crossref`
 * resolves; a field whose TeX the mapping cannot read is left out of its entry's record.
 *
 * @example cslRecordsOf([{ type: 'phdthesis', key: 'k', fields: { title: 'T', school: 'MIT' } }])[0]
 * // → { id: 'k', type: 'thesis', genre: 'PhD thesis', publisher: 'MIT', title: 'T', 'citation-key': 'k' }
 */
export function cslRecordsOf(entries: RawEntry[]): Array<CslItem | undefined> {
  const input = entries.map(citationJsEntry);
  try {
    return cslFromBiblatex(input).map((item, i) => tidy(item, entries[i]));
  } catch {
    // One entry the mapping cannot read should not cost the others their records.
    return input.map((entry, i) => {
      const item = mapAlone(entry);
      return item && tidy(item, entries[i]);
    });
  }
}

/** One entry mapped alone; when a field's TeX defeats the mapping (a `$` never closed), without that field. */
function mapAlone(entry: CitationJsEntry): Record<string, unknown> | undefined {
  const mapped = (properties: Record<string, string>) => {
    try {
      // (A `next-line` comment cannot reach the `catch` line: disabled here, restored inside it.)
      // Stryker disable BlockStatement: an empty `catch` returns `undefined` too
      return cslFromBiblatex([{ ...entry, properties }])[0];
    } catch {
      // Stryker restore BlockStatement
      return undefined;
    }
  };
  const whole = mapped(entry.properties);
  if (whole) return whole;
  const readable = Object.entries(entry.properties).filter(([name, value]) => mapped({ [name]: value }) !== undefined);
  return mapped(Object.fromEntries(readable));
}

function citationJsEntry(raw: RawEntry): CitationJsEntry {
  const properties: Record<string, string> = {};
  for (const [name, value] of Object.entries(raw.fields)) {
    if (!LEFT_OUT.has(name) && value.trim()) properties[name] = value;
  }
  return { type: raw.type, label: raw.key, properties };
}

/** The mapping's item with the citekey as `id`, the genre written out, and nothing that is not CSL text. */
function tidy(item: Record<string, unknown>, raw: RawEntry): CslItem {
  const csl = { ...item, id: raw.key, type: typeof item.type === 'string' ? item.type : 'document' } as CslItem;
  if (raw.key) csl['citation-key'] = raw.key;
  else delete csl['citation-key'];
  if (typeof csl.genre === 'string' && Object.hasOwn(TYPE_KEYS, csl.genre)) csl.genre = TYPE_KEYS[csl.genre];
  // A whole work's `pages = {456}` is its length (Zotero's "# of Pages"), not a page range to cite: APA would print "(p. 456)".
  if (WHOLE_WORK.has(csl.type) && /^\s*\d+\s*$/.test(String(csl.page ?? '')) && csl['number-of-pages'] === undefined) {
    csl['number-of-pages'] = String(csl.page).trim();
    delete csl.page;
  }
  return csl;
}

/** CSL types that are whole works, whose single-number `pages` counts their pages. */
const WHOLE_WORK = new Set(['book', 'thesis', 'report']);
