/**
 * Lectern's own JSON: an array of paper objects (`.json`), one paper object per line (`.jsonl`), or the
 * `{"papers": [...]}` that `lectern import --json` prints. Lenient about shapes, so dumps such as the
 * OpenReview paper lists load too: `author`/`authors` as an array or a `;`/`, `-separated string,
 * `keywords` as an array or a `;`-separated string, `site`/`url` as the link.
 */
import * as l10n from '@vscode/l10n';
import type { CslItem } from '../model/csl-item';
import { cslNameFromDisplay } from '../model/csl-of';
import type { Diagnostic, ImportResult } from '../model/diagnostic';
import type { ImportedPaper } from '../model/paper';
import {
  asString,
  cleanText,
  diagnostic,
  displayName,
  dropOversizedStrings,
  firstUrl,
  internalErrorDiagnostic,
  isRecord,
  jsonValueOffset,
  nonTextShape,
  noTitleMessage,
  normalizeArxivId,
  normalizeDoi,
  oversizedFieldMessage,
  parseIsoDate,
  parseYear,
  splitKeywords,
  stripHtml,
  uniqueStrings,
} from './import-helpers';
import { LineIndex } from '../text/line-column';
import { reportDamagedElement, reportJsonErrors, reportStrayDamage, scanJsonArray, skipJsonValue, type JsonSpan } from './json-scanner';
import { forEachJsonLine } from './for-each-json-line';
import { defaultImportContext, type ImportContext } from './import-limits';

/**
 * Reads Lectern JSON (an array, JSON Lines, or `{"papers": […]}`) into papers. Never throws.
 *
 * @example importLecternJson('papers.json', '[{"title": "A", "authors": "X; Y"}]').papers[0].authors // ['X', 'Y']
 */
export function importLecternJson(file: string, text: string, context: ImportContext = defaultImportContext()): ImportResult {
  const papers: ImportedPaper[] = [];
  const diagnostics: Diagnostic[] = [];
  try {
    if (looksLikeJsonLines(text)) importLines(file, text, context, papers, diagnostics);
    else importArray(file, text, context, papers, diagnostics);
  } catch (err) {
    diagnostics.push(internalErrorDiagnostic(file, 'Lectern JSON', err));
  }
  return { papers, diagnostics };
}

/** JSON Lines: the first value is an object that ends on its own line and more text follows it. */
export function looksLikeJsonLines(text: string): boolean {
  const start = text.search(/\S/);
  if (start < 0 || text[start] !== '{') return false;
  const firstLineEnd = text.indexOf('\n', start);
  if (firstLineEnd < 0) return false;
  const end = skipJsonValue(text, start);
  // A first line that is not a complete object still means JSON Lines when later lines start with `{`.
  if (typeof end !== 'number') return /\n[ \t]*\{/.test(text.slice(firstLineEnd));
  return end <= firstLineEnd + 1 && /\S/.test(text.slice(end));
}

/**
 * Reads Lectern JSON Lines (one paper object per line) into papers, whatever the text looks like: a piece of a
 * large file read in pieces may hold a single line. Never throws.
 */
export function importLecternJsonLines(file: string, text: string, context: ImportContext = defaultImportContext()): ImportResult {
  const papers: ImportedPaper[] = [];
  const diagnostics: Diagnostic[] = [];
  try {
    importLines(file, text, context, papers, diagnostics);
  } catch (err) {
    diagnostics.push(internalErrorDiagnostic(file, 'Lectern JSON', err));
  }
  return { papers, diagnostics };
}

function importLines(file: string, text: string, context: ImportContext, papers: ImportedPaper[], diagnostics: Diagnostic[]): void {
  forEachJsonLine(
    file,
    text,
    diagnostics,
    l10n.t('Each line must be one complete paper object.'),
    (record, lineNumber, line) => {
      const place = { line: lineNumber, column: 1, json: line, position: (offset: number) => ({ line: lineNumber, column: offset + 1 }) };
      addRecord(file, place, l10n.t('line {0}', lineNumber), record, context, papers, diagnostics);
    },
    context,
  );
}

function importArray(file: string, source: string, context: ImportContext, papers: ImportedPaper[], diagnostics: Diagnostic[]): void {
  const text = context.damage.mask(source);
  const lines = new LineIndex(text);
  let scan = scanJsonArray(text);
  let base = 0;
  if (scan.shape === 'object' && scan.elements.length === 1) {
    // `{"papers": [...]}` as printed by `lectern import --json`, or one paper object.
    const span = scan.elements[0];
    const value: unknown = JSON.parse(text.slice(span.start, span.end));
    if (isRecord(value) && Array.isArray(value.papers)) {
      const inner = findPapersArray(text, span);
      if (inner >= 0) {
        base = inner;
        scan = scanJsonArray(text.slice(inner));
        scan.errors = scan.errors.filter((e) => !/after the closing/.test(e.message));
      }
    }
  }
  const shifted = {
    ...scan,
    errors: scan.errors.map((e) => ({
      ...e,
      offset: e.offset + base,
      itemStart: e.itemStart === undefined ? undefined : e.itemStart + base,
    })),
    elements: scan.elements.map((e) => ({ start: e.start + base, end: e.end + base })),
  };
  reportJsonErrors(file, shifted, lines, diagnostics, 'JSON', l10n.t('a JSON array of paper objects (or one paper object per line)'));
  shifted.elements.forEach((span, index) => {
    if (reportDamagedElement(file, span, lines, context, l10n.t('item {0}', index + 1), diagnostics)) return;
    const json = text.slice(span.start, span.end);
    const place = { ...lines.position(span.start), json, position: (offset: number) => lines.position(span.start + offset) };
    addRecord(file, place, l10n.t('item {0}', index + 1), JSON.parse(json), context, papers, diagnostics);
  });
  reportStrayDamage(file, shifted.elements, lines, context, diagnostics);
}

/** Offset of the `[` that opens the top-level `"papers"` array, or -1. */
function findPapersArray(text: string, span: JsonSpan): number {
  const pattern = /"papers"\s*:\s*\[/g;
  pattern.lastIndex = span.start;
  const match = pattern.exec(text);
  return match && match.index < span.end ? match.index + match[0].length - 1 : -1;
}

/** Where a record stands: its first character, its JSON text, and the position of an offset in that text. */
interface RecordPlace {
  line: number;
  column: number;
  json: string;
  position: (offset: number) => { line: number; column: number };
}

function addRecord(
  file: string,
  at: RecordPlace,
  label: string,
  record: unknown,
  context: ImportContext,
  papers: ImportedPaper[],
  diagnostics: Diagnostic[],
): void {
  const line = at.line;
  /** Position of a key's value in the record, or of the record itself. */
  const valueAt = (key: string): { line: number; column: number } => {
    const offset = jsonValueOffset(at.json, key);
    return offset < 0 ? { line, column: at.column } : at.position(offset);
  };
  if (!isRecord(record)) {
    diagnostics.push(
      diagnostic(
        file,
        line,
        at.column,
        'warning',
        l10n.t(
          'Lectern: {0} of {1} (line {2}) is not a paper object; it was skipped. Write each paper as an object with at least a "title".',
          label,
          file,
          line,
        ),
      ),
    );
    return;
  }
  const max = context.limits.maxFieldChars;
  dropOversizedStrings(record, max, (key, length) => {
    const where = valueAt(key);
    diagnostics.push(
      diagnostic(file, where.line, where.column, 'warning', oversizedFieldMessage(key, length, max, l10n.t('{0} of {1}', label, file))),
    );
  });
  const title = cleanText(asString(record.title));
  if (!title) {
    const shape = nonTextShape(record.title);
    const where = shape ? valueAt('title') : { line, column: at.column };
    diagnostics.push(diagnostic(file, where.line, where.column, 'warning', noTitleMessage(label, file, line, shape)));
    return;
  }
  const abstractKey = record.abstract !== undefined ? 'abstract' : 'summary';
  const abstractShape = nonTextShape(record[abstractKey]);
  if (abstractShape) {
    const where = valueAt(abstractKey);
    diagnostics.push(
      diagnostic(
        file,
        where.line,
        where.column,
        'warning',
        l10n.t(
          'Lectern: the "{0}" of {1} of {2} (line {3}) is {4}, not text; the paper was loaded without an abstract. Write the abstract as a JSON string.',
          abstractKey,
          label,
          file,
          line,
          abstractShape,
        ),
      ),
    );
  }
  papers.push(lecternPaper(file, line, title, record));
}

/** A paper from a record of named fields (a Lectern JSON object, a TSV row): the one mapping of field names to a paper. */
export function lecternPaper(file: string, line: number, title: string, r: Record<string, unknown>): ImportedPaper {
  const embedded = embeddedBibtex(asString(r.bibtex));
  const paper: ImportedPaper = {
    title,
    authors: names(r.authors ?? r.author),
    abstract: cleanText(stripHtml(asString(r.abstract) ?? asString(r.summary) ?? '')),
    keywords: list(r.keywords ?? r.keyword ?? r.tags),
    categories: list(r.categories),
    topics: [],
    source: { file, line },
  };
  const dateText = asString(r.date) ?? asString(r.published) ?? asString(r.publishedDate);
  const dated = parseIsoDate(dateText);
  const year = parseYear(asString(r.year)) ?? dated.year ?? embedded.year;
  if (year !== undefined) paper.year = year;
  if (dated.date && (year === undefined || dated.year === year)) paper.date = dated.date;
  else if (year !== undefined) paper.date = String(year);
  const url = firstUrl(asString(r.url) ?? asString(r.site) ?? asString(r.openreview) ?? asString(r.link));
  if (url) paper.url = url;
  const doi = normalizeDoi(asString(r.doi) ?? asString(r.DOI));
  if (doi) paper.doi = doi;
  const arxivId =
    normalizeArxivId(asString(r.arxivId) ?? asString(r.arxiv_id) ?? asString(r.arxiv)) ??
    (doi ? normalizeArxivId(doi) : undefined) ??
    (url && /arxiv\.org/i.test(url) ? normalizeArxivId(url) : undefined);
  if (arxivId) paper.arxivId = arxivId;
  const citeKey = asString(r.citeKey) ?? asString(r['citation-key']);
  if (citeKey) paper.citeKey = citeKey;
  const venue = cleanText(asString(r.venue) ?? asString(r.journal) ?? asString(r.booktitle) ?? embedded.venue);
  if (venue) paper.venue = venue;
  paper.csl = lecternRecord(paper, r, citeKey);
  // The PDF (`pdf` or `file`: a path, or a BibTeX-style file field), kept in the record for `pdfCandidates`.
  const pdf = asString(r.pdf) ?? asString(r.file);
  if (pdf && paper.csl.file === undefined) paper.csl.file = pdf;
  return paper;
}

/**
 * The record: a `csl` object the file carries (kept whole but for its abstract), else one built from the
 * fields read: a journal article when there is a `journal`, a conference paper when there is another venue
 * (OpenReview's lists are conference submissions), else an article.
 */
function lecternRecord(paper: ImportedPaper, r: Record<string, unknown>, citeKey: string | undefined): CslItem {
  if (isRecord(r.csl) && typeof r.csl.type === 'string') {
    const { abstract: _abstract, ...rest } = r.csl;
    return { ...rest, id: asString(r.csl.id) ?? citeKey ?? '', type: r.csl.type };
  }
  const type = asString(r.journal) ? 'article-journal' : paper.venue ? 'paper-conference' : 'article';
  const csl: CslItem = { id: citeKey ?? '', type, title: paper.title };
  if (paper.authors.length > 0) csl.author = paper.authors.map(cslNameFromDisplay);
  if (paper.date) csl.issued = { 'date-parts': [paper.date.split('-').map(Number)] };
  if (paper.venue) csl['container-title'] = paper.venue;
  if (paper.doi) csl.DOI = paper.doi;
  if (paper.url) csl.URL = paper.url;
  if (citeKey) csl['citation-key'] = citeKey;
  return csl;
}

/** Authors as an array (strings, `{name}`, `{given, family}`) or one string separated by `;`, `, ` or ` and `. */
function names(value: unknown): string[] {
  if (Array.isArray(value)) {
    return uniqueStrings(
      value.map((v) => {
        if (typeof v === 'string') return cleanText(v);
        if (!isRecord(v)) return '';
        return displayName({
          literal: asString(v.name) ?? asString(v.literal),
          given: asString(v.given) ?? asString(v.first) ?? asString(v.firstName),
          family: asString(v.family) ?? asString(v.last) ?? asString(v.lastName),
        });
      }),
    );
  }
  const text = asString(value);
  if (!text) return [];
  const parts = text.includes(';') ? text.split(';') : text.split(/,\s+|\s+and\s+/);
  return parts.map((p) => cleanText(p)).filter(Boolean);
}

/** Keywords/categories as an array or a string separated by `;` (or `,` when there is no `;`). */
function list(value: unknown): string[] {
  if (Array.isArray(value)) return uniqueStrings(value.map((v) => cleanText(asString(v))));
  const text = asString(value);
  if (!text) return [];
  return splitKeywords(text, text.includes(';') ? /;/ : /,/);
}

/** OpenReview dumps carry a BibTeX string: its year and booktitle/journal fill gaps. */
function embeddedBibtex(bibtex: string | undefined): { year?: number; venue?: string } {
  if (!bibtex) return {};
  const field = (name: string): string | undefined => new RegExp(`\\b${name}\\s*=\\s*[{"]([^}"]*)[}"]`, 'i').exec(bibtex)?.[1];
  return { year: parseYear(field('year')), venue: field('booktitle') ?? field('journal') };
}
