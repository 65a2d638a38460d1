/**
 * CSL-JSON (Zotero "CSL JSON", Better CSL JSON, citation.js): a JSON array of CSL items. Each item's
 * line is where its `{` stands; a syntax error becomes a diagnostic at its line/column and the items
 * before it (and, when the file can be resynchronised, after it) still load.
 */
import * as l10n from '@vscode/l10n';
import type { CslItem } from '../model/csl-item';
import type { Diagnostic, ImportResult } from '../model/diagnostic';
import type { ImportedPaper } from '../model/paper';
import {
  abstractText,
  asString,
  cleanText,
  diagnostic,
  displayName,
  dropOversizedStrings,
  firstUrl,
  internalErrorDiagnostic,
  isoDate,
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
  venueOf,
} from './import-helpers';
import { LineIndex } from '../text/line-column';
import { defaultImportContext, type ImportContext } from './import-limits';
import { reportDamagedElement, reportJsonErrors, reportStrayDamage, scanJsonArray, type JsonSpan } from './json-scanner';

/**
 * Reads a CSL-JSON array into papers; items without a title, and JSON syntax errors, become diagnostics
 * at their line. Never throws.
 *
 * @example importCslJson('zotero.json', '[{"id": "k", "type": "article", "title": "A"}]').papers[0].citeKey // 'k'
 */
export function importCslJson(file: string, source: string, context: ImportContext = defaultImportContext()): ImportResult {
  const papers: ImportedPaper[] = [];
  const diagnostics: Diagnostic[] = [];
  try {
    const text = context.damage.mask(source);
    const lines = new LineIndex(text);
    const scan = scanJsonArray(text);
    reportJsonErrors(file, scan, lines, diagnostics, 'CSL-JSON', l10n.t('a JSON array of CSL items'));
    scan.elements.forEach((span, index) => {
      if (reportDamagedElement(file, span, lines, context, l10n.t('item {0}', index + 1), diagnostics)) return;
      const { line, column } = lines.position(span.start);
      const item: unknown = JSON.parse(text.slice(span.start, span.end));
      if (!isRecord(item)) {
        diagnostics.push(
          diagnostic(
            file,
            line,
            column,
            'warning',
            l10n.t('Lectern: item {0} of {1} (line {2}) is not a CSL item object; it was skipped.', index + 1, file, line),
          ),
        );
        return;
      }
      const max = context.limits.maxFieldChars;
      dropOversizedStrings(item, max, (key, length) => {
        const at = lines.position(span.start + jsonValueOffset(text.slice(span.start, span.end), key));
        diagnostics.push(
          diagnostic(
            file,
            at.line,
            at.column,
            'warning',
            oversizedFieldMessage(key, length, max, l10n.t('item {0} (line {1})', index + 1, line)),
          ),
        );
      });
      const paper = cslPaper(file, { text, span, lines }, index, item, diagnostics);
      if (paper) papers.push(paper);
    });
    reportStrayDamage(file, scan.elements, lines, context, diagnostics);
  } catch (err) {
    diagnostics.push(internalErrorDiagnostic(file, 'CSL-JSON', err));
  }
  return { papers, diagnostics };
}

/** Where an item stands in the file, to place its diagnostics at their exact column. */
interface ItemPlace {
  text: string;
  span: JsonSpan;
  lines: LineIndex;
}

function cslPaper(
  file: string,
  at: ItemPlace,
  index: number,
  item: Record<string, unknown>,
  diagnostics: Diagnostic[],
): ImportedPaper | undefined {
  const { line, column } = at.lines.position(at.span.start);
  /** Position of a key's value in the item, or of the item itself. */
  const valueAt = (key: string): { line: number; column: number } => {
    const offset = jsonValueOffset(at.text.slice(at.span.start, at.span.end), key);
    return offset < 0 ? { line, column } : at.lines.position(at.span.start + offset);
  };
  const citeKey = asString(item['citation-key']) ?? asString(item.citationKey) ?? keyFromId(item.id);
  const title = cslText(item.title);
  const label = citeKey ? l10n.t('item `{0}`', citeKey) : l10n.t('item {0}', index + 1);
  if (!title) {
    const shape = nonTextShape(item.title);
    const where = shape ? valueAt('title') : { line, column };
    diagnostics.push(diagnostic(file, where.line, where.column, 'warning', noTitleMessage(label, file, line, shape)));
    return undefined;
  }
  const abstractShape = nonTextShape(item.abstract);
  if (abstractShape && !(Array.isArray(item.abstract) && typeof item.abstract[0] === 'string')) {
    const where = valueAt('abstract');
    diagnostics.push(
      diagnostic(
        file,
        where.line,
        where.column,
        'warning',
        l10n.t(
          'Lectern: the "abstract" of {0} of {1} (line {2}) is {3}, not text; the item was loaded without an abstract. Write the abstract as a JSON string.',
          label,
          file,
          line,
          abstractShape,
        ),
      ),
    );
  }
  const authors = cslNames(item.author);
  const paper: ImportedPaper = {
    title,
    authors: authors.length ? authors : cslNames(item.editor),
    abstract: abstractText(cslText(item.abstract)),
    keywords: cslKeywords(item.keyword ?? item.keywords),
    categories: [],
    topics: [],
    source: { file, line },
  };
  const dated = cslDate(item.issued) ?? {};
  if (dated.year !== undefined) paper.year = dated.year;
  if (dated.date) paper.date = dated.date;
  const url = firstUrl(asString(item.URL) ?? asString(item.url));
  if (url) paper.url = url;
  const doi = normalizeDoi(asString(item.DOI) ?? asString(item.doi));
  if (doi) paper.doi = doi;
  const arxivId =
    (doi ? normalizeArxivId(doi) : undefined) ??
    (url && /arxiv\.org/i.test(url) ? normalizeArxivId(url) : undefined) ??
    (/arxiv/i.test(asString(item.number) ?? '') ? normalizeArxivId(asString(item.number)) : undefined);
  if (arxivId) paper.arxivId = arxivId;
  if (citeKey) paper.citeKey = citeKey;
  paper.csl = cslRecord(item, citeKey);
  const venue = venueOf(paper.csl, cslText);
  if (venue) paper.venue = venue;
  return paper;
}

/**
 * The item as the record, every variable kept (unknown ones too, for the citation processor), except the
 * abstract, which the paper holds once. `id`: the item's (Better CSL JSON puts the citekey there).
 */
function cslRecord(item: Record<string, unknown>, citeKey: string | undefined): CslItem {
  const { abstract: _abstract, ...rest } = item;
  return { ...rest, id: asString(item.id) ?? citeKey ?? '', type: asString(item.type) ?? 'document' };
}

/** CSL rich text may carry HTML (`<i>`, `<sub>`, `<span class="nocase">`): stripped to plain text. */
function cslText(value: unknown): string {
  const text = asString(value) ?? (Array.isArray(value) ? asString(value[0]) : undefined);
  return text ? cleanText(stripHtml(text)) : '';
}

function keyFromId(id: unknown): string | undefined {
  const text = asString(id);
  // Better CSL JSON ids are citation keys; Zotero's own are item URIs or numbers, which are not.
  return text && /^[A-Za-z][\w:.+-]*$/.test(text) ? text : undefined;
}

function cslNames(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  return value
    .map((name) => {
      if (typeof name === 'string') return cleanText(name);
      if (!isRecord(name)) return '';
      return displayName({
        literal: asString(name.literal),
        given: asString(name.given),
        particle: [asString(name['dropping-particle']), asString(name['non-dropping-particle'])].filter(Boolean).join(' '),
        family: asString(name.family),
        suffix: asString(name.suffix),
      });
    })
    .filter(Boolean);
}

function cslKeywords(value: unknown): string[] {
  if (Array.isArray(value)) return uniqueStrings(value.map((k) => cleanText(asString(k))));
  const text = asString(value);
  return text ? splitKeywords(text, text.includes(';') ? /;/ : /,/) : [];
}

/** `{"date-parts": [[2022, 11, 3]]}` (parts may be strings), `{"literal": "1995-01-0001"}`, `{"raw": …}`, or a string. */
function cslDate(value: unknown): { year?: number; date?: string } | undefined {
  if (typeof value === 'string' || typeof value === 'number') return parseIsoDate(String(value));
  if (!isRecord(value)) return undefined;
  const dateParts = value['date-parts'];
  const parts: unknown = Array.isArray(dateParts) ? dateParts[0] : undefined;
  if (Array.isArray(parts) && parts.length > 0) {
    const [y, m, d] = parts.map((p) =>
      typeof p === 'number' ? p : typeof p === 'string' && /^\s*\d+\s*$/.test(p) ? Number(p) : undefined,
    );
    const year = y !== undefined && y >= 1000 && y <= 2999 ? y : parseYear(asString(parts[0]));
    if (year !== undefined) return { year, date: isoDate(year, m, d) };
  }
  for (const key of ['literal', 'raw']) {
    const text = asString(value[key]);
    if (text) {
      const parsed = parseIsoDate(text);
      if (parsed.year !== undefined) return parsed;
      const year = parseYear(text);
      if (year !== undefined) return { year, date: String(year) };
    }
  }
  return undefined;
}
