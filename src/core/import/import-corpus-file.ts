/**
 * The one entry point for reading a corpus file: bytes in, papers and diagnostics out. Decodes the
 * bytes (UTF-8, BOM stripped; UTF-16 with a BOM), normalises line ends, picks the format from the
 * extension and confirms it from the content, and hands the text to that format's importer.
 */
import type { ImportResult } from '../model/diagnostic';
import { importArxivJsonl } from './arxiv-jsonl-importer';
import { importBibtex } from './bibtex-importer';
import { bibtexItemStarts } from './bibtex-scanner';
import { importCslJson } from './csl-json-importer';
import { importDailyPapers } from './daily-papers-importer';
import { diagnostic, internalErrorDiagnostic, isRecord } from './import-helpers';
import { importLecternJson, looksLikeJsonLines } from './lectern-json-importer';
import { scanJsonArray } from './json-scanner';
import { lineColumnAt } from '../text/line-column';

/**
 * The corpus file formats Lectern reads: `daily-papers` (a copied daily-papers page, `.txt`), `bibtex`
 * (`.bib`), `csl-json` (Zotero / Better BibTeX CSL JSON), `lectern-json` (Lectern's own papers, `.json` or
 * `.jsonl`) and `arxiv-jsonl` (the arXiv metadata snapshot, one record per line).
 */
export type CorpusFormat = 'daily-papers' | 'bibtex' | 'csl-json' | 'lectern-json' | 'arxiv-jsonl';

/**
 * Extensions of files a corpus folder is searched for (lower-case, with the dot). Files with other
 * extensions are not picked up from folders, though {@link importCorpusFile} reads them by content.
 */
export const CORPUS_FILE_EXTENSIONS: readonly string[] = ['.txt', '.bib', '.bibtex', '.json', '.jsonl', '.ndjson'];

const IMPORTERS: Record<CorpusFormat, (file: string, text: string) => ImportResult> = {
  'daily-papers': importDailyPapers,
  bibtex: importBibtex,
  'csl-json': importCslJson,
  'lectern-json': importLecternJson,
  'arxiv-jsonl': importArxivJsonl,
};

const FORMAT_NAMES: Record<CorpusFormat, string> = {
  'daily-papers': 'a daily-papers page',
  bibtex: 'BibTeX',
  'csl-json': 'CSL-JSON',
  'lectern-json': 'Lectern JSON',
  'arxiv-jsonl': 'arXiv metadata JSON Lines',
};

const EXPECTED_FORMATS =
  'BibTeX (.bib), CSL-JSON or Lectern JSON (.json), arXiv metadata or Lectern JSON Lines (.jsonl, .ndjson), or a daily-papers page (.txt)';

/**
 * Reads one corpus file: bytes in, papers and diagnostics out. `file` names the file in messages and in
 * each paper's `source`, and its extension picks the format (see {@link detectCorpusFormat}). Never throws:
 * unreadable files (binary, not UTF-8, empty, unknown format) come back as one diagnostic and no papers.
 *
 * @example importCorpusFile('refs.bib', new TextEncoder().encode('@misc{k, title = {A}}')).papers.length // 1
 */
export function importCorpusFile(file: string, bytes: Uint8Array): ImportResult {
  try {
    const decoded = decode(file, bytes);
    if ('error' in decoded) return { papers: [], diagnostics: [decoded.error] };
    const text = decoded.text.includes('\r') ? decoded.text.replace(/\r\n?/g, '\n') : decoded.text;
    if (!/\S/.test(text)) {
      return {
        papers: [],
        diagnostics: [
          diagnostic(
            file,
            1,
            1,
            'warning',
            `Lectern: ${file} is empty; add papers to it (${EXPECTED_FORMATS}) or remove it from the corpus.`,
          ),
        ],
      };
    }
    const format = detectCorpusFormat(file, text);
    if (!format) {
      return {
        papers: [],
        diagnostics: [
          diagnostic(
            file,
            1,
            1,
            'error',
            `Lectern: cannot tell which corpus format ${file} is in; it was not loaded. Lectern reads ${EXPECTED_FORMATS}.`,
          ),
        ],
      };
    }
    const result = IMPORTERS[format](file, text);
    const papers = Array.isArray(result.papers) ? result.papers : [];
    const diagnostics = Array.isArray(result.diagnostics) ? result.diagnostics : [];
    if (papers.length === 0 && diagnostics.length === 0) {
      diagnostics.push(
        diagnostic(
          file,
          1,
          1,
          'warning',
          `Lectern: no papers found in ${file} (read as ${FORMAT_NAMES[format]}); check that it holds ${FORMAT_NAMES[format]} records.`,
        ),
      );
    }
    return { papers, diagnostics };
  } catch (err) {
    return { papers: [], diagnostics: [internalErrorDiagnostic(file, 'a corpus file', err)] };
  }
}

/**
 * The format of a corpus file: by extension, confirmed by content (a `.json` of CSL items vs Lectern
 * papers, `.jsonl` of arXiv records vs Lectern papers, a `.txt` that is really BibTeX). Unknown
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
    case '.txt':
      if (firstChar === '@' && bibtexItemStarts(text).length > 0) return 'bibtex';
      if (firstChar === '[' || firstChar === '{') return sniffJson(text) ?? 'daily-papers';
      return 'daily-papers';
    default:
      if ((firstChar === '@' || firstChar === '%') && bibtexItemStarts(text).length > 0) return 'bibtex';
      if (firstChar === '[' || firstChar === '{') return sniffJson(text);
      return undefined;
  }
}

function extensionOf(file: string): string {
  const name = file.split(/[\\/]/).pop() ?? '';
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot).toLowerCase() : '';
}

/** Decodes UTF-8 (BOM stripped) or BOM-marked UTF-16; binary or invalid UTF-8 becomes an error diagnostic. */
function decode(file: string, bytes: Uint8Array): { text: string } | { error: ReturnType<typeof diagnostic> } {
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) {
    try {
      return { text: new TextDecoder(bytes[0] === 0xff ? 'utf-16le' : 'utf-16be', { fatal: true }).decode(bytes) };
    } catch {
      // fall through to the binary report
    }
  }
  const nul = bytes.indexOf(0);
  if (nul >= 0) {
    const at = lineColumnOfByte(bytes, nul);
    return {
      error: diagnostic(
        file,
        at.line,
        at.column,
        'error',
        `Lectern: ${file} is not a text file (it contains NUL bytes, first at line ${at.line}); it was not loaded. Lectern reads UTF-8 text: ${EXPECTED_FORMATS}.`,
      ),
    };
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    const at = lineColumnOfByte(bytes, firstInvalidUtf8(bytes));
    return {
      error: diagnostic(
        file,
        at.line,
        at.column,
        'error',
        `Lectern: ${file} is not valid UTF-8 text (first bad byte at line ${at.line}, column ${at.column}); it was not loaded. Re-save it as UTF-8 — Lectern reads ${EXPECTED_FORMATS}.`,
      ),
    };
  }
}

/** Line and column of a byte, counting bytes (the text could not be decoded, so there are no characters to count). */
function lineColumnOfByte(bytes: Uint8Array, offset: number): { line: number; column: number } {
  // Latin-1 maps each byte to one character, so character offsets are byte offsets.
  return lineColumnAt(new TextDecoder('latin1').decode(bytes.subarray(0, offset)), offset);
}

/** Offset of the first byte that does not start or continue a valid UTF-8 sequence. */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    let need = 0;
    let min = 0;
    if (b < 0x80) {
      i++;
      continue;
    } else if (b >= 0xc2 && b <= 0xdf) {
      need = 1;
      min = 0x80;
    } else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      min = 0x800;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      min = 0x10000;
    } else return i;
    let cp = b & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return Math.max(0, bytes.length - 1);
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
