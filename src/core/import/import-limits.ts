import type { BibValuePart } from './bibtex-scanner';
/**
 * The bounds every import runs within, so that no corpus file — hostile or just unlucky — can make Lectern
 * use unbounded memory or time, and what happens when a file reaches one: a located `Lectern:` diagnostic,
 * and only the file (file size), the record (record count) or the value (field, macro) concerned is dropped.
 */
import * as l10n from '@vscode/l10n';

/**
 * Limits for reading one corpus file, passed to `importCorpusFile(path, bytes, { limits })`. Every
 * property is optional; a missing one takes its default.
 *
 * @example
 * // Refuse files over 10 MB and keep at most 50,000 papers per file:
 * importCorpusFile('refs.bib', bytes, { limits: { maxFileBytes: 10 * 1024 * 1024, maxRecords: 50_000 } });
 */
export interface ImportLimits {
  /**
   * Largest file read, in bytes. A larger file is refused with one diagnostic at 1:1, before it is decoded
   * or parsed. Default: 100 MB (104,857,600 bytes).
   */
  maxFileBytes?: number;
  /**
   * Most records (papers) read from one file; the records after it are dropped with one diagnostic at the
   * first of them. Default: 1,000,000.
   */
  maxRecords?: number;
  /**
   * Longest single field value, in characters, after BibTeX `@string` macros are expanded. A longer field
   * is dropped from its record with a warning at the field; the record still loads (unless it was its title).
   * Default: 1,048,576 (1 Mi characters).
   */
  maxFieldChars?: number;
  /**
   * Longest expansion of one BibTeX `@string` macro, in characters. A macro that would expand further (e.g.
   * 28 macros that each double the one before) is left undefined with a warning at its definition, and
   * fields that use it keep the macro's name. Macros may also add at most 64 × this many characters to the
   * fields of one file in all; past that, macro names are kept unexpanded (one warning). Default: 1,048,576
   * (1 Mi characters).
   */
  maxMacroChars?: number;
  /**
   * Deepest chain of BibTeX `@string` macros defined in terms of one another (`a = b # "x"` is depth 2 when
   * `b` is plain text). A deeper macro is left undefined with a warning at its definition. Default: 32.
   */
  maxMacroDepth?: number;
}

/** {@link ImportLimits} with every default filled in. */
export type ResolvedImportLimits = Required<ImportLimits>;

/** The defaults documented on {@link ImportLimits}. */
export const DEFAULT_IMPORT_LIMITS: ResolvedImportLimits = Object.freeze({
  maxFileBytes: 100 * 1024 * 1024,
  maxRecords: 1_000_000,
  maxFieldChars: 1024 * 1024,
  maxMacroChars: 1024 * 1024,
  maxMacroDepth: 32,
});

/** Options of `importCorpusFile`. */
export interface ImportOptions {
  /** Size and count bounds; see {@link ImportLimits}. Default: {@link DEFAULT_IMPORT_LIMITS}. */
  limits?: ImportLimits;
  /**
   * JSON Lines files larger than this many bytes are decoded and imported a piece of about this size at a time,
   * cut between lines: one string cannot hold more than 512 MB of text, and the arXiv snapshot is gigabytes. The
   * same papers and diagnostics as a whole-file import. Default 64 MB (67,108,864). Example: `{ pieceBytes: 4096 }`.
   */
  pieceBytes?: number;
  /**
   * For a BibTeX file: the `@string`s and `@preamble`s of the other BibTeX files of its folder (see
   * `readBibtexDefinitions`), for the macros it uses without defining. Its own definitions win. Default: none.
   */
  bibtex?: BibtexDefinitions;
}

/**
 * The `@string`s and `@preamble`s of BibTeX files, unexpanded (a macro may use one another file defines), to read
 * another file with (`ImportOptions.bibtex`, read by `readBibtexDefinitions`): its own definitions come first, these fill in the names it leaves undefined.
 *
 * @example { strings: [{ name: 'tec', parts: [{ kind: 'quoted', text: 'IEEE Trans. Evol. Comput.', start: 0, end: 27 }] }], preambles: [] }
 */
export interface BibtexDefinitions {
  /** `@string{name = …}` in file order: the name as typed and the value's parts. */
  strings: Array<{ name: string; parts: BibValuePart[] }>;
  /** Each `@preamble`'s value parts, in file order. */
  preambles: BibValuePart[][];
}

/** `limits` with defaults for missing (or non-positive, non-numeric) values. */
export function resolveImportLimits(limits: ImportLimits | undefined): ResolvedImportLimits {
  const out = { ...DEFAULT_IMPORT_LIMITS };
  for (const key of Object.keys(out) as Array<keyof ResolvedImportLimits>) {
    const value = limits?.[key];
    if (typeof value === 'number' && Number.isFinite(value) && value > 0) out[key] = Math.floor(value);
  }
  return out;
}

/**
 * What an importer is told beyond the text: the resolved limits, and the offsets (into the decoded text,
 * ascending) of bytes that could not be decoded (a NUL, an invalid UTF-8 byte), each replaced by U+FFFD in
 * the text. The importer skips the record that holds such an offset, with a diagnostic at it.
 */
export interface ImportContext {
  limits: ResolvedImportLimits;
  damage: DamagedBytes;
  /**
   * The number, in its file, of the text's first line: 1 for a whole file, more for a later piece of a JSON Lines
   * file read in pieces (see `importCorpusFile`), so that papers and diagnostics name the file's own lines. Default 1.
   */
  firstLine?: number;
  /** Definitions of other BibTeX files for the macros this one leaves undefined (`ImportOptions.bibtex`). Default: none. */
  bibtex?: BibtexDefinitions;
}

/** One byte of the file that could not be decoded, and where it now stands in the decoded text. */
export interface DamagedByte {
  /** Offset into the decoded text (where a U+FFFD stands in for the byte). */
  offset: number;
  /** The byte's value, e.g. 0 for NUL, 0xff. */
  byte: number;
}

/** The damaged bytes of one decoded text, in order, with a lookup by record span. */
export class DamagedBytes {
  constructor(readonly bytes: readonly DamagedByte[] = []) {}

  /** The first damaged byte in `[start, end)`, or undefined. */
  firstIn(start: number, end: number): DamagedByte | undefined {
    let lo = 0;
    let hi = this.bytes.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.bytes[mid].offset < start) lo = mid + 1;
      else hi = mid;
    }
    const found = this.bytes[lo];
    return found && found.offset < end ? found : undefined;
  }

  get size(): number {
    return this.bytes.length;
  }

  /**
   * `text` with a space at each damaged offset. JSON readers scan this, so that a bad byte between tokens
   * (where U+FFFD would be a syntax error that can hide the rest of a one-line file) costs only its element.
   */
  mask(text: string): string {
    if (this.bytes.length === 0) return text;
    const pieces: string[] = [];
    let last = 0;
    for (const { offset } of this.bytes) {
      pieces.push(text.slice(last, offset), ' ');
      last = offset + 1;
    }
    pieces.push(text.slice(last));
    return pieces.join('');
  }
}

/** How a damaged byte is named in a message: "a NUL byte", "the invalid UTF-8 byte 0xFF". */
export function describeDamagedByte(byte: DamagedByte): string {
  return byte.byte === 0
    ? l10n.t('a NUL byte')
    : l10n.t('the invalid UTF-8 byte 0x{0}', byte.byte.toString(16).toUpperCase().padStart(2, '0'));
}

/** The context for a text with no damaged bytes and default limits (what the importers use when called directly). */
export function defaultImportContext(): ImportContext {
  return { limits: DEFAULT_IMPORT_LIMITS, damage: new DamagedBytes() };
}

/**
 * The message for a record skipped because it holds a byte that is not text, e.g. "Lectern: refs.bib has a
 * NUL byte at line 3, column 12, in entry `k`; that entry was skipped, the others loaded. …".
 */
export function damagedRecordMessage(file: string, at: { line: number; column: number }, byte: DamagedByte, record: string): string {
  const args = [file, describeDamagedByte(byte), at.line, at.column, record] as const;
  return byte.byte === 0
    ? l10n.t(
        'Lectern: {0} has {1} at line {2}, column {3}, in {4}; that record was skipped, the others loaded. Remove the byte and reload.',
        ...args,
      )
    : l10n.t(
        'Lectern: {0} has {1} at line {2}, column {3}, in {4}; that record was skipped, the others loaded. Re-save the file as UTF-8 (or fix that character) and reload.',
        ...args,
      );
}
