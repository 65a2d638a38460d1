/**
 * Lines of the public arXiv metadata snapshot (Kaggle `arxiv-metadata-oai-snapshot.json`, JSON Lines):
 * one paper per line. A line that does not parse becomes a diagnostic on that line; the others load.
 */
import * as l10n from '@vscode/l10n';
import type { CslItem, CslName } from '../model/csl-item';
import { cslNameFromDisplay, withParticles } from '../model/csl-of';
import type { Diagnostic, ImportResult } from '../model/diagnostic';
import type { ImportedPaper } from '../model/paper';
import { arxivCategoryNames } from './arxiv-categories';
import {
  asString,
  cleanText,
  diagnostic,
  displayName,
  dropOversizedStrings,
  internalErrorDiagnostic,
  isoDate,
  isRecord,
  jsonValueOffset,
  nonTextShape,
  normalizeArxivId,
  normalizeDoi,
  oversizedFieldMessage,
  parseIsoDate,
  shorten,
} from './import-helpers';
import { forEachJsonLine } from './for-each-json-line';
import { defaultImportContext, type ImportContext } from './import-limits';

/**
 * Reads arXiv metadata JSON Lines into papers (categories by name, first-version date, DOI), each with its
 * record as a preprint the way Zotero's arXiv translator stores it and APA cites it (see {@link arxivRecord});
 * a line that is not a paper object becomes a diagnostic on that line. Never throws.
 *
 * @example importArxivJsonl('arxiv.jsonl', '{"id": "0704.0001", "title": "A", "categories": "hep-ph"}').papers[0].categories // ['High Energy Physics - Phenomenology']
 */
export function importArxivJsonl(file: string, text: string, context: ImportContext = defaultImportContext()): ImportResult {
  const papers: ImportedPaper[] = [];
  const diagnostics: Diagnostic[] = [];
  try {
    forEachJsonLine(
      file,
      text,
      diagnostics,
      l10n.t('Each line of an arXiv metadata file must be one complete JSON object.'),
      (record, lineNumber, line) => {
        if (!isRecord(record)) {
          diagnostics.push(
            diagnostic(
              file,
              lineNumber,
              1,
              'error',
              l10n.t(
                'Lectern: line {0} of {1} is JSON but not an object; it was skipped. Each line of an arXiv metadata file must be one paper object.',
                lineNumber,
                file,
              ),
            ),
          );
          return;
        }
        const max = context.limits.maxFieldChars;
        dropOversizedStrings(record, max, (key, length) => {
          const message = oversizedFieldMessage(key, length, max, l10n.t('the record on line {0}', lineNumber));
          diagnostics.push(diagnostic(file, lineNumber, jsonValueOffset(line, key) + 1, 'warning', message));
        });
        const paper = arxivPaper(file, { line: lineNumber, text: line }, record, diagnostics);
        if (paper) papers.push(paper);
      },
      context,
    );
  } catch (err) {
    diagnostics.push(internalErrorDiagnostic(file, l10n.t('arXiv metadata JSON Lines'), err));
  }
  return { papers, diagnostics };
}

/** The line a record was read from: its number and its JSON text (to place diagnostics inside it). */
interface RecordLine {
  line: number;
  text: string;
}

function arxivPaper(file: string, at: RecordLine, r: Record<string, unknown>, diagnostics: Diagnostic[]): ImportedPaper | undefined {
  const line = at.line;
  const rawId = asString(r.id);
  const arxivId = normalizeArxivId(rawId);
  const title = cleanText(asString(r.title));
  if (!title) {
    const shape = nonTextShape(r.title);
    diagnostics.push(
      diagnostic(file, line, shape ? jsonValueOffset(at.text, 'title') + 1 : 1, 'warning', noTitleMessage(line, rawId, shape)),
    );
    return undefined;
  }
  const abstractShape = nonTextShape(r.abstract);
  if (abstractShape) {
    diagnostics.push(
      diagnostic(
        file,
        line,
        jsonValueOffset(at.text, 'abstract') + 1,
        'warning',
        l10n.t(
          'Lectern: the "abstract" of "{0}" (line {1}) is {2}, not text; the paper was loaded without an abstract. Write the abstract as a JSON string.',
          shorten(title),
          line,
          abstractShape,
        ),
      ),
    );
  }
  const authors = arxivAuthors(r);
  const paper: ImportedPaper = {
    title,
    authors: authors.map((a) => a.display),
    abstract: cleanText(asString(r.abstract)),
    keywords: [],
    categories:
      typeof r.categories === 'string' || Array.isArray(r.categories)
        ? arxivCategoryNames(
            typeof r.categories === 'string' ? r.categories : r.categories.filter((c): c is string => typeof c === 'string'),
          )
        : [],
    topics: [],
    source: { file, line },
  };
  if (rawId && !arxivId) {
    diagnostics.push(
      diagnostic(
        file,
        line,
        jsonValueOffset(at.text, 'id') + 1,
        'info',
        l10n.t(
          'Lectern: "{0}" (line {1}) has id "{2}", which is not an arXiv identifier; it was loaded without one.',
          shorten(title),
          line,
          shorten(rawId, 40),
        ),
      ),
    );
  }
  const dated = arxivDate(r, arxivId);
  if (dated.year !== undefined) paper.year = dated.year;
  if (dated.date) paper.date = dated.date;
  if (arxivId) {
    paper.arxivId = arxivId;
    paper.url = `https://arxiv.org/abs/${arxivId}`;
  }
  const doi = normalizeDoi(asString(r.doi));
  if (doi) paper.doi = doi;
  paper.csl = arxivRecord(paper, authors, cleanText(asString(r['journal-ref'])));
  return paper;
}

/**
 * A preprint as Zotero's arXiv translator stores it and APA 7 cites it: CSL type `article`, publisher arXiv,
 * number `arXiv:ID`, the DOI of its own (the published version's) else arXiv's DataCite DOI
 * `10.48550/arXiv.ID`. The journal reference is kept as `journal-ref` (not a CSL variable, so no style
 * prints it) and is never the venue: it describes a later publication, not this record.
 */
function arxivRecord(paper: ImportedPaper, authors: ArxivAuthor[], journalRef: string): CslItem {
  const csl: CslItem = { id: '', type: 'article', title: paper.title };
  if (authors.length > 0) csl.author = authors.map((a) => a.name);
  if (paper.date) csl.issued = { 'date-parts': [paper.date.split('-').map(Number)] };
  if (paper.arxivId) {
    csl.publisher = 'arXiv';
    csl.number = `arXiv:${paper.arxivId}`;
  }
  const doi = paper.doi ?? (paper.arxivId ? `10.48550/arXiv.${paper.arxivId}` : undefined);
  if (doi) csl.DOI = doi;
  if (paper.url) csl.URL = paper.url;
  if (journalRef) csl['journal-ref'] = journalRef;
  return csl;
}

/** One author: the display name, and the CSL name (from `authors_parsed` when it lines up, else from the display name). */
interface ArxivAuthor {
  display: string;
  name: CslName;
}

/**
 * `authors_parsed` is `[[last, first, suffix, affiliation…]]` in the snapshot, but some copies flatten it to
 * `["Last F."]` (with affiliations glued on). The `authors` string is "First Last, First Last and First Last"
 * with parenthesised affiliations; when it yields as many names as `authors_parsed`, it is the better source.
 */
function arxivAuthors(r: Record<string, unknown>): ArxivAuthor[] {
  const parsed = Array.isArray(r.authors_parsed) ? r.authors_parsed : [];
  const fromString = typeof r.authors === 'string' ? splitAuthorString(r.authors) : [];
  const parts = parsed.map(nameParts);
  // The `authors` string is the names as the submitter wrote them ("C.-P. Yuan"); when it splits into as
  // many names as `authors_parsed` has, it is the better source. Otherwise trust `authors_parsed`.
  if (fromString.length > 0 && (parsed.length === 0 || fromString.length === parsed.length)) {
    return fromString.map((display, i) => ({ display, name: parts[i] ?? cslNameFromDisplay(display) }));
  }
  const fromStringOnly = fromString.map((display) => ({ display, name: cslNameFromDisplay(display) }));
  // Flattened entries ("Jensen Eric L. N. 1 - Swarthmore College; …") may carry affiliations: worse than the string.
  const glued = parsed.some((a) => typeof a === 'string' && (/[\d;(]/.test(a) || a.trim().split(/\s+/).length > 5));
  if (glued && fromString.length > 0) return fromStringOnly;
  const names: ArxivAuthor[] = [];
  parsed.forEach((a, i) => {
    if (typeof a === 'string') {
      const display = reorderLastFirst(a);
      if (display) names.push({ display, name: cslNameFromDisplay(display) });
      return;
    }
    const name = parts[i];
    const display = name ? tidyInitials(displayName({ given: name.given, family: name.family, suffix: name.suffix })) : '';
    if (name && display) names.push({ display, name });
  });
  return names.length > 0 ? names : fromStringOnly;
}

/** `[last, first, suffix, affiliation…]` of `authors_parsed` as a CSL name; undefined for any other shape. */
function nameParts(entry: unknown): CslName | undefined {
  if (!Array.isArray(entry)) return undefined;
  const [family, given, suffix] = entry.map((part) => (typeof part === 'string' ? cleanText(part) : ''));
  if (!family) return undefined;
  // "The BABAR Collaboration" with no given name: an organisation.
  if (!given && !suffix && /\s/.test(family)) return { literal: family };
  const name: CslName = { family };
  if (given) name.given = tidyInitials(given);
  if (suffix) name.suffix = suffix;
  return withParticles(name);
}

/** "C. -P. Yuan" (as `authors_parsed` writes hyphenated initials) → "C.-P. Yuan". */
function tidyInitials(name: string): string {
  return name.replace(/\.\s+-(?=\p{Lu})/gu, '.-');
}

/** "C. Bal\'azs, E. L. Berger (MIT) and C.-P. Yuan ((1) Harvard)" → ["C. Balázs", "E. L. Berger", "C.-P. Yuan"]. */
export function splitAuthorString(authors: string): string[] {
  const names: string[] = [];
  for (const part of stripParentheses(authors).split(/,|\band\b|&|;|:/)) {
    const name = cleanText(part).replace(/[\s\-–:;,]+$/, '');
    if (!name || /^(et al\.?|others)$/i.test(name)) continue;
    // "Robert W. Heath, Jr." — a suffix after a comma belongs to the name before it.
    if (/^(Jr|Sr)\.?$|^(II|III|IV)$/.test(name) && names.length > 0) names[names.length - 1] += ` ${name}`;
    else names.push(name);
  }
  return names;
}

function stripParentheses(text: string): string {
  let depth = 0;
  let out = '';
  for (const ch of text) {
    if (ch === '(') depth++;
    else if (ch === ')') depth = Math.max(0, depth - 1);
    else if (depth === 0) out += ch;
  }
  return out;
}

/** "Yuan C. -P." → "C.-P. Yuan": trailing initials move to the front. */
function reorderLastFirst(name: string): string {
  const tokens = name.trim().split(/\s+/);
  let i = tokens.length;
  while (i > 1 && /^(-?\p{Lu}\.?)+$|^-?\p{Lu}\.(-\p{Lu}\.)*$/u.test(tokens[i - 1])) i--;
  if (i === tokens.length) return cleanText(name);
  const initials = tidyInitials(tokens.slice(i).join(' '));
  return cleanText(`${initials} ${tokens.slice(0, i).join(' ')}`);
}

/**
 * The paper's date. Rule: the first version's submission date when it parses; else the month encoded in the
 * id (`0704.0001` → 2007-04, `hep-th/9901001` → 1999-01) when that month is plausible (01–12, a year from
 * 1991, when arXiv began, to next year); else `update_date`. An id such as `8000.00001` (month 00, year
 * 2080) is not a date, so a valid `update_date` wins over it.
 */
function arxivDate(r: Record<string, unknown>, arxivId: string | undefined): { year?: number; date?: string } {
  const versions = Array.isArray(r.versions) ? r.versions : [];
  const created = isRecord(versions[0]) ? asString(versions[0].created) : undefined;
  if (created) {
    const time = Date.parse(created);
    const d = new Date(time);
    const date = Number.isFinite(time) ? isoDate(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()) : undefined;
    if (date) return { year: d.getUTCFullYear(), date };
    const parsed = parseIsoDate(created);
    if (parsed.year !== undefined) return parsed;
  }
  const yymm = arxivId ? (/^(\d{2})(\d{2})\./.exec(arxivId) ?? /\/(\d{2})(\d{2})\d{3}$/.exec(arxivId)) : null;
  if (yymm) {
    const yy = Number(yymm[1]);
    const month = Number(yymm[2]);
    const year = yy >= 91 ? 1900 + yy : 2000 + yy;
    if (month >= 1 && month <= 12 && year <= new Date().getUTCFullYear() + 1) return { year, date: isoDate(year, month) };
  }
  return parseIsoDate(asString(r.update_date));
}

/** An arXiv record without a usable title, named by its line and its arXiv id when it has one. */
function noTitleMessage(line: number, rawId: string | undefined, shape: string | undefined): string {
  const arxivNote = rawId ? ` (arXiv ${rawId})` : '';
  return shape
    ? l10n.t(
        'Lectern: the record on line {0}{1} has no title (its "title" is {2}, not text); it was skipped. Add a "title" to the line.',
        line,
        arxivNote,
        shape,
      )
    : l10n.t('Lectern: the record on line {0}{1} has no title; it was skipped. Add a "title" to the line.', line, arxivNote);
}
