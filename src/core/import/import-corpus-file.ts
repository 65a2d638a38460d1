/**
 * The one entry point for reading a corpus file: bytes in, papers and diagnostics out. Decodes the
 * bytes (UTF-8, BOM stripped; UTF-16 with a BOM), normalises line ends, picks the format from the
 * extension and confirms it from the content, and hands the text to that format's importer.
 */
import * as l10n from '@vscode/l10n';
import type { ImportResult } from '../model/diagnostic';
import { importArxivJsonl } from './arxiv-jsonl-importer';
import { importBibtex } from './bibtex-importer';
import { holdsBibtexDefinitions } from './bibtex-definitions';
import { bibtexItemStarts } from './bibtex-scanner';
import { importCslJson } from './csl-json-importer';
import { importDailyPapers } from './daily-papers-importer';
import { diagnostic, isRecord, shorten } from './import-helpers';
import { importLecternJson, looksLikeJsonLines } from './lectern-json-importer';
import { importJsonLinesPiece, JSON_LINES_PIECE_BYTES, lineCuts, type JsonLinesFormat } from './json-lines-pieces';
import { scanJsonArray } from './json-scanner';
import { decodeCorpusBytes } from './decode-corpus-bytes';
import { importTsv, looksLikeTsv } from './tsv-importer';
import {
  resolveImportLimits,
  type BibtexDefinitions,
  type ImportContext,
  type ImportOptions,
  type ResolvedImportLimits,
} from './import-limits';
import type { Diagnostic } from '../model/diagnostic';

/**
 * The corpus file formats Lectern reads: `daily-papers` (a copied daily-papers page, `.txt`), `bibtex`
 * (`.bib`), `csl-json` (Zotero / Better BibTeX CSL JSON), `lectern-json` (Lectern's own papers, `.json` or
 * `.jsonl`), `arxiv-jsonl` (the arXiv metadata snapshot, one record per line) and `tsv` (a tab-separated
 * paper list with a header row, such as OpenReview's, `.tsv`).
 */
export type CorpusFormat = 'daily-papers' | 'bibtex' | 'csl-json' | 'lectern-json' | 'arxiv-jsonl' | 'tsv';

/**
 * Extensions of files a corpus folder is searched for (lower-case, with the dot). Files with other
 * extensions are not picked up from folders, though {@link importCorpusFile} reads them by content.
 */
export const CORPUS_FILE_EXTENSIONS: readonly string[] = ['.txt', '.bib', '.bibtex', '.json', '.jsonl', '.ndjson', '.tsv'];

const IMPORTERS: Record<CorpusFormat, (file: string, text: string, context: ImportContext) => ImportResult> = {
  'daily-papers': importDailyPapers,
  bibtex: importBibtex,
  'csl-json': importCslJson,
  'lectern-json': importLecternJson,
  'arxiv-jsonl': importArxivJsonl,
  tsv: importTsv,
};

/** A format's name in messages (a function: the words are translated when the message is made). */
function formatName(format: CorpusFormat): string {
  if (format === 'daily-papers') return l10n.t('a daily-papers page');
  if (format === 'arxiv-jsonl') return l10n.t('arXiv metadata JSON Lines');
  if (format === 'tsv') return l10n.t('a tab-separated paper list');
  return { bibtex: 'BibTeX', 'csl-json': 'CSL-JSON', 'lectern-json': 'Lectern JSON' }[format];
}

/** The formats Lectern reads, in words, for messages about a file it could not read. */
export function expectedFormats(): string {
  return l10n.t(
    'BibTeX (.bib), CSL-JSON or Lectern JSON (.json), arXiv metadata or Lectern JSON Lines (.jsonl, .ndjson), a tab-separated paper list with a "title" column (.tsv), or a daily-papers page (.txt)',
  );
}

/**
 * Reads one corpus file: bytes in, papers and diagnostics out. `file` names the file in messages and in
 * each paper's `source`, and its extension picks the format (see {@link detectCorpusFormat}). Never throws:
 * unreadable files (binary, not UTF-8, empty, unknown format, over `limits.maxFileBytes`) come back as one
 * diagnostic and no papers. A record holding a byte that is not text (a NUL, an invalid UTF-8 byte) is
 * skipped with a diagnostic at that byte; the other records load. A record is a BibTeX entry (or
 * `@string`), a JSON Lines line, a JSON array element, or a daily-papers title line with its abstract. `options.limits` bounds sizes and counts
 * (see {@link ImportLimits}; defaults: 100 MB per file, 1,000,000 records, 1 Mi characters per field and macro).
 *
 * @example importCorpusFile('refs.bib', new TextEncoder().encode('@misc{k, title = {A}}')).papers.length // 1
 */
export function importCorpusFile(file: string, bytes: Uint8Array, options: ImportOptions = {}): ImportResult {
  try {
    const limits = resolveImportLimits(options.limits);
    if (bytes.length > limits.maxFileBytes) return { papers: [], diagnostics: [tooLarge(file, bytes.length, limits.maxFileBytes)] };
    const pieces = jsonLinesPieces(file, bytes, options.pieceBytes ?? JSON_LINES_PIECE_BYTES);
    const read = pieces ? importPieces(file, bytes, pieces, limits) : importWhole(file, bytes, limits, options.bibtex);
    if ('refused' in read) return { papers: [], diagnostics: [read.refused] };
    const { papers, diagnostics, format } = read;
    limitRecords(file, papers, diagnostics, limits);
    // A BibTeX file of `@string`s and `@preamble`s only (IRIDIA's abbrev.bib) defines for the files beside it.
    if (papers.length === 0 && diagnostics.length === 0 && !read.definitions) {
      diagnostics.push(
        diagnostic(
          file,
          1,
          1,
          'warning',
          l10n.t('Lectern: no papers found in {0} (read as {1}); check that it holds {1} records.', file, formatName(format)),
        ),
      );
    }
    return { papers, diagnostics };
  } catch (err) {
    if ((err as { code?: unknown } | undefined)?.code === 'ERR_STRING_TOO_LONG')
      return { papers: [], diagnostics: [tooMuchText(file, bytes.length)] };
    const reason = err instanceof Error ? err.message : String(err);
    const message = l10n.t(
      'Lectern: could not read {0} ({1}); check that it is a complete corpus file and reload.',
      file,
      shorten(reason, 200),
    );
    return { papers: [], diagnostics: [diagnostic(file, 1, 1, 'error', message)] };
  }
}

/** What a file's importer read, and the format it read it as. */
interface FormatRead {
  papers: ImportResult['papers'];
  diagnostics: ImportResult['diagnostics'];
  format: CorpusFormat;
  /** A BibTeX text holding `@string` or `@preamble` definitions. */
  definitions?: boolean;
}

/** A file not read at all, and why. */
interface NotRead {
  refused: Diagnostic;
}

/** The whole file decoded as one text and read by its format's importer. */
function importWhole(file: string, bytes: Uint8Array, limits: ResolvedImportLimits, bibtex?: BibtexDefinitions): FormatRead | NotRead {
  const decoded = decodeCorpusBytes(file, bytes, expectedFormats());
  if ('error' in decoded) return { refused: decoded.error };
  const text = decoded.text;
  if (!/\S/.test(text)) {
    return {
      refused: diagnostic(
        file,
        1,
        1,
        'warning',
        l10n.t('Lectern: {0} is empty; add papers to it ({1}) or remove it from the corpus.', file, expectedFormats()),
      ),
    };
  }
  const format = detectCorpusFormat(file, text);
  if (!format) {
    return {
      refused: diagnostic(
        file,
        1,
        1,
        'error',
        l10n.t('Lectern: cannot tell which corpus format {0} is in; it was not loaded. Lectern reads {1}.', file, expectedFormats()),
      ),
    };
  }
  const read = checked(IMPORTERS[format](file, text, { limits, damage: decoded.damage, bibtex }));
  const empty = read.papers.length === 0 && read.diagnostics.length === 0;
  return { ...read, format, definitions: empty && format === 'bibtex' && holdsBibtexDefinitions(text) };
}

/** A large JSON Lines file cut between lines: where each piece ends, and its format. */
interface JsonLinesPieces {
  ends: number[];
  format: JsonLinesFormat;
}

/**
 * The pieces of `bytes` when it is larger than `pieceBytes` and holds JSON Lines (judged from its first piece),
 * each ending after a line end; undefined otherwise (the file is read whole).
 */
function jsonLinesPieces(file: string, bytes: Uint8Array, pieceBytes: number): JsonLinesPieces | undefined {
  if (bytes.length <= pieceBytes) return undefined;
  const ends = lineCuts(bytes, Math.max(1, Math.floor(pieceBytes)));
  if (ends.length < 2) return undefined;
  const format = jsonLinesFormatOf(file, bytes);
  return format && { ends, format };
}

/** Bytes of a file's start its format is judged from: many whole lines of any JSON Lines file. */
export const FORMAT_HEAD_BYTES = 1024 * 1024;

/**
 * The JSON Lines format of a file from its first bytes (`head`: the file's start; only its whole lines within
 * `FORMAT_HEAD_BYTES` are read), or undefined when it holds another format (or UTF-16, whose line ends are two bytes:
 * a cut after a 0x0A byte could split one). For readers that stream a file.
 */
export function jsonLinesFormatOf(file: string, head: Uint8Array): JsonLinesFormat | undefined {
  if (head.length >= 2 && ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff))) return undefined;
  const lastLineEnd = head.subarray(0, FORMAT_HEAD_BYTES).lastIndexOf(0x0a);
  const decoded = decodeCorpusBytes(
    file,
    lastLineEnd < 0 ? head.subarray(0, FORMAT_HEAD_BYTES) : head.subarray(0, lastLineEnd + 1),
    expectedFormats(),
  );
  if ('error' in decoded) return undefined;
  const format = detectCorpusFormat(file, decoded.text);
  if (format === 'arxiv-jsonl' || (format === 'lectern-json' && looksLikeJsonLines(decoded.text))) return format;
  return undefined;
}

/** Each piece read as its format's lines, so papers and diagnostics are those of a whole-file read; a piece that is not text refuses the file, as it would whole. */
function importPieces(file: string, bytes: Uint8Array, pieces: JsonLinesPieces, limits: ResolvedImportLimits): FormatRead | NotRead {
  const read: FormatRead = { papers: [], diagnostics: [], format: pieces.format };
  let start = 0;
  let firstLine = 1;
  for (const end of pieces.ends) {
    const piece = importJsonLinesPiece(file, bytes.subarray(start, end), pieces.format, firstLine, limits, expectedFormats());
    if ('refused' in piece) return piece;
    for (const paper of piece.papers) read.papers.push(paper);
    for (const problem of piece.diagnostics) read.diagnostics.push(problem);
    firstLine += piece.lines;
    start = end;
  }
  return read;
}

/** An importer's result with its arrays made sure of. */
function checked(result: ImportResult): ImportResult {
  return {
    papers: Array.isArray(result.papers) ? result.papers : [],
    diagnostics: Array.isArray(result.diagnostics) ? result.diagnostics : [],
  };
}

/**
 * Why `file` is not a kind of file Lectern reads, judged from its name and its first bytes (`head`; the
 * first 64 KB are plenty), or undefined when it is one: it has the extension of a corpus format, or its
 * content is recognised as one (see {@link detectCorpusFormat}). The CLI refuses such a file before loading.
 *
 * @example unsupportedKindMessage('notes.docx', bytes) // 'Lectern: notes.docx is not a kind of file Lectern reads; …'
 */
export function unsupportedKindMessage(file: string, head: Uint8Array): string | undefined {
  if (CORPUS_FILE_EXTENSIONS.includes(extensionOf(file))) return undefined;
  const decoded = decodeCorpusBytes(file, head, expectedFormats());
  if (!('error' in decoded) && detectCorpusFormat(file, decoded.text) !== undefined) return undefined;
  return l10n.t(
    'Lectern: {0} is not a kind of file Lectern reads; it was not loaded. Lectern reads {1}: export your library in one of them, or give the file the extension of its format.',
    file,
    expectedFormats(),
  );
}

function tooLarge(file: string, size: number, max: number): ReturnType<typeof diagnostic> {
  return diagnostic(
    file,
    1,
    1,
    'error',
    l10n.t(
      'Lectern: {0} is {1}, over the {2} limit for one corpus file; it was not read. Split it into smaller files, or raise the limit (maxFileBytes).',
      file,
      megabytes(size),
      megabytes(max),
    ),
  );
}

/** A file other than JSON Lines too large to decode as one string (V8 holds at most 512 MB of text in one). */
function tooMuchText(file: string, size: number): Diagnostic {
  return diagnostic(
    file,
    1,
    1,
    'error',
    l10n.t(
      'Lectern: {0} is {1}, more text than can be read in one piece; it was not read. Split it into smaller files (JSON Lines files, .jsonl, of any size are read in pieces).',
      file,
      megabytes(size),
    ),
  );
}

function megabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(bytes < 10 * 1024 * 1024 ? 1 : 0)} MB`;
}

/** Drops the papers past `maxRecords`, with one diagnostic at the first one dropped. */
function limitRecords(
  file: string,
  papers: ImportResult['papers'],
  diagnostics: ImportResult['diagnostics'],
  limits: ResolvedImportLimits,
): void {
  if (papers.length <= limits.maxRecords) return;
  const first = papers[limits.maxRecords];
  diagnostics.push(tooManyRecords(file, limits.maxRecords, first.source.line, papers.length - limits.maxRecords));
  papers.length = limits.maxRecords;
}

/** The warning of a file holding more than `maxRecords` papers: `dropped` were not loaded, the first at `line`. */
export function tooManyRecords(file: string, maxRecords: number, line: number, dropped: number): Diagnostic {
  return diagnostic(
    file,
    line,
    1,
    'warning',
    l10n.t(
      'Lectern: {0} holds more than {1} papers, the limit for one file; the {2} from line {3} on were not loaded. Split the file, or raise the limit (maxRecords).',
      file,
      maxRecords,
      dropped,
      line,
    ),
  );
}

/**
 * The format of a corpus file: by extension, confirmed by content (a `.json` of CSL items vs Lectern
 * papers, `.jsonl` of arXiv records vs Lectern papers, a `.txt` that is really BibTeX or a TSV list). Unknown
 * extensions are recognised by content alone; undefined when nothing fits.
 */
export function detectCorpusFormat(file: string, text: string): CorpusFormat | undefined {
  const ext = extensionOf(file);
  const first = text.search(/\S/);
  const firstChar = first >= 0 ? text[first] : '';
  switch (ext) {
    case '.bib':
    case '.bibtex':
      return 'bibtex';
    case '.json':
      return sniffJson(text) ?? 'lectern-json';
    case '.jsonl':
    case '.ndjson':
      return firstChar === '[' ? (sniffJson(text) ?? 'lectern-json') : sniffJsonLines(text);
    case '.tsv':
      return 'tsv';
    case '.txt':
      if (firstChar === '@' && bibtexItemStarts(text).length > 0) return 'bibtex';
      if (firstChar === '[' || firstChar === '{') return sniffJson(text) ?? 'daily-papers';
      return looksLikeTsv(text) ? 'tsv' : 'daily-papers';
    default:
      if ((firstChar === '@' || firstChar === '%') && bibtexItemStarts(text).length > 0) return 'bibtex';
      if (firstChar === '[' || firstChar === '{') return sniffJson(text);
      return looksLikeTsv(text) ? 'tsv' : undefined;
  }
}

function extensionOf(file: string): string {
  const name = file.split(/[\\/]/).pop() ?? '';
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot).toLowerCase() : '';
}

const CSL_KEYS = ['issued', 'container-title', 'citation-key', 'DOI', 'URL', 'ISSN', 'ISBN', 'page', 'collection-title'];
const ARXIV_KEYS = ['authors_parsed', 'versions', 'update_date', 'journal-ref'];

/** A JSON array (or object) of CSL items or of paper objects; `.json` copies of the arXiv snapshot are JSON Lines. */
function sniffJson(text: string): CorpusFormat | undefined {
  const first = text.search(/\S/);
  if (first < 0) return undefined;
  if (text[first] === '{' && looksLikeJsonLines(text)) return sniffJsonLines(text);
  const samples = firstValues(text, first);
  if (samples.length === 0) return text[first] === '[' || text[first] === '{' ? 'lectern-json' : undefined;
  if (samples.some(isCslItem)) return 'csl-json';
  if (samples.some((s) => ARXIV_KEYS.filter((k) => k in s).length >= 2)) return text[first] === '{' ? 'arxiv-jsonl' : 'lectern-json';
  return 'lectern-json';
}

function sniffJsonLines(text: string): CorpusFormat {
  const line = text.slice(text.search(/\S/)).split('\n', 1)[0];
  try {
    const record: unknown = JSON.parse(line);
    if (isRecord(record) && ARXIV_KEYS.some((k) => k in record) && 'id' in record) return 'arxiv-jsonl';
  } catch {
    // a broken first line: decide by the keys it mentions
    if (ARXIV_KEYS.some((k) => line.includes(`"${k}"`))) return 'arxiv-jsonl';
  }
  return 'lectern-json';
}

function isCslItem(item: Record<string, unknown>): boolean {
  if (CSL_KEYS.some((k) => k in item)) return true;
  const author = item.author;
  if (Array.isArray(author) && author.some((a) => isRecord(a) && ('family' in a || 'given' in a || 'literal' in a))) return true;
  return typeof item.type === 'string' && typeof item.id !== 'undefined' && typeof item.title === 'string' && !('authors' in item);
}

/** Up to five leading objects (from the first 64 KB): the elements of a top-level array, or the object itself. */
function firstValues(text: string, first: number): Array<Record<string, unknown>> {
  const prefix = text.slice(0, first + 65_536);
  const scan = scanJsonArray(prefix);
  const out: Array<Record<string, unknown>> = [];
  for (const span of scan.elements.slice(0, 8)) {
    const value: unknown = JSON.parse(prefix.slice(span.start, span.end));
    if (isRecord(value) && Array.isArray(value.papers) && scan.shape === 'object') return value.papers.filter(isRecord).slice(0, 5);
    if (isRecord(value)) out.push(value);
    if (out.length >= 5) break;
  }
  if (out.length === 0) {
    // Nothing complete to look at (a broken first item): judge by the keys the text mentions.
    const keys = new Set([...prefix.slice(0, 8192).matchAll(/"([A-Za-z_-]+)"\s*:/g)].map((m) => m[1]));
    if (CSL_KEYS.some((k) => keys.has(k))) out.push(Object.fromEntries(CSL_KEYS.filter((k) => keys.has(k)).map((k) => [k, true])));
  }
  return out;
}
