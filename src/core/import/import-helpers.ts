/**
 * Small pieces every importer shares: diagnostics, text clean-up, identifier and date
 * normalisation. Pure functions, no I/O. (Offsets → line/column: `../text/line-column`.)
 */
import * as l10n from '@vscode/l10n';
import type { CslItem, CslName } from '../model/csl-item';
import type { Diagnostic, DiagnosticSeverity } from '../model/diagnostic';
import { decodeHTMLStrict } from 'entities';
import { latexToUnicode } from '../text/latex-to-unicode';
import { normalizeWhitespace } from '../text/normalize-whitespace';

/** A diagnostic for the Problems panel; line and column are 1-based and at least 1. */
export function diagnostic(file: string, line: number, column: number, severity: DiagnosticSeverity, message: string): Diagnostic {
  return { file, line: Math.max(1, line), column: Math.max(1, column), severity, message };
}

/** The diagnostic an importer returns instead of throwing when something unexpected breaks. */
export function internalErrorDiagnostic(file: string, format: string, err: unknown): Diagnostic {
  const reason = err instanceof Error ? err.message : String(err);
  return diagnostic(
    file,
    1,
    1,
    'error',
    l10n.t(
      'Lectern: could not read {0} as {1} ({2}); check that the file is a valid {1} export and reload.',
      file,
      format,
      shorten(reason, 200),
    ),
  );
}

/** Shortens text for a message, on a word boundary when possible. */
export function shorten(text: string, max = 60): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${space > max / 2 ? cut.slice(0, space) : cut}…`;
}

/**
 * Title/author/keyword/abstract text: LaTeX → Unicode (math kept), whitespace collapsed. `bibtex` also drops
 * the braces BibTeX uses for case protection (`{Fourier}` → `Fourier`).
 */
export function cleanText(text: string | undefined | null, bibtex = false): string {
  if (!text) return '';
  let out = normalizeWhitespace(latexToUnicode(normalizeWhitespace(text), { stripGroupingBraces: bibtex }));
  // `\'\i` read by other tools comes out as dotless ı + accent; the accented letter is í.
  if (/[ıȷ][\u0300-\u036f]/.test(out)) out = out.replace(/ı(?=[\u0300-\u036f])/g, 'i').replace(/ȷ(?=[\u0300-\u036f])/g, 'j');
  return out.normalize('NFC');
}

/**
 * Tags of HTML, JATS, MathML and SVG that publishers leave in abstracts (`<p>`, `<jats:p>`, `<span class="inline-formula">`,
 * `<mml:mi>`): only these are markup. Angle brackets around anything else are text (`<v>`, `<qq>` in physics).
 */
const MARKUP_TAG =
  /<\/?((?:jats|mml|svg|xlink):[A-Za-z][A-Za-z0-9-]*|p|br|hr|div|span|strong|em|i|b|u|s|sc|sub|sup|small|big|font|a|img|li|ul|ol|dl|dt|dd|tr|td|th|table|thead|tbody|caption|h[1-6]|section|sec|title|blockquote|code|pre|abstract|italic|bold|math|mi|mo|mn|ms|mtext|mrow|msub|msup|msubsup|mfrac|msqrt|mover|munder|mspace|mstyle|label|list|list-item|inline-formula|disp-formula|xref|ext-link)(?:\s[^<>]*)?\/?>/gi;
const BLOCK_TAGS = new Set([
  'p',
  'br',
  'hr',
  'div',
  'li',
  'tr',
  'td',
  'th',
  'table',
  'section',
  'sec',
  'title',
  'blockquote',
  'list-item',
  'label',
]);

const KEEP_NONE: ReadonlySet<string> = new Set();

/**
 * Strips HTML/JATS/MathML tags to plain text (but the tags named in `keep`, bare: `<sub>`, not `<sub class="x">`) and decodes HTML's entities (`<i>x</i>` → `x`, `&amp;` → `&`, `&thinsp;`
 * → a thin space; `entities`, the decoder of htmlparser2, strict: only with the semicolon). A block's tags leave a space.
 */
export function stripHtml(text: string, keep: ReadonlySet<string> = KEEP_NONE): string {
  if (!/[<&]/.test(text)) return text;
  const tagsGone = text.replace(MARKUP_TAG, (tag, name: string) => {
    const local = name.toLowerCase().replace(/^[a-z]+:/, '');
    if (keep.has(local)) return tag.startsWith('</') ? `</${local}>` : `<${local}>`;
    return BLOCK_TAGS.has(local) || /^h[1-6]$/.test(local) ? ' ' : '';
  });
  return tagsGone.includes('&') ? decodeHTMLStrict(tagsGone) : tagsGone;
}

/**
 * Whether a text a BibTeX field holds is HTML (a closing tag, a paragraph or an image, or an entity): Zotero exports
 * publishers' abstracts as they came (`<p><strong>Abstract.</strong> … <span class="inline-formula">CH₄</span>`,
 * `… samples. <p>To fill the gaps …`). A physicist's `<p>` (a mean momentum) is followed by no capital.
 */
export function looksLikeHtml(text: string): boolean {
  return /<\/[A-Za-z][A-Za-z0-9:-]*>|<p>(?=\p{Lu})|<(?:img|br)\b[^<>]*>|&(?:[a-zA-Z][a-zA-Z0-9]{1,31}|#\d{1,7}|#[xX][0-9a-fA-F]{1,6});/u.test(
    text,
  );
}

/**
 * An abstract without the label publishers put before it ("Abstract.", "ABSTRACT:", "Abstract Background …"): the
 * reader, the palette and topic discovery read the abstract itself. "Abstract reasoning is …" keeps its first word, and so does
 * "Abstract 12 …".
 */
export function abstractText(text: string): string {
  return text.replace(/^\s*(?:Abstract|ABSTRACT|abstract|UNLABELLED)\s*[.:]?\s+(?=\p{Lu})/u, '');
}

/** `https://doi.org/10.1038/NATURE10098.` → `10.1038/nature10098`; undefined when there is no DOI in it. */
export function normalizeDoi(value: string | undefined | null): string | undefined {
  if (!value) return undefined;
  let text = String(value)
    .replace(/\{\\_\}|\\_/g, '_')
    .replace(/[{}]/g, '')
    .trim();
  try {
    if (/%[0-9a-f]{2}/i.test(text)) text = decodeURIComponent(text);
  } catch {
    // keep as typed
  }
  const match = /10\.\d{3,9}\/\S+/.exec(text);
  if (!match) return undefined;
  return match[0].replace(/[.,;]+$/, '').toLowerCase();
}

const NEW_ARXIV = /^\d{4}\.\d{4,5}$/;
const OLD_ARXIV = /^[a-z][a-z-]*(\.[A-Za-z]{2})?\/\d{7}$/;

/** `arXiv:0704.0001v2`, `https://arxiv.org/abs/0704.0001` → `0704.0001`; undefined when it is not an arXiv id. */
export function normalizeArxivId(value: string | undefined | null): string | undefined {
  if (!value) return undefined;
  let text = String(value).trim().replace(/[{}]/g, '');
  const url = /arxiv\.org\/(?:abs|pdf|html)\/([^?#\s]+)/i.exec(text);
  if (url) text = url[1].replace(/\.pdf$/i, '');
  const doi = /10\.48550\/arxiv\.(\S+)/i.exec(text);
  if (doi) text = doi[1];
  text = text
    .replace(/^arxiv:\s*/i, '')
    .replace(/v\d+$/i, '')
    .replace(/\/$/, '');
  if (NEW_ARXIV.test(text)) return text;
  if (OLD_ARXIV.test(text)) return text.replace(/^[a-z-]+/, (archive) => archive.toLowerCase());
  return undefined;
}

const MONTHS: Record<string, number> = {
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  may: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  sept: 9,
  oct: 10,
  nov: 11,
  dec: 12,
};

/** `4`, `04`, `apr`, `April`, `{apr}` → 4. */
export function parseMonth(value: string | number | undefined | null): number | undefined {
  if (value === undefined || value === null) return undefined;
  const text = String(value).replace(/[{}]/g, '').trim().toLowerCase();
  const n = /^\d{1,2}$/.test(text) ? Number(text) : (MONTHS[text.slice(0, 3)] ?? MONTHS[text.slice(0, 4)]);
  return n !== undefined && n >= 1 && n <= 12 ? n : undefined;
}

/** The first four-digit year (1000–2999) in a value: `2021`, `{2021}`, `circa 2021a` → 2021. */
export function parseYear(value: string | number | undefined | null): number | undefined {
  if (value === undefined || value === null) return undefined;
  const match = /(?:^|\D)(\d{4})(?!\d)/.exec(String(value));
  if (!match) return undefined;
  const year = Number(match[1]);
  return year >= 1000 && year <= 2999 ? year : undefined;
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** ISO `YYYY`, `YYYY-MM` or `YYYY-MM-DD` from parts; undefined without a year. Invalid months/days are dropped. */
export function isoDate(year: number | undefined, month?: number, day?: number): string | undefined {
  if (year === undefined || !Number.isInteger(year) || year < 1000 || year > 9999) return undefined;
  if (month === undefined || !Number.isInteger(month) || month < 1 || month > 12) return String(year);
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day === undefined || !Number.isInteger(day) || day < 1 || day > daysInMonth) return `${year}-${pad(month)}`;
  return `${year}-${pad(month)}-${pad(day)}`;
}

/** Reads `2021`, `2021-03`, `2021-03-04`, `2021/3/4`, `1995-01-0001` (as written by some exports) as an ISO date. */
export function parseIsoDate(value: string | undefined | null): { year?: number; date?: string } {
  if (!value) return {};
  const match = /(?:^|\D)(\d{4})(?:[-/.](\d{1,2})(?:[-/.](\d{1,4}))?)?(?!\d)/.exec(String(value));
  if (!match) return {};
  const year = parseYear(match[1]);
  if (year === undefined) return {};
  return { year, date: isoDate(year, match[2] ? Number(match[2]) : undefined, match[3] ? Number(match[3]) : undefined) };
}

/** Splits a keyword list on the given separators, cleans each one and drops empties and repeats (first spelling wins). */
export function splitKeywords(value: string | undefined | null, separators: RegExp = /[,;]/): string[] {
  if (!value) return [];
  return uniqueStrings(
    String(value)
      .split(separators)
      .map((k) => cleanText(k)),
  );
}

/** Non-empty strings without repeats, compared ignoring case; the first spelling wins. */
export function uniqueStrings(values: Iterable<string>): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const value of values) {
    if (!value) continue;
    const key = value.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(value);
  }
  return out;
}

/** The first URL in a field that may hold several (Mendeley writes them space-separated). */
export function firstUrl(value: string | undefined | null): string | undefined {
  if (!value) return undefined;
  const first = String(value)
    .replace(/\{\\_\}|\\_/g, '_')
    .replace(/\\%/g, '%')
    .replace(/\\&/g, '&')
    .replace(/\\#/g, '#')
    .replace(/[{}]/g, '')
    .trim()
    .split(/\s+/)[0];
  return first ? first : undefined;
}

/** A value as a string when it is one (or a number); otherwise undefined. */
export function asString(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

/** "Last F." style display names come from several sources; this joins name parts into "First Last". */
export function displayName(parts: { given?: string; particle?: string; family?: string; suffix?: string; literal?: string }): string {
  if (parts.literal) return cleanText(parts.literal);
  return cleanText([parts.given, parts.particle, parts.family, parts.suffix].filter((p) => p && p.trim()).join(' '));
}

/** A CSL name as display text: "Kyra A. St. Pierre", "Vincent van Gogh", "John Smith Jr.", an organisation as written. */
export function cslDisplayName(name: CslName): string {
  if (name.literal) return cleanText(name.literal);
  const parts = [name.given, name['dropping-particle'], name['non-dropping-particle'], name.family, name.suffix];
  return cleanText(parts.filter((part) => part && part.trim()).join(' '));
}

/** Record types whose publisher (or school, institution) is where a reader looks for them when they have no container. */
const VENUE_IS_PUBLISHER = new Set(['book', 'report', 'thesis']);

/**
 * The venue shown for a record: its container (journal, proceedings, book), else the court for a legal
 * case, else the publisher of a book, report or thesis. `text` turns a CSL value into plain text.
 *
 * @example venueOf({ id: 'k', type: 'book', publisher: 'MIT Press' }, String) // 'MIT Press'
 */
export function venueOf(csl: CslItem, text: (value: unknown) => string): string {
  const container = text(csl['container-title']) || text(csl['event-title']);
  if (csl.type === 'legal_case') return text(csl.authority) || container;
  if (container) return container;
  return VENUE_IS_PUBLISHER.has(csl.type) ? text(csl.publisher) : '';
}

/** Calls `visit` for each line (without its `\n` or trailing `\r`) with its 1-based number; no array of lines is built. */
export function forEachLine(text: string, visit: (line: string, lineNumber: number, offset: number) => void): void {
  let start = 0;
  let lineNumber = 1;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    let line = text.slice(start, end);
    if (line.endsWith('\r')) line = line.slice(0, -1);
    visit(line, lineNumber, start);
    if (end === text.length) break;
    start = end + 1;
    lineNumber++;
  }
}

/** A plain JSON object (not an array or null). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Offset in `json` (one record's JSON text) of the value of its first `"key":`, or -1. A textual search,
 * good enough to point a diagnostic at a value the record is known to have.
 */
export function jsonValueOffset(json: string, key: string): number {
  const match = new RegExp(`"${key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"\\s*:\\s*`).exec(json);
  return match ? match.index + match[0].length : -1;
}

/** A JSON record without a usable title; `shape`: what its "title" is instead of text ({@link nonTextShape}), if anything. */
export function noTitleMessage(label: string, file: string, line: number, shape: string | undefined): string {
  return shape
    ? l10n.t(
        'Lectern: {0} of {1} (line {2}) has no title (its "title" is {3}, not text); it was skipped. Add a "title" so it can be listed.',
        label,
        file,
        line,
        shape,
      )
    : l10n.t('Lectern: {0} of {1} (line {2}) has no title; it was skipped. Add a "title" so it can be listed.', label, file, line);
}

/** "an array" / "an object" for a JSON value that should have been text, else undefined. */
export function nonTextShape(value: unknown): string | undefined {
  if (Array.isArray(value)) return l10n.t('an array');
  if (typeof value === 'object' && value !== null) return l10n.t('an object');
  return undefined;
}

/**
 * Removes the top-level string values of a JSON record longer than `maxChars`, calling `dropped` with each
 * key and length (the caller warns at the value); the rest of the record is kept.
 */
export function dropOversizedStrings(
  record: Record<string, unknown>,
  maxChars: number,
  dropped: (key: string, length: number) => void,
): void {
  for (const [key, value] of Object.entries(record)) {
    if (typeof value === 'string' && value.length > maxChars) {
      delete record[key];
      dropped(key, value.length);
    }
  }
}

/** The warning for a field dropped by {@link dropOversizedStrings}. */
export function oversizedFieldMessage(key: string, length: number, maxChars: number, record: string): string {
  return l10n.t(
    'Lectern: "{0}" of {1} is {2} characters long, over the limit of {3}; the field was dropped and the rest of the record loaded. Shorten the field.',
    key,
    record,
    length.toLocaleString('en-US'),
    maxChars.toLocaleString('en-US'),
  );
}
